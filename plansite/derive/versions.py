"""The published record: the versions of content/ along the publishing branch's first-parent line
(the commits as they were published, a merge compared with the version before it on that line), then
the working copy. Each version is read straight from git's objects by the same code as the working
copy, reduced to facts and compared with the record (changes.py). The record after each commit is
cached by commit id, so a build reads only the commits made since the last one."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from plansite.content.git_tree import Git
from plansite.content.load import decode, parse_text
from plansite.content.schema.files import Site
from plansite.content.validate import validate
from plansite.core.text import date_key
from plansite.derive import history, history_cache
from plansite.derive.changes import Change, Record, from_kept, step
from plansite.derive.history_read import read_line


@dataclass
class History:
    """Every change found, oldest first (the working copy's last), and what could not be read."""

    changes: list[Change]
    record: Record
    availability: history.Availability
    unreadable: list[tuple[str, str]] = field(default_factory=list)
    """(commit, date) of each version on the line that could not be read; its changes are shown
    with the next version's."""
    earliest_since: str | None = None
    """The earliest `track_changes_from` a committed version set (it may move earlier, never later)."""


def from_history(project: Path, content: Path, cache: Path, since: str | None, now: dict[str, Any],
                 workers: int = 1) -> History:
    """The record of changes from the project's git history and the working copy's facts `now`
    (`workers`: processes to read a long stretch of uncached history with)."""
    found = history.availability(project, content)
    record, walk, earliest = Record(), _fresh_walk(), None
    if found.rel is not None:
        with Git(project) as git:
            every = first_parents(git)
            earliest = earliest_since(git, found.rel, every)
        record, walk = _walk(project, from_since(every, since), found, cache, since, workers)
    changes = [from_kept(kept) for kept in record.changes]
    changes += step(record, now, None)
    unreadable = [(commit, day) for commit, day in walk["unreadable"]]
    return History(changes, record, found, unreadable, earliest)


def _fresh_walk() -> dict[str, Any]:
    return {"tree": None, "unreadable": []}


def _walk(project: Path, line: list[tuple[str, str]], found: history.Availability, cache: Path, since: str | None,
          workers: int) -> tuple[Record, dict[str, Any]]:
    # The record after the newest commit of the line: from the cache as far as it goes, then read.
    use_cache = found.full  # a shallow clone's record is not the whole record: never keep it
    start, record, walk = 0, Record(), _fresh_walk()
    if use_cache:
        for i in range(len(line) - 1, -1, -1):
            kept = history_cache.load(cache, found.rel, since, line[i][0])
            if kept is not None:
                (record, walk), start = kept, i + 1
                break
    for commit, day, folder, version in read_line(project, found.rel, line[start:], walk["tree"], workers):
        walk["tree"] = folder
        if version is None:
            walk["unreadable"].append([commit, day])
        else:
            step(record, version, day)
    if use_cache and line and start < len(line):
        history_cache.save(cache, found.rel, since, line[-1][0], record, walk)
    return record, walk


def first_parents(git: Git) -> list[tuple[str, str]]:
    """(commit, date) of each commit on HEAD's first-parent line (the published line), oldest first.
    The date is when the commit was made on the line (a merge's own date), never the build's clock."""
    out = git.run("log", "--first-parent", "--format=%H %cs", "HEAD")
    if not out:
        return []
    return [(parts[0], parts[1]) for row in reversed(out.splitlines()) if len(parts := row.split()) == 2]


def from_since(line: list[tuple[str, str]], since: str | None) -> list[tuple[str, str]]:
    """The line from the last commit before `since` (the version first published) on."""
    if since is None:
        return line
    before = [i for i, (_, day) in enumerate(line) if day < since]
    return line[before[-1]:] if before else line


def earliest_since(git: Git, rel: str, line: list[tuple[str, str]]) -> str | None:
    """The earliest `track_changes_from` that content/site.yml held in any commit of the line."""
    found = set()
    for oid in dict.fromkeys(git.object_id(commit, f"{rel}/site.yml") for commit, _ in line):
        try:
            text, _ = decode(git.object(oid)[1], "site.yml") if oid else (None, [])
        except OSError:
            continue
        loaded = parse_text(text, "site.yml")[0] if text else None
        site = validate(loaded, Site)[0] if loaded else None
        if site is not None and site.track_changes_from:
            found.add(site.track_changes_from)
    return min(found, key=date_key) if found else None
