"""A few lines of TAP for the packaging checks: each check is a
function that raises AssertionError (or returns a skip reason)."""

import sys
import traceback


def run(checks):
    print(f"1..{len(checks)}")
    failed = 0
    for number, check in enumerate(checks, 1):
        name = check.__name__.replace("_", "-")
        try:
            skip = check()
        except AssertionError as error:
            failed += 1
            print(f"not ok {number} {name}")
            for line in str(error).splitlines() or ["(no message)"]:
                print(f"# {line}")
            continue
        except Exception:
            failed += 1
            print(f"not ok {number} {name}")
            for line in traceback.format_exc().splitlines():
                print(f"# {line}")
            continue
        if skip:
            print(f"ok {number} {name} # SKIP {skip}")
        else:
            print(f"ok {number} {name}")
    sys.stdout.flush()
    return 1 if failed else 0
