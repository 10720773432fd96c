"""Write rendered pages into docs/: only files that changed, never over a hand-written file."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .problems import ContentError, Problem
from .render import GENERATED_MARK


def is_generated(path: Path) -> bool:
    """True when a file in docs/ was written by the build (it carries the generated mark)."""
    try:
        with path.open(encoding="utf-8") as handle:
            return GENERATED_MARK in handle.read(2000)
    except (OSError, UnicodeDecodeError):
        return False


def check_writable(docs: Path, pages: dict[str, str], docs_label: str) -> None:
    """Refuse, before anything is written, to overwrite a hand-written page."""
    problems = [
        Problem(f"{docs_label}/{rel}", 1, 1, "this hand-written page has the address of a generated page;"
                " rename or move it")
        for rel in pages
        if (docs / rel).exists() and not is_generated(docs / rel)
    ]
    if problems:
        raise ContentError(problems)


def write_pages(docs: Path, pages: dict[str, str]) -> tuple[int, int]:
    """Write changed pages and delete generated pages that are no longer made; (written, deleted)."""
    written = 0
    for rel, body in pages.items():
        target = docs / rel
        if target.exists() and target.read_text(encoding="utf-8") == body:
            continue  # unchanged: leave it, so `mkdocs serve` does not see a change and rebuild again
        target.parent.mkdir(parents=True, exist_ok=True)
        _atomic_write(target, body)
        written += 1
    stale = [p for p in sorted(docs.rglob("*.md")) if p.relative_to(docs).as_posix() not in pages
             and is_generated(p)]
    for path in stale:
        path.unlink()
        _remove_empty_parents(path.parent, docs)
    return written, len(stale)


def _atomic_write(target: Path, body: str) -> None:
    # Write beside the target, then rename: a reader never sees half a page.
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=".md")
    with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(body)
    os.replace(tmp, target)


def _remove_empty_parents(folder: Path, docs: Path) -> None:
    while folder != docs and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


def remove_generated(docs: Path) -> int:
    """Delete every generated page under docs/ (hand-written pages stay); return how many."""
    generated = [p for p in sorted(docs.rglob("*.md")) if is_generated(p)] if docs.is_dir() else []
    for path in generated:
        path.unlink()
        _remove_empty_parents(path.parent, docs)
    return len(generated)
