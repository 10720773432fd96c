"""`make tracker`: for each plan in force, the spreadsheet an officer fills in for its next update. One
row per commitment with what the site publishes about it now, and empty columns for the next date,
status (a drop-down of the words the site accepts) and update. Saved under the plan's progress/
folder, it is read back by rows.py; the same content writes the same bytes."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.xml.functions import tostring

from plansite.content.schema.statuses import allowed_words, status_table, status_word
from plansite.content.trackers.merge import commitment_refs
from plansite.core import dates, text
from plansite.derive.progress import COMMITMENT_STATUSES, Progress

FOLDER = "trackers"
"""Where `make tracker` writes, at the top of the project (git-ignored: the files are made from content/)."""

SHEET = "Tracker"
WORDS_SHEET = "Statuses"

COLUMNS = [  # header, width, wrapped, typed as text (so that 5.10 and 2026-03 stay as typed)
    ("Ref", 10, False, True), ("Commitment", 60, True, False), ("Due", 16, False, False),
    ("Responsible", 30, True, False), ("Last date", 12, False, False), ("Last status", 18, False, False),
    ("Last update", 50, True, False), ("Date", 12, False, True), ("Status", 18, False, True),
    ("Update", 50, True, True), ("Evidence", 40, True, True),
]
"""The columns, in order: the first seven say where each commitment stands; the officer fills in the rest."""


def plans_in_force(index: Any, derived: Progress) -> list[Any]:
    """The plans whose state is current as of the site's date, in id order."""
    return [b for b in sorted(index.plans.values(), key=lambda b: b.id) if derived.of(b).key == "current"]


def write(folder: Path, index: Any, derived: Progress) -> list[tuple[Path, int]]:
    """Write a tracker for each plan in force into `folder` (trackers/); each file written and its rows."""
    written = []
    for bundle in plans_in_force(index, derived):
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{bundle.id}.xlsx"
        path.write_bytes(tracker(bundle, derived, index))
        written.append((path, sum(len(p.commitments) for p in bundle.priorities)))
    return written


def tracker(bundle: Any, derived: Progress, index: Any) -> bytes:
    """The tracker of one plan, as the bytes of an XLSX file."""
    site = index.content.site
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = SHEET
    sheet.append([header for header, *_ in COLUMNS])
    refs = commitment_refs(bundle)
    for priority in bundle.priorities:
        for commitment in priority.commitments:
            sheet.append(_row(refs.short(commitment), commitment, derived, index))
    _format(sheet, sheet.max_row)
    words = allowed_words(site.tracker_statuses)
    _words_sheet(book.create_sheet(WORDS_SHEET), words, status_table(site.tracker_statuses))
    _drop_down(sheet, len(words))
    return _fixed(book, dates.as_of(site.as_of), site.organisation, f"{bundle.plan.title}: progress tracker")


def _row(ref: str, commitment: Any, derived: Progress, index: Any) -> list[Any]:
    state = derived.of(commitment)
    latest = state.latest
    owners = "; ".join(index.owners[o].name for o in commitment.owners if o in index.owners)
    return [ref, text.plain(commitment.text), text.date(commitment.due) if commitment.due else None, owners or None,
            latest.date if latest else None, state.label, text.plain(latest.note) if latest else None,
            None, None, None, None]


def _format(sheet: Any, rows: int) -> None:
    sheet.freeze_panes = "B2"  # the header and the refs stay in view
    for column, (_, width, wrapped, as_text) in enumerate(COLUMNS, start=1):
        letter = get_column_letter(column)
        sheet.column_dimensions[letter].width = width
        sheet.cell(1, column).font = Font(bold=True)
        for row in range(2, rows + 1):
            cell = sheet.cell(row, column)
            cell.alignment = Alignment(wrap_text=wrapped, vertical="top")
            if as_text:
                cell.number_format = "@"


def _words_sheet(sheet: Any, words: list[str], table: dict[str, str]) -> None:
    # The words the Status column accepts, with what the site shows for each: the drop-down's list.
    sheet.append(["Word", "Shown on the site as"])
    sheet["A1"].font = sheet["B1"].font = Font(bold=True)
    for word in words:
        sheet.append([word, COMMITMENT_STATUSES[table[status_word(word)]][0]])
    sheet.column_dimensions["A"].width = sheet.column_dimensions["B"].width = 24


def _drop_down(sheet: Any, count: int) -> None:
    column = get_column_letter(next(i for i, c in enumerate(COLUMNS, 1) if c[0] == "Status"))
    rule = DataValidation(type="list", formula1=f"'{WORDS_SHEET}'!$A$2:$A${count + 1}", allow_blank=True,
                          showErrorMessage=True, errorTitle="Not a status",
                          error=f"Choose a status from the list (the sheet '{WORDS_SHEET}' says what each means).")
    rule.add(f"{column}2:{column}{max(sheet.max_row, 2)}")
    sheet.add_data_validation(rule)


def _fixed(book: Any, day: dt.date, author: str, title: str) -> bytes:
    """The workbook's bytes, dated `day` throughout: openpyxl stamps the time it saves in the file's
    properties and in every entry of the zip file, which would make each run's bytes differ."""
    stamp = dt.datetime.combine(day, dt.time())
    book.properties.creator, book.properties.title = author, title
    book.properties.created = stamp
    buffer = io.BytesIO()
    book.save(buffer)
    book.properties.modified = stamp  # saving set it to now
    out = io.BytesIO()
    with zipfile.ZipFile(buffer) as saved, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as fixed:
        for entry in saved.infolist():
            data = saved.read(entry.filename)
            if entry.filename == "docProps/core.xml":
                data = tostring(book.properties.to_tree())
            info = zipfile.ZipInfo(entry.filename, date_time=(day.year, day.month, day.day, 0, 0, 0))
            info.compress_type, info.create_system, info.external_attr = zipfile.ZIP_DEFLATED, 0, 0o600 << 16
            fixed.writestr(info, data)
    return out.getvalue()
