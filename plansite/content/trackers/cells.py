"""A tracker file's bytes → sheets of cells, each cell the text it shows as typed, or refused with a
reason. Spreadsheets store dates and numbers, not text: they are turned back into what was typed
here, and nothing a spreadsheet works out (a formula) is taken on trust."""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
import zipfile
from dataclasses import dataclass
from typing import Any

import openpyxl

from plansite.content.load import BAD_CHARACTER
from plansite.content.trackers.places import Place
from plansite.core.problems import Problem

MAX_ROWS = 10_000
"""The most rows a sheet may have: far above a plan's actions or a quarter's values."""

MAX_UNPACKED = 20_000_000
"""The most a workbook may unpack to, in bytes (a workbook is a zip file; a small one can unpack to
gigabytes on purpose)."""


@dataclass(frozen=True)
class Refused:
    """A cell that cannot be read as typed, and why (said to the editor when the cell is read)."""

    reason: str


class Number(str):
    """The text of a cell that holds a number: '5.10' typed into a number cell became 5.1."""


Cell = str | Refused | None


@dataclass
class Sheet:
    """One table: a CSV file, or one sheet of a workbook."""

    file: str
    name: str | None
    """The sheet's name; None for a CSV file."""
    rows: list[tuple[int, list[Cell]]]
    """(row number, the cells from the first column on), empty rows left out."""

    def place(self, row: int) -> Place:
        """A row of this sheet."""
        return Place(self.file, self.name, row)


def read_sheets(label: str, data: bytes) -> tuple[list[Sheet], list[Problem]]:
    """The tables of a tracker file (.csv or .xlsx, by its name) and the problems of the file itself."""
    if label.lower().endswith(".xlsx"):
        return read_xlsx(label, data)
    return read_csv(label, data)


# CSV --------------------------------------------------------------------------------------------


def read_csv(label: str, data: bytes) -> tuple[list[Sheet], list[Problem]]:
    """A CSV file: UTF-8 (a byte order mark is fine), cells separated by commas."""
    try:
        text = data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as err:
        before = data[: err.start].decode("utf-8", "replace").replace("\r\n", "\n").split("\n")
        return [], [Problem(label, len(before), len(before[-1]) + 1, f"the file is not UTF-8 text (byte"
                            f" {data[err.start]:#04x} here); save it as 'CSV UTF-8' in your spreadsheet program")]
    sheet, problems = Sheet(label, None, []), []
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    start = 1
    try:
        for record in reader:
            cells = [_text(value) for value in record]
            if any(cell is not None for cell in cells):
                sheet.rows.append((start, cells))
            start = reader.line_num + 1
            if len(sheet.rows) > MAX_ROWS:
                problems.append(_too_many(sheet.place(start - 1)))
                break
    except csv.Error as err:
        problems.append(Problem(label, max(reader.line_num, start), 1, f"the CSV cannot be read ({err}); a cell that"
                                " holds a comma, a quote or a line break must be in double quotes, with each quote"
                                " inside it doubled"))
    return [sheet], problems


# XLSX -------------------------------------------------------------------------------------------


def read_xlsx(label: str, data: bytes) -> tuple[list[Sheet], list[Problem]]:
    """Every visible sheet of a workbook (hidden sheets are not read)."""
    fault = _unpacking_fault(data)
    if fault:
        return [], [Problem(label, 1, 1, fault)]
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as err:  # noqa: BLE001 - any workbook the library cannot open is a problem to report
        return [], [Problem(label, 1, 1, f"the workbook cannot be read ({type(err).__name__}); open it and save"
                            " it again as 'Excel Workbook (.xlsx)'")]
    sheets, problems = [], []
    try:
        for worksheet in book.worksheets:
            if worksheet.sheet_state == "visible":
                sheet, problem = _read_sheet(label, worksheet)
                sheets.append(sheet)
                problems += [problem] if problem else []
    except Exception as err:  # noqa: BLE001 - a broken sheet inside a readable workbook
        problems.append(Problem(label, 1, 1, f"the workbook cannot be read ({type(err).__name__}); open it and save"
                                " it again as 'Excel Workbook (.xlsx)'"))
    finally:
        book.close()
    return sheets, problems


def _unpacking_fault(data: bytes) -> str | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(entry.file_size for entry in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError):
        return ("this is not an XLSX workbook (an old .xls file, an .ods file or a renamed file?); save it as"
                " 'Excel Workbook (.xlsx)', or as 'CSV UTF-8' with the name ending .csv")
    if unpacked > MAX_UNPACKED:
        return (f"the workbook unpacks to more than {MAX_UNPACKED // 1_000_000} MB; keep only the tracker's"
                " sheet in it, or split it into several files")
    return None


def _read_sheet(label: str, worksheet: Any) -> tuple[Sheet, Problem | None]:
    worksheet.reset_dimensions()  # some programs record a wrong size; never cut rows off because of it
    sheet = Sheet(label, worksheet.title, [])
    for number, row in enumerate(worksheet.iter_rows(), start=1):
        cells = [_xlsx_cell(cell) for cell in row]
        if any(cell is not None for cell in cells):
            if number > MAX_ROWS:
                return sheet, _too_many(sheet.place(number))
            sheet.rows.append((number, cells))
    return sheet, None


def _too_many(place: Place) -> Problem:
    return place.problem(f"the table has more than {MAX_ROWS:,} rows; split it into several files")


def _xlsx_cell(cell: Any) -> Cell:
    value, kind = cell.value, getattr(cell, "data_type", "n")
    if value is None:
        return None
    if kind == "f":
        return Refused(f"the cell holds a formula ({_short(str(value))}), which the site does not work out;"
                       " copy the cell and paste it back as a value")
    if kind == "e":
        return Refused(f"the cell shows an error ({value}); type the value itself")
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (dt.datetime, dt.date)):
        return _date(value, getattr(cell, "number_format", None) or "")
    if isinstance(value, (dt.time, dt.timedelta)):
        return Refused("the cell holds a time of day, not a date; type the date, for example 2026-03-31")
    if isinstance(value, (int, float)):
        return _number(value, getattr(cell, "number_format", None) or "")
    return _text(str(value))


def _date(value: dt.date, number_format: str) -> str:
    # As precise as the cell shows it: a cell showing 'Mar-26' holds 1 March 2026 but means March 2026.
    day = value.date() if isinstance(value, dt.datetime) else value
    shown = re.sub(r'"[^"]*"|\[[^\]]*\]|\\.', "", number_format.lower())
    if "d" in shown or not ("m" in shown or "y" in shown):
        return day.isoformat()
    return day.isoformat()[:7] if "m" in shown else day.isoformat()[:4]


def _number(value: float, number_format: str) -> Cell:
    if not math.isfinite(value):
        return Refused(f"the cell holds {value}, which is not a number a page can show; type the value")
    text = number_text(value)
    if "%" in number_format:
        shown = number_text(round(value * 100, 9))
        return Refused(f"the cell is formatted as a percentage: it holds {text} but shows {shown}%;"
                       " format the column as a plain number and type the value as the plan writes it (82 for 82%)")
    return Number(text)


def number_text(value: float) -> str:
    """A number as it was typed: 82.0 → '82', 0.5 → '0.5'."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return repr(value) if isinstance(value, float) else str(value)


def _text(value: str) -> Cell:
    text = value.replace("\r\n", "\n").replace("\r", "\n")
    bad = BAD_CHARACTER.search(text)
    if bad:
        return Refused(f"the text holds an invisible character (U+{ord(bad.group()):04X}) that pages cannot show;"
                       " delete it (it often comes with text copied from a PDF or a word processor)")
    return text.strip() or None


def _short(text: str) -> str:
    return text if len(text) <= 40 else text[:37] + "…"


SUFFIXES = (".csv", ".xlsx")
"""The files a progress/ or values/ folder may hold."""


def file_fault(name: str, is_folder: bool, size: int, max_bytes: int) -> str | None:
    """Why a file in progress/ or values/ cannot be read as a tracker, or None."""
    if is_folder:
        return f"'{name}' is a folder; only the files of this folder are read: move its files up"
    if not name.lower().endswith(SUFFIXES):
        return ("only .csv and .xlsx files are read here; save it as 'CSV UTF-8' or 'Excel Workbook (.xlsx)', or"
                " keep it outside content/")
    if size > max_bytes:
        return f"the file is larger than {max_bytes // 1000} kB; split it into several files"
    return None
