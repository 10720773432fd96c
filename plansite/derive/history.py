"""Whether the build can see the content's whole history, and when each content file last changed.

The record of changes and every 'Page last updated' date come from git. A build that cannot see the
whole history (no git, a downloaded archive, a shallow clone, a project inside another checkout)
says so, and shows no date rather than a wrong one: a shallow clone would date every page by its
one commit. Nothing here reads the build's clock."""

from __future__ import annotations

import fnmatch
import functools
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

TIMEOUT = 120


@dataclass(frozen=True)
class Availability:
    """Whether the whole history of content/ can be read; if not, why, in plain words."""

    missing: str | None = None
    rel: str | None = None
    """content/ relative to the project, as git names it (when there is history)."""

    @property
    def full(self) -> bool:
        return self.missing is None


def _git(project: Path, *args: str) -> subprocess.CompletedProcess[str] | None:
    try:
        return subprocess.run(["git", "-C", str(project), *args], capture_output=True, text=True,
                              timeout=TIMEOUT, errors="replace")
    except (OSError, subprocess.SubprocessError):
        return None


def availability(project: Path, content: Path) -> Availability:
    """Whether the build can read the whole history of content/ from the project's own git."""
    rel = content_path(project, content)
    if rel is None:
        return Availability("the content folder is not inside the project, so its history is not in the"
                            " project's git")
    top = _git(project, "rev-parse", "--show-toplevel")
    if top is None:
        return Availability("git is not installed, so the history of the content cannot be read")
    if top.returncode != 0:
        return Availability("this copy of the project has no git history (a downloaded archive or a copied"
                            " folder); build from a clone of the repository")
    if Path(top.stdout.strip()).resolve() != project.resolve():
        return Availability("the project folder is not the top of its git checkout, so the history found"
                            " there is not the project's own")
    shallow = _git(project, "rev-parse", "--is-shallow-repository")
    if shallow is None or shallow.returncode != 0 or shallow.stdout.strip() != "false":
        return Availability("this is a shallow clone: git holds only the latest commits, so earlier versions"
                            " of the content are missing; fetch the whole history (git fetch --unshallow, or"
                            " fetch-depth: 0 in a CI checkout)", rel)
    return Availability(None, rel)


REQUIRE = "PLANSITE_REQUIRE_HISTORY"
"""Set to 1 (the publish workflow does) to refuse a build that cannot see the whole history."""


def required(flag: bool = False) -> bool:
    """Whether this run must see the whole history: asked for on the command line or by REQUIRE.
    Only the entry points (scripts/build_pages.py, the MkDocs hook) ask; the build takes a parameter."""
    return flag or os.environ.get(REQUIRE, "").strip() not in ("", "0")


def note(missing: str) -> str:
    """What the terminal says when the whole history cannot be read."""
    return (f"Note: the history of the content is incomplete: {missing}. 'What changed' says so, pages show"
            f" no 'last updated' date, and a publishing build with --require-history (or {REQUIRE}=1) refuses.")


def content_path(project: Path, content: Path) -> str | None:
    """content/ relative to the project, as git names it; None when it is elsewhere."""
    try:
        return content.resolve().relative_to(project.resolve()).as_posix()
    except ValueError:
        return None


def last_changes(project: Path, history: Availability) -> dict[str, str]:
    """content file (relative to the project) → the date (YYYY-MM-DD) of the last commit that changed
    it; nothing when the whole history cannot be read (a date then could be wrong)."""
    if not history.full:
        return {}
    # Along the published line: a merged branch's files are dated by the merge that published them.
    out = _git(project, "log", "--first-parent", "--diff-merges=first-parent", "--format=%x00%cs", "--name-only",
               "--", history.rel or "content")
    if out is None or out.returncode != 0:
        return {}
    dates: dict[str, str] = {}
    current = ""
    for line in out.stdout.splitlines():
        if line.startswith("\x00"):
            current = line[1:]
        elif line and current:
            dates.setdefault(line, current)  # git log lists the newest commit first
    return dates


class Updated:
    """The date a page's content last changed: the latest of its source files' dates."""

    def __init__(self, dates: dict[str, str]) -> None:
        self.dates = dates

    @functools.lru_cache(maxsize=4096)  # noqa: B019 - one instance per build
    def of(self, sources: tuple[str, ...]) -> str | None:
        found = [d for pattern in sources if pattern.startswith("content/")
                 for path, d in self.dates.items()
                 if fnmatch.fnmatchcase(path, pattern) or (pattern.endswith("/") and path.startswith(pattern))]
        return max(found) if found else None
