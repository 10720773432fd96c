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

import jinja2
import jinja2.bccache
import watchdog.events
import watchdog.observers

STATE: dict[str, Any] = {"serving": False, "nav": None, "started": 0.0, "generated": set()}
"""Whether this is the preview, the last good navigation, when this build started, the generated
files, the preview's Previewer (which keeps the last good pages) and the last good build's result."""


class KeptBytecode(jinja2.BytecodeCache):
    """Compiled templates kept in memory from one rebuild of the preview to the next (Jinja checks each
    against its template's text, so a changed template is compiled again)."""

    def __init__(self) -> None:
        self.kept: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.kept:
            bucket.bytecode_from_string(self.kept[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.kept[bucket.key] = bucket.bytecode_to_string()


class KeptListing(jinja2.FileSystemLoader):
    """The theme's files, listed once for the whole preview where they are installed (MkDocs lists
    every file of every theme folder on each rebuild: thousands of icons); folders inside the project
    (overrides/) are listed again each time, since an editor may add a file there."""

    def __init__(self, folders: list[str], project: str, kept: dict[str, list[str]]) -> None:
        super().__init__(folders)
        self.project = project
        self.kept = kept

    def list_templates(self) -> list[str]:
        found: set[str] = set()
        for folder in self.searchpath:
            inside = os.path.realpath(folder).startswith(os.path.realpath(self.project) + os.sep)
            names = self.kept.get(folder) if not inside else None
            if names is None:
                names = jinja2.FileSystemLoader(folder).list_templates()
                if not inside:
                    self.kept[folder] = names
            found.update(names)
        return sorted(found)


def keep_theme_between_rebuilds(config: Any, project: Path) -> None:
    """Give MkDocs, for this rebuild of the preview, a theme environment that keeps what it can from
    the last: the listing of the installed theme's files and the compiled templates (Jinja compiles
    a template again when its text has changed)."""
    theme = config.theme
    make = theme.get_env

    def get_env() -> jinja2.Environment:
        env = make()
        env.loader = KeptListing(list(theme.dirs), str(project), STATE.setdefault("theme_files", {}))
        env.bytecode_cache = STATE.setdefault("theme_bytecode", KeptBytecode())
        return env

    theme.get_env = get_env


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


class OnlyChanges(watchdog.events.FileSystemEventHandler):
    """Passes on the events that change a file; not a file being opened or closed unchanged (which the
    build itself does to every file it reads: each would ask for another rebuild)."""

    def __init__(self, handler: watchdog.events.FileSystemEventHandler) -> None:
        self.handler = handler

    def dispatch(self, event: watchdog.events.FileSystemEvent) -> None:
        if event.event_type not in (watchdog.events.EVENT_TYPE_OPENED, watchdog.events.EVENT_TYPE_CLOSED_NO_WRITE):
            self.handler.dispatch(event)


class NoticeChanges(watchdog.observers.Observer):
    """The system's watch on files, passing on only the events that change them (see OnlyChanges)."""

    def schedule(self, event_handler: Any, path: str, **options: Any) -> Any:
        return super().schedule(OnlyChanges(event_handler), path, **options)


def notice_saves_at_once(server: Any) -> None:
    """MkDocs' preview looks for changed files every half second, by listing every watched folder;
    the system's own notice of a change (inotify, FSEvents ...) comes at once and costs nothing while
    nothing changes. The watches made so far move to it; where the system has none, they stay."""
    polling = server.observer
    try:
        noticing = NoticeChanges()
        # (By the path MkDocs asked for: a watch on one file names the folder it is in.)
        moved = {path: noticing.schedule(handler, path, recursive=watch.is_recursive)
                 for path, watch in server._watch_refs.items() for handler in polling._handlers.get(watch, ())}
    except (OSError, AttributeError):
        return
    for watch in list(polling._handlers):
        polling.unschedule(watch)
    server._watch_refs.update(moved)
    server.observer = noticing


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
