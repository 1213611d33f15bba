#!/usr/bin/python3
# A site administrator supports people through AT-SPI, as seed 002's
# support tasks go, against a real roster-server --demo. First a module
# leader (m.chen) signs in: no Administration section. Then the admin:
# People → activate the pending n.okoro; the Locked filter → unlock
# d.novak, who then signs in; set a generated password for k.zhang, who
# signs in with it; on Removal Requests, erase the person who asked,
# after typing their username, and check on the server that their
# personal data is gone; the Audit Log shows what was done. After each
# step the server (ui.Api) says it is so.
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

subprocess.run(["gsettings", "set", "org.gnome.desktop.interface",
                "toolkit-accessibility", "true"], check=True)
subprocess.run("printf %s roster-test-keyring | gnome-keyring-daemon --unlock --components=secrets",
               shell=True, check=True, stdout=subprocess.DEVNULL)

from dogtail import rawinput  # noqa: E402

import roster_ui as ui  # noqa: E402

tap = ui.Tap([
    "/ui/admin/non-admin-sees-no-administration",
    "/ui/admin/administration-shown",
    "/ui/admin/activate-pending",
    "/ui/admin/activated-on-server",
    "/ui/admin/unlock-locked",
    "/ui/admin/unlocked-signs-in",
    "/ui/admin/set-password",
    "/ui/admin/password-signs-in",
    "/ui/admin/erase-asks",
    "/ui/admin/erased-on-server",
    "/ui/admin/audit-log",
])


def label(window, text):
    return window.findChild(lambda n: n.name == text and n.roleName == "label",
                            retry=False, requireResult=False)


def wait_label(window, text):
    ui.wait_until(lambda: label(window, text) is not None, repr(text))


def press(window, text):
    """A button by the text it shows (its label child's name)."""
    node = window.findChild(lambda n: n.name == text and n.roleName == "label"
                            and n.parent is not None and n.parent.roleName == "push button"
                            and n.parent.sensitive)
    node.parent.doActionNamed("click")


def choose(window, dropdown_name, items, item):
    """Picks an item of a GtkDropDown with the keyboard, as its popover
    offers: open it, go to the top, then down to the item."""
    dropdown = window.child(name=dropdown_name, roleName="combo box")
    toggle = dropdown.findChild(lambda n: "click" in n.actions)
    toggle.doActionNamed("click")
    time.sleep(0.5)
    rawinput.pressKey("Home")
    for _ in range(items.index(item)):
        rawinput.pressKey("Down")
    rawinput.pressKey("Return")


def admin_row(window, text):
    """A row of the sidebar's Administration list, by its label."""
    node = window.findChild(lambda n: n.name == "Administration" and n.roleName == "list",
                            retry=False, requireResult=False)
    if node is None:
        return None
    row = node.findChild(lambda n: n.name == text and n.roleName == "label", retry=False, requireResult=False)
    while row is not None and row.roleName != "list item":
        row = row.parent
    return row


SHORTCUTS = {"People": "<Control><Shift>u", "Removal Requests": "<Control><Shift>r",
             "Audit Log": "<Control><Shift>l"}


def open_admin(window, text):
    """GTK 4.8 gives list box rows no action in AT-SPI: the keyboard
    shortcut opens the page, as the row does."""
    rawinput.keyCombo(SHORTCUTS[text])


def find_person(window, query):
    """Searches the People page and opens the first person found."""
    window.child(name="Search people", roleName="entry")
    # Ctrl+F in the page focuses its search (GTK 4.8 has no AT-SPI
    # grabFocus for entries).
    rawinput.keyCombo("<Control>f")
    rawinput.keyCombo("<Control>a")
    rawinput.pressKey("BackSpace")
    if query:
        rawinput.typeText(query)
    rawinput.pressKey("Return")


def user_by_name(api, username):
    found = api.call("GET", f"/users?q={username}")["users"]
    return next(u for u in found if u["username"] == username)


def can_sign_in(url, cafile, username, password):
    try:
        ui.Api(url, cafile, username, password)
        return True
    except urllib.error.HTTPError as error:
        tap.note(f"{username} cannot sign in: HTTP {error.code}")
        return False


STATES = ["Any state", "Pending", "Active", "Suspended", "Locked", "Erased"]

tmp = tempfile.mkdtemp(prefix="roster-admin-")
server_log = open(os.path.join(ui.OUTPUT, "roster-admin-server.log"), "w")
app_log = open(os.path.join(ui.OUTPUT, "roster-admin.log"), "w")
server = process = None

try:
    server, url = ui.start_server(os.path.join(tmp, "server"), "127.0.0.1:0", server_log)
    cafile = os.path.join(tmp, "server", "cert.pem")
    api = ui.Api(url, cafile, "admin", ui.ADMIN_PASSWORD)

    # A module leader: courses, and no Administration section at all.
    process = ui.start_app(url, "m.chen", app_log)
    app = ui.application()
    window = ui.sign_in(app, ui.DEMO_PASSWORD)
    ui.trust_certificate(app)
    window.child(name="Databases", roleName="label")
    # The users page's "Audit Log" button is in the tree, out of sight
    # on a page of the content stack: look for the sidebar's section.
    shown = [text for text in ("Administration", "Removal Requests") if label(window, text) is not None]
    if window.findChild(lambda n: n.name == "Administration" and n.roleName == "list",
                        retry=False, requireResult=False) is not None:
        shown.append("the Administration list")
    ui.screenshot(tap, "admin-module-leader")
    tap.report(not shown, f"shown to a module leader: {shown}")
    rawinput.keyCombo("<Control>q")
    process.wait(timeout=ui.DEADLINE)

    process = ui.start_app(url, "admin", app_log)
    app = ui.application()
    window = ui.sign_in(app, ui.ADMIN_PASSWORD)
    window.child(name="Databases", roleName="label")
    ui.wait_until(lambda: admin_row(window, "People") is not None, "the Administration section")
    tap.report(all(admin_row(window, t) is not None
                   for t in ("People", "Removal Requests", "Audit Log")))

    # Seed 002: a person who could not confirm their address.
    okoro = user_by_name(api, "n.okoro")
    open_admin(window, "People")
    window.child(name="Search people", roleName="entry")
    find_person(window, "okoro")
    wait_label(window, "ngozi.okoro@mail.example")
    ui.screenshot(tap, "admin-people-pending")
    press(window, "Activate")
    wait_label(window, "Ngozi Okoro can sign in now")
    tap.report(True)
    after = api.call("GET", f"/users/{okoro['id']}")
    tap.report(after["state"] == "active", f"n.okoro is {after['state']}")

    # Locked out after failed sign-ins: found with the Locked filter.
    find_person(window, "")
    choose(window, "State", STATES, "Locked")
    wait_label(window, "david.novak@mail.example")
    find_person(window, "novak")
    wait_label(window, "Locked until")
    ui.screenshot(tap, "admin-people-locked")
    press(window, "Unlock")
    wait_label(window, "David Novák can sign in again")
    tap.report(True)
    tap.report(can_sign_in(url, cafile, "d.novak", ui.DEMO_PASSWORD))

    # A new password, made by the server, shown once.
    choose(window, "State", STATES, "Any state")
    find_person(window, "k.zhang")
    wait_label(window, "k.zhang@student.uni.example")
    press(window, "Set Password…")
    dialog = ui.other_window(app)
    dialog.child(name="Generate a password")
    press(dialog, "Set Password")
    # The password is the label beside Copy (GTK 4.8 names a label by
    # its text, not by its accessible label).
    copy = dialog.findChild(lambda n: n.name == "Copy" and n.roleName == "label"
                            and n.parent.roleName == "push button").parent

    def shown_password():
        return next((n.name for n in copy.parent.children if n.roleName == "label"), "")
    ui.wait_until(lambda: len(shown_password()) == 16, "the generated password")
    password = shown_password()
    tap.note(f"generated: {len(password)} characters")
    ui.screenshot(tap, "admin-password-generated")
    tap.report(len(password) == 16, f"{len(password)} characters shown")
    press(dialog, "Done")
    tap.report(can_sign_in(url, cafile, "k.zhang", password)
               and not can_sign_in(url, cafile, "k.zhang", ui.DEMO_PASSWORD))

    # Seed 002's careful deletion: the queue of removal requests.
    pending = api.call("GET", "/removal-requests")["removal_requests"]
    asker = pending[0]["user"]
    name = f"{asker['first_name']} {asker['last_name']}"
    open_admin(window, "Removal Requests")
    requests_list = window.child(name="Removal requests")
    wait_label(requests_list, f"“{pending[0]['reason']}”")
    ui.screenshot(tap, "admin-removal-requests")
    # The People page's Erase… is in the tree too, out of sight.
    press(requests_list, "Erase…")
    # Named by its heading (GTK 4.8 gives this one the role "filler").
    dialog = app.findChild(lambda n: n.name == f"Erase {name}?", recursive=False)
    # The dialog opens with the focus in the username entry, and Enter
    # erases only once the username is typed (AT-SPI shows no more of
    # this dialog than its name in GTK 4.8).
    ui.screenshot(tap, "admin-erase-dialog")
    rawinput.pressKey("Return")
    time.sleep(0.5)
    asked = app.findChild(lambda n: n.name == f"Erase {name}?", recursive=False,
                          retry=False, requireResult=False) is not None
    rawinput.typeText(asker["username"])
    rawinput.pressKey("Return")
    wait_label(window, f"{name}'s personal data was erased")
    tap.report(asked, "Enter did nothing before the username was typed")
    erased = api.call("GET", f"/users/{asker['id']}")
    gone = [k for k in ("email", "first_name", "last_name") if erased.get(k)]
    requests = api.call("GET", "/removal-requests?status=erased")["removal_requests"]
    tap.report(erased["state"] == "erased" and erased["username"] == f"erased-{asker['id']}"
               and not gone and any(r["id"] == pending[0]["id"] for r in requests),
               f"{erased['username']} is {erased['state']}; still there: {gone}")

    # The log shows the erasure (and the rest of the session's work).
    open_admin(window, "Audit Log")
    events_list = window.child(name="Audit events")
    events = api.call("GET", "/audit?action=user.")["events"]
    actions = {e["action"] for e in events}
    shown = {"Personal data erased", "Account unlocked"}
    ui.wait_until(lambda: all(label(events_list, text) is not None for text in shown),
                  f"{shown} in the log")
    ui.screenshot(tap, "admin-audit-log")
    tap.report({"user.activated", "user.unlocked", "user.password_set", "user.erased"} <= actions,
               f"user events on the server: {sorted(actions)}; shown: {sorted(shown)}")

    rawinput.keyCombo("<Control>q")
    process.wait(timeout=ui.DEADLINE)
except Exception as error:  # noqa: BLE001 - any failure ends the run, reported in TAP
    ui.screenshot(tap, "admin-failure")
    tap.note(f"{type(error).__name__}: {error}")
    try:
        tap.note("windows: " + ", ".join(f"{w.roleName} {w.name!r}" for w in ui.application().children))
    except Exception as more:  # noqa: BLE001
        tap.note(f"no windows: {more}")
    tap.fail_rest(error)
finally:
    if process is not None and process.poll() is None:
        process.kill()
        process.wait()
    ui.stop(server)
    server_log.close()
    app_log.close()
