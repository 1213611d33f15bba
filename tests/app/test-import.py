#!/usr/bin/python3
# The bulk import wizard end to end, through AT-SPI as a module leader
# would use it, against a real roster-server --demo: sign in as m.chen,
# open Databases (CS205), import a GBK file with Chinese names and
# headers (encoding detected, columns guessed), then a Moodle
# upload-users file whose preview shows a bad e-mail and a duplicate
# (errors only, skipped knowingly), check the people on the server,
# jump to them in the participants list, import the same file again
# (everything unchanged), and cancel a large import halfway through
# writing (nothing changed); reopen a job from the Recent Imports menu.
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
LARGE_ROWS = 20000
# The fourth job (the large one) waits once it has written row 5 000,
# until it is cancelled: the test cancels a job that is surely running.
STALL_JOB, STALL_ROW = 4, 5000

GBK_ROWS = [
    ("zhao.lei", "赵", "磊", "zhao.lei@partner.example", "来自北京大学的交换生，学习数据库课程"),
    ("qian.yu", "钱", "语", "qian.yu@partner.example", "来自复旦大学的访问学者，参加实验课"),
    ("sun.li", "孙", "丽", "sun.li@partner.example", "来自浙江大学的研究生，旁听本课程"),
]
MOODLE_ROWS = [
    ("ana.silva", "Ana", "Silva", "ana.silva@partner.example", "CS205", "student", "Exchange 2027"),
    ("tom.baker", "Tom", "Baker", "tom.baker@partner.example", "CS205", "student", "Exchange 2027"),
    ("bad.mail", "Bad", "Mail", "not-an-address", "CS205", "student", ""),
    ("dup.person", "Dup", "Person", "ana.silva@partner.example", "CS205", "student", ""),
    ("leila.haddad", "Leila", "Haddad", "leila.haddad@partner.example", "CS205", "guest", "Exchange 2027"),
]
MOODLE_GOOD = {"ana.silva", "tom.baker", "leila.haddad"}

tap = ui.Tap([
    "/ui/import/wizard-opens",
    "/ui/import/gbk-detected",
    "/ui/import/gbk-columns-guessed",
    "/ui/import/gbk-preview",
    "/ui/import/gbk-on-server",
    "/ui/import/moodle-preview-errors",
    "/ui/import/moodle-errors-only",
    "/ui/import/moodle-skip-knowingly",
    "/ui/import/moodle-on-server",
    "/ui/import/show-participants",
    "/ui/import/again-unchanged",
    "/ui/import/large-progress",
    "/ui/import/large-cancelled",
    "/ui/import/large-nothing-changed",
    "/ui/import/recent-imports-listed",
    "/ui/import/recent-import-reopened",
])


def clickable(node):
    while node is not None and "click" not in node.actions:
        node = node.parent
    return node


def button_of(parent, label):
    """The button (push, toggle or check) that shows @label."""
    node = parent.findChild(lambda n: n.name == label and n.roleName == "label"
                            and clickable(n) is not None)
    return clickable(node)


def click_label(parent, label):
    button_of(parent, label).doActionNamed("click")


def has_label(parent, text, retry=True):
    return parent.findChild(lambda n: n.name == text and n.roleName == "label",
                            retry=retry, requireResult=retry) is not None


def has_label_starting(parent, prefix):
    return parent.findChild(lambda n: n.roleName == "label" and n.name.startswith(prefix)
                           ) is not None


def open_course(window):
    window.child(name=COURSE, roleName="label")
    rawinput.keyCombo("<Control>f")
    rawinput.typeText(COURSE)
    rawinput.pressKey("Return")
    window.child(name="Search participants", roleName="entry")


def wizard(app):
    return app.findChild(lambda n: n.roleName == "frame" and n.name.startswith("Import Participants"),
                         recursive=False)


def choose_file(app, importer, path):
    """The file step's chooser: Ctrl+L takes a path."""
    click_label(importer, "Choose File…")
    app.child(name="Choose a File to Import", recursive=False)
    time.sleep(0.5)
    rawinput.keyCombo("<Control>l")
    rawinput.typeText(path)
    rawinput.pressKey("Return")


def step(importer, number):
    ui.wait_until(lambda: importer.findChild(
        lambda n: n.roleName == "label" and n.name.startswith(f"Step {number} of 6"),
        retry=False, requireResult=False) is not None, f"step {number}")


def next_step(importer, label, number):
    click_label(importer, label)
    step(importer, number)


def skip_errors(importer):
    """Ticks "Skip rows with errors" by its mnemonic: GTK 4.8 gives a
    check button no action in AT-SPI."""
    # Named with its underline, as GTK 4.8 names check buttons.
    importer.findChild(lambda n: n.name == "_Skip rows with errors" and n.roleName == "check box")
    rawinput.keyCombo("<Alt>s")
    ui.wait_until(lambda: button_of(importer, "Import").sensitive, "Import to be possible")


def usernames(api):
    return {p["username"] for p in api.participants(COURSE_ID)}


tmp = tempfile.mkdtemp(prefix="roster-import-")
server_log = open(os.path.join(ui.OUTPUT, "roster-import-server.log"), "w")
app_log = open(os.path.join(ui.OUTPUT, "roster-import.log"), "w")
server = process = None

gbk_path = os.path.join(tmp, "交换生名单.csv")
with open(gbk_path, "wb") as f:
    lines = ["用户名,姓,名,邮箱,备注"] + [",".join(row) for row in GBK_ROWS]
    f.write(("\r\n".join(lines) + "\r\n").encode("gbk"))
moodle_path = os.path.join(tmp, "upload-users.csv")
with open(moodle_path, "w", encoding="utf-8") as f:
    f.write("username,firstname,lastname,email,course1,role1,group1\n")
    for row in MOODLE_ROWS:
        f.write(",".join(row) + "\n")
large_path = os.path.join(tmp, "open-day.csv")
with open(large_path, "w", encoding="utf-8") as f:
    f.write("username,firstname,lastname,email\n")
    for i in range(LARGE_ROWS):
        f.write(f"visitor.{i},Visitor,Number {i},visitor.{i}@open-day.example\n")

try:
    os.environ["ROSTER_TEST_IMPORT_STALL"] = f"{STALL_JOB}:importing:{STALL_ROW}"
    server, url = ui.start_server(os.path.join(tmp, "server"), "127.0.0.1:0", server_log)
    del os.environ["ROSTER_TEST_IMPORT_STALL"]
    api = ui.Api(url, os.path.join(tmp, "server", "cert.pem"), "m.chen", ui.DEMO_PASSWORD)
    before = usernames(api)

    process = ui.start_app(url, "m.chen", app_log)
    app = ui.application()
    window = ui.sign_in(app, ui.DEMO_PASSWORD)
    ui.trust_certificate(app)
    open_course(window)

    # The course's bar opens the wizard.
    click_label(window, "Import Participants…")
    importer = wizard(app)
    step(importer, 1)
    tap.report(has_label(importer, "Choose a File"))
    ui.screenshot(tap, "import-file-step")

    # A GBK file: encoding detected, the first rows readable.
    choose_file(app, importer, gbk_path)
    has_label(importer, "赵")
    tap.report(has_label_starting(importer, "Detected (GB") and has_label(importer, "来自北京大学的交换生，学习数据库课程"))
    ui.screenshot(tap, "import-gbk-file")

    # Columns guessed from the Chinese header; the notes column is ignored.
    next_step(importer, "Next", 2)
    tap.report(has_label(importer, "用户名") and has_label(importer, "邮箱")
               and has_label_starting(importer, "Not imported"))
    ui.screenshot(tap, "import-gbk-columns")

    next_step(importer, "Next", 3)
    ui.screenshot(tap, "import-options")
    next_step(importer, "Check File", 4)
    tap.report(has_label(importer, "3 new accounts"))
    ui.screenshot(tap, "import-gbk-preview")

    next_step(importer, "Import", 6)
    has_label(importer, "Import Finished")
    ui.screenshot(tap, "import-gbk-report")
    people = {p["username"]: p for p in api.participants(COURSE_ID)}
    zhao = people.get("zhao.lei", {})
    tap.report(all(row[0] in people for row in GBK_ROWS) and zhao.get("last_name") == "赵"
               and zhao.get("first_name") == "磊", f"zhao.lei on the server: {zhao}")
    click_label(importer, "Close")

    # A Moodle upload-users file with a bad e-mail and a duplicate.
    click_label(window, "Import Participants…")
    importer = wizard(app)
    step(importer, 1)
    choose_file(app, importer, moodle_path)
    has_label(importer, "ana.silva")
    next_step(importer, "Next", 2)
    next_step(importer, "Next", 3)
    next_step(importer, "Check File", 4)
    tap.report(has_label(importer, "3 new accounts") and has_label(importer, "2 errors")
               and has_label_starting(importer, "“not-an-address” is not an e-mail address"))
    ui.screenshot(tap, "import-moodle-preview")

    # The table's cells, not the first rows on the file step.
    table = importer.findChild(lambda n: n.name == "Rows of the file" and n.roleName != "label")
    has_label(table, "tom.baker")
    click_label(importer, "Errors Only")
    ui.wait_until(lambda: not has_label(table, "tom.baker", retry=False), "the errors only")
    tap.report(has_label(table, "bad.mail") and has_label(table, "dup.person"))
    ui.screenshot(tap, "import-moodle-errors-only")

    import_button = button_of(importer, "Import")
    sensitive_before = import_button.sensitive
    skip_errors(importer)
    tap.report(not sensitive_before, None if not sensitive_before else "Import was possible with errors")
    next_step(importer, "Import", 6)
    has_label(importer, "Import Finished")
    ui.screenshot(tap, "import-moodle-report")
    now = usernames(api)
    groups = {g["name"]: g for g in api.call("GET", f"/courses/{COURSE_ID}/groups")["groups"]}
    tap.report(MOODLE_GOOD <= now and "bad.mail" not in now and "dup.person" not in now
               and groups.get("Exchange 2027", {}).get("member_count") == 3,
               f"new on the server: {sorted(now - before)}; groups: {sorted(groups)}")

    # The report's people, in the participants list.
    click_label(importer, "Show Participants")
    ui.wait_until(lambda: has_label(window, "Showing the 3 people of the import.", retry=False),
                  "the participants of the import")
    tap.report(has_label(window, "3 of " + str(len(now)) + " participants"))
    ui.screenshot(tap, "import-show-participants")

    # The same file again: nothing to do.
    importer = wizard(app)
    click_label(importer, "Close")
    click_label(window, "Show Everyone")
    click_label(window, "Import Participants…")
    importer = wizard(app)
    step(importer, 1)
    choose_file(app, importer, moodle_path)
    has_label(importer, "ana.silva")
    next_step(importer, "Next", 2)
    next_step(importer, "Next", 3)
    next_step(importer, "Check File", 4)
    skip_errors(importer)
    next_step(importer, "Import", 6)
    tap.report(has_label(importer, "3 unchanged") and usernames(api) == now)
    ui.screenshot(tap, "import-again-unchanged")
    click_label(importer, "Close")

    # A large import, cancelled halfway through writing.
    click_label(window, "Import Participants…")
    importer = wizard(app)
    step(importer, 1)
    choose_file(app, importer, large_path)
    has_label(importer, "visitor.0")
    next_step(importer, "Next", 2)
    next_step(importer, "Next", 3)
    next_step(importer, "Check File", 4)
    has_label(importer, f"{LARGE_ROWS} new accounts")
    next_step(importer, "Import", 5)
    # The bar's text is no label in AT-SPI: its value is the fraction.
    bar = importer.findChild(lambda n: n.roleName == "progress bar")
    ui.wait_until(lambda: abs(bar.queryValue().currentValue - STALL_ROW / LARGE_ROWS) < 1e-6,
                  "the import to reach its stall")
    tap.report(has_label(importer, "Importing…"))
    ui.screenshot(tap, "import-large-progress")
    click_label(importer, "Cancel Import")
    step(importer, 6)
    tap.report(has_label(importer, "Import cancelled: nothing was changed"))
    ui.screenshot(tap, "import-large-cancelled")
    after = usernames(api)
    tap.report(after == now, None if after == now else f"changed: {sorted(after ^ now)[:5]}")
    click_label(importer, "Close")

    # Closed, the jobs are still there: Recent Imports reopens one.
    click_label(window, "Recent Imports")
    item = app.findChild(lambda n: n.roleName == "menu item" and n.name.startswith("open-day.csv")
                         and n.name.endswith("Cancelled"))
    tap.report(app.findChild(lambda n: n.roleName == "menu item" and n.name.startswith("upload-users.csv")
                             and n.name.endswith("Done")) is not None)
    ui.screenshot(tap, "import-recent-menu")
    item.doActionNamed("click")
    importer = wizard(app)
    step(importer, 6)
    tap.report(has_label(importer, "Import cancelled: nothing was changed"))
    ui.screenshot(tap, "import-reopened")
    click_label(importer, "Close")

    rawinput.keyCombo("<Control>q")
    process.wait(timeout=ui.DEADLINE)
except Exception as error:  # noqa: BLE001 - any failure ends the run, reported in TAP
    ui.screenshot(tap, "import-failure")
    tap.fail_rest(error)
finally:
    if process is not None and process.poll() is None:
        process.kill()
        process.wait()
    ui.stop(server)
    server_log.close()
    app_log.close()
