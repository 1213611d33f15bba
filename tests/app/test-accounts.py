#!/usr/bin/python3
# Remembered accounts and an expired sign-in, as a person meets them,
# against a real roster-server --demo and a real gnome-keyring: sign in
# as admin, add l.wang from the primary menu, switch back to admin from
# the menu (the sidebar shows admin's courses again, no restart), remove
# l.wang (confirmed in a dialog: gone from the menu and the keyring).
# Then admin's token is logged out from outside; opening a course asks
# for the password in a dialog, and after it the course is still shown
# and its participants load. Expired once more, Escape in the dialog
# signs out.
# Prints TAP; screenshots go to $ROSTER_UI_OUTPUT.
#
# Runs inside tests/app/run-ui-test.sh (its own X server and bus).
#
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import re
import shutil
import ssl
import subprocess
import sys
import tempfile
import time
import urllib.request

APP = os.environ["ROSTER_APP"]
SERVER = os.environ["ROSTER_SERVER"]
OUTPUT = os.environ["ROSTER_UI_OUTPUT"]
SCHEMA = "io.github.rosterdesk.Roster"
ADMIN_PASSWORD = "roster-admin-demo"
DEMO_PASSWORD = "roster-demo-pass"
DEADLINE = 30.0  # seconds, for anything the app or the server has to do

os.makedirs(OUTPUT, exist_ok=True)
tap = os.fdopen(3, "w", buffering=1) if os.path.exists("/proc/self/fd/3") else sys.stdout

subprocess.run(["gsettings", "set", "org.gnome.desktop.interface",
                "toolkit-accessibility", "true"], check=True)
# A real, unlocked keyring in this test's own session bus.
subprocess.run("printf %s roster-test-keyring | gnome-keyring-daemon --unlock --components=secrets",
               shell=True, check=True, stdout=subprocess.DEVNULL)

import gi  # noqa: E402
gi.require_version("Secret", "1")
from gi.repository import Secret  # noqa: E402
from dogtail import rawinput, tree  # noqa: E402
from dogtail.config import config  # noqa: E402

config.searchBackoffDuration = 0.25
config.searchCutoffCount = int(DEADLINE / config.searchBackoffDuration)
config.logDebugToStdOut = False
config.logDebugToFile = False

ACCOUNT_SCHEMA = Secret.Schema.new("io.github.rosterdesk.Roster.Account", Secret.SchemaFlags.NONE,
                                   {"server": Secret.SchemaAttributeType.STRING,
                                    "username": Secret.SchemaAttributeType.STRING})

TESTS = [
    "/ui/accounts/first-sign-in",
    "/ui/accounts/second-account-added",
    "/ui/accounts/menu-lists-both",
    "/ui/accounts/current-checked",
    "/ui/accounts/switch-back",
    "/ui/accounts/remove-confirmation",
    "/ui/accounts/removed-from-menu",
    "/ui/accounts/removed-from-keyring",
    "/ui/accounts/expired-asks-password",
    "/ui/accounts/dialog-shows-account",
    "/ui/accounts/view-kept",
    "/ui/accounts/participants-loaded",
    "/ui/accounts/new-token-saved",
    "/ui/accounts/cancel-signs-out",
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


def start_server(data, log):
    process = subprocess.Popen([SERVER, "--demo", "--data-dir", data, "--listen", "127.0.0.1:0"],
                               stdout=subprocess.PIPE, stderr=log, text=True)
    end = time.monotonic() + DEADLINE
    for line in process.stdout:
        log.write(line)
        match = re.match(r"listening on (\S+)", line)
        if match:
            return process, match.group(1)
        if time.monotonic() > end:
            break
    process.kill()
    raise RuntimeError("roster-server did not say where it listens")


def stop(process):
    if process is not None and process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=DEADLINE)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def wait_until(condition, what):
    end = time.monotonic() + DEADLINE
    while time.monotonic() < end:
        if condition():
            return
        time.sleep(0.2)
    raise TimeoutError(f"gave up waiting for {what} after {DEADLINE} s")


def token(url, username):
    return Secret.password_lookup_sync(ACCOUNT_SCHEMA, {"server": url, "username": username}, None)


def respond(dialog, label):
    """Clicks a response of an AdwMessageDialog (see test-connect.py)."""
    for node in dialog.findChildren(lambda n: n.name == label and n.roleName == "label"):
        button = node.parent
        while button is not None and "click" not in button.actions:
            button = button.parent
        if button is not None and button.sensitive:
            button.doActionNamed("click")
            return
    raise LookupError(f"no {label!r} button")


def other_window(app):
    """The window over the main one. (GTK 4.8 gives an AdwWindow the
    role "filler", so any role will do.)"""
    return app.findChild(lambda n: n.name != "Roster", recursive=False)


def open_menu(window):
    window.findChild(lambda n: n.name == "Main Menu" and n.roleName == "push button"
                     and "click" in n.actions).doActionNamed("click")


def close_menu():
    rawinput.pressKey("Escape")
    time.sleep(0.3)


def menu_items(window):
    return [n for n in window.findChildren(lambda n: n.roleName.endswith("menu item"))]


def menu_item(window, name):
    return window.findChild(lambda n: n.name == name and n.roleName.endswith("menu item"))


def signed_in(window):
    open_menu(window)
    enabled = menu_item(window, "Sign Out").sensitive
    close_menu()
    return enabled


def course_label(window, name):
    """A course in the sidebar, looked up once (no retries)."""
    return [n for n in window.findChildren(lambda n: n.name == name and n.roleName == "label")]


def expire(session_token):
    """Ends a session on the server, as signing out elsewhere would.
    The test trusts the demo's self-signed certificate blindly."""
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    request = urllib.request.Request(f"{url}/api/v1/auth/logout", data=b"", method="POST",
                                     headers={"Authorization": f"Bearer {session_token}"})
    with urllib.request.urlopen(request, context=context, timeout=DEADLINE) as answer:
        answer.read()


def type_into_form(username, password):
    """The connect page focuses its first empty field (the username
    after Add Account, the password otherwise), and Enter in a field
    goes on to the next empty one."""
    if username is not None:
        rawinput.typeText(username)
        rawinput.pressKey("Return")
    rawinput.typeText(password)
    rawinput.pressKey("Return")


tmp = tempfile.mkdtemp(prefix="roster-accounts-")
server_log = open(os.path.join(OUTPUT, "roster-accounts-server.log"), "w")
app_log = open(os.path.join(OUTPUT, "roster-accounts.log"), "w")
server = None
process = None

try:
    server, url = start_server(os.path.join(tmp, "server"), server_log)
    host = url.split("//", 1)[1]
    admin_item = f"admin on {host}"
    wang_item = f"l.wang on {host}"

    env = dict(os.environ, G_DEBUG="gc-friendly,fatal-warnings")
    process = subprocess.Popen([APP, "--server", url, "--username", "admin"],
                               stdout=app_log, stderr=subprocess.STDOUT, env=env)
    app = tree.root.application("roster")
    window = app.child(name="Roster", roleName="frame", recursive=False)
    window.child(name="Password", roleName="text")
    type_into_form(None, ADMIN_PASSWORD)
    dialog = other_window(app)
    dialog.child(name="Trust This Server?")
    respond(dialog, "Trust and Connect")
    window.child(name="Introduction to Programming", roleName="label")
    wait_until(lambda: token(url, "admin") is not None, "admin's token in the keyring")
    report(True, TESTS[0])
    screenshot("accounts-admin")

    # Add Account: the form for a second account on the same server.
    open_menu(window)
    menu_item(window, "Add Account…").doActionNamed("click")
    window.child(name="Username", roleName="text")
    time.sleep(0.5)
    type_into_form("l.wang", DEMO_PASSWORD)
    window.child(name="Chinese for Beginners (中文入门)", roleName="label")
    wait_until(lambda: not course_label(window, "Introduction to Programming"),
               "admin's courses to leave the sidebar")
    wait_until(lambda: token(url, "l.wang") is not None, "l.wang's token in the keyring")
    report(True, TESTS[1])
    screenshot("accounts-wang")

    open_menu(window)
    names = [n.name for n in menu_items(window)]
    report(admin_item in names and wang_item in names and "Add Account…" in names, TESTS[2],
           f"menu: {names}")
    screenshot("accounts-menu")
    wang = menu_item(window, wang_item)
    admin = menu_item(window, admin_item)
    report(wang.checked and not admin.checked, TESTS[3],
           f"{wang_item} checked {wang.checked}, {admin_item} checked {admin.checked}")

    # Switch back: admin's courses, with the keyring's token alone.
    admin.doActionNamed("click")
    window.child(name="Introduction to Programming", roleName="label")
    wait_until(lambda: not course_label(window, "Chinese for Beginners (中文入门)")
               or course_label(window, "Databases"), "admin's courses")
    account = subprocess.run(["gsettings", "get", SCHEMA, "last-account"],
                             capture_output=True, text=True).stdout.strip()
    report(signed_in(window) and account == f"'admin@{url}'", TESTS[4], f"last-account {account}")
    screenshot("accounts-switched-back")

    # Remove l.wang, through the submenu and a confirmation.
    open_menu(window)
    menu_item(window, "Remove Account").doActionNamed("click")
    menu_item(window, f"Remove {wang_item}…").doActionNamed("click")
    dialog = other_window(app)
    dialog.child(name="Remove Account?")
    screenshot("accounts-remove-dialog")
    respond(dialog, "Remove")
    report(True, TESTS[5])

    wait_until(lambda: token(url, "l.wang") is None, "l.wang's token to leave the keyring")

    def wang_gone():
        open_menu(window)
        names = [n.name for n in menu_items(window)]
        close_menu()
        return wang_item not in names and admin_item in names

    wait_until(wang_gone, f"{wang_item} to leave the menu")
    report(True, TESTS[6])
    report(token(url, "l.wang") is None and token(url, "admin") is not None, TESTS[7])
    screenshot("accounts-removed")

    # The server ends admin's session behind the app's back.
    old_token = token(url, "admin")
    expire(old_token)

    # Opening a course meets the 401: the dialog asks for the password.
    rawinput.keyCombo("<Control>f")
    rawinput.typeText("Databases")
    rawinput.pressKey("Return")
    dialog = other_window(app)
    dialog.child(name="Your session has ended. Enter your password to go on where you left off.",
                 roleName="label")
    report(len(course_label(window, "Databases")) >= 2, TESTS[8])
    screenshot("accounts-sign-in-again")
    shown = [n.name for n in dialog.findChildren(lambda n: n.roleName == "label")]
    report("admin" in shown and url in shown, TESTS[9], f"shown: {shown}")

    dialog.child(name="Password", roleName="text")
    time.sleep(0.5)
    rawinput.typeText(ADMIN_PASSWORD)
    rawinput.pressKey("Return")
    wait_until(lambda: not [n for n in app.findChildren(lambda n: n.name != "Roster",
                                                         recursive=False)],
               "the dialog to close")
    # The course's title and its row in the sidebar.
    titles = len(course_label(window, "Databases"))
    report(titles >= 2 and signed_in(window), TESTS[10], f"{titles} labels 'Databases'")

    def participants_count():
        for n in window.findChildren(lambda n: n.roleName == "label" and n.name
                                     and re.fullmatch(r"\d+ of \d+ participants?", n.name)):
            return n.name
        return None

    wait_until(lambda: (participants_count() or "0 ").split(" ")[0] != "0", "participants")
    report(True, TESTS[11], participants_count())
    screenshot("accounts-signed-in-again")

    new_token = token(url, "admin")
    report(new_token is not None and new_token != old_token, TESTS[12])

    expire(new_token)
    rawinput.keyCombo("<Control>f")
    rawinput.typeText("Machine Learning")
    rawinput.pressKey("Return")
    dialog = other_window(app)
    dialog.child(name="Password", roleName="text")
    time.sleep(0.5)
    rawinput.pressKey("Escape")
    wait_until(lambda: not signed_in(window), "signing out")
    account = subprocess.run(["gsettings", "get", SCHEMA, "last-account"],
                             capture_output=True, text=True).stdout.strip()
    wait_until(lambda: token(url, "admin") is None, "admin's token to leave the keyring")
    report(account == "''", TESTS[13], f"last-account {account}")
    screenshot("accounts-cancelled")

    rawinput.keyCombo("<Control>q")
    process.wait(timeout=DEADLINE)
except Exception as error:  # noqa: BLE001 - any failure ends the run, reported in TAP
    screenshot("accounts-failure")
    try:
        tops = [(n.roleName, n.name) for n in tree.root.application("roster").children]
    except Exception:  # noqa: BLE001 - only a diagnostic
        tops = "?"
    report(False, TESTS[number], f"{type(error).__name__}: {error}\nwindows: {tops}")
    while number < len(TESTS):
        report(False, TESTS[number], "not reached")
finally:
    if process is not None and process.poll() is None:
        process.kill()
        process.wait()
    stop(server)
    server_log.close()
    app_log.close()
    shutil.rmtree(tmp, ignore_errors=True)

sys.exit(0)
