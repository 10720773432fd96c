"""What the preview (`mkdocs serve`) needs beyond a build: state that lasts from one rebuild to the
next, and a watch on docs/ that ignores the pages the build itself writes there.

MkDocs loads the hook module afresh for every rebuild, so state kept there would be lost; it is
kept here. MkDocs watches all of docs/, so each save would cause a second, needless rebuild when
the hook writes the regenerated pages; the watch below skips those files.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import watchdog.events

STATE: dict[str, Any] = {"serving": False, "nav": None, "started": 0.0, "generated": set()}
"""Whether this is the preview, the last good navigation, when this build started, the generated
files, the preview's Previewer (which keeps the last good pages) and the last good build's result."""


class AnswerDuringRebuilds(threading.Condition):
    """MkDocs' preview server makes every request wait while a rebuild runs (the wait has no time
    limit), so an editor's browser hangs for the whole rebuild. With this condition in its place a
    request is answered at once with the pages as they are (the last good ones); the browser's
    reload poll, which waits with a time limit, still waits for the rebuild and then reloads."""

    def wait_for(self, predicate: Callable[[], Any], timeout: float | None = None) -> Any:
        if timeout is None:
            return True
        return super().wait_for(predicate, timeout)


def answer_during_rebuilds(server: Any) -> None:
    """Make MkDocs' preview server answer requests while it rebuilds (call before it starts)."""
    server._epoch_cond = AnswerDuringRebuilds()


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
