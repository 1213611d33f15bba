#!/usr/bin/python3
# A course's reports, through AT-SPI, against a real roster-server
# --demo: m.chen (module leader of CS101) opens the Reports tab, sees
# the numbers the API gives (by user type, role and method, the keys),
# points at the chart's last bar and reads its numbers, switches to
# weeks and to stacks by key; j.okafor, a teacher of CS205, has no
# Reports tab (a teacher lacks "reports.view").
# Prints TAP; screenshots go to $ROSTER_UI_OUTPUT.
#
# Runs inside tests/app/run-ui-test.sh (its own X server and bus).
#
# SPDX-License-Identifier: GPL-3.0-or-later

import datetime
import os
import re
import subprocess
import tempfile
import time

subprocess.run(["gsettings", "set", "org.gnome.desktop.interface",
                "toolkit-accessibility", "true"], check=True)
subprocess.run("printf %s roster-test-keyring | gnome-keyring-daemon --unlock --components=secrets",
               shell=True, check=True, stdout=subprocess.DEVNULL)

from dogtail import rawinput  # noqa: E402

import roster_ui as ui  # noqa: E402

CS101_ID = 1
CS101 = "Introduction to Programming"
CS205_ID = 2
CS205 = "Databases"

TYPES = {"staff": "Staff", "student": "Student", "external": "External"}
ROLES = {"module_leader": "Module leader", "teacher": "Teacher",
         "professional_staff": "Professional staff", "student": "Student", "guest": "Guest",
         "external_moderator": "External moderator"}
METHOD_TYPES = {"manual": "Manual enrolments", "self": "Self enrolment", "guest": "Guest access"}

tap = ui.Tap([
    "/ui/reports/tab-opens",
    "/ui/reports/by-type",
    "/ui/reports/by-role",
    "/ui/reports/by-method",
    "/ui/reports/keys",
    "/ui/reports/chart-hover",
    "/ui/reports/weeks",
    "/ui/reports/by-key",
    "/ui/reports/teacher-has-no-tab",
])


def label(window, name):
    return window.findChild(lambda n: n.name == name and n.roleName == "label", retry=False, requireResult=False)


def count_row(window, name, count):
    """The list row named @name that shows @count (a type and a role may
    share a name: "Student")."""
    for row in window.findChildren(lambda n: n.name == name and n.roleName == "list item"):
        if row.findChild(lambda n: n.roleName == "label" and n.name == str(count), retry=False, requireResult=False):
            return row
    return None


def check_counts(window, expected):
    missing = [f"{name}={count}" for name, count in expected if count_row(window, name, count) is None]
    return not missing, ", ".join(missing) or f"{len(expected)} rows"


def day(unix_time):
    """A date as the app writes it: "25 Nov 2026" (UTC)."""
    moment = datetime.datetime.fromtimestamp(unix_time, datetime.timezone.utc)
    return f"{moment.day} {moment.strftime('%b %Y')}"


def parse_time(text):
    return int(datetime.datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ")
               .replace(tzinfo=datetime.timezone.utc).timestamp())


def describes_last_bar(text, report):
    """Whether @text describes the chart's last bar of @report: its
    dates (a bar holds several days when they outnumber the pixels) up
    to the report's last day, and the enrolments the API counts in them."""
    last_day = day(parse_time(report["until"]) - 86400)
    match = re.match(rf"^(?:(\d+ \w+ \d{{4}}) – )?{re.escape(last_day)}: (\d+) enrolments?( \(.*\))?$", text)
    if not match:
        return False
    first = match.group(1) or last_day
    start = int(datetime.datetime.strptime(first, "%d %b %Y")
                .replace(tzinfo=datetime.timezone.utc).timestamp())
    expected = sum(p["total"] for p in report["series"] if parse_time(p["start"]) >= start)
    return int(match.group(2)) == expected


def hover_last_bar(hover_label, report):
    """Picks the chart's last bar with the keyboard, as the pointer
    would show it: Tab until the chart has the focus and describes its
    latest bar under it, in @hover_label (GTK 4.8 gives AT-SPI no screen
    coordinates to point at, so the pointer is kept out of the way: on
    the sidebar's empty end, as with no window manager the keyboard
    goes to the window under it)."""
    def shown():
        return describes_last_bar(hover_label.name, report)

    rawinput.absoluteMotion(150, 600)
    # Back one first: a chart that has the focus is entered anew.
    rawinput.keyCombo("<Shift>Tab")
    for _ in range(60):
        if shown():
            break
        rawinput.pressKey("Tab")
        time.sleep(0.2)
    ui.wait_until(shown, f"the last bar's text, not {hover_label.name!r}")
    # End is the last bar too, from wherever the arrow keys went.
    rawinput.pressKey("Left")
    ui.wait_until(lambda: not shown(), "the bar before")
    rawinput.pressKey("End")
    ui.wait_until(shown, "the last bar's text again")


def open_reports(window):
    """Clicks the Reports tab. The switcher makes its tabs anew when the
    course's pages are shown or hidden on loading, so a tab found a
    moment before may be gone: look again."""
    for _ in range(5):
        try:
            ui.open_page(window, "Reports")
            return
        except Exception:  # noqa: BLE001 - dogtail raises several kinds for a stale node
            time.sleep(0.5)
    ui.open_page(window, "Reports")


def open_course(window, name):
    window.child(name=name, roleName="label")
    rawinput.keyCombo("<Control>f")
    rawinput.typeText(name)
    rawinput.pressKey("Return")


tmp = tempfile.mkdtemp(prefix="roster-reports-")
server_log = open(os.path.join(ui.OUTPUT, "roster-reports-server.log"), "w")
app_log = open(os.path.join(ui.OUTPUT, "roster-reports.log"), "w")
server = process = None

try:
    server, url = ui.start_server(os.path.join(tmp, "server"), "127.0.0.1:0", server_log)
    api = ui.Api(url, os.path.join(tmp, "server", "cert.pem"), "m.chen", ui.DEMO_PASSWORD)
    report = api.call("GET", f"/courses/{CS101_ID}/reports/enrolments")
    totals = report["totals"]

    process = ui.start_app(url, "m.chen", app_log)
    app = ui.application()
    window = ui.sign_in(app, ui.DEMO_PASSWORD)
    ui.trust_certificate(app)
    open_course(window, CS101)
    window.child(name="Search participants", roleName="entry")
    open_reports(window)
    window.child(name=f"{totals['participants']} participants", roleName="label")
    tap.report(True, f"{totals['participants']} participants")
    ui.screenshot(tap, "reports-page")
    # The chart's box: its hover text and legend, searched there alone.
    chart_box = window.child(name="Enrolments over time", roleName="image").parent
    hover_label = chart_box.child(name="Point at a bar to see its numbers.", roleName="label")

    tap.report(*check_counts(window, [(TYPES[k], v) for k, v in totals["by_type"].items()]))
    tap.report(*check_counts(window, [(ROLES[k], v) for k, v in totals["by_role"].items()]))
    names = {str(m["id"]): m["name"] or METHOD_TYPES[m["type"]] for m in report["methods"]}
    tap.report(*check_counts(window, [(names[k], v) for k, v in totals["by_method"].items()]))

    # The keys' table: each nickname (a switched-off key says so) and its counts.
    missing = []
    for key in report["keys"]:
        nickname = key["nickname"] if key["active"] else f"{key['nickname']} (deactivated)"
        if label(window, nickname) is None:
            missing.append(nickname)
    tap.report(not missing and report["keys"], f"missing: {missing}" if missing else
               ", ".join(k["nickname"] for k in report["keys"]))

    # The last bar ends today: its dates and count under the chart.
    hover_last_bar(hover_label, report)
    tap.report(True, hover_label.name)
    ui.screenshot(tap, "reports-chart-hover")

    # Weeks: the server's weekly series, the last week under the pointer.
    weekly = api.call("GET", f"/courses/{CS101_ID}/reports/enrolments?bucket=week")
    # Alt+W: the mnemonic of Weeks. The chart keeps the focus; the new
    # report empties its hover text.
    rawinput.keyCombo("<Alt>w")
    ui.wait_until(lambda: hover_label.name.startswith("Point at"), "the new report")
    hover_last_bar(hover_label, weekly)
    tap.report(True, hover_label.name)
    ui.screenshot(tap, "reports-chart-weeks")

    # By key: the legend names each key used with its enrolments.
    rawinput.keyCombo("<Alt>y")
    legend = [f"{k['nickname']} ({k['enrolled']})" for k in report["keys"] if k["enrolled"]]
    for text in legend:
        ui.wait_until(lambda: label(chart_box, text) is not None, f"the legend's {text!r}")
    tap.report(True, ", ".join(legend))
    ui.screenshot(tap, "reports-chart-by-key")

    rawinput.keyCombo("<Control>q")
    process.wait(timeout=ui.DEADLINE)
    process = None

    # A teacher: the course's other tabs, no Reports.
    teacher = ui.Api(url, os.path.join(tmp, "server", "cert.pem"), "j.okafor", ui.DEMO_PASSWORD)
    course = teacher.call("GET", f"/courses/{CS205_ID}")
    process = ui.start_app(url, "j.okafor", app_log)
    app = ui.application()
    window = ui.sign_in(app, ui.DEMO_PASSWORD)
    open_course(window, CS205)
    window.child(name="Search participants", roleName="entry")
    window.findChild(lambda n: n.name == "Participants" and n.roleName == "page tab")
    tabs = window.findChildren(lambda n: n.name == "Reports" and n.roleName == "page tab"
                               and n.showing)
    tap.report("reports.view" not in course["capabilities"] and not tabs,
               f"capabilities: {', '.join(course['capabilities'])}")
    ui.screenshot(tap, "reports-teacher-no-tab")

    rawinput.keyCombo("<Control>q")
    process.wait(timeout=ui.DEADLINE)
except Exception as error:  # noqa: BLE001 - any failure ends the run, reported in TAP
    ui.screenshot(tap, "reports-failure")
    tap.fail_rest(error)
finally:
    if process is not None and process.poll() is None:
        process.kill()
        process.wait()
    ui.stop(server)
    server_log.close()
    app_log.close()
