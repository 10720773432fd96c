"""Old versions of content/ read straight from git's objects, never extracted to disk: nothing in an
old commit (a link, an odd name, a huge file) can touch the computer or stop the build.

Two long-lived processes serve every version: `git cat-file --batch` for objects (folders and
files) and `git cat-file --batch-check` for sizes, so that a file too large to read is refused
before it is read. A folder is read once per git object id, however many versions share it. A link
in a commit is reported, never followed."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import IO

from plansite.content.tree import FILE, FOLDER, LINK, OTHER, Entry

TIMEOUT = 120
"""Seconds a git command may take before the version it serves counts as unreadable."""


class Git:
    """The project's git repository. Use as a context manager: its readers are closed after."""

    def __init__(self, project: Path) -> None:
        self.project = project
        self._readers: dict[str, subprocess.Popen[bytes]] = {}
        self._folders: dict[str, dict[str, Entry]] = {}
        self._sizes: dict[str, int] = {}

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
        _, kind, size = self._ask("--batch", name)
        data = _read_exactly(self._readers["--batch"].stdout, size + 1)[:size]  # the object, then a line feed
        return kind, data

    def folder_id(self, commit: str, path: str) -> str | None:
        """The id of the folder `path` at a commit, or None when it has none there."""
        return self.object_id(commit, path, "tree")

    def object_id(self, commit: str, path: str, kind: str = "blob") -> str | None:
        """The id of the file (or, with kind 'tree', the folder) `path` at a commit, or None."""
        try:
            oid, found, _ = self._ask("--batch-check", f"{commit}:{path}")
        except OSError:
            return None
        return oid if found == kind else None

    def folder(self, oid: str) -> dict[str, Entry]:
        """The entries of a folder (a tree object) by name; read once per id."""
        if oid not in self._folders:
            kind, data = self.object(oid)
            if kind != "tree":
                raise OSError(f"{oid} is not a folder")
            self._folders[oid] = {e.name: e for e in self._entries(data, len(oid) // 2)}
        return self._folders[oid]

    def _entries(self, data: bytes, width: int) -> list[Entry]:
        # A tree object: for each entry, "<mode> <name>\0" then the object id in `width` bytes.
        entries, at = [], 0
        while at < len(data):
            space = data.index(b" ", at)
            nul = data.index(b"\0", space)
            mode, name = data[at:space].decode("ascii"), data[space + 1:nul].decode("utf-8", "replace")
            oid = data[nul + 1:nul + 1 + width].hex()
            at = nul + 1 + width
            entries.append(_entry(name, mode, oid, self._size(oid) if mode.startswith("10") else 0))
        return entries

    def _size(self, oid: str) -> int:
        if oid not in self._sizes:
            self._sizes[oid] = self._ask("--batch-check", oid)[2]
        return self._sizes[oid]

    def _ask(self, mode: str, name: str) -> tuple[str, str, int]:
        # One request to a long-lived `git cat-file` process: (id, type, size) of the object.
        reader = self._reader(mode)
        try:
            reader.stdin.write(name.encode("utf-8", "surrogateescape") + b"\n")
            reader.stdin.flush()
            header = reader.stdout.readline().decode("utf-8", "replace").split()
            if len(header) != 3:
                raise OSError(f"git has no object {name}")
            return header[0], header[1], int(header[2])
        except (ValueError, BrokenPipeError) as err:
            self.close()
            raise OSError(f"git could not read {name}: {err}") from err

    def _reader(self, mode: str) -> subprocess.Popen[bytes]:
        reader = self._readers.get(mode)
        if reader is None or reader.poll() is not None:
            reader = subprocess.Popen(["git", "-C", str(self.project), "cat-file", mode], stdin=subprocess.PIPE,
                                      stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
            self._readers[mode] = reader
        return reader

    def close(self) -> None:
        """Stop the readers."""
        readers, self._readers = self._readers, {}
        for reader in readers.values():
            try:
                reader.stdin.close()
                reader.wait(timeout=10)
            except (OSError, subprocess.SubprocessError):
                reader.kill()
                reader.wait()
            finally:
                reader.stdout.close()


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
    """content/ as one commit holds it (a Tree, see tree.py), given the id of its folder."""

    def __init__(self, git: Git, folder_id: str) -> None:
        self.git = git
        self.root = Entry("", FOLDER, key=folder_id)

    def entry(self, path: str) -> Entry | None:
        if not path:
            return self.root
        folder, _, name = path.rpartition("/")
        entries = self._folder(folder)
        return entries.get(name) if entries is not None else None

    def list(self, folder: str) -> list[Entry]:
        entries = self._folder(folder)
        return sorted(entries.values(), key=lambda e: e.name) if entries is not None else []

    def read(self, path: str) -> bytes:
        entry = self.entry(path)
        if entry is None or entry.kind != FILE or entry.key is None:
            raise OSError(f"{path} is not a file in this version")
        kind, data = self.git.object(entry.key)
        if kind != "blob":
            raise OSError(f"{path} is not a file in this version")
        return data

    def _folder(self, path: str) -> dict[str, Entry] | None:
        entry = self.entry(path)
        return self.git.folder(entry.key) if entry is not None and entry.kind == FOLDER else None


def _entry(name: str, mode: str, oid: str, size: int) -> Entry:
    if mode == "40000":
        return Entry(name, FOLDER, key=oid)
    if mode == "120000":
        return Entry(name, LINK, key=oid, fault="this is a link, and a link in a committed version is never"
                     " followed; copy the file into content/ instead")
    if mode.startswith("10"):
        return Entry(name, FILE, size, key=oid)
    return Entry(name, OTHER, key=oid, fault="this is another git repository (a submodule), not a file;"
                 " copy its files into content/ instead")
