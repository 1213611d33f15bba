#!/usr/bin/python3
# Signing in as a person would, against a real roster-server --demo:
# the connect page takes the password, the certificate dialog shows
# the server's own SHA-256 fingerprint, trusting it signs in (the token
# goes to a real gnome-keyring), and the window shows "Choose a course".
# Started again, the app signs in with the keyring's token alone; Sign
# Out brings the form back. Then the server gets a new certificate on the same port: the app warns
# that it changed and does not sign in.
# Prints TAP; screenshots go to $ROSTER_UI_OUTPUT.
#
# Runs inside tests/app/run-ui-test.sh (its own X server and bus).
#
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

APP = os.environ["ROSTER_APP"]
SERVER = os.environ["ROSTER_SERVER"]
OUTPUT = os.environ["ROSTER_UI_OUTPUT"]
SCHEMA = "io.github.rosterdesk.Roster"
PASSWORD = "roster-admin-demo"
DEADLINE = 30.0  # seconds, for anything the app or the server has to do

os.makedirs(OUTPUT, exist_ok=True)
tap = os.fdopen(3, "w", buffering=1) if os.path.exists("/proc/self/fd/3") else sys.stdout

subprocess.run(["gsettings", "set", "org.gnome.desktop.interface",
                "toolkit-accessibility", "true"], check=True)
# A real, unlocked keyring in this test's own session bus.
subprocess.run("printf %s roster-test-keyring | gnome-keyring-daemon --unlock --components=secrets",
               shell=True, check=True, stdout=subprocess.DEVNULL)

from gi.repository import Gio  # noqa: E402
from dogtail import rawinput, tree  # noqa: E402
from dogtail.config import config  # noqa: E402

config.searchBackoffDuration = 0.25
config.searchCutoffCount = int(DEADLINE / config.searchBackoffDuration)
config.logDebugToStdOut = False
config.logDebugToFile = False

TESTS = [
    "/ui/connect/server-started",
    "/ui/connect/form-prefilled",
    "/ui/connect/certificate-dialog",
    "/ui/connect/fingerprint-matches",
    "/ui/connect/signed-in",
    "/ui/connect/last-account-saved",
    "/ui/connect/remembered-sign-in",
    "/ui/connect/sign-out",
    "/ui/connect/changed-certificate-warns",
    "/ui/connect/changed-certificate-not-signed-in",
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


def start_server(data, listen, log):
    """Starts roster-server --demo and returns it with its URL, read
    from its "listening on" line."""
    process = subprocess.Popen([SERVER, "--demo", "--data-dir", data, "--listen", listen],
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


def fingerprint(pem_path):
    out = subprocess.run(["openssl", "x509", "-noout", "-fingerprint", "-sha256", "-in", pem_path],
                         check=True, capture_output=True, text=True).stdout
    return out.strip().split("=", 1)[1].upper()


def start_app(url, log):
    env = dict(os.environ, G_DEBUG="gc-friendly,fatal-warnings")
    return subprocess.Popen([APP, "--server", url, "--username", "admin"],
                            stdout=log, stderr=subprocess.STDOUT, env=env)


def wait_until(condition, what):
    end = time.monotonic() + DEADLINE
    while time.monotonic() < end:
        if condition():
            return
        time.sleep(0.1)
    raise TimeoutError(f"gave up waiting for {what} after {DEADLINE} s")


def text_of(node):
    """An entry's text. GTK 4.8 answers an end offset of -1 with
    nothing, so ask for the exact length."""
    text = node.queryText()
    return text.getText(0, text.characterCount)


def sign_in(app):
    window = app.child(name="Roster", roleName="frame", recursive=False)
    # The page puts the focus on the first empty field, the password;
    # Enter there signs in. (GTK 4.8 has no AT-SPI grabFocus, and the
    # entry row does not report its focus, so that is not checked here.)
    window.child(name="Password", roleName="text")
    rawinput.typeText(PASSWORD)
    rawinput.pressKey("Return")
    return window


def respond(dialog, label):
    """Clicks a response of an AdwMessageDialog. Its buttons carry no
    name of their own in AT-SPI (libadwaita 1.2), only their label
    child does, and it is there twice (the wide and the narrow layout):
    use the first one whose button can be clicked."""
    for node in dialog.findChildren(lambda n: n.name == label and n.roleName == "label"):
        button = node.parent
        while button is not None and "click" not in button.actions:
            button = button.parent
        if button is not None and button.sensitive:
            button.doActionNamed("click")
            return
    raise LookupError(f"no {label!r} button")


def signed_in(window):
    """Whether the window has a signed-in client: Sign Out in the
    primary menu is enabled exactly then. (GTK 4.8 does not report the
    showing state, so which stack page is on screen cannot be read
    from AT-SPI; the screenshots show it.)"""
    menu_button = window.findChild(
        lambda n: n.name == "Main Menu" and n.roleName == "push button"
        and "click" in n.actions)
    menu_button.doActionNamed("click")
    item = window.child(name="Sign Out", roleName="menu item")
    enabled = item.sensitive
    rawinput.pressKey("Escape")
    time.sleep(0.3)
    return enabled


def wait_signed_in(window, expected):
    end = time.monotonic() + DEADLINE
    while time.monotonic() < end:
        if signed_in(window) == expected:
            return
        time.sleep(0.5)
    raise TimeoutError(f"gave up waiting for the window to be signed {'in' if expected else 'out'}")


def dialog_texts(app):
    dialog = app.findChild(lambda n: n.roleName in ("dialog", "frame", "alert")
                           and n.name != "Roster", recursive=False)
    texts = [n.name for n in dialog.findChildren(lambda n: n.roleName == "label")]
    return dialog, texts


tmp = tempfile.mkdtemp(prefix="roster-connect-")
data = os.path.join(tmp, "server")
server_log = open(os.path.join(OUTPUT, "roster-connect-server.log"), "w")
app_log = open(os.path.join(OUTPUT, "roster-connect.log"), "w")
server = None
process = None

try:
    server, url = start_server(data, "127.0.0.1:0", server_log)
    expected = fingerprint(os.path.join(data, "cert.pem"))
    report(True, TESTS[0], f"{url}, {expected}")

    process = start_app(url, app_log)
    app = tree.root.application("roster")
    window = app.child(name="Roster", roleName="frame", recursive=False)
    server_text = text_of(window.child(name="Server Address", roleName="text"))
    username_text = text_of(window.child(name="Username", roleName="text"))
    report(server_text == url and username_text == "admin", TESTS[1],
           f"server {server_text!r}, username {username_text!r}")
    screenshot("connect-page")

    sign_in(app)
    dialog, texts = dialog_texts(app)
    dialog.child(name="Trust This Server?")
    report(True, TESTS[2])
    screenshot("connect-certificate-dialog")

    report(expected in texts, TESTS[3], f"expected {expected}, shown {texts}")

    respond(dialog, "Trust and Connect")
    wait_signed_in(window, True)
    # Signed in, the sidebar lists the admin's courses.
    window.child(name="Introduction to Programming", roleName="label")
    report(True, TESTS[4])
    screenshot("connect-signed-in")

    account = Gio.Settings.new(SCHEMA).get_string("last-account")
    report(account == f"admin@{url}", TESTS[5], f"last-account {account!r}")

    rawinput.keyCombo("<Control>q")
    process.wait(timeout=DEADLINE)

    # Started again with nothing on the command line: the token from the
    # keyring signs in without a password.
    env = dict(os.environ, G_DEBUG="gc-friendly,fatal-warnings")
    process = subprocess.Popen([APP], stdout=app_log, stderr=subprocess.STDOUT, env=env)
    app = tree.root.application("roster")
    window = app.child(name="Roster", roleName="frame", recursive=False)
    wait_signed_in(window, True)
    report(True, TESTS[6])
    screenshot("connect-remembered")

    # Sign Out in the primary menu: back to the form, the username kept,
    # the account forgotten.
    menu_button = window.findChild(
        lambda n: n.name == "Main Menu" and n.roleName == "push button"
        and "click" in n.actions)
    menu_button.doActionNamed("click")
    window.child(name="Sign Out", roleName="menu item").doActionNamed("click")
    wait_signed_in(window, False)
    username_text = text_of(window.child(name="Username", roleName="text"))
    account = Gio.Settings.new(SCHEMA).get_string("last-account")
    report(username_text == "admin" and account == "", TESTS[7],
           f"username {username_text!r}, last-account {account!r}")
    screenshot("connect-signed-out")
    rawinput.keyCombo("<Control>q")
    process.wait(timeout=DEADLINE)

    # The same host and port with a new certificate: start a second
    # demo only to have a fresh pair, then give it to the first server.
    stop(server)
    other = os.path.join(tmp, "other")
    helper, _ = start_server(other, "127.0.0.1:0", server_log)
    stop(helper)
    for name in ("cert.pem", "key.pem"):
        shutil.copy(os.path.join(other, name), os.path.join(data, name))
    changed = fingerprint(os.path.join(data, "cert.pem"))
    server, url2 = start_server(data, url.split("//", 1)[1], server_log)

    # Signed out, so the app asks for a password; the pin stays in
    # XDG_CONFIG_HOME.
    process = start_app(url2, app_log)
    app = tree.root.application("roster")
    sign_in(app)
    dialog, texts = dialog_texts(app)
    dialog.child(name="The Server’s Certificate Changed")
    screenshot("connect-certificate-changed")
    report(changed in texts and expected in texts, TESTS[len(TESTS) - 2], f"shown {texts}")

    # Escape is the default answer: do not connect.
    rawinput.pressKey("Escape")
    window = app.child(name="Roster", roleName="frame", recursive=False)
    window.child(name="Not connected: the server’s certificate was not trusted.", roleName="label")
    report(not signed_in(window), TESTS[len(TESTS) - 1])
    screenshot("connect-not-trusted")
except Exception as error:  # noqa: BLE001 - any failure ends the run, reported in TAP
    screenshot("connect-failure")
    report(False, TESTS[number], f"{type(error).__name__}: {error}")
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
