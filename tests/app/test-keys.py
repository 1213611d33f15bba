#!/usr/bin/python3
# The enrolment keys of a self method, through AT-SPI as a module
# leader would manage them, against a real roster-server --demo: sign in
# as m.chen, open Databases, open the keys window of a self method from
# the course's "Enrolment Keys" menu, generate a key, press the eye (the
# secret shown is the one the server reveals), deactivate it (sign-up
# with it is refused on the web page) and delete it; import two keys
# from a CSV file in Windows-1252 with semicolons (previewed first); then, as the teacher j.okafor,
# the same window has no eye and no copy buttons.
# Prints TAP; screenshots go to $ROSTER_UI_OUTPUT.
#
# Runs inside tests/app/run-ui-test.sh (its own X server and bus).
#
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import subprocess
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request

subprocess.run(["gsettings", "set", "org.gnome.desktop.interface",
                "toolkit-accessibility", "true"], check=True)
subprocess.run("printf %s roster-test-keyring | gnome-keyring-daemon --unlock --components=secrets",
               shell=True, check=True, stdout=subprocess.DEVNULL)

from dogtail import rawinput  # noqa: E402

import roster_ui as ui  # noqa: E402

COURSE_ID = 2  # CS205 Databases in the demo: no self method of its own
COURSE = "Databases"
METHOD = "Visiting students"
NICKNAME = "Open day 2027"

tap = ui.Tap([
    "/ui/keys/window-opens",
    "/ui/keys/generate",
    "/ui/keys/created-on-server",
    "/ui/keys/eye-shows-the-revealed-secret",
    "/ui/keys/copy",
    "/ui/keys/deactivate",
    "/ui/keys/signup-refused",
    "/ui/keys/delete-asks",
    "/ui/keys/deleted-on-server",
    "/ui/keys/import-preview",
    "/ui/keys/import-made-on-server",
    "/ui/keys/teacher-sees-no-eye",
])


def clickable(node):
    """The node itself or its nearest ancestor that can be clicked."""
    while node is not None and "click" not in node.actions:
        node = node.parent
    return node


def click_label(parent, label):
    """Clicks the button (push or toggle) that shows @label."""
    node = parent.findChild(lambda n: n.name == label and n.roleName == "label"
                            and clickable(n) is not None)
    clickable(node).doActionNamed("click")


def named(parent, name, retry=True):
    return parent.findChild(lambda n: n.name == name and n.roleName != "label", retry=retry,
                            requireResult=retry)


def open_course(window):
    window.child(name=COURSE, roleName="label")
    rawinput.keyCombo("<Control>f")
    rawinput.typeText(COURSE)
    rawinput.pressKey("Return")
    window.child(name="Search participants", roleName="entry")


def open_keys_window(app, window):
    """The course's "Enrolment Keys" menu, then the method's item."""
    click_label(window, "Enrolment Keys")
    time.sleep(0.5)
    app.findChild(lambda n: n.name == METHOD and n.roleName == "menu item").doActionNamed("click")
    keys = app.child(name="Enrolment Keys", roleName="frame", recursive=False)
    keys.child(name=METHOD, roleName="label")
    return keys


def secret_text(keys):
    """What the key's masked entry holds, or "" while hidden."""
    entry = named(keys, "Secret")
    for node in [entry] + list(entry.children):
        try:
            return ui.text_of(node)
        except NotImplementedError:
            continue
    return ""


tmp = tempfile.mkdtemp(prefix="roster-keys-")
server_log = open(os.path.join(ui.OUTPUT, "roster-keys-server.log"), "w")
app_log = open(os.path.join(ui.OUTPUT, "roster-keys.log"), "w")
server = process = None

try:
    server, url = ui.start_server(os.path.join(tmp, "server"), "127.0.0.1:0", server_log)
    api = ui.Api(url, os.path.join(tmp, "server", "cert.pem"), "m.chen", ui.DEMO_PASSWORD)
    method = api.call("POST", f"/courses/{COURSE_ID}/methods", {"type": "self", "name": METHOD})

    process = ui.start_app(url, "m.chen", app_log)
    app = ui.application()
    window = ui.sign_in(app, ui.DEMO_PASSWORD)
    ui.trust_certificate(app)
    open_course(window)
    keys = open_keys_window(app, window)
    keys.child(name="No Keys", roleName="label")
    tap.report(True)
    ui.screenshot(tap, "keys-empty")

    # A generated key: the nickname, then Enter (Add is the default).
    ui.button(keys, "New Key…").doActionNamed("click")
    dialog = app.child(name="New Key", recursive=False)
    dialog.child(name="Nickname")
    rawinput.typeText(NICKNAME)
    ui.screenshot(tap, "keys-new")
    rawinput.pressKey("Return")
    keys.child(name=f"Key “{NICKNAME}” added", roleName="label")
    tap.report(True)
    ui.screenshot(tap, "keys-added")

    listed = api.call("GET", f"/methods/{method['id']}/keys")["keys"]
    key = next(k for k in listed if k["nickname"] == NICKNAME)
    tap.report(key["active"] and key["group"] is None, f"key {key['id']} on the server")

    # Hidden until the eye asks the server.
    hidden = secret_text(keys)
    named(keys, "Show Key").doActionNamed("click")
    named(keys, "Hide Key")
    ui.wait_until(lambda: secret_text(keys) != "", "the secret to be shown")
    shown = secret_text(keys)
    revealed = api.call("POST", f"/keys/{key['id']}/reveal")["secret"]
    tap.report(hidden == "" and shown == revealed, f"shown {len(shown)} characters, hidden before: {hidden == ''}")
    ui.screenshot(tap, "keys-revealed")

    named(keys, "Copy Key").doActionNamed("click")
    keys.child(name="Key copied", roleName="label")
    named(keys, "Copy Sign-up Link").doActionNamed("click")
    keys.child(name="Sign-up link copied", roleName="label")
    tap.report(True)

    named(keys, "Active").doActionNamed("toggle")
    keys.child(name=f"Key “{NICKNAME}” deactivated", roleName="label")
    now = api.call("GET", f"/methods/{method['id']}/keys")["keys"]
    tap.report(not next(k for k in now if k["id"] == key["id"])["active"])
    ui.screenshot(tap, "keys-deactivated")

    # The sign-up page a copied link opens says the key is switched off.
    link = url + "/signup?" + urllib.parse.urlencode({"key": shown})
    try:
        with urllib.request.urlopen(link, context=api.context, timeout=ui.DEADLINE) as answer:
            status, page = answer.status, answer.read().decode()
    except urllib.error.HTTPError as error:
        status, page = error.code, error.read().decode()
    tap.report(status == 422 and "This enrolment key is currently disabled" in page, f"HTTP {status}")

    # Deleting says it is permanent and waits for the answer.
    ui.button(keys, "Delete…").doActionNamed("click")
    dialog = app.findChild(lambda n: n.roleName in ("dialog", "alert"), recursive=False)
    dialog.child(name=f"Delete key “{NICKNAME}”?", roleName="label")
    dialog.findChild(lambda n: n.name.startswith("Deleting is permanent") and n.roleName == "label")
    tap.report(True)
    ui.screenshot(tap, "keys-delete-dialog")
    ui.respond(dialog, "Delete")
    keys.child(name=f"Key “{NICKNAME}” deleted", roleName="label")
    left = [k["nickname"] for k in api.call("GET", f"/methods/{method['id']}/keys")["keys"]]
    tap.report(NICKNAME not in left, f"left on the server: {left}")
    ui.screenshot(tap, "keys-deleted")

    # Bulk upload: the file chooser (Ctrl+L takes a path), the preview
    # of the file as the server will read it, then the server's report.
    csv_path = os.path.join(tmp, "partners.csv")
    with open(csv_path, "wb") as csv_file:
        csv_file.write("Nickname;Secret;Max uses;Notes\r\nLycée Lyon;;30;call first\r\n"
                       "Turin;TURIN-2027-VISIT-UI;;\r\n".encode("cp1252"))
    ui.button(keys, "Import…").doActionNamed("click")
    app.child(name="Choose a File of Keys", recursive=False)
    time.sleep(0.5)
    rawinput.keyCombo("<Control>l")
    rawinput.typeText(csv_path)
    rawinput.pressKey("Return")
    importer = app.child(name="Import Keys", recursive=False)
    importer.child(name="Lycée Lyon", roleName="label")
    importer.child(name="Notes", roleName="label")
    ignored = importer.child(name="Ignored", roleName="label")
    tap.report(ignored is not None and importer.child(name="The first 2 rows", roleName="label") is not None)
    ui.screenshot(tap, "keys-import-preview")
    ui.button(importer, "Add Keys").doActionNamed("click")
    importer.child(name="2 keys added", roleName="label")
    ui.screenshot(tap, "keys-import-report")
    made = {k["nickname"]: k for k in api.call("GET", f"/methods/{method['id']}/keys")["keys"]}
    turin = api.call("POST", f"/keys/{made['Turin']['id']}/reveal")["secret"] if "Turin" in made else None
    tap.report("Lycée Lyon" in made and made["Lycée Lyon"]["max_uses"] == 30 and turin == "TURIN-2027-VISIT-UI",
               f"on the server: {sorted(made)}")
    ui.button(importer, "Close").doActionNamed("click")
    keys.child(name="Turin", roleName="label")

    rawinput.keyCombo("<Control>q")
    process.wait(timeout=ui.DEADLINE)

    # A teacher lists the keys but may not reveal them: no eye, no copy.
    process = ui.start_app(url, "j.okafor", app_log)
    app = ui.application()
    window = ui.sign_in(app, ui.DEMO_PASSWORD)
    open_course(window)
    keys = open_keys_window(app, window)
    keys.child(name="Turin", roleName="label")
    ui.screenshot(tap, "keys-teacher")
    absent = [name for name in ("Show Key", "Copy Key", "Copy Sign-up Link", "New Key…")
              if named(keys, name, retry=False) is not None]
    tap.report(not absent, f"present: {absent}")

    rawinput.keyCombo("<Control>q")
    process.wait(timeout=ui.DEADLINE)
except Exception as error:  # noqa: BLE001 - any failure ends the run, reported in TAP
    ui.screenshot(tap, "keys-failure")
    tap.fail_rest(error)
finally:
    if process is not None and process.poll() is None:
        process.kill()
        process.wait()
    ui.stop(server)
    server_log.close()
    app_log.close()
