#!/usr/bin/python3
# A module leader sets up groups through AT-SPI, as a person would,
# against a real roster-server --demo: sign in as m.chen, open
# Databases, the Groups page; create two groups, put the external
# moderator r.fischer in the first by searching the participants, in
# the second with "Add External Moderator to Groups…", delete the
# second group after the confirmation. On the Assignments page: set the first assignment to separate groups, preview as
# r.fischer (the rows are exactly the server's answer to r.fischer),
# stop. Then force the course's group mode. Last, r.fischer signs in:
# only the Assignments page, with the server's answer to them. After
# each step the server (ui.Api) says it is so.
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
MODERATOR = "r.fischer"
MODERATOR_NAME = "Rachel Fischer"

tap = ui.Tap([
    "/ui/groups/page-opens",
    "/ui/groups/create-two",
    "/ui/groups/created-on-server",
    "/ui/groups/add-member",
    "/ui/groups/member-on-server",
    "/ui/groups/moderator-dialog",
    "/ui/groups/moderator-on-server",
    "/ui/groups/delete-asks",
    "/ui/groups/deleted-on-server",
    "/ui/groups/assignment-separate",
    "/ui/groups/preview-as-moderator",
    "/ui/groups/stop-preview",
    "/ui/groups/force-mode",
    "/ui/groups/moderator-pages",
    "/ui/groups/moderator-submissions",
])

MODES = ["No groups", "Separate groups", "Visible groups"]


def clickable(window, label, roles=("push button", "toggle button", "check box", "page tab")):
    """A button, toggle or check box by the text it shows (or is named by)."""
    def match(node):
        if node.roleName in roles and node.name.startswith(label) and node.actions:
            return True
        return (node.name == label and node.roleName == "label" and node.parent is not None
                and node.parent.roleName in roles)
    node = window.findChild(match)
    return node if node.roleName in roles else node.parent


def tab_to(node, what):
    """Tab until @node has the focus (GTK 4.8 gives check boxes no
    action, so they are ticked with the keyboard)."""
    for _ in range(12):
        if node.focused:
            return
        rawinput.pressKey("Tab")
        time.sleep(0.1)
    raise TimeoutError(f"Tab never reached {what}")


def label(window, text):
    return window.findChild(lambda n: n.name == text and n.roleName == "label",
                            retry=False, requireResult=False)


def submissions_text(n):
    return f"{n} submission" if n == 1 else f"{n} submissions"


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


def groups_by_name(api):
    return {g["name"]: g for g in api.call("GET", f"/courses/{COURSE_ID}/groups")["groups"]}


def member_names(api, group_id):
    return [m["username"] for m in api.call("GET", f"/groups/{group_id}/members")["members"]]


def new_group(app, window, name):
    clickable(window, "New Group…").doActionNamed("click")
    dialog = ui.other_window(app)
    dialog.child(name="New Group")
    rawinput.typeText(name)
    rawinput.pressKey("Return")
    ui.wait_until(lambda: label(window, f"Created group “{name}”") is not None, f"{name} to be created")


tmp = tempfile.mkdtemp(prefix="roster-groups-")
server_log = open(os.path.join(ui.OUTPUT, "roster-groups-server.log"), "w")
app_log = open(os.path.join(ui.OUTPUT, "roster-groups.log"), "w")
server = process = None

try:
    server, url = ui.start_server(os.path.join(tmp, "server"), "127.0.0.1:0", server_log)
    api = ui.Api(url, os.path.join(tmp, "server", "cert.pem"), "m.chen", ui.DEMO_PASSWORD)
    before = groups_by_name(api)

    process = ui.start_app(url, "m.chen", app_log)
    app = ui.application()
    window = ui.sign_in(app, ui.DEMO_PASSWORD)
    ui.trust_certificate(app)
    window.child(name=COURSE, roleName="label")
    rawinput.keyCombo("<Control>f")
    rawinput.typeText(COURSE)
    rawinput.pressKey("Return")
    window.child(name="Search participants", roleName="entry")
    ui.open_page(window, "Groups")
    for name, group in before.items():
        ui.wait_until(lambda: label(window, name) is not None, f"the row of {name}")
    window.child(name="Add External Moderator to Groups…", roleName="label")
    tap.report(True, f"{len(before)} groups: {', '.join(sorted(before))}")
    ui.screenshot(tap, "groups-page")

    # The first group; r.fischer goes in while it is selected. Then the second.
    new_group(app, window, "Lab 1")
    clickable(window, "Add Member…").doActionNamed("click")
    time.sleep(0.5)  # the popover opening; the focus is then in its search
    rawinput.typeText("fischer")
    ui.wait_until(lambda: label(window, f"{MODERATOR_NAME} ({MODERATOR})") is not None,
                  "the search to find the moderator")
    ui.screenshot(tap, "groups-add-member")
    rawinput.pressKey("Return")
    ui.wait_until(lambda: label(window, f"Added {MODERATOR_NAME} to Lab 1") is not None,
                  "the moderator to be added")
    ui.wait_until(lambda: label(window, MODERATOR_NAME) is not None, "the member's row")
    new_group(app, window, "Lab 2")
    ui.wait_until(lambda: label(window, "Lab 2") is not None, "the row of Lab 2")
    tap.report(True)
    ui.screenshot(tap, "groups-created")

    now = groups_by_name(api)
    tap.report(set(now) == set(before) | {"Lab 1", "Lab 2"}
               and now["Lab 1"]["member_count"] == 1 and now["Lab 2"]["member_count"] == 0,
               f"on the server: {sorted(now)}")

    tap.report(True, f"{MODERATOR_NAME} in Lab 1")
    members = member_names(api, now["Lab 1"]["id"])
    tap.report(members == [MODERATOR], f"Lab 1 on the server: {members}")

    # The moderator's groups come ticked (and fixed); Lab 2 is ticked on top.
    clickable(window, "Add External Moderator to Groups…").doActionNamed("click")
    dialog = ui.other_window(app)
    dialog.child(name="Add External Moderator to Groups")
    lab2 = dialog.findChild(lambda n: n.name == "Lab 2" and n.roleName == "check box")
    lab1 = dialog.findChild(lambda n: n.name == "Lab 1" and n.roleName == "check box")
    ui.wait_until(lambda: lab1.checked, "Lab 1 to be ticked")
    # Tab to Lab 2 and Space.
    tab_to(lab2, "Lab 2")
    rawinput.pressKey("space")
    ui.wait_until(lambda: lab2.checked, "Lab 2 to be ticked")
    ui.screenshot(tap, "groups-moderator-dialog")
    tap.report(True)
    ui.respond(dialog, "Add to Groups")
    ui.wait_until(lambda: label(window, f"Added {MODERATOR_NAME} to 1 group") is not None,
                  "the moderator to be added to the groups")
    in_groups = sorted(name for name, g in groups_by_name(api).items()
                       if MODERATOR in member_names(api, g["id"]))
    tap.report("Lab 1" in in_groups and "Lab 2" in in_groups, f"{MODERATOR} in {in_groups}")

    # Lab 2 is selected (the last created): delete it after the question.
    tap.note("deleting Lab 2")
    clickable(window, "Delete…").doActionNamed("click")
    dialog = ui.other_window(app)
    dialog.child(name="Delete “Lab 2”?")
    dialog.child(name="Its 1 member will leave the group but stay enrolled in the course.")
    ui.screenshot(tap, "groups-delete-dialog")
    tap.report(True)
    ui.respond(dialog, "Delete")
    ui.wait_until(lambda: label(window, "Deleted group “Lab 2”") is not None, "Lab 2 to be deleted")
    after = groups_by_name(api)
    tap.report("Lab 2" not in after and "Lab 1" in after, f"on the server: {sorted(after)}")
    ui.screenshot(tap, "groups-deleted")

    # Assignments: the first one's own mode set to separate groups, then
    # a preview as the moderator shows exactly the server's answer to them.
    ui.open_page(window, "Assignments")
    assignment = api.call("GET", f"/courses/{COURSE_ID}/assignments")["assignments"][0]
    mode_box = f"Group mode of {assignment['name']}"
    window.child(name=mode_box, roleName="combo box")
    if assignment["group_mode"] == "separate":
        choose(window, mode_box, MODES, "Visible groups")
        ui.wait_until(lambda: label(window, f"{assignment['name']}: Visible groups") is not None,
                      "the mode to be visible groups")
    choose(window, mode_box, MODES, "Separate groups")
    ui.wait_until(lambda: label(window, f"{assignment['name']}: Separate groups") is not None,
                  "the mode to be separate groups")
    mode = api.call("GET", f"/courses/{COURSE_ID}/assignments")["assignments"][0]["group_mode"]
    tap.report(mode == "separate", f"{assignment['name']}: {mode} on the server")
    ui.screenshot(tap, "assignments-separate")

    everyone = api.call("GET", f"/assignments/{assignment['id']}/submissions")["submissions"]
    ui.wait_until(lambda: label(window, submissions_text(len(everyone))) is not None,
                  "all the submissions")
    clickable(window, "Preview As…").doActionNamed("click")
    time.sleep(0.5)  # the popover opening; the focus is then in its search
    rawinput.typeText("fischer")
    ui.wait_until(lambda: label(window, f"{MODERATOR_NAME} ({MODERATOR})") is not None,
                  "the search to find the moderator")
    rawinput.pressKey("Return")
    moderator_api = ui.Api(url, os.path.join(tmp, "server", "cert.pem"), MODERATOR, ui.DEMO_PASSWORD)
    theirs = moderator_api.call("GET", f"/assignments/{assignment['id']}/submissions")["submissions"]
    ui.wait_until(lambda: window.findChild(lambda n: n.roleName == "label"
                                           and n.name.startswith(f"Previewing as {MODERATOR_NAME}"),
                                           retry=False, requireResult=False) is not None,
                  "the preview's banner")
    ui.wait_until(lambda: label(window, submissions_text(len(theirs))) is not None,
                  f"{len(theirs)} submissions in the preview")
    shown = [s["student"]["first_name"] + " " + s["student"]["last_name"] for s in theirs]
    missing = [name for name in shown if label(window, name) is None]
    tap.report(0 < len(theirs) < len(everyone) and not missing,
               f"{len(theirs)} of {len(everyone)} submissions, as {MODERATOR} gets them")
    ui.screenshot(tap, "assignments-preview")

    clickable(window, "Stop Preview").doActionNamed("click")
    ui.wait_until(lambda: label(window, submissions_text(len(everyone))) is not None,
                  "all the submissions again")
    tap.report(True)

    ui.open_page(window, "Groups")
    # Force the course's group mode on every activity.
    forced_before = api.call("GET", f"/courses/{COURSE_ID}")["group_mode_forced"]
    tap.note(f"forced before: {forced_before}")
    rawinput.keyCombo("<Alt>f")  # its mnemonic toggles it
    ui.wait_until(lambda: label(window, "Group mode changed") is not None, "the mode to change")
    course = api.call("GET", f"/courses/{COURSE_ID}")
    tap.report(course["group_mode_forced"] != forced_before,
               f"group_mode {course['group_mode']}, forced {course['group_mode_forced']}")

    rawinput.keyCombo("<Control>q")
    process.wait(timeout=ui.DEADLINE)

    # The moderator's own view: no Participants, no Groups, no preview;
    # the assignment's submissions are the server's answer to them.
    process = ui.start_app(url, MODERATOR, app_log)
    app = ui.application()
    window = ui.sign_in(app, ui.DEMO_PASSWORD)
    window.child(name=COURSE, roleName="label")
    rawinput.keyCombo("<Control>f")
    rawinput.typeText(COURSE)
    rawinput.pressKey("Return")
    theirs = moderator_api.call("GET", f"/assignments/{assignment['id']}/submissions")["submissions"]
    ui.wait_until(lambda: label(window, submissions_text(len(theirs))) is not None,
                  f"{len(theirs)} submissions for {MODERATOR}")
    # Hidden pages' widgets may stay in the accessibility tree: what
    # counts is whether they are showing.
    shown = [text for text in ("Participants", "Groups", "Preview As…", "Search participants")
             if (node := label(window, text)) is not None and node.showing]
    tap.report(not shown, f"showing though not theirs: {shown}")
    missing = [s["student"]["first_name"] + " " + s["student"]["last_name"] for s in theirs]
    missing = [name for name in missing if label(window, name) is None]
    tap.report(not missing, f"{len(theirs)} submissions; missing: {missing}")
    ui.screenshot(tap, "assignments-moderator")

    rawinput.keyCombo("<Control>q")
    process.wait(timeout=ui.DEADLINE)
except Exception as error:  # noqa: BLE001 - any failure ends the run, reported in TAP
    ui.screenshot(tap, "groups-failure")
    tap.fail_rest(error)
finally:
    if process is not None and process.poll() is None:
        process.kill()
        process.wait()
    ui.stop(server)
    server_log.close()
    app_log.close()
