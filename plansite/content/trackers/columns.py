"""The columns of each kind of tracker, and the header row that names them (in any order, any case)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from openpyxl.utils import get_column_letter

from plansite.content.trackers.cells import Refused, Sheet
from plansite.core.problems import Problem, did_you_mean, one_of, then


@dataclass(frozen=True)
class Kind:
    """A kind of tracker: the folder it is kept in and its columns."""

    folder: str
    what: str
    """What one row gives, in messages: 'progress update', 'value'."""
    key: str
    """The column naming the item a row is about."""
    required: tuple[str, ...]
    optional: tuple[str, ...]
    shown: tuple[str, ...]
    """Columns for the officer's eyes (make tracker writes some of them): allowed, never read."""
    fields: dict[str, str]
    """Column → the field of the model it fills."""
    hints: dict[str, str]
    """Column → what to write in it."""

    @property
    def read(self) -> tuple[str, ...]:
        """The columns that are published, besides the key."""
        return self.required + self.optional

    @property
    def known(self) -> tuple[str, ...]:
        """Every column a header row may name."""
        return (self.key, *self.read, *self.shown)

    def columns_text(self) -> str:
        """The columns, as a message lists them."""
        optional = f" and, if you like, {' and '.join(self.optional)}" if self.optional else ""
        return f"{', '.join((self.key, *self.required))}{optional}"


PROGRESS = Kind(
    folder="progress", what="progress update", key="ref",
    required=("date", "status", "update"), optional=("evidence",),
    shown=("commitment", "action", "due", "by when", "responsible", "officer(s) responsible", "outcomes",
           "last date", "last status", "last update"),
    fields={"date": "date", "status": "status", "update": "note", "evidence": "evidence"},
    hints={"ref": "write the commitment's id, as in its address (5.7, or priority/5.7)",
           "date": "write the date of the update, for example 2026-03-31 or 2026-03",
           "status": "write the status", "update": "write what happened, in plain words"},
)
"""progress/*.csv, *.xlsx: one row per progress update of a commitment."""

VALUES = Kind(
    folder="values", what="value", key="measure",
    required=("date", "value"), optional=("note",), shown=("name", "unit"),
    fields={"date": "date", "value": "value", "note": "note"},
    hints={"measure": "write the measure's id, as in its address",
           "date": "write the date or period the value is for: 2026, 2026-03, 2026-03-31 or 2025/26",
           "value": "write the number (82 for 82%)"},
)
"""values/*.csv, *.xlsx: one row per value of a measure."""

KINDS = {kind.folder: kind for kind in (PROGRESS, VALUES)}
"""The kinds of tracker by the folder they are kept in."""

HEADER_SEARCH = 20
"""The header is the first row naming a column, among a sheet's first rows (a title may come first)."""


def column_name(text: str) -> str:
    """A header as compared: case, spaces, hyphens and underscores aside ('Last_Status' = 'last status')."""
    return " ".join(part for part in re.split(r"[\s_-]+", text.lower()) if part)


@dataclass
class Header:
    """A sheet's header row: which column holds what."""

    row: int
    columns: dict[str, int] = field(default_factory=dict)
    """Known column name → its column number."""
    texts: dict[int, str] = field(default_factory=dict)
    """Column number → the header as the file writes it (every named column, known or not)."""
    problems: list[Problem] = field(default_factory=list)
    complete: bool = True
    """False when a needed column is missing: the rows are not read."""

    def text(self, name: str) -> str:
        return self.texts.get(self.columns.get(name, 0), name)


def find_header(sheet: Sheet, kind: Kind) -> Header | None:
    """The sheet's header row, with a problem for each unknown, repeated or missing column; None when
    no row near the top names any of the kind's columns (the sheet is then not a tracker)."""
    for number, cells in sheet.rows[:HEADER_SEARCH]:
        if any(isinstance(c, str) and column_name(c) in kind.known for c in cells):
            return _header(sheet, kind, number, cells)
    return None


def no_header(file: str, sheets: list[Sheet], kind: Kind) -> Problem:
    """The problem of a file in which no row names the columns."""
    rows = [row for sheet in sheets for row in sheet.rows]
    if not rows:
        where = "the file is empty" if sheets else "the workbook has no visible sheet"
        return Problem(file, 1, 1, f"{where}; a {kind.folder} tracker's first row names the columns"
                       f" {kind.columns_text()}, and each row after it gives one {kind.what}")
    number, first = rows[0]
    if len(first) == 1 and isinstance(first[0], str) and (";" in first[0] or "\t" in first[0]):
        return Problem(file, number, 1, "the columns are separated by ';' or tabs, not commas;"
                       " save the file as 'CSV UTF-8 (comma delimited)'")
    where = "no row of this file" if sheets[0].name is None else "no sheet of this workbook has a row that"
    return Problem(file, 1, 1, f"{where} names the columns; the first row should name {kind.columns_text()}"
                   " (any order, any case)")


def _label(sheet: Sheet, column: int) -> str:
    return str(column) if sheet.name is None else get_column_letter(column)


def _header(sheet: Sheet, kind: Kind, number: int, cells: list) -> Header:
    header = Header(number)
    place = sheet.place(number)
    meant: set[str] = set()  # columns a misspelt header was taken for: not reported missing as well
    for column, cell in enumerate(cells, start=1):
        if cell is None:
            continue
        if isinstance(cell, Refused):
            header.problems.append(place.at(column).problem(cell.reason))
            continue
        header.texts[column] = cell
        name = column_name(cell)
        if name not in kind.known:
            other = next((k for k in KINDS.values() if k is not kind and name == k.key), None)
            if other:
                header.problems.append(place.at(column).problem(
                    f"a '{name}' column belongs in a {other.folder} table; move this file to the plan's"
                    f" {other.folder}/ folder"))
                continue
            hint = did_you_mean(name, kind.known)
            meant.add(hint.split("'")[1] if hint else "")
            header.problems.append(place.at(column).problem(then(
                f"unknown column '{cell}'{hint}", f"a {kind.folder} tracker's columns are"
                f" {kind.columns_text()} ({one_of(kind.shown, 20)} may be there too, and are not read)")))
        elif name in header.columns:
            header.problems.append(place.at(column).problem(
                f"the column '{name}' is given twice (first in column {_label(sheet, header.columns[name])});"
                " keep one"))
        else:
            header.columns[name] = column
    for name in (kind.key, *kind.required):
        if name not in header.columns:
            header.complete = False
            if name in meant:
                continue
            header.problems.append(place.problem(f"there is no '{name}' column; add it: a {kind.folder} tracker's"
                                                 f" columns are {kind.columns_text()}"))
    return header
