"""The history cache, in .docs.build/history/ beside docs/: the record of changes as it stood after a
commit of the published line, kept by commit id (a commit never changes, and neither does the line
that leads to it). A build then reads only the commits made since the newest one kept.

Files are JSON, named by a hash of the cache format, content/'s path, the `track_changes_from` date
and the commit; a file of another format, or one that cannot be read, is ignored and made again."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

from plansite.derive import facts
from plansite.derive.changes import Record

FORMAT = f"3.{facts.FORMAT}"
"""The cache's format: raise the first number when the kept record changes shape (facts.FORMAT is
part of it, so a change to the facts makes a new cache too)."""


def _file(cache: Path, rel: str, since: str | None, commit: str) -> Path:
    name = hashlib.sha256(f"{FORMAT}\0{rel}\0{since or ''}\0{commit}".encode()).hexdigest()[:32]
    return cache / f"{name}.json"


def has(cache: Path, rel: str, since: str | None, commit: str) -> bool:
    """Whether the record after `commit` is kept."""
    return _file(cache, rel, since, commit).is_file()


def load(cache: Path, rel: str, since: str | None, commit: str) -> tuple[Record, dict[str, Any]] | None:
    """The record after `commit` and what the walk noted beside it (unreadable versions, the last
    folder id), or None when it is not kept (or cannot be read)."""
    try:
        data = json.loads(_file(cache, rel, since, commit).read_text(encoding="utf-8"))
        if data.get("format") != FORMAT or data.get("commit") != commit:
            return None
        return Record(**data["record"]), data["walk"]
    except (OSError, ValueError, TypeError, KeyError):
        return None


def save(cache: Path, rel: str, since: str | None, commit: str, record: Record, walk: dict[str, Any]) -> None:
    """Keep the record after `commit`; a cache that cannot be written is only slower next time."""
    data = {"format": FORMAT, "commit": commit, "record": record.__dict__, "walk": walk}
    path = _file(cache, rel, since, commit)
    try:
        cache.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.part")
        partial.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        os.replace(partial, path)
    except OSError:
        pass
