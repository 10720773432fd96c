"""Write the generated pages into docs/ as one set: a build that is stopped at any moment leaves
docs/ as it was, or the next run finishes it. Hand-written pages are never touched.

The build keeps its state beside docs/ (in .docs.build/ for docs/):
- manifest.json: every file the build wrote, so generated and hand-written files are told apart
  by record, not by reading them;
- staging/: the new files, written in full before anything in docs/ changes;
- journal.json: what to move and delete. Renaming it into place is the moment the new set is
  committed; every run first finishes a committed journal, or throws away an uncommitted one.
  A journal the disk will not let a run finish (a file where a folder must go, no permission, a
  full disk) is discarded with a message, keeping a record of what it did write, so that one
  fault never stops every later build.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path

from plansite.core.problems import ContentError, Problem

MANIFEST, JOURNAL, STAGING = "manifest.json", "journal.json", "staging"


class WriteError(ContentError):
    """docs/ could not be written in full; what was written is recorded, so the next build goes on."""

    def report(self) -> str:
        """The fault, then what state docs/ is in."""
        return "\n".join([*(str(p) for p in self.problems),
                          "docs/ holds the pages written before the fault (and the rest as they were); fix the"
                          " fault and build again: the next build finishes the set."])


def state_dir(docs: Path) -> Path:
    """Where the build keeps its manifest and journal for this docs folder."""
    return docs.parent / f".{docs.name}.build"


def generated(docs: Path) -> set[str]:
    """The files in docs/ that the build wrote (paths relative to docs/)."""
    return set(_manifest(docs))


def _manifest(docs: Path) -> dict[str, str]:
    # path relative to docs/ → digest of the bytes the build wrote there
    path = state_dir(docs) / MANIFEST
    if not path.is_file():
        return {}
    try:
        return dict(json.loads(path.read_text(encoding="utf-8"))["files"])
    except (OSError, ValueError, KeyError, TypeError):
        return {}  # a damaged manifest: treat nothing as generated, so nothing is deleted


def recover(docs: Path) -> None:
    """Finish a committed journal left by a stopped build, and remove an uncommitted one's files."""
    state = state_dir(docs)
    journal = state / JOURNAL
    if journal.is_file():
        _apply(docs, json.loads(journal.read_text(encoding="utf-8")))
    shutil.rmtree(state / STAGING, ignore_errors=True)
    (state / f"{JOURNAL}.tmp").unlink(missing_ok=True)


def check_writable(docs: Path, pages: dict[str, str], sources: dict[str, list[str]], docs_label: str,
                   seen: dict[str, tuple] | None = None) -> None:
    """Refuse, before anything is written, a generated page that would replace or shadow a hand-written one.
    `seen` (the preview's, kept from one save to the next): each file's digest by its size and time of
    change, so that only files changed since are read again."""
    recover(docs)
    mine = _manifest(docs)
    made = {_address(rel): rel for rel in pages}
    problems = [_edited(docs, rel, sources.get(rel, []), docs_label) for rel, digest in sorted(mine.items())
                if (docs / rel).is_file() and _digest_of(docs / rel, seen) != digest]
    for path in sorted(docs.rglob("*")) if docs.is_dir() else []:
        rel = path.relative_to(docs).as_posix()
        if rel in mine or not (path.is_file() or path.is_symlink()) or _address(rel) not in made:
            continue
        page = made[_address(rel)]
        origin = ", ".join(sources.get(page, [])) or "the content"
        same = "has the path" if page == rel else f"has the same address as {docs_label}/{page}"
        problems.append(Problem(f"{docs_label}/{rel}", 1, 1, f"this hand-written file {same}, which the build"
                                f" makes from {origin}; rename or move the hand-written file (if an earlier"
                                " build wrote it, delete it)"))
    if problems:
        raise ContentError(problems)


def _edited(docs: Path, rel: str, origin: list[str], docs_label: str) -> Problem:
    made_from = f"made from {', '.join(origin)}" if origin else "no longer made"
    return Problem(f"{docs_label}/{rel}", 1, 1, f"this page was changed by hand after the build wrote it; it is"
                   f" {made_from}, so make the change there (or move your page to a new name), then delete"
                   " this file")


def _address(rel: str) -> str:
    # The address MkDocs gives a file: x.md, x/index.md and x/README.md are all /x/.
    if not rel.endswith(".md"):
        return rel
    stem = rel[:-3]
    head, _, name = stem.rpartition("/")
    return (head if name in ("index", "README") else stem) + "/"


def write_pages(docs: Path, pages: dict[str, str]) -> tuple[int, int]:
    """Write changed pages and delete generated pages no longer made, as one set; (written, deleted)."""
    recover(docs)
    before = generated(docs)
    changed = [rel for rel, body in pages.items() if _differs(docs / rel, body)]
    stale = sorted(rel for rel in before if rel not in pages)
    if not changed and not stale and before == set(pages):
        return 0, 0
    state = state_dir(docs)
    staging = state / STAGING
    staging.mkdir(parents=True, exist_ok=True)
    moves = []
    for n, rel in enumerate(changed):
        _write_synced(staging / str(n), pages[rel].encode("utf-8"))
        moves.append([str(n), rel])
    journal = {"write": moves, "delete": stale, "files": {rel: _digest(pages[rel].encode()) for rel in sorted(pages)}}
    _write_synced(state / f"{JOURNAL}.tmp", json.dumps(journal, indent=0, sort_keys=True).encode())
    os.replace(state / f"{JOURNAL}.tmp", state / JOURNAL)  # the commit: from here on, the new set wins
    _sync_folder(state)
    _apply(docs, journal)
    return len(changed), len(stale)


def _apply(docs: Path, journal: dict) -> None:
    # Safe to run again after a stop: a file already moved is no longer in staging.
    state = state_dir(docs)
    rel = ""
    try:
        for staged, rel in journal["write"]:
            source = state / STAGING / staged
            if source.exists():
                (docs / rel).parent.mkdir(parents=True, exist_ok=True)
                os.replace(source, docs / rel)
        for rel in journal["delete"]:
            (docs / rel).unlink(missing_ok=True)
            _remove_empty_parents((docs / rel).parent, docs)
    except OSError as err:
        _discard(docs, journal)
        raise WriteError([Problem((docs / rel).as_posix(), 1, 1, f"the build could not write this file"
                                  f" ({err.strerror or err}); check that nothing else stands at this path and"
                                  " that the folder may be written")]) from None
    _record(state, journal["files"])
    (state / JOURNAL).unlink(missing_ok=True)
    shutil.rmtree(state / STAGING, ignore_errors=True)


def _record(state: Path, files: dict[str, str]) -> None:
    manifest = json.dumps({"files": files}, indent=0, sort_keys=True).encode()
    _write_synced(state / f"{MANIFEST}.tmp", manifest)
    os.replace(state / f"{MANIFEST}.tmp", state / MANIFEST)


def _discard(docs: Path, journal: dict) -> None:
    # The manifest then names every file the build wrote that is in docs/ now, old or new, so the
    # next build neither mistakes them for hand-written pages nor leaves stale ones behind.
    state, before = state_dir(docs), _manifest(docs)
    files = {}
    for rel in sorted(set(before) | set(journal["files"])):
        path = docs / rel
        digest = _digest(path.read_bytes()) if path.is_file() else None
        if digest is not None and digest in (before.get(rel), journal["files"].get(rel)):
            files[rel] = digest
        elif rel in before and path.exists():
            files[rel] = before[rel]  # changed by hand: still reported as such
    _record(state, files)
    (state / JOURNAL).unlink(missing_ok=True)
    shutil.rmtree(state / STAGING, ignore_errors=True)


def _differs(target: Path, body: str) -> bool:
    # Unchanged pages are left alone, so `mkdocs serve` does not see a change and rebuild again.
    try:
        return target.read_bytes() != body.encode("utf-8")
    except OSError:
        return True


def _digest_of(path: Path, seen: dict[str, tuple] | None) -> str:
    # A file's digest; read again only when its size or time of change differ from the last time.
    if seen is None:
        return _digest(path.read_bytes())
    info = path.stat()
    stamp = (info.st_size, info.st_mtime_ns, info.st_ino)
    kept = seen.get(str(path))
    if kept is None or kept[0] != stamp:
        kept = seen[str(path)] = (stamp, _digest(path.read_bytes()))
    return kept[1]


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _write_synced(path: Path, data: bytes) -> None:
    with open(path, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def _sync_folder(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _remove_empty_parents(folder: Path, docs: Path) -> None:
    while folder != docs and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


def remove_generated(docs: Path) -> int:
    """Delete every file the build wrote into docs/ (hand-written pages stay); return how many."""
    recover(docs)
    files = sorted(generated(docs))
    if files:
        write_pages(docs, {})
    return len(files)
