"""What the preview (`mkdocs serve`) needs beyond a build: state that lasts from one rebuild to the
next, and a watch on docs/ that ignores the pages the build itself writes there.

MkDocs loads the hook module afresh for every rebuild, so state kept there would be lost; it is
kept here. MkDocs watches all of docs/, so each save would cause a second, needless rebuild when
the hook writes the regenerated pages; the watch below skips those files.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import watchdog.events

STATE: dict[str, Any] = {"serving": False, "nav": None, "problems": [], "sources": {}, "started": 0.0,
                         "generated": set()}
"""Whether this is the preview, the last good navigation, the content problems to show, which
content files each built page comes from, when this build started, and the generated files."""


def watch_hand_written(server: Any, docs: Path) -> None:
    """Replace MkDocs' watch on docs/ by one that ignores the files the build generates."""
    folder = os.path.abspath(docs)
    server.unwatch(folder)

    def changed(event: watchdog.events.FileSystemEvent) -> None:
        if event.is_directory:
            return
        paths = [event.src_path, getattr(event, "dest_path", "") or event.src_path]
        if all(_generated(folder, str(p)) for p in paths):
            return
        # MkDocs 1.6 has no public way to ask for a rebuild; this is what its own watch does.
        with server._rebuild_cond:
            server._want_rebuild = True
            server._rebuild_cond.notify_all()

    handler = watchdog.events.FileSystemEventHandler()
    handler.on_any_event = changed  # type: ignore[method-assign]
    server._watch_refs[folder] = server.observer.schedule(handler, folder, recursive=True)
    server._watched_paths[folder] = 1


def _generated(folder: str, path: str) -> bool:
    rel = os.path.relpath(path, folder).replace(os.sep, "/")
    return rel in STATE["generated"]


def touch_generated(docs: Path) -> None:
    """Mark every generated page as changed, so that a dirty build renders them all: when the
    problem banner appears, changes or goes, every page must show it (or stop showing it)."""
    for rel in sorted(STATE["generated"]):
        try:
            os.utime(docs / rel)  # now
        except OSError:
            pass
