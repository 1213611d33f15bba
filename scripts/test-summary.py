#!/usr/bin/env python3
"""Counts passed and failed tests over meson test logs and prints
"N M" (.ci/run turns that into its "tests: N passed, M failed" line).

Each GTest program speaks TAP, so its subtests are counted one by one
from its output; a program that failed without reporting a failing
subtest (a crash, a timeout) counts as one failure more. A missing log
means that pass never ran (its build failed): one failure.
"""

import json
import re
import sys

OK_RESULTS = {"OK", "EXPECTEDFAIL", "SKIP"}
TAP_LINE = re.compile(r"^(not ok|ok)\b(.*)$")

passed = failed = 0

for path in sys.argv[1:]:
    try:
        with open(path, encoding="utf-8") as log:
            entries = [json.loads(line) for line in log if line.strip()]
    except OSError:
        failed += 1
        continue

    for entry in entries:
        tap_ok = tap_failed = 0
        for line in (entry.get("stdout") or "").splitlines():
            match = TAP_LINE.match(line.strip())
            if not match:
                continue
            if "# SKIP" in match.group(2):
                continue
            if match.group(1) == "ok":
                tap_ok += 1
            else:
                tap_failed += 1

        result_ok = entry.get("result") in OK_RESULTS
        if tap_ok or tap_failed:
            passed += tap_ok
            failed += tap_failed
            if not result_ok and tap_failed == 0:
                failed += 1
        elif result_ok:
            passed += 1
        else:
            failed += 1

print(f"{passed} {failed}")
sys.exit(1 if failed else 0)
