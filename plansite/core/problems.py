"""Content problems as values: where, what is wrong, what to do."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the content, at a place in a file."""

    file: str
    """Path of the content file, relative to the project (e.g. content/site.yml)."""
    line: int
    """1-based line number; 0 for a setting that is not in a file (an environment variable)."""
    column: int
    """1-based column number."""
    message: str
    """What is wrong; what to do."""
    place: str = ""
    """Where in a spreadsheet ("sheet 'Tracker', row 14, column C (status)"), shown instead of line and
    column; line and column then hold the row and column numbers."""

    def __str__(self) -> str:
        if self.place:
            return f"{self.file}: {self.place}: {self.message}"
        if not self.line:  # a setting outside any file (an environment variable)
            return f"{self.file}: {self.message}"
        return f"{self.file}:{self.line}:{self.column}: {self.message}"


class ContentError(Exception):
    """Raised once, with every problem found, when the content cannot be built."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted(set(problems))
        super().__init__(self.report())

    def report(self) -> str:
        """All problems, one per line, then a count."""
        lines = [str(p) for p in self.problems]
        files = len({p.file for p in self.problems})
        errors = len(self.problems)
        lines.append(
            f"{errors} error{'s' if errors != 1 else ''} in {files} file{'s' if files != 1 else ''};"
            " nothing in docs/ was changed."
        )
        return "\n".join(lines)


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """A ' did you mean …?' suffix naming the nearest candidate, or ''."""
    matches = difflib.get_close_matches(str(word), sorted(set(candidates)), n=1, cutoff=0.6)
    return f"; did you mean '{matches[0]}'?" if matches else ""


def one_of(candidates: Iterable[str], limit: int = 12) -> str:
    """A short, sorted list of allowed values for a message."""
    items = sorted(set(candidates))
    shown = ", ".join(items[:limit])
    return shown + (", …" if len(items) > limit else "") if items else "(none defined)"


def then(message: str, action: str) -> str:
    """Append what to do, unless the message already ends with a did-you-mean suggestion."""
    return message if message.endswith("?") else f"{message}; {action}"
