"""Where a row or cell of a tracker is: for located problems, and for the change record, which names
the source of each fact. A tracker's progress update or value remembers its place in its _file and
_path, like any content node, so nothing else needs to know where it came from."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from openpyxl.utils import get_column_letter

from plansite.core.problems import Problem

TRACKER = "tracker"
"""The first part of a tracker node's _path: (TRACKER, sheet or None, row)."""


@dataclass(frozen=True)
class Place:
    """A row of a tracker (column 0) or one cell of it."""

    file: str
    """The file as messages show it (content/plans/…/progress/2026-q1.xlsx)."""
    sheet: str | None
    """The sheet's name; None for a CSV file, which has one table."""
    row: int
    column: int = 0
    header: str = ""
    """The column's header, as the file writes it."""

    def at(self, column: int, header: str = "") -> Place:
        """A cell of this row."""
        return Place(self.file, self.sheet, self.row, column, header)

    def where(self) -> str:
        """The place inside its file: sheet 'Tracker', row 14, column C (status)."""
        out = f"row {self.row}" if self.sheet is None else f"sheet '{self.sheet}', row {self.row}"
        if self.column:
            out += f", column {get_column_letter(self.column)}"
            out += f" ({self.header})" if self.header else ""
        return out

    def problem(self, message: str) -> Problem:
        """A problem here: `file: sheet 'X', row N, column C (header): …` in a workbook,
        `file:ROW:COLUMN: column 'header': …` in a CSV file."""
        column = self.column or 1
        if self.sheet is None:
            said = f"column '{self.header}': {message}" if self.header else message
            return Problem(self.file, self.row, column, said)
        return Problem(self.file, self.row, column, message, self.where())

    def __str__(self) -> str:
        """The row, named in another message or in the change record."""
        return f"{self.file}, {Place(self.file, self.sheet, self.row).where()}"


def mark(node: Any, place: Place) -> None:
    """Make a model object made from a tracker row remember where it came from."""
    node._file, node._path = place.file, (TRACKER, place.sheet, place.row)


def place_of(node: Any) -> Place | None:
    """The row a model object was made from, when it comes from a tracker."""
    path = getattr(node, "_path", ())
    if len(path) >= 3 and path[0] == TRACKER:
        return Place(node._file, path[1], path[2])
    return None


def source_of(node: Any) -> str | None:
    """Where a progress update or value came from, for the change record: 'content/…/2026-q1.xlsx,
    sheet 'Tracker', row 14'; None when it was written in YAML."""
    place = place_of(node)
    return str(place) if place else None


def sources(nodes: Iterable[Any]) -> list[str]:
    """The tracker files some progress updates or values came from, sorted."""
    return sorted({place.file for node in nodes if (place := place_of(node))})


@dataclass
class Places:
    """A tracker's columns by sheet, kept with the other files' positions (load.Locator) so that a
    later stage's problem about a row (a [[reference]] in an update that names nothing) is located
    at its cell."""

    file: str
    columns: dict[str | None, dict[str, tuple[int, str]]] = field(default_factory=dict)
    """Sheet → model field → (column, header)."""

    def problem(self, path: tuple, message: str) -> Problem:
        """A problem at a node's path (TRACKER, sheet, row, field …)."""
        sheet, row, key = path[1], path[2], path[3:]
        column, header = self.columns.get(sheet, {}).get(key[0] if key else "", (0, ""))
        return Place(self.file, sheet, row, column, header).problem(message)
