"""The versions of content/ in the project's git history, each reduced to the facts changes.py
compares: read with the same code as the working copy, and cached by commit (a version never
changes), so a build or a preview save reads git once and each old version only the first time."""

from __future__ import annotations

import hashlib
import io
import json
import tarfile
import tempfile
from pathlib import Path
from typing import Any

from . import history
from .changes import FORMAT, Change, compare, facts


def from_history(project: Path, content: Path, cache: Path, since: str | None,
                 now: dict[str, Any]) -> tuple[list[Change], list[str]]:
    """Every change since `since`, oldest first, ending with the working copy's; and the commits
    whose content could not be read (their changes are folded into the next readable version)."""
    versions = _versions(project, content, since)
    if not versions:
        return [], []
    chain: list[tuple[str | None, dict[str, Any]]] = []
    unreadable = []
    for commit, day in versions:
        snapshot = _snapshot(project, content, cache, commit)
        if snapshot is None:
            unreadable.append(commit)
        else:
            chain.append((day, snapshot))
    chain.append((None, now))
    found: list[Change] = []
    for (_, old), (day, new) in zip(chain, chain[1:], strict=False):
        found += compare(old, new, day)
    return found, unreadable


def _versions(project: Path, content: Path, since: str | None) -> list[tuple[str, str]]:
    # (commit, date) of each commit that changed content/, oldest first, from the last one before
    # `since` (the version first published) on.
    rel = history.content_path(project, content)
    out = history.git(project, "log", "--format=%H %cs", "--", rel) if rel else None
    if not out:
        return []
    commits = [tuple(line.split()) for line in out.splitlines() if line.strip()]
    chosen = []
    for commit, day in commits:  # newest first
        chosen.append((commit, day))
        if since is not None and day < since:
            break
    return list(reversed(chosen))


def _snapshot(project: Path, content: Path, cache: Path, commit: str) -> dict[str, Any] | None:
    rel = content.resolve().relative_to(project.resolve()).as_posix()
    name = hashlib.sha256(f"{FORMAT}:{commit}:{rel}".encode()).hexdigest()[:24] + ".json"
    kept = cache / name
    if kept.is_file():
        data = json.loads(kept.read_text(encoding="utf-8"))
        return data if data.get("format") == FORMAT else None
    data = _read_version(project, rel, commit)
    cache.mkdir(parents=True, exist_ok=True)
    kept.write_text(json.dumps(data if data is not None else {"format": FORMAT, "unreadable": True}),
                    encoding="utf-8")
    return data


def _read_version(project: Path, rel: str, commit: str) -> dict[str, Any] | None:
    # The facts of content/ at one commit: extracted from git into a temporary folder and read
    # with the same code as the working copy. A version this code cannot read gives None.
    from .pages import all_pages
    from .progress import derive
    from .read import read_content
    from .resolve import resolve

    archive = history.git(project, "archive", "--format=tar", commit, rel, binary=True)
    if archive is None:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(tmp, filter="data")
        try:
            index = resolve(read_content(Path(tmp) / rel, Path(tmp)))
            return facts(index, all_pages(index, derive(index)))
        except Exception:  # noqa: BLE001 - an old version this code cannot read is skipped, not fatal
            return None
