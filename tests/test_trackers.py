"""Trackers read as content: a council's spreadsheet of progress updates or measure values gives the
same model objects as YAML, with every cell read as it was typed, and every problem located at its
sheet, row and column (a CSV file's at file:ROW:COL), all in one run."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import ERROR_CODES
from trackers import FOLDER, PLAN, RAG, csv_bytes, tracked_content, xlsx_bytes

from plansite.build import Paths, check
from plansite.problems import ContentError
from plansite.schema.statuses import SITE_STATUSES
from plansite.trackers import read_table, source_of
from plansite.trackers.cells import read_sheets

from conftest import assert_rejected, run_build

QUICK = settings(max_examples=int(os.environ.get("HYPOTHESIS_EXAMPLES", "40")), deadline=None)
WORDS = RAG
HEAD = ["Ref", "Date", "Status", "Update"]
LABEL = f"content/{FOLDER}/progress/2026-q1.xlsx"


def read(rows: list[list], folder: str = "progress", **workbook) -> tuple[list, list[str]]:
    """The items one tracker workbook (a sheet 'Tracker') gives, and its problems as printed."""
    table, problems = read_table(LABEL.replace("progress", folder), folder, xlsx_bytes({"Tracker": rows}, **workbook),
                                 WORDS)
    return [row.item for row in table.rows if row.item is not None], [str(p) for p in problems]


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """The 53-action plan's content, without trackers."""
    return tracked_content(tmp_path)


def put(content: Path, rel: str, data: bytes | str) -> None:
    path = content / FOLDER / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)


def problems_of(content: Path) -> list[str]:
    with pytest.raises(ContentError) as err:
        check(Paths(content.parent, content, content.parent / "docs"))
    return [str(p) for p in err.value.problems]


def index_of(content: Path):
    return check(Paths(content.parent, content, content.parent / "docs"))


# Cells: what was typed, whatever the spreadsheet stored ------------------------------------------


def test_date_cells_are_read_as_precisely_as_they_show() -> None:
    rows = [HEAD, ["1.1", dt.datetime(2026, 3, 31), "done", "a"], ["1.2", dt.datetime(2026, 3, 1), "done", "b"],
            ["1.3", dt.date(2026, 1, 1), "done", "c"], ["1.4", dt.datetime(2026, 6, 30, 0, 0), "done", "d"]]
    items, problems = read(rows, formats={("Tracker", "B3"): "mmm-yy", ("Tracker", "B4"): "yyyy",
                                          ("Tracker", "B5"): "dd/mm/yyyy"})
    assert problems == []
    assert [i.date for i in items] == ["2026-03-31", "2026-03", "2026", "2026-06-30"]


FORMATS = [("yyyy-mm-dd", 10), ("dd/mm/yyyy", 10), ("d mmmm yyyy", 10), ("mmm-yy", 7), ("mmmm yyyy", 7), ("yyyy", 4)]


@QUICK
@given(st.lists(st.tuples(st.dates(dt.date(1990, 1, 1), dt.date(2100, 12, 31)), st.sampled_from(FORMATS)),
                min_size=1, max_size=15))
def test_any_date_cell_reads_as_the_date_it_shows(cells: list) -> None:
    rows = [HEAD] + [[f"1.{i}", day, "done", "x"] for i, (day, _) in enumerate(cells, start=1)]
    formats = {("Tracker", f"B{i}"): fmt for i, (_, (fmt, _)) in enumerate(cells, start=2)}
    items, problems = read(rows, formats=formats)
    assert problems == []
    assert [i.date for i in items] == [day.isoformat()[:size] for day, (_, size) in cells]


NUMBERS = st.one_of(st.integers(-10**12, 10**12),
                    st.floats(-1e12, 1e12).map(lambda x: float(f"{x:.15g}")))
"""Numbers as a spreadsheet holds what was typed: up to 15 significant digits (Excel keeps no more)."""


@QUICK
@given(st.lists(NUMBERS, min_size=1, max_size=20))
def test_number_cells_read_as_typed(values: list) -> None:
    data = xlsx_bytes({"Values": [["measure", "date", "value"]] + [["m", "2026", v] for v in values]})
    sheets, problems = read_sheets("values.xlsx", data)
    assert problems == []
    read_back = [cells[2] for _, cells in sheets[0].rows[1:]]
    for value, text in zip(values, read_back, strict=True):
        assert float(text) == value  # the very number
        if float(value).is_integer():
            assert text == str(int(value))  # 82, never 82.0


def test_a_value_from_a_number_cell_is_the_number() -> None:
    items, problems = read([["Measure", "Date", "Value", "Note"], ["waiting-weeks", 2026, 18.0, "provisional"],
                            ["waiting-weeks", "2026-06", 17.5, None]], folder="values")
    assert problems == []
    assert [(i.date, i.value, i.note) for i in items] == [("2026", 18.0, "provisional"), ("2026-06", 17.5, None)]


TEXT = st.text(st.characters(exclude_categories=("Cs", "Cc", "Cn", "Co"), include_characters="\n\t"), max_size=60)


@QUICK
@given(st.lists(TEXT.filter(lambda t: not t.startswith("=") and t.strip() not in ERROR_CODES), min_size=1,
                max_size=10))
def test_text_cells_read_exactly_as_typed_in_both_formats(texts: list[str]) -> None:
    rows = [["ref", "update"]] + [["1.1", t] for t in texts]
    expected = [t.strip() or None for t in texts]
    for name, data in (("t.xlsx", xlsx_bytes({"T": rows})), ("t.csv", csv_bytes(rows))):
        sheets, problems = read_sheets(name, data)
        assert problems == []
        by_row = {number: cells for number, cells in sheets[0].rows}
        got = [by_row[n][1] if n in by_row and len(by_row[n]) > 1 else None for n in range(2, len(rows) + 1)] \
            if name.endswith("xlsx") else [cells[1] if len(cells) > 1 else None for _, cells in sheets[0].rows[1:]]
        if name.endswith("csv"):  # a CSV row of empty cells is no row at all
            expected_csv = [e for e in expected if e is not None]
            assert [g for g in got if g is not None] == expected_csv
        else:
            assert got == expected


def test_what_a_spreadsheet_works_out_is_refused_where_it_is_read() -> None:
    rows = [HEAD + ["Evidence", "Responsible"],
            ["1.1", "2026-03-31", "done", "=A1&B1", None, "=VLOOKUP(A2,Owners!A:B,2)"],
            ["1.2", "2026-03-31", "done", "Done.", "=1/0", None],
            ["1.3", 0.5, "done", "Half.", None, None]]
    _, problems = read(rows, formats={("Tracker", "B4"): "0%"})
    assert problems == [
        f"{LABEL}: sheet 'Tracker', row 2, column D (Update): the cell holds a formula (=A1&B1), which the site"
        " does not work out; copy the cell and paste it back as a value",
        f"{LABEL}: sheet 'Tracker', row 3, column E (Evidence): the cell holds a formula (=1/0), which the site"
        " does not work out; copy the cell and paste it back as a value",
        f"{LABEL}: sheet 'Tracker', row 4, column B (Date): the cell is formatted as a percentage: it holds 0.5 but"
        " shows 50%; format the column as a plain number and type the value as the plan writes it (82 for 82%)",
    ]  # the formula in 'Responsible' (shown to officers, never published) is left alone


def test_a_percentage_cell_is_refused_not_divided() -> None:
    _, problems = read([["measure", "date", "value"], ["families-helped", "2026", 0.82]], folder="values",
                       formats={("Tracker", "C2"): "0%"})
    assert problems == [f"content/{FOLDER}/values/2026-q1.xlsx: sheet 'Tracker', row 2, column C (value): the cell"
                        " is formatted as a percentage: it holds 0.82 but shows 82%; format the column as a plain"
                        " number and type the value as the plan writes it (82 for 82%)"]


# Headers, sheets and rows --------------------------------------------------------------------------


VARIANTS = st.sampled_from([str.lower, str.upper, str.title, lambda s: f"  {s} ", lambda s: s.replace(" ", "_")])


@QUICK
@given(st.permutations(["ref", "date", "status", "update", "evidence", "last status"]), st.lists(VARIANTS, min_size=6,
       max_size=6))
def test_columns_in_any_order_and_any_case_give_the_same_updates(order: list[str], variants: list) -> None:
    row = {"ref": "5.10", "date": "2026-03-31", "status": "Green", "update": "Started.",
           "evidence": "https://www.example.org/a", "last status": "No update published"}
    header = [variant(name) for variant, name in zip(variants, order, strict=True)]
    table, problems = read_table("p.csv", "progress", csv_bytes([header, [row[n] for n in order]]), WORDS)
    assert [str(p) for p in problems] == []
    item = table.rows[0].item
    assert (table.rows[0].key, item.date, item.status, str(item.note), item.evidence) == (
        "5.10", "2026-03-31", "in-progress", "Started.", ["https://www.example.org/a"])


@QUICK
@given(st.sampled_from([*RAG, *SITE_STATUSES, "In progress", "Partly done", "Not started"]), VARIANTS,
       st.sampled_from(["", " ", "  "]))
def test_status_words_are_read_whatever_their_case_and_spacing(word: str, variant, pad: str) -> None:
    items, problems = read([HEAD, ["1.1", "2026-03-31", pad + variant(word) + pad, "x"]])
    assert problems == []
    expected = RAG.get(word) or word.lower().replace(" ", "-")
    assert items[0].status == expected


def test_a_title_above_the_header_hidden_sheets_and_a_key_sheet_are_left_alone() -> None:
    sheets = {"Key": [["Colour", "Meaning"], ["Blue", "Complete"]],
              "Tracker": [["Improvement Plan tracker, quarter 1"], [], HEAD, ["1.1", "2026-03-31", "Blue", "Done."]],
              "Old": [HEAD, ["1.2", "2025-12-31", "Red", "Hidden."]]}
    table, problems = read_table(LABEL, "progress", xlsx_bytes(sheets, hidden=("Old",)), WORDS)
    assert problems == []
    assert [(r.key, r.item.status) for r in table.rows] == [("1.1", "done")]
    assert source_of(table.rows[0].item) == f"{LABEL}, sheet 'Tracker', row 4"


def test_rows_without_an_update_are_skipped_but_half_an_update_is_not() -> None:
    items, problems = read([HEAD + ["Commitment"], ["1.1", None, None, None, "Action 1.1"],
                            ["1.2", "2026-03-31", None, "Started.", None]])
    assert items == []
    assert problems == [f"{LABEL}: sheet 'Tracker', row 3, column C (Status): the cell is empty; write the status"]


def test_evidence_may_hold_several_addresses() -> None:
    items, _ = read([HEAD + ["Evidence"], ["1.1", "2026-03-31", "done", "Done.",
                                           "https://www.example.org/a\nhttps://www.example.org/b"]])
    assert items[0].evidence == ["https://www.example.org/a", "https://www.example.org/b"]


def test_header_problems_name_the_column() -> None:
    _, problems = read([["Reff", "Date", "Stauts", "Update", "Date"], ["1.1", "2026-03-31", "done", "x", "y"]])
    assert problems == [
        f"{LABEL}: sheet 'Tracker', row 1, column A: unknown column 'Reff'; did you mean 'ref'?",
        f"{LABEL}: sheet 'Tracker', row 1, column C: unknown column 'Stauts'; did you mean 'status'?",
        f"{LABEL}: sheet 'Tracker', row 1, column E: the column 'date' is given twice (first in column B); keep one",
    ]  # 'ref' and 'status' are missing too, but the suggestions say so already


# Problems in the whole content: in one run, located, docs/ unchanged --------------------------------


def test_a_broken_tracker_gives_every_problem_in_one_run_and_changes_nothing(content: Path) -> None:
    docs = content.parent / "docs"
    docs.mkdir()
    assert run_build(content, docs).returncode == 0  # the last good site
    put(content, "progress/2026-q1.xlsx", xlsx_bytes({"Tracker": [
        HEAD + ["Evidence"],
        ["5.77", "2026-03-31", "Green", "Started."],
        ["1.2", "2026-03-31", "Amber-ish", "Late."],
        ["1.3", "2026-02-30", "Red", "Stopped."],
        ["1.4", "2026-03-31", "Blue", "Done.", "www.example.org"],
        ["1.5", "2026-03-31", "Blue", "Done."],
        ["1.5", "2026-03-31", "Green", "Still going."],
    ]}))
    put(content, "values/2026.xlsx", xlsx_bytes({"Values": [
        ["Measure", "Date", "Value"], ["waiting-weeks", "2026-03", "18 weeks"], ["waiting-week", "2026-06", 17]]}))
    put(content, "progress/extra.csv", csv_bytes([["ref", "date", "update", "evidence"],
                                                  ["1.1", "2026-03-31", "x", "?"]]))
    q1, values, extra = (f"CONTENT/{FOLDER}/{rel}" for rel in ("progress/2026-q1.xlsx", "values/2026.xlsx",
                                                                   "progress/extra.csv"))
    assert_rejected(content, docs, [
        f"{q1}: sheet 'Tracker', row 2, column A (Ref): there is no commitment '5.77' in plan '{PLAN}'; did you"
        " mean '5.7'?",
        f"{q1}: sheet 'Tracker', row 3, column C (Status): 'Amber-ish' is not a status; did you mean 'Amber'? The"
        " words are: Blue, Green, Amber, Red, not-started, in-progress, done, partly-done, delayed, stopped",
        f"{q1}: sheet 'Tracker', row 4, column B (Date): '2026-02-30' is not a real date: February 2026 has 28 days;"
        " check the day",
        f"{q1}: sheet 'Tracker', row 5, column E (Evidence): 'www.example.org' is not a web address; write the full"
        " address, starting https://",
        f"{q1}: sheet 'Tracker', row 7: commitment 1.5 already has an update dated 2026-03-31 (in {q1}, sheet"
        " 'Tracker', row 6); keep one of them: delete this row, or the other",
        f"{extra}:1:1: there is no 'status' column; add it: a progress tracker's columns are ref, date, status,"
        " update and, if you like, evidence",
        f"{values}: sheet 'Values', row 2, column C (Value): '18 weeks' is not a number; write digits only (82, not"
        " 82% or 1,234)",
        f"{values}: sheet 'Values', row 3, column A (Measure): there is no measure 'waiting-week' in plan '{PLAN}';"
        " did you mean 'waiting-weeks'?",
    ])
