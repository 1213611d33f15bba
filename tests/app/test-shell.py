#!/usr/bin/python3
# The window shell, driven through AT-SPI like a person would: the
# sidebar search and the primary menu are there by their accessible
# names, About and the shortcuts window open from the menu and close
# with Escape, Ctrl+F brings the focus back to the search, Ctrl+Q ends
# the app with status 0, and the window size comes back from GSettings
# and is saved again.
# Prints TAP; screenshots go to $ROSTER_UI_OUTPUT.
#
# Runs inside tests/app/run-ui-test.sh (its own X server and bus).
#
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import subprocess
import sys
import time

APP = os.environ["ROSTER_APP"]
OUTPUT = os.environ["ROSTER_UI_OUTPUT"]
SCHEMA = "io.github.rosterdesk.Roster"
DEADLINE = 30.0  # seconds, for anything the app has to do

os.makedirs(OUTPUT, exist_ok=True)

# run-ui-test.sh hands us the real stdout as file descriptor 3.
tap = os.fdopen(3, "w", buffering=1) if os.path.exists("/proc/self/fd/3") else sys.stdout

# dogtail refuses to load unless accessibility is switched on.
subprocess.run(["gsettings", "set", "org.gnome.desktop.interface",
                "toolkit-accessibility", "true"], check=True)
# A size of our own, to see it restored and saved again.
subprocess.run(["gsettings", "set", SCHEMA, "window-width", "900"], check=True)
subprocess.run(["gsettings", "set", SCHEMA, "window-height", "640"], check=True)

from gi.repository import Gio  # noqa: E402
from dogtail import rawinput, tree  # noqa: E402
from dogtail.config import config  # noqa: E402

# dogtail retries every search; this is the deadline for finding nodes,
# generous for a sanitizer build.
config.searchBackoffDuration = 0.25
config.searchCutoffCount = int(DEADLINE / config.searchBackoffDuration)
config.logDebugToStdOut = False
config.logDebugToFile = False

TESTS = [
    "/ui/shell/window",
    "/ui/shell/sidebar-search",
    "/ui/shell/primary-menu",
    "/ui/shell/about-opens",
    "/ui/shell/about-closes",
    "/ui/shell/shortcuts-window",
    "/ui/shell/search-shortcut",
    "/ui/shell/quit-shortcut",
    "/ui/shell/window-state-saved",
]
print(f"1..{len(TESTS)}", file=tap)
number = 0


def report(ok, name, diagnostic=None):
    global number
    number += 1
    print(f"{'ok' if ok else 'not ok'} {number} {name}", file=tap)
    if diagnostic:
        for line in str(diagnostic).splitlines():
            print(f"# {line}", file=tap)


def screenshot(name):
    path = os.path.join(OUTPUT, name + ".png")
    subprocess.run(["import", "-window", "root", path], check=False)
    print(f"# screenshot: {path}", file=tap)


def wait_until(condition, what):
    """Polls an AT-SPI condition dogtail's searches cannot express (a
    window going away) until it holds or the deadline passes."""
    end = time.monotonic() + DEADLINE
    while time.monotonic() < end:
        if condition():
            return
        time.sleep(0.1)
    raise TimeoutError(f"gave up waiting for {what} after {DEADLINE} s")


def focused(node):
    """Whether the keyboard focus is on node or inside it (a search
    entry's focus is on the text inside it)."""
    return node.focused or any(child.focused for child in node.findChildren(lambda n: True))


def frames(app):
    return [w for w in app.children if w.roleName == "frame"]


log = open(os.path.join(OUTPUT, "roster-shell.log"), "w")
# Any GTK warning in the app is a bug: make it fatal there (not in this
# process, where libatspi warns about things of its own).
app_env = dict(os.environ, G_DEBUG="gc-friendly,fatal-warnings")
process = subprocess.Popen([APP], stdout=log, stderr=subprocess.STDOUT, env=app_env)

try:
    app = tree.root.application("roster")
    window = app.child(name="Roster", roleName="frame", recursive=False)
    report(True, TESTS[0])
    screenshot("shell-window")

    search = window.child(name="Search courses", roleName="entry")
    report(search is not None, TESTS[1])

    # GtkMenuButton shows up twice under its name: itself, and the
    # toggle button inside it that does the clicking.
    menu_button = window.findChild(
        lambda n: n.name == "Main Menu" and n.roleName == "push button"
        and "click" in n.actions)
    menu_button.doActionNamed("click")
    about_item = window.child(name="About Roster", roleName="menu item")
    window.child(name="Keyboard Shortcuts", roleName="menu item")
    window.child(name="Quit", roleName="menu item")
    report(True, TESTS[2])
    screenshot("shell-primary-menu")

    about_item.doActionNamed("click")
    about = app.child(name="About", roleName="frame", recursive=False)
    about.child(name="Roster", roleName="label")
    report(True, TESTS[3])
    screenshot("shell-about")

    rawinput.pressKey("Escape")
    wait_until(lambda: all(f.name != "About" for f in frames(app)),
               "the About window to close")
    report(True, TESTS[4])

    menu_button.doActionNamed("click")
    window.child(name="Keyboard Shortcuts", roleName="menu item").doActionNamed("click")
    shortcuts = app.findChild(
        lambda n: n.roleName == "frame" and n.name not in ("Roster", "About"),
        recursive=False)
    shortcuts.child(name="Search Courses", roleName="label")
    screenshot("shell-shortcuts")
    rawinput.pressKey("Escape")
    wait_until(lambda: len(frames(app)) == 1, "the shortcuts window to close")
    report(True, TESTS[5])

    # Away from the search, then back with Ctrl+F.
    rawinput.pressKey("Tab")
    wait_until(lambda: not focused(search), "the focus to leave the search")
    rawinput.keyCombo("<Control>f")
    wait_until(lambda: focused(search), "Ctrl+F to focus the search")
    report(True, TESTS[6])

    rawinput.keyCombo("<Control>q")
    status = process.wait(timeout=DEADLINE)
    report(status == 0, TESTS[7], None if status == 0 else f"the app exited with {status}")

    # The size set before the run came back and was saved again, and
    # window-maximized, never set by us, has now a value of its own.
    settings = Gio.Settings.new(SCHEMA)
    width = settings.get_int("window-width")
    height = settings.get_int("window-height")
    maximized = settings.get_user_value("window-maximized")
    report((width, height) == (900, 640) and maximized is not None, TESTS[8],
           f"window-width {width}, window-height {height}, window-maximized {maximized}")
except Exception as error:  # noqa: BLE001 - any failure ends the run, reported in TAP
    screenshot("shell-failure")
    report(False, TESTS[number], f"{type(error).__name__}: {error}")
    while number < len(TESTS):
        report(False, TESTS[number], "not reached")
finally:
    if process.poll() is None:
        process.kill()
        process.wait()
    log.close()

sys.exit(0)
