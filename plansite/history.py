"""When each content file last changed, from the project's git history (so 'last updated' on a
page is a fact from the record, not the build's clock). Outside a git checkout there is none."""

from __future__ import annotations

import fnmatch
import functools
import subprocess
from pathlib import Path


def git(project: Path, *args: str, binary: bool = False) -> str | bytes | None:
    """The output of a git command in the project's own repository, or None. A project that is not
    the top of a git checkout (a copy, or a folder inside another project's checkout) has no history."""
    try:
        top = subprocess.run(["git", "-C", str(project), "rev-parse", "--show-toplevel"],
                             capture_output=True, text=True, timeout=60)
        if top.returncode != 0 or Path(top.stdout.strip()).resolve() != project.resolve():
            return None
        out = subprocess.run(["git", "-C", str(project), *args], capture_output=True, text=not binary, timeout=120)
    except (OSError, subprocess.SubprocessError):
        return None
    return out.stdout if out.returncode == 0 else None


def content_path(project: Path, content: Path) -> str | None:
    """content/ relative to the project, as git names it; None when it is elsewhere."""
    try:
        return content.resolve().relative_to(project.resolve()).as_posix()
    except ValueError:
        return None


def last_changes(project: Path, content: Path) -> dict[str, str]:
    """content file (relative to the project) → the date (YYYY-MM-DD) of the last commit that changed it."""
    rel = content_path(project, content)
    out = git(project, "log", "--format=%x00%cs", "--name-only", "--", rel) if rel else None
    if out is None:
        return {}
    dates: dict[str, str] = {}
    current = ""
    for line in out.splitlines():
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
