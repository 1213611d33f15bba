#!/usr/bin/env python3
"""flatpak/io.github.rosterdesk.Roster.json: it cannot be built here (no
runtime download), so it is checked as far as it can be: the app ID,
the command, the GNOME runtime, the permissions issue 10 allows and no
others, pinned sources, and the app built with meson from this tree.
Run from meson with the source root as argument."""

import json
import pathlib
import re
import sys

import tap

root = pathlib.Path(sys.argv[1])
manifest_path = root / "flatpak" / "io.github.rosterdesk.Roster.json"
manifest = {}

APP_ID = "io.github.rosterdesk.Roster"
FINISH_ARGS = {
    "--share=network",
    "--share=ipc",
    "--socket=wayland",
    "--socket=fallback-x11",
    "--device=dri",
    "--talk-name=org.freedesktop.secrets",
}
ARCHIVE_SOURCES = {"archive", "file"}


def parses():
    global manifest
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    assert isinstance(manifest, dict), "the manifest is not a JSON object"


def app_id_and_command():
    assert manifest.get("app-id") == APP_ID, f"app-id is {manifest.get('app-id')!r}"
    assert manifest_path.name == APP_ID + ".json", "the file is not named after the app ID"
    assert manifest.get("command") == "roster", f"command is {manifest.get('command')!r}"
    # The desktop file and the metainfo must carry the same ID, or
    # the store and the shell do not match the app to its window.
    assert (root / "data" / (APP_ID + ".desktop.in")).exists()
    metainfo = (root / "data" / (APP_ID + ".metainfo.xml.in")).read_text(encoding="utf-8")
    assert f"<id>{APP_ID}</id>" in metainfo, "the metainfo's <id> is not the app ID"


def gnome_runtime():
    assert manifest.get("runtime") == "org.gnome.Platform", f"runtime is {manifest.get('runtime')!r}"
    assert manifest.get("sdk") == "org.gnome.Sdk", f"sdk is {manifest.get('sdk')!r}"
    version = str(manifest.get("runtime-version", ""))
    # A stable GNOME release: a number, not "master" or a nightly.
    assert re.fullmatch(r"[4-9][0-9]", version), f"runtime-version is {version!r}"


def finish_args_exactly():
    args = manifest.get("finish-args", [])
    assert len(args) == len(set(args)), f"repeated finish-args: {args}"
    extra = sorted(set(args) - FINISH_ARGS)
    missing = sorted(FINISH_ARGS - set(args))
    assert not extra and not missing, f"finish-args: not allowed {extra}, missing {missing}"


def no_filesystem_access():
    for arg in manifest.get("finish-args", []):
        assert not arg.startswith("--filesystem"), f"{arg}: the file chooser portal gives files"
        assert arg not in ("--socket=session-bus", "--socket=system-bus"), f"{arg}: too broad"


def modules():
    found = []

    def walk(mods):
        for module in mods:
            assert isinstance(module, dict), f"a module given by file name: {module!r}"
            found.append(module)
            walk(module.get("modules", []))

    walk(manifest.get("modules", []))
    return found


def archives_pinned():
    problems = []
    for module in modules():
        for source in module.get("sources", []):
            if source.get("type") not in ARCHIVE_SOURCES:
                continue
            url = source.get("url", "")
            if not url.startswith("https://"):
                problems.append(f"{module['name']}: {url!r} is not an https URL")
            if not re.fullmatch(r"[0-9a-f]{64}", source.get("sha256", "")):
                problems.append(f"{module['name']}: {url} has no sha256 of 64 hex digits")
    assert not problems, "\n".join(problems)


def uchardet_bundled():
    # The runtime lacks it; the app's CSV reader needs it.
    names = [module["name"] for module in modules()]
    assert "uchardet" in names, f"no uchardet module in {names}"


def app_module_last_meson_local():
    mods = manifest.get("modules", [])
    assert mods, "no modules"
    app = mods[-1]
    assert app.get("name") == "roster", f"the last module is {app.get('name')!r}"
    assert app.get("buildsystem") == "meson", f"buildsystem is {app.get('buildsystem')!r}"
    sources = app.get("sources", [])
    assert len(sources) == 1 and sources[0].get("type") == "dir", f"sources: {sources}"
    tree = (manifest_path.parent / sources[0]["path"]).resolve()
    assert tree == root.resolve(), f"the app is built from {tree}, not this tree"
    # Only the app: the server's libraries are not in the runtime.
    assert "-Dserver=false" in app.get("config-opts", []), "the server would be built too"
    options = (root / "meson_options.txt").read_text(encoding="utf-8")
    assert "option('server'" in options, "meson_options.txt has no server option"


sys.exit(tap.run([
    parses,
    app_id_and_command,
    gnome_runtime,
    finish_args_exactly,
    no_filesystem_access,
    archives_pinned,
    uchardet_bundled,
    app_module_last_meson_local,
]))
