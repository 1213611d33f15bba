#!/usr/bin/python3
# A module leader adds an enrolment method for external examiners, as
# seed 000 describes, through AT-SPI against a real roster-server
# --demo: sign in as m.chen, open Databases, switch to the Enrolment
# Methods page, try to delete the manual method (the server refuses,
# the app shows its words), add a self enrolment method "External
# examiners" with Guest preselected (the server has it, role guest),
# switch it off (the server has it disabled), rename it, and delete it
# after the confirmation (the server no longer has it).
# Prints TAP; screenshots go to $ROSTER_UI_OUTPUT.
#
# Runs inside tests/app/run-ui-test.sh (its own X server and bus).
#
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import subprocess
import tempfile

subprocess.run(["gsettings", "set", "org.gnome.desktop.interface",
                "toolkit-accessibility", "true"], check=True)
subprocess.run("printf %s roster-test-keyring | gnome-keyring-daemon --unlock --components=secrets",
               shell=True, check=True, stdout=subprocess.DEVNULL)

from dogtail import rawinput  # noqa: E402

import roster_ui as ui  # noqa: E402

COURSE_ID = 2  # CS205 Databases in the demo; m.chen leads it
COURSE = "Databases"
NAME = "External examiners"
RENAMED = "External examiners 2027"

tap = ui.Tap([
    "/ui/methods/page-opens",
    "/ui/methods/manual-kept",
    "/ui/methods/dialog-guest-preselected",
    "/ui/methods/added-on-server",
    "/ui/methods/disabled-on-server",
    "/ui/methods/renamed-on-server",
    "/ui/methods/delete-asks",
    "/ui/methods/deleted-on-server",
])


def open_tab(window, title):
    """Clicks a page's tab in the view switcher."""
    ui.open_page(window, title)


def methods(api):
    return api.call("GET", f"/courses/{COURSE_ID}/methods")["methods"]


def by_name(api, name=NAME):
    return [m for m in methods(api) if m["name"] == name]


tmp = tempfile.mkdtemp(prefix="roster-methods-")
server_log = open(os.path.join(ui.OUTPUT, "roster-methods-server.log"), "w")
app_log = open(os.path.join(ui.OUTPUT, "roster-methods.log"), "w")
server = process = None

try:
    server, url = ui.start_server(os.path.join(tmp, "server"), "127.0.0.1:0", server_log)
    api = ui.Api(url, os.path.join(tmp, "server", "cert.pem"), "m.chen", ui.DEMO_PASSWORD)
    before = methods(api)

    process = ui.start_app(url, "m.chen", app_log)
    app = ui.application()
    window = ui.sign_in(app, ui.DEMO_PASSWORD)
    ui.trust_certificate(app)
    # Ctrl+F finds the course, Enter opens it.
    window.child(name=COURSE, roleName="label")
    rawinput.keyCombo("<Control>f")
    rawinput.typeText(COURSE)
    rawinput.pressKey("Return")
    window.child(name="Search participants", roleName="entry")
    open_tab(window, "Enrolment Methods")
    window.child(name="Manual enrolments", roleName="label")
    tap.report(True, f"{len(before)} method(s) on the server")
    ui.screenshot(tap, "methods-page")

    # The server keeps the manual method, and the app says so in its words.
    window.findChild(lambda n: n.name.startswith("Delete “Manual enrolments”")
                     and "click" in n.actions).doActionNamed("click")
    window.child(name="The manual enrolment method cannot be deleted; disable it instead.",
                 roleName="label")
    tap.report([m["id"] for m in methods(api)] == [m["id"] for m in before])
    ui.screenshot(tap, "methods-manual-kept")

    # The dialog opens with the name focused and Guest chosen.
    ui.button(window, "Add Self Enrolment").doActionNamed("click")
    ui.wait_until(lambda: len(app.children) > 1, "the Add Self Enrolment window")
    dialog = app.child(name="Add Self Enrolment", recursive=False)
    guest = dialog.findChild(lambda n: n.name == "Guest" and n.roleName == "label")
    tap.report(guest is not None)
    rawinput.typeText(NAME)
    ui.screenshot(tap, "methods-add-dialog")
    # Enter in the name saves (the Add Method button is the default).
    rawinput.pressKey("Return")
    window.child(name=NAME, roleName="label")
    ui.wait_until(lambda: len(by_name(api)) == 1, "the server to have the method")
    added = by_name(api)[0]
    tap.report(added["type"] == "self" and added["default_role"] == "guest" and added["enabled"],
               f"server: type {added['type']}, role {added['default_role']}, enabled {added['enabled']}")
    ui.screenshot(tap, "methods-added")

    # GTK 4.8 gives a switch no AT-SPI action, so the keyboard: after
    # adding, the focus is on the new method's switch; Space flips it.
    toggle = window.child(name=f"“{NAME}” enabled")
    ui.wait_until(lambda: toggle.focused, "the new method's switch to have the focus")
    rawinput.pressKey("space")
    ui.wait_until(lambda: not by_name(api)[0]["enabled"], "the server to have it switched off")
    tap.report(True)
    ui.screenshot(tap, "methods-disabled")

    # Edit: the dialog shows what the method has, the name focused;
    # End and more text, Enter saves.
    window.findChild(lambda n: n.name.startswith(f"Edit “{NAME}”") and "click" in n.actions).doActionNamed("click")
    ui.wait_until(lambda: len(app.children) > 1, "the edit window")
    dialog = app.child(name=NAME, recursive=False)
    dialog.findChild(lambda n: n.name == "Guest" and n.roleName == "label")
    rawinput.pressKey("End")
    rawinput.typeText(RENAMED[len(NAME):])
    ui.screenshot(tap, "methods-edit-dialog")
    rawinput.pressKey("Return")
    window.child(name=RENAMED, roleName="label")
    ui.wait_until(lambda: len(by_name(api, RENAMED)) == 1, "the server to have the new name")
    renamed = by_name(api, RENAMED)[0]
    tap.report(renamed["id"] == added["id"] and renamed["default_role"] == "guest" and not renamed["enabled"],
               f"server: {renamed['name']}, role {renamed['default_role']}, enabled {renamed['enabled']}")

    delete = window.findChild(lambda n: n.name.startswith(f"Delete “{RENAMED}”") and "click" in n.actions)
    delete.doActionNamed("click")
    confirm = ui.other_window(app)
    confirm.child(name=f"Delete “{RENAMED}”?")
    confirm.findChild(lambda n: n.name.startswith("Nobody has enrolled through it"))
    ui.screenshot(tap, "methods-delete-dialog")
    tap.report(True)
    ui.respond(confirm, "Delete")
    window.child(name="Enrolment method deleted", roleName="label")
    ui.wait_until(lambda: not by_name(api, RENAMED), "the server to no longer have it")
    left = [m["id"] for m in methods(api)]
    tap.report(left == [m["id"] for m in before], f"left on the server: {left}")
    ui.screenshot(tap, "methods-deleted")

    rawinput.keyCombo("<Control>q")
    process.wait(timeout=ui.DEADLINE)
except Exception as error:  # noqa: BLE001 - any failure ends the run, reported in TAP
    ui.screenshot(tap, "methods-failure")
    tap.fail_rest(error)
finally:
    if process is not None and process.poll() is None:
        process.kill()
        process.wait()
    ui.stop(server)
    server_log.close()
    app_log.close()
