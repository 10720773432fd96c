"""Reading many versions of content/ from git: each commit's facts, in the order of the published
line. A version whose content/ folder is the same as the one before is skipped; what did not change
between versions is not read again (read.Memo). A long stretch of history (a build with no cache)
is shared out among processes, each reading a contiguous part of the line; the facts are the same
either way."""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from plansite.content.git_tree import Git, GitTree
from plansite.content.read import Memo, read_tree
from plansite.derive import facts
from plansite.model.resolve import resolve

PARALLEL_FROM = 60
"""Below this many commits one process reads them all: starting more would cost more than it saves."""

Version = tuple[str, str, str, dict[str, Any] | None]
"""(commit, date, the id of its content/ folder, its facts or None when it cannot be read)."""


def read_line(project: Path, rel: str, line: list[tuple[str, str]], last_folder: str | None,
              workers: int = 1) -> Iterator[Version]:
    """Every version on `line` ((commit, date), oldest first) whose content/ differs from the one
    before it (the first from `last_folder`)."""
    for version in _versions(project, rel, line, last_folder, workers):
        if version[2] != last_folder:  # parts are read apart: the first of one may repeat the last of another
            last_folder = version[2]
            yield version


def _versions(project: Path, rel: str, line: list[tuple[str, str]], last_folder: str | None,
              workers: int) -> Iterator[Version]:
    if workers <= 1 or len(line) < PARALLEL_FROM or "fork" not in multiprocessing.get_all_start_methods():
        yield from _read_part((project, rel, line, last_folder))
        return
    size = -(-len(line) // workers)
    parts = [(project, rel, line[i:i + size], last_folder if i == 0 else None) for i in range(0, len(line), size)]
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        for part in pool.imap(_read_part_list, parts):
            yield from part


Part = tuple[Path, str, list[tuple[str, str]], str | None]
"""(project, content/'s path, the commits to read, the content/ folder id before the first of them)."""


def _read_part_list(part: Part) -> list[Version]:
    return list(_read_part(part))


def _read_part(part: Part) -> Iterator[Version]:
    project, rel, line, previous = part
    memo = Memo()
    with Git(project) as git:
        for commit, day in line:
            folder = git.folder_id(commit, rel)
            if folder is None or folder == previous:
                continue  # content/ did not change in this commit (or is not there yet)
            previous = folder
            yield commit, day, folder, read_version(git, folder, rel, memo)


def read_version(git: Git, folder: str, rel: str, memo: Memo | None = None) -> dict[str, Any] | None:
    """The facts of content/ in one version (a folder id), or None when this code cannot read it."""
    try:
        index = resolve(read_tree(GitTree(git, folder), rel, memo))
        return facts.of_version(index, memo)
    except Exception:  # noqa: BLE001 - an old version that cannot be read is reported, never fatal
        return None
    finally:
        if memo is not None:
            memo.next_version()
