"""The preview with Zensical: `zensical serve` shows docs/ and reloads the browser when a page
there changes; this process regenerates docs/ whenever a content file or a template is saved
(previewer.py), with the content's problems at the top of the last good pages. (MkDocs' preview,
`mkdocs serve`, runs the same Previewer through plansite/preview/mkdocs_hook.py.)"""

from __future__ import annotations

import os
import signal
import subprocess
import threading

import watchdog.events
import watchdog.observers

from plansite.model import urls
from plansite.preview.previewer import Previewer
from plansite.publish import engines
from plansite.publish.build import Paths, summary
from plansite.render.nav import site_nav
from plansite.render.templating import TEMPLATES

WRITES = {"created", "modified", "moved", "deleted", "closed"}
"""The file events that mean a file was written ("closed" after writing, not "opened" for reading)."""

SETTLE = 0.2
"""Seconds to wait after a save for more saves (an editor's save can be several writes)."""


def serve(paths: Paths, address: str) -> int:
    """Run the preview at `address` (host:port) until it is stopped; Zensical's exit code."""
    previewer = Previewer(paths)
    first = previewer.refresh()
    for line in first.problems:
        print(line, flush=True)
    result = previewer.last_result
    nav = site_nav(result.index, result.progress) if result else []
    folders = (os.path.relpath(paths.docs, paths.project), ".site-preview")
    config = engines.configuration(engines.settings(paths.project), "zensical", nav, folders,
                                   urls.site_address(result.index.content.site) if result else None)
    written = engines.write_config(paths.project, "zensical", config)
    changes = _Changes()
    observer = watchdog.observers.Observer()
    for folder in (paths.content, TEMPLATES):
        observer.schedule(changes, str(folder), recursive=True)
    observer.start()
    worker = threading.Thread(target=_regenerate, args=(previewer, changes), daemon=True)
    worker.start()
    engine = subprocess.Popen([engines.zensical_program(paths.project), "serve", "--config-file", str(written),
                               "--dev-addr", address], cwd=paths.project)
    # Stopping the preview stops Zensical's server too (it would go on serving, on its own, after a `kill`).
    signal.signal(signal.SIGTERM, lambda signum, frame: engine.terminate())
    try:
        return engine.wait()
    except KeyboardInterrupt:
        engine.terminate()
        engine.wait()
        return 0
    finally:
        changes.stop()
        observer.stop()


class _Changes(watchdog.events.FileSystemEventHandler):
    """Saves in the watched folders, gathered until the editor stops saving."""

    def __init__(self) -> None:
        self.pending = threading.Event()
        self.stopped = False

    def on_any_event(self, event: watchdog.events.FileSystemEvent) -> None:
        # Only writes count: reading the files (which the regeneration itself does) is an event too.
        if not event.is_directory and event.event_type in WRITES:
            self.pending.set()

    def stop(self) -> None:
        self.stopped = True
        self.pending.set()


def _regenerate(previewer: Previewer, changes: _Changes) -> None:
    while not changes.stopped:
        changes.pending.wait()
        while True:  # until no save has come for SETTLE seconds
            changes.pending.clear()
            if not changes.pending.wait(SETTLE):
                break
        if changes.stopped:
            return
        done = previewer.refresh()
        for line in done.problems:
            print(line, flush=True)
        if done.result is not None:
            print(summary(done.result), flush=True)
