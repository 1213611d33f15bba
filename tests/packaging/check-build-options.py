#!/usr/bin/env python3
"""-Dserver=false (the Flatpak) and -Dapp=false (a server host without
GTK) each configure a build of one part only: configured in a temporary
folder, not compiled (scripts/ and CI build the full one).
Run from meson: check-build-options.py MESON SOURCE_ROOT."""

import json
import pathlib
import shutil
import subprocess
import sys
import tempfile

import tap

meson = sys.argv[1]
root = pathlib.Path(sys.argv[2])


def configure(option):
    build = pathlib.Path(tempfile.mkdtemp(prefix="roster-options-"))
    try:
        result = subprocess.run([meson, "setup", str(build), str(root), option],
                                capture_output=True, text=True, timeout=600)
        assert result.returncode == 0, f"meson setup {option}:\n{result.stdout}\n{result.stderr}"
        targets = subprocess.run([meson, "introspect", str(build), "--targets"],
                                 capture_output=True, text=True, check=True)
        installed = subprocess.run([meson, "introspect", str(build), "--installed"],
                                   capture_output=True, text=True, check=True)
        return ({t["name"] for t in json.loads(targets.stdout) if t["type"] == "executable"},
                {pathlib.PurePosixPath(p).name for p in json.loads(installed.stdout).values()})
    finally:
        shutil.rmtree(build, ignore_errors=True)


def app_only():
    executables, installed = configure("-Dserver=false")
    assert "roster" in executables, f"no app in {sorted(executables)}"
    assert "roster-server" not in executables, "roster-server is built"
    assert "roster-server.service" not in installed, "the unit is installed"
    assert "io.github.rosterdesk.Roster.desktop" in installed, f"installed: {sorted(installed)}"
    # The tests run the app against the server: none without it.
    assert not any(name.startswith("test-") for name in executables), sorted(executables)


def server_only():
    executables, installed = configure("-Dapp=false")
    assert "roster-server" in executables, f"no server in {sorted(executables)}"
    assert "roster" not in executables, "the app is built"
    assert "roster-server.service" in installed, f"installed: {sorted(installed)}"
    assert not any(name.endswith((".desktop", ".gschema.xml", ".svg")) for name in installed), \
        sorted(installed)


sys.exit(tap.run([app_only, server_only]))
