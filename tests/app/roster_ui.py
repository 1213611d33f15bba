# What the UI tests share: TAP on file descriptor 3, screenshots, a real
# roster-server --demo, the app, and ways to reach widgets through
# AT-SPI that GTK 4.8 and libadwaita 1.2 leave awkward.
#
# Import after the test has switched accessibility on: dogtail refuses
# to load otherwise.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import re
import ssl
import subprocess
import sys
import time
import urllib.parse
import urllib.request

from dogtail import rawinput, tree
from dogtail.config import config

APP = os.environ.get("ROSTER_APP", "")
SERVER = os.environ.get("ROSTER_SERVER", "")
OUTPUT = os.environ.get("ROSTER_UI_OUTPUT", ".")
SCHEMA = "io.github.rosterdesk.Roster"
ADMIN_PASSWORD = "roster-admin-demo"
DEMO_PASSWORD = "roster-demo-pass"
DEADLINE = 30.0  # seconds, for anything the app or the server has to do

os.makedirs(OUTPUT, exist_ok=True)

# dogtail retries every search; this is the deadline for finding nodes,
# generous for a sanitizer build.
config.searchBackoffDuration = 0.25
config.searchCutoffCount = int(DEADLINE / config.searchBackoffDuration)
config.logDebugToStdOut = False
config.logDebugToFile = False


class Tap:
    """TAP for meson on the real stdout, which run-ui-test.sh hands over
    as file descriptor 3 (the bus and AT-SPI talk on stdout too)."""

    def __init__(self, tests):
        self.tests = tests
        self.number = 0
        self.out = os.fdopen(3, "w", buffering=1) if os.path.exists("/proc/self/fd/3") else sys.stdout
        print(f"1..{len(tests)}", file=self.out)

    def report(self, ok, diagnostic=None):
        name = self.tests[self.number]
        self.number += 1
        print(f"{'ok' if ok else 'not ok'} {self.number} {name}", file=self.out)
        if diagnostic:
            for line in str(diagnostic).splitlines():
                print(f"# {line}", file=self.out)

    def fail_rest(self, error):
        self.report(False, f"{type(error).__name__}: {error}")
        while self.number < len(self.tests):
            self.report(False, "not reached")

    def note(self, text):
        print(f"# {text}", file=self.out)


def screenshot(tap, name):
    path = os.path.join(OUTPUT, name + ".png")
    subprocess.run(["import", "-window", "root", path], check=False)
    tap.note(f"screenshot: {path}")


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


def start_app(url, username, log):
    # Any GTK warning in the app is a bug: fatal there (not here, where
    # libatspi warns about things of its own).
    env = dict(os.environ, G_DEBUG="gc-friendly,fatal-warnings")
    return subprocess.Popen([APP, "--server", url, "--username", username],
                            stdout=log, stderr=subprocess.STDOUT, env=env)


def wait_until(condition, what):
    """Polls a condition dogtail's searches cannot express until it
    holds or the deadline passes."""
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


def main_window(app):
    return app.child(name="Roster", roleName="frame", recursive=False)


def sign_in(app, password):
    """Types the password on the connect page (the focus is on it, the
    first empty field) and presses Enter."""
    window = main_window(app)
    window.child(name="Password", roleName="text")
    rawinput.typeText(password)
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


def other_window(app):
    """The dialog or window in front of the main one."""
    return app.findChild(lambda n: n.roleName in ("dialog", "frame", "alert")
                         and n.name != "Roster", recursive=False)


def trust_certificate(app):
    respond(other_window(app), "Trust and Connect")


def button(parent, label):
    """A button by the text it shows. GTK 4.8 names a button with a
    label twice over ("Suspend Suspend"), so look for its label."""
    node = parent.findChild(lambda n: n.name == label and n.roleName == "label"
                            and n.parent is not None and n.parent.roleName == "push button")
    return node.parent


def open_page(window, title):
    """Shows a course page by clicking its tab. AdwViewSwitcherTitle has
    a wide and a narrow switcher, and only the one on screen reacts; GTK
    4.8 does not tell which is showing, so click the tab in both."""
    tabs = window.findChildren(lambda n: n.name == title and n.roleName == "page tab"
                               and "click" in n.actions)
    if not tabs:
        raise LookupError(f"no {title!r} page tab")
    for tab in tabs:
        tab.doActionNamed("click")


class Api:
    """The server's API as a second client sees it, to check what the
    app did. The server's own certificate is the only one trusted."""

    def __init__(self, url, cafile, username, password):
        self.url = url
        self.context = ssl.create_default_context(cafile=cafile)
        # The self-signed demo certificate names the host, not the
        # loopback address the test uses.
        self.context.check_hostname = False
        self.token = self.call("POST", "/auth/login",
                               {"username": username, "password": password})["token"]

    def call(self, method, path, body=None):
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.url + "/api/v1" + path, data=data, method=method)
        if data is not None:
            request.add_header("Content-Type", "application/json")
        if getattr(self, "token", None):
            request.add_header("Authorization", "Bearer " + self.token)
        with urllib.request.urlopen(request, context=self.context, timeout=DEADLINE) as answer:
            text = answer.read()
        return json.loads(text) if text else None

    def participants(self, course_id, **query):
        """Every participant, as dictionaries, by paging."""
        rows, cursor = [], None
        while True:
            params = dict(query, limit="1000")
            if cursor:
                params["cursor"] = cursor
            page = self.call("GET", f"/courses/{course_id}/participants?"
                             + urllib.parse.urlencode(params))
            rows += page["participants"]
            cursor = page["next_cursor"]
            if not cursor:
                return rows


def application():
    return tree.root.application("roster")
