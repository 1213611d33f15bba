#!/usr/bin/python3
# A day's work on a course's participants, through AT-SPI as a person
# would do it, against a real roster-server --demo: sign in and trust
# the certificate, open a course, search, filter by role, select a row
# and suspend it (the server says it is suspended), select two and
# unenrol them after the confirmation (the server no longer lists
# them), and filter by status.
# Prints TAP; screenshots go to $ROSTER_UI_OUTPUT.
#
# Runs inside tests/app/run-ui-test.sh (its own X server and bus).
#
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import subprocess
import tempfile
import time

subprocess.run(["gsettings", "set", "org.gnome.desktop.interface",
                "toolkit-accessibility", "true"], check=True)
subprocess.run("printf %s roster-test-keyring | gnome-keyring-daemon --unlock --components=secrets",
               shell=True, check=True, stdout=subprocess.DEVNULL)

from dogtail import rawinput  # noqa: E402

import roster_ui as ui  # noqa: E402

COURSE_ID = 2  # CS205 Databases in the demo
COURSE = "Databases"

tap = ui.Tap([
    "/ui/participants/course-opens",
    "/ui/participants/all-rows",
    "/ui/participants/search",
    "/ui/participants/role-filter",
    "/ui/participants/select-one",
    "/ui/participants/suspend",
    "/ui/participants/suspended-on-server",
    "/ui/participants/select-two",
    "/ui/participants/unenrol-asks",
    "/ui/participants/unenrolled-on-server",
    "/ui/participants/status-filter",
    "/ui/participants/group-filter",
])


ROLES = ["Any role", "Module leader", "Teacher", "Professional staff", "Student", "Guest",
         "External moderator"]
STATUSES = ["Any status", "Active", "Suspended"]


def count_label(window, shown, total):
    return window.child(name=f"{shown} of {total} participants", roleName="label")


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
    ui.wait_until(lambda: dropdown.findChild(lambda n: n.name == item and n.roleName == "label",
                                             retry=False) is not None,
                  f"{dropdown_name} to show {item}")


def search(text):
    """Ctrl+F, then what is there replaced by @text."""
    rawinput.keyCombo("<Control>f")
    rawinput.keyCombo("<Control>a")
    rawinput.pressKey("BackSpace")
    if text:
        rawinput.typeText(text)


def row_cell(window, text):
    """The label of a table cell with this text, or None."""
    return window.findChild(lambda n: n.name == text and n.roleName == "label"
                            and n.parent is not None and n.parent.roleName == "table cell",
                            retry=False)


def full_name(participant):
    return f"{participant['first_name']} {participant['last_name']}"


tmp = tempfile.mkdtemp(prefix="roster-participants-")
server_log = open(os.path.join(ui.OUTPUT, "roster-participants-server.log"), "w")
app_log = open(os.path.join(ui.OUTPUT, "roster-participants.log"), "w")
server = process = None

try:
    server, url = ui.start_server(os.path.join(tmp, "server"), "127.0.0.1:0", server_log)
    api = ui.Api(url, os.path.join(tmp, "server", "cert.pem"), "admin", ui.ADMIN_PASSWORD)
    everyone = api.participants(COURSE_ID)
    total = len(everyone)

    process = ui.start_app(url, "admin", app_log)
    app = ui.application()
    window = ui.sign_in(app, ui.ADMIN_PASSWORD)
    ui.trust_certificate(app)
    # Keyboard only: Ctrl+F finds the course, Enter opens it.
    window.child(name="Introduction to Programming", roleName="label")
    search(COURSE)
    rawinput.pressKey("Return")
    window.child(name="Search participants", roleName="entry")
    tap.report(True)

    count_label(window, total, total)
    tap.report(True, f"{total} participants")
    ui.screenshot(tap, "participants-all")

    # Search: what the server finds for the same text, the app shows.
    expected = len(api.participants(COURSE_ID, q="taylor"))
    search("taylor")
    count_label(window, expected, total)
    tap.report(True, f"{expected} found")
    ui.screenshot(tap, "participants-search")

    students = api.participants(COURSE_ID, q="taylor", role="student")
    choose(window, "Filter by role", ROLES, "Student")
    count_label(window, len(students), total)
    tap.report(True, f"{len(students)} students")
    ui.screenshot(tap, "participants-role-filter")

    # One row: Down from the search to the first row, Space selects it;
    # the bar under the table offers what may be done.
    target = students[0]
    rawinput.keyCombo("<Control>f")
    rawinput.pressKey("Down")
    rawinput.pressKey("space")
    window.child(name="1 selected", roleName="label")
    tap.report(True, full_name(target))

    ui.button(window, "Suspend").doActionNamed("click")
    window.child(name="Suspended 1 participant", roleName="label")
    ui.wait_until(lambda: row_cell(window, "Suspended") is not None, "the row to say Suspended")
    tap.report(True)
    ui.screenshot(tap, "participants-suspended")

    now = {p["enrolment_id"]: p for p in api.participants(COURSE_ID)}
    status = now[target["enrolment_id"]]["status"]
    others = [p["username"] for p in now.values()
              if p["status"] == "suspended" and p["enrolment_id"] != target["enrolment_id"]]
    tap.report(status == "suspended" and not others,
               f"{target['username']} is {status}; others suspended: {others}")

    # Back to everyone, where the suspended row is still selected:
    # Ctrl+Shift+A clears that. Then two rows: Space on the first,
    # Ctrl+Down to the next without selecting it, Ctrl+Space adds it.
    choose(window, "Filter by role", ROLES, "Any role")
    search("")
    count_label(window, total, total)
    window.child(name="1 selected", roleName="label")
    first, second = everyone[0], everyone[1]
    rawinput.keyCombo("<Control>f")
    rawinput.pressKey("Down")
    rawinput.keyCombo("<Control><Shift>a")
    rawinput.pressKey("space")
    rawinput.keyCombo("<Control>Down")
    rawinput.keyCombo("<Control>space")
    window.child(name="2 selected", roleName="label")
    tap.report(True, f"{first['username']}, {second['username']}")

    ui.button(window, "Unenrol…").doActionNamed("click")
    dialog = ui.other_window(app)
    dialog.child(name="Unenrol 2 participants?")
    ui.screenshot(tap, "participants-unenrol-dialog")
    tap.report(True)
    ui.respond(dialog, "Unenrol")
    window.child(name="Unenrolled 2 participants", roleName="label")
    count_label(window, total - 2, total - 2)

    left = {p["enrolment_id"] for p in api.participants(COURSE_ID)}
    gone = [p["username"] for p in everyone if p["enrolment_id"] not in left]
    tap.report(gone == [first["username"], second["username"]], f"gone from the server: {gone}")
    ui.screenshot(tap, "participants-unenrolled")

    choose(window, "Filter by status", STATUSES, "Suspended")
    count_label(window, 1, total - 2)
    ui.wait_until(lambda: row_cell(window, full_name(target)) is not None, "the suspended row")
    tap.report(True)
    ui.screenshot(tap, "participants-status-filter")

    # The group filter offers the course's groups, by name, after "any"
    # and "none"; it shows the rows the server lists for that group.
    choose(window, "Filter by status", STATUSES, "Any status")
    groups = api.call("GET", f"/courses/{COURSE_ID}/groups")["groups"]
    group = groups[0]
    in_group = api.participants(COURSE_ID, group=str(group["id"]))
    choose(window, "Filter by group", ["Any group", "No group"] + [g["name"] for g in groups], group["name"])
    count_label(window, len(in_group), total - 2)
    tap.report(True, f"{len(in_group)} in {group['name']}")
    ui.screenshot(tap, "participants-group-filter")

    rawinput.keyCombo("<Control>q")
    process.wait(timeout=ui.DEADLINE)
except Exception as error:  # noqa: BLE001 - any failure ends the run, reported in TAP
    ui.screenshot(tap, "participants-failure")
    tap.fail_rest(error)
finally:
    if process is not None and process.poll() is None:
        process.kill()
        process.wait()
    ui.stop(server)
    server_log.close()
    app_log.close()
