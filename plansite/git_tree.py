"""Old versions of content/ read straight from git's objects, never extracted to disk: nothing in an
old commit (a link, an odd name, a huge file) can touch the computer or stop the build.

One long-lived `git cat-file --batch` process serves every object of every version; `git ls-tree`
lists a version's files once, with their sizes, so that a file too large to read is refused before
it is read. A link in a commit is reported, never followed."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import IO

from .tree import FILE, FOLDER, LINK, OTHER, Entry, parent

TIMEOUT = 120
"""Seconds any one git command may take before the version it serves counts as unreadable."""


class Git:
    """The project's git repository. Use as a context manager: the object reader is closed after."""

    def __init__(self, project: Path) -> None:
        self.project = project
        self._batch: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> Git:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def run(self, *args: str) -> str | None:
        """The output of a git command in the project, or None when it fails."""
        try:
            out = subprocess.run(["git", "-C", str(self.project), *args], capture_output=True, timeout=TIMEOUT)
        except (OSError, subprocess.SubprocessError):
            return None
        return out.stdout.decode("utf-8", "replace") if out.returncode == 0 else None

    def object(self, name: str) -> tuple[str, bytes]:
        """An object's type and bytes, by id or by `commit:path`; OSError when it cannot be read."""
        _, kind, data = self._request(name)
        return kind, data

    def _request(self, name: str) -> tuple[str, str, bytes]:
        batch = self._reader()
        try:
            batch.stdin.write(name.encode("utf-8", "surrogateescape") + b"\n")
            batch.stdin.flush()
            header = batch.stdout.readline().decode("utf-8", "replace").split()
            if len(header) != 3:
                raise OSError(f"git has no object {name}")
            size = int(header[2])
            data = _read_exactly(batch.stdout, size + 1)[:size]  # the object, then a line feed
        except (ValueError, BrokenPipeError) as err:
            self.close()
            raise OSError(f"git could not read {name}: {err}") from err
        return header[0], header[1], data

    def _reader(self) -> subprocess.Popen[bytes]:
        if self._batch is None or self._batch.poll() is not None:
            self._batch = subprocess.Popen(["git", "-C", str(self.project), "cat-file", "--batch"],
                                           stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                           stderr=subprocess.DEVNULL)
        return self._batch

    def close(self) -> None:
        """Stop the object reader."""
        if self._batch is None:
            return
        batch, self._batch = self._batch, None
        try:
            batch.stdin.close()
            batch.wait(timeout=10)
        except (OSError, subprocess.SubprocessError):
            batch.kill()
            batch.wait()
        finally:
            batch.stdout.close()

    def folder_id(self, commit: str, path: str) -> str | None:
        """The id of the folder `path` at a commit, or None when it has none there."""
        try:
            oid, kind, _ = self._request(f"{commit}:{path}")
        except OSError:
            return None
        return oid if kind == "tree" else None

    def listing(self, tree: str) -> list[tuple[str, str, str, int, str]] | None:
        """Every entry under a folder id: (mode, type, id, size, path); None when git cannot list it."""
        try:
            out = subprocess.run(["git", "-C", str(self.project), "ls-tree", "-r", "-t", "-l", "-z", tree],
                                 capture_output=True, timeout=TIMEOUT)
        except (OSError, subprocess.SubprocessError):
            return None
        if out.returncode != 0:
            return None
        rows = []
        for record in out.stdout.split(b"\0"):
            if not record:
                continue
            meta, _, raw_path = record.partition(b"\t")
            mode, kind, oid, size = meta.decode("ascii", "replace").split()
            rows.append((mode, kind, oid, int(size) if size.isdigit() else 0,
                         raw_path.decode("utf-8", "replace")))
        return rows


def _read_exactly(stream: IO[bytes], size: int) -> bytes:
    chunks, left = [], size
    while left:
        chunk = stream.read(left)
        if not chunk:
            raise OSError("git stopped before the end of an object")
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


class GitTree:
    """content/ as one commit holds it (a Tree, see tree.py)."""

    def __init__(self, git: Git, folder_id: str) -> None:
        self.git = git
        rows = git.listing(folder_id)
        if rows is None:
            raise OSError(f"git could not list the folder {folder_id}")
        self._entries: dict[str, Entry] = {"": Entry("", FOLDER, key=folder_id)}
        self._children: dict[str, list[Entry]] = {}
        for mode, kind, oid, size, path in rows:
            entry = _entry(path.rsplit("/", 1)[-1], mode, kind, oid, size)
            self._entries[path] = entry
            self._children.setdefault(parent(path), []).append(entry)
        for entries in self._children.values():
            entries.sort(key=lambda e: e.name)

    def entry(self, path: str) -> Entry | None:
        return self._entries.get(path)

    def list(self, folder: str) -> list[Entry]:
        entry = self._entries.get(folder)
        return list(self._children.get(folder, [])) if entry and entry.kind == FOLDER else []

    def read(self, path: str) -> bytes:
        entry = self._entries.get(path)
        if entry is None or entry.kind != FILE or entry.key is None:
            raise OSError(f"{path} is not a file in this version")
        kind, data = self.git.object(entry.key)
        if kind != "blob":
            raise OSError(f"{path} is not a file in this version")
        return data


def _entry(name: str, mode: str, kind: str, oid: str, size: int) -> Entry:
    if kind == "tree":
        return Entry(name, FOLDER, key=oid)
    if mode == "120000":
        return Entry(name, LINK, key=oid, fault="this is a link, and a link in a committed version is never"
                     " followed; copy the file into content/ instead")
    if kind == "blob":
        return Entry(name, FILE, size, key=oid)
    return Entry(name, OTHER, key=oid, fault="this is another git repository (a submodule), not a file;"
                 " copy its files into content/ instead")
