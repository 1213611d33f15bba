#!/usr/bin/env python3
"""po/POTFILES.in lists every source file with translatable text (C,
.ui, the desktop file, the metainfo, the schema), and only files that
exist. Run from meson with the source root as argument."""

import pathlib
import re
import sys

root = pathlib.Path(sys.argv[1])
listed = {
    line.strip()
    for line in (root / "po" / "POTFILES.in").read_text(encoding="utf-8").splitlines()
    if line.strip() and not line.startswith("#")
}

marker_c = re.compile(r"\b(?:N?_|C_|NC_|g_dngettext)\s*\(")
marker_ui = re.compile(r'translatable="yes"')

needed = set()
for path in (root / "src").rglob("*"):
    if path.suffix == ".c" and marker_c.search(path.read_text(encoding="utf-8")):
        needed.add(path.relative_to(root).as_posix())
for path in (root / "data").rglob("*") if (root / "data").exists() else []:
    if path.suffix == ".ui" and marker_ui.search(path.read_text(encoding="utf-8")):
        needed.add(path.relative_to(root).as_posix())
    # The desktop file and the metainfo are merged with their
    # translations at build time; a schema's summaries are translated
    # when it names its gettext domain.
    elif path.name.endswith((".desktop.in", ".metainfo.xml.in")):
        needed.add(path.relative_to(root).as_posix())
    elif path.name.endswith(".gschema.xml") and "gettext-domain=" in path.read_text(encoding="utf-8"):
        needed.add(path.relative_to(root).as_posix())

problems = []
for missing in sorted(needed - listed):
    problems.append(f"not in po/POTFILES.in: {missing}")
for gone in sorted(p for p in listed if not (root / p).exists()):
    problems.append(f"listed in po/POTFILES.in but missing: {gone}")

for problem in problems:
    print(problem)
print("1..1")
print(("not ok" if problems else "ok") + " 1 /po/potfiles-complete")
sys.exit(1 if problems else 0)
