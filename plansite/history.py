"""When each content file last changed, from the project's git history (so 'last updated' on a
page is a fact from the record, not the build's clock). Outside a git checkout there is none."""

from __future__ import annotations

import fnmatch
import functools
import subprocess
from pathlib import Path


def last_changes(project: Path, content: Path) -> dict[str, str]:
    """content file (relative to the project) → the date (YYYY-MM-DD) of the last commit that changed it."""
    try:
        rel = content.resolve().relative_to(project.resolve()).as_posix()
        out = subprocess.run(["git", "-C", str(project), "log", "--format=%x00%cs", "--name-only", "--", rel],
                             capture_output=True, text=True, timeout=60)
    except (OSError, ValueError, subprocess.SubprocessError):
        return {}
    if out.returncode != 0:
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
                 for path, d in self.dates.items() if fnmatch.fnmatchcase(path, pattern)]
        return max(found) if found else None
