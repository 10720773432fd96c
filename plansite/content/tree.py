"""Where content is read from: a tree of folders and files, listed and read by path.

read.py and load.py go through a Tree, never through the file system, so every loading rule
(size limit, UTF-8, links, hidden files, located problems) holds wherever the content comes from:
`FolderTree` reads the working folder; `git_tree.GitTree` reads an old version straight from git's
objects, without extracting anything to disk.

Paths are relative to the content folder, '/'-separated; '' is the content folder itself."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

FILE, FOLDER, LINK, OTHER = "file", "folder", "link", "other"


@dataclass(frozen=True)
class Entry:
    """One name in a folder."""

    name: str
    kind: str
    """file, folder, link (one that cannot be read: its `fault` says why) or other (a device, a socket)."""
    size: int = 0
    """A file's size in bytes (known before it is read, so a huge file is never read)."""
    key: str | None = None
    """An id that changes whenever the file's or folder's contents do (git's object id), so that what
    was read from it can be reused; None where there is none (the working folder)."""
    fault: str | None = None
    """Why a link or other entry cannot be read: what is wrong; what to do."""


class Tree(Protocol):
    """A content folder, listed and read by path."""

    def entry(self, path: str) -> Entry | None:
        """What is at `path`, or None when nothing is."""

    def list(self, folder: str) -> list[Entry]:
        """The entries of a folder in name order (none when it is not a folder)."""

    def read(self, path: str) -> bytes:
        """A file's bytes; OSError when it cannot be read."""


def join(folder: str, name: str) -> str:
    """A path inside a folder of the tree."""
    return f"{folder}/{name}" if folder else name


def parent(path: str) -> str:
    """The folder a path is in."""
    return path.rsplit("/", 1)[0] if "/" in path else ""


def name_of(path: str) -> str:
    """The last part of a path."""
    return path.rsplit("/", 1)[-1]


class FolderTree:
    """The content folder on disk. A link is followed only when it stays inside the folder and
    leads somewhere: a link out of it could publish any file on the computer."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._real_root = root.resolve()

    def entry(self, path: str) -> Entry | None:
        full = self.root / path if path else self.root
        try:
            info = full.lstat()
        except OSError:
            return None
        if stat.S_ISLNK(info.st_mode):
            return self._link(full)
        return _entry_of(full.name, info)

    def _link(self, full: Path) -> Entry:
        try:
            target = full.resolve(strict=True)
            info = target.stat()
        except (OSError, RuntimeError):
            return Entry(full.name, LINK, fault="this is a link to a file that does not exist; delete the link or"
                         " restore the file")
        if not target.is_relative_to(self._real_root):
            return Entry(full.name, LINK, fault="this is a link to a file outside content/; copy the file into"
                         " content/ instead")
        return _entry_of(full.name, info)

    def list(self, folder: str) -> list[Entry]:
        full = self.root / folder if folder else self.root
        try:
            names = sorted(os.listdir(full))
        except OSError:
            return []
        entries = (self.entry(join(folder, name)) for name in names)
        return [e for e in entries if e is not None]

    def read(self, path: str) -> bytes:
        full = self.root / path
        if not stat.S_ISREG(full.stat().st_mode):  # never open a device or a pipe: it could block the build
            raise OSError("not a regular file")
        return full.read_bytes()


def _entry_of(name: str, info: os.stat_result) -> Entry:
    if stat.S_ISDIR(info.st_mode):
        return Entry(name, FOLDER)
    if stat.S_ISREG(info.st_mode):
        return Entry(name, FILE, info.st_size)
    return Entry(name, OTHER, fault="this is not an ordinary file; replace it with a text file")
