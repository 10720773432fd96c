"""One build at a time in a project folder: `mkdocs serve`, `mkdocs build` and
scripts/build_pages.py all take this lock before they write docs/ or the build's state beside it,
so two builds never interleave their writes (which left every later build refusing the pages as
"changed by hand", or failing on a file the other had just moved).

The lock is an advisory lock (flock) on a file in the build's state folder (.docs.build/ for
docs/); the operating system releases it when the process ends, however it ends. A build that
finds it taken waits, saying so, up to a bound, then stops with a message.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from plansite.core.problems import ContentError, Problem

NAME = "lock"
"""The lock file, inside the build's state folder."""

WAIT = 600.0
"""How long a build waits for another to finish before it gives up (seconds): longer than a build
of the largest site measured."""

_held: dict[Path, int] = {}
"""Locks this process holds, and how many times (the hook and the build it calls share one)."""


class LockError(ContentError):
    """Another build kept the folder for longer than a build waits."""

    def report(self) -> str:
        """The message alone: nothing was built and nothing written."""
        return "\n".join(str(p) for p in self.problems)


@contextlib.contextmanager
def hold(state: Path, wait: float = WAIT, say: TextIO | None = None) -> Iterator[None]:
    """Hold the build lock of the state folder `state` while the block runs (re-entrant within a
    process); wait up to `wait` seconds for another build to finish, saying so once on `say`."""
    path = (state / NAME).resolve()
    if path in _held:
        _held[path] += 1
        try:
            yield
        finally:
            _held[path] -= 1
        return
    handle = _acquire(path, wait, say or sys.stderr)
    _held[path] = 1
    try:
        yield
    finally:
        del _held[path]
        handle.close()  # closing the file releases the lock


def _acquire(path: Path, wait: float, say: TextIO):
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = open(path, "a+", encoding="utf-8")  # noqa: SIM115 - held open for as long as the lock is
    deadline, told = time.monotonic() + wait, False
    while True:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if time.monotonic() >= deadline:
                handle.close()
                raise LockError([Problem(path.as_posix(), 0, 0, f"another build in this folder has been running for"
                                         f" more than {wait:.0f} s, so this one stopped without writing anything;"
                                         " let it finish (or stop it), then build again")]) from None
            if not told:
                print(f"plansite: waiting for another build in this folder to finish ({path})", file=say, flush=True)
                told = True
            time.sleep(0.1)
            continue
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n")  # who holds it, for a person looking
        handle.flush()
        return handle
