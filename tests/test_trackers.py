"""Trackers read as content: a council's spreadsheet of progress updates or measure values gives the
same model objects as YAML, with every cell read as it was typed, and every problem located at its
sheet, row and column (a CSV file's at file:ROW:COL), all in one run."""

from __future__ import annotations

import datetime as dt
import os
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import ERROR_CODES

from plansite.content.schema.statuses import SITE_STATUSES
from plansite.content.trackers import read_table, source_of
from plansite.content.trackers.cells import read_sheets
from plansite.core.problems import ContentError
from plansite.publish.build import Paths, check

from conftest import assert_rejected, run_build
from trackers import FOLDER, PLAN, RAG, csv_bytes, refs, tracked_content, xlsx_bytes

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


# Merging with the YAML ---------------------------------------------------------------------------


def test_updates_and_values_join_the_commitments_and_measures(content: Path) -> None:
    put(content, "progress/2026-q1.csv", csv_bytes([HEAD, ["1.1", "2026-03-31", "Blue", "Done."],
                                                    ["practice/1.2", "2026-03-31", "Red", "Stopped."],
                                                    [f"{PLAN}/practice/1.3", "2026-03", "in-progress", "Going."]]))
    put(content, "values/2026.csv", csv_bytes([["measure", "date", "value"], ["waiting-weeks", "2026-06", "15"],
                                               ["waiting-weeks", "2026-03", "18"]]))
    index = index_of(content)
    practice = {c.id: c for c in index.priorities[(PLAN, "practice")].commitments}
    assert [(u.date, u.status) for u in practice["1.1"].progress] == [("2026-03-31", "done")]
    assert practice["1.2"].progress[0].status == "stopped" and practice["1.3"].progress[0].date == "2026-03"
    measure = index.measures[(PLAN, "waiting-weeks")]
    assert [(v.date, v.value) for v in measure.values] == [("2026-03", 18.0), ("2026-06", 15.0)]  # in date order
    assert source_of(measure.values[0]) == f"content/{FOLDER}/values/2026.csv, row 3"
    assert source_of(practice["1.1"].progress[0]) == f"content/{FOLDER}/progress/2026-q1.csv, row 2"


def test_an_update_given_in_yaml_and_a_tracker_for_the_same_date_names_both_places(content: Path) -> None:
    priority = content / FOLDER / "priorities" / "practice.yml"
    text = priority.read_text(encoding="utf-8").replace(
        '    owners: [head-of-early-help]\n', '    owners: [head-of-early-help]\n    progress:\n'
        '      - {date: 2026-03-31, status: done, note: Done.}\n', 1)
    priority.write_text(text, encoding="utf-8")
    put(content, "progress/2026-q1.csv", csv_bytes([HEAD, ["1.1", "2026-03-31", "Blue", "Done."]]))
    put(content, "values/2026.csv", csv_bytes([["measure", "date", "value"], ["waiting-weeks", "2025-12", "20"]]))
    yaml_line = text.splitlines().index("      - {date: 2026-03-31, status: done, note: Done.}") + 1
    baseline = text.splitlines().index("    baseline: {date: 2025-12, value: 20}") + 1
    assert problems_of(content) == [
        f"content/{FOLDER}/progress/2026-q1.csv:2:1: commitment 1.1 already has an update dated 2026-03-31 (in"
        f" content/{FOLDER}/priorities/practice.yml:{yaml_line}:16); keep one of them: delete this row, or the other",
        f"content/{FOLDER}/values/2026.csv:2:1: measure 'waiting-weeks' already has a baseline dated 2025-12 (in"
        f" content/{FOLDER}/priorities/practice.yml:{baseline}:22); keep one of them: delete this row, or the other",
    ]


def test_the_same_update_in_two_files_names_both(content: Path) -> None:
    put(content, "progress/a.csv", csv_bytes([HEAD, ["2.3", "2026-03-31", "Blue", "Done."]]))
    put(content, "progress/b.xlsx", xlsx_bytes({"Q1": [HEAD, ["2.3", "2026-03-31", "Green", "Going."]]}))
    assert problems_of(content) == [
        f"content/{FOLDER}/progress/b.xlsx: sheet 'Q1', row 2: commitment 2.3 already has an update dated 2026-03-31"
        f" (in content/{FOLDER}/progress/a.csv, row 2); keep one of them: delete this row, or the other"]


def test_a_ref_typed_into_a_number_cell_is_taken_only_when_it_cannot_be_another(content: Path) -> None:
    # Workstream 5 has 5.1 and 5.10: a number cell holding 5.1 could be either. 5.7 can only be 5.7.
    put(content, "progress/q1.xlsx", xlsx_bytes({"T": [HEAD, [5.7, "2026-03-31", "Blue", "Done."],
                                                       [5.1, "2026-03-31", "Blue", "Done."],
                                                       [3, "2026-03", "done", "x"]]}))
    assert problems_of(content) == [
        f"content/{FOLDER}/progress/q1.xlsx: sheet 'T', row 3, column A (Ref): the ref is stored as a number (5.1),"
        " which could be 5.1 or 5.10; format the column as Text and type the ref again",
        f"content/{FOLDER}/progress/q1.xlsx: sheet 'T', row 4, column A (Ref): there is no commitment '3' in plan"
        f" '{PLAN}'; write the commitment's id as in its address (5.7, or priority/5.7)",
    ]
    (content / FOLDER / "progress" / "q1.xlsx").write_bytes(
        xlsx_bytes({"T": [HEAD, [5.7, "2026-03-31", "Blue", "Done."]]}))
    commitment = index_of(content).commitments[(PLAN, "permanence", "5.7")]
    assert commitment.progress[0].status == "done"


def test_a_commitment_id_used_in_two_priorities_needs_its_priority(tmp_path: Path) -> None:
    import shutil

    from conftest import SMALL

    content = tmp_path / "content"
    shutil.copytree(SMALL, content)
    folder = content / "plans/next-plan-2022-2025/progress"
    folder.mkdir()
    (folder / "q.csv").write_bytes(csv_bytes([HEAD, ["1", "2024-01", "done", "x"], ["prevnetion/1", "2024-01", "done",
                                                                                       "x"]]))
    assert problems_of(content) == [
        "content/plans/next-plan-2022-2025/progress/q.csv:2:1: column 'Ref': '1' names more than one commitment"
        " (education/1 and prevention/1); write priority/commitment",
        "content/plans/next-plan-2022-2025/progress/q.csv:3:1: column 'Ref': there is no commitment 'prevnetion/1'"
        " in plan 'next-plan-2022-2025'; did you mean 'prevention/1'?",
    ]


def test_a_reference_in_an_update_that_names_nothing_is_located_at_its_cell(content: Path) -> None:
    put(content, "progress/q1.xlsx", xlsx_bytes({"T": [HEAD, ["1.1", "2026-03-31", "done", "Linked to [[9.9]]."]]}))
    assert problems_of(content) == [
        f"content/{FOLDER}/progress/q1.xlsx: sheet 'T', row 2, column D (Update): the reference [[9.9]] names nothing;"
        " write plan/priority/commitment ids (or plan/measures/measure) as in the item's address"]


def test_an_update_keeps_the_restricted_markdown_of_yaml(content: Path) -> None:
    put(content, "progress/q1.csv", csv_bytes([HEAD, ["1.1", "2026-03-31", "done", "See [it](javascript:alert(1))."]]))
    problems = problems_of(content)
    assert len(problems) == 1
    assert problems[0].startswith(f"content/{FOLDER}/progress/q1.csv:2:4: column 'Update': the link to"
                                  " 'javascript:alert(1)' is not allowed")


# The council's words, in site.yml ---------------------------------------------------------------


@pytest.mark.parametrize(("table", "message"), [
    ("  Green: in-progress\n  green: done\n", "'Green' and 'green' are the same word to the site (case, spaces and"
     " hyphens aside); give it once"),
    ("  Done: stopped\n", "'Done' is the site's own word for done; it cannot mean stopped"),
    ("  Amber: late\n", "'late' is not allowed in 'Amber'; use one of: not-started, in-progress, done, partly-done,"
     " delayed, stopped"),
])
def test_the_status_table_is_checked(tmp_path: Path, table: str, message: str) -> None:
    import shutil

    from conftest import SMALL

    content = tmp_path / "content"
    shutil.copytree(SMALL, content)
    site = content / "site.yml"
    site.write_text(site.read_text(encoding="utf-8") + "tracker_statuses:\n" + table, encoding="utf-8")
    problems = problems_of(content)
    assert len(problems) == 1 and problems[0].startswith("content/site.yml:") and problems[0].endswith(message)


def test_without_a_table_only_the_sites_own_words_are_accepted(tmp_path: Path) -> None:
    _, problems = read_table("p.csv", "progress", csv_bytes([HEAD, ["1", "2026-03", "Green", "x"],
                                                              ["2", "2026-03", "Partly done", "y"]]), {})
    assert [str(p) for p in problems] == [
        "p.csv:2:3: column 'Status': 'Green' is not a status; use one of: not-started, in-progress, done, partly-done,"
        " delayed, stopped (to use the council's own words, map them to these in content/site.yml, under"
        " tracker_statuses)"]


# Files that cannot be read -------------------------------------------------------------------------


def _bomb() -> bytes:
    import io

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b" " * 30_000_000)
    return out.getvalue()


FILES = {
    "progress/old.xls": (b"\xd0\xcf\x11\xe0", "only .csv and .xlsx files are read here; save it as 'CSV UTF-8' or"
                         " 'Excel Workbook (.xlsx)', or keep it outside content/"),
    "progress/renamed.xlsx": (b"ref,date\n", "this is not an XLSX workbook (an old .xls file, an .ods file or a"
                              " renamed file?); save it as 'Excel Workbook (.xlsx)', or as 'CSV UTF-8' with the name"
                              " ending .csv"),
    "progress/bomb.xlsx": (None, "the workbook unpacks to more than 20 MB; keep only the tracker's sheet in it, or"
                           " split it into several files"),
    "progress/latin1.csv": ("ref,date,status,update\n1.1,2026-03,done,caf\xe9\n".encode("latin-1"),
                            "the file is not UTF-8 text (byte 0xe9 here); save it as 'CSV UTF-8' in your spreadsheet"
                            " program"),
    "progress/semicolons.csv": (b"ref;date;status;update\n1.1;2026-03;done;x\n", "the columns are separated by ';'"
                                " or tabs, not commas; save the file as 'CSV UTF-8 (comma delimited)'"),
    "progress/empty.csv": (b"", "the file is empty; a progress tracker's first row names the columns ref, date,"
                           " status, update and, if you like, evidence, and each row after it gives one progress"
                           " update"),
    "progress/quotes.csv": (b'ref,date,status,update\n1.1,2026-03,done,"unclosed\n', "the CSV cannot be read"),
    "progress/big.csv": (b"ref,date,status,update\n" + b"1.1,2026-03,done,x\n" * 60_000,
                         "the file is larger than 1000 kB; split it into several files"),
    "values/hidden.xlsx": (None, "no sheet of this workbook has a row that names the columns; the first row should"
                           " name measure, date, value and, if you like, note (any order, any case)"),
    "tracker.xlsx": (b"", "a tracker is read from the plan's progress/ folder (updates) or values/ folder (measure"
                     " values); move it into one of them"),
    "progress/2025/q4.csv": (b"ref,date,status,update\n", "'2025' is a folder; only the files of this folder are"
                             " read: move its files up"),
}


@pytest.mark.parametrize("rel", sorted(FILES))
def test_a_file_that_cannot_be_read_is_a_located_problem(content: Path, rel: str) -> None:
    data, message = FILES[rel]
    if rel.endswith("bomb.xlsx"):
        data = _bomb()
    if rel.endswith("hidden.xlsx"):
        data = xlsx_bytes({"A": [["measure", "date", "value"], ["waiting-weeks", "2026", 1]], "B": [["x"]]},
                          hidden=("A",))
    put(content, rel, data)
    problems = problems_of(content)
    assert len(problems) == 1, problems
    shown = rel.split("/2025/")[0] + "/2025" if "/2025/" in rel else rel
    assert problems[0].startswith(f"content/{FOLDER}/{shown}:") and message in problems[0], problems


def test_a_link_to_a_file_outside_content_is_refused(content: Path, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.csv"
    outside.write_bytes(csv_bytes([HEAD, ["1.1", "2026-03", "done", "x"]]))
    (content / FOLDER / "progress").mkdir()
    (content / FOLDER / "progress" / "q1.csv").symlink_to(outside)
    assert problems_of(content) == [f"content/{FOLDER}/progress/q1.csv:1:1: this is a link to a file outside"
                                    " content/; copy the file into content/ instead"]


def test_editors_lock_and_backup_files_are_not_read(content: Path) -> None:
    put(content, "progress/~$q1.xlsx", b"lock")
    put(content, "progress/.~lock.q1.xlsx#", b"lock")
    put(content, "progress/q1.csv~", b"backup")
    assert index_of(content).plans[PLAN]


def test_a_ref_in_a_priority_file_that_failed_to_load_is_not_reported_missing(content: Path) -> None:
    workforce = content / FOLDER / "priorities" / "workforce.yml"
    workforce.write_text(workforce.read_text(encoding="utf-8").replace("title: Workstream 2", "title: [broken"),
                         encoding="utf-8")
    put(content, "progress/q1.csv", csv_bytes([HEAD, ["2.3", "2026-03-31", "done", "Done."]]))
    problems = problems_of(content)
    assert len(problems) == 1 and problems[0].startswith(f"content/{FOLDER}/priorities/workforce.yml:"), problems


# make tracker ---------------------------------------------------------------------------------------


def _tracker(content: Path) -> bytes:
    from plansite.derive import progress
    from plansite.publish import workbook

    index = index_of(content)
    derived = progress.derive(index)
    assert [b.id for b in workbook.plans_in_force(index, derived)] == [PLAN]
    return workbook.tracker(index.plans[PLAN], derived, index)


def test_make_tracker_lists_every_action_with_what_is_published_and_a_drop_down(content: Path) -> None:
    import io

    import openpyxl

    put(content, "progress/2026-q1.csv", csv_bytes([HEAD, ["5.10", "2026-03-31", "Amber", "Waiting for the panel."]]))
    book = openpyxl.load_workbook(io.BytesIO(_tracker(content)))
    sheet = book["Tracker"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("Ref", "Commitment", "Due", "Responsible", "Last date", "Last status", "Last update", "Date",
                       "Status", "Update", "Evidence")
    assert [r[0] for r in rows[1:]] == refs()  # 53 actions, in the plan's order, refs as text ('5.10')
    assert rows[1][1:6] == ("Action 1.1 of workstream 1.", "June 2026", "Head of Early Help", None,
                            "No update published")
    assert rows[refs().index("5.10") + 1][4:] == ("2026-03-31", "Delayed", "Waiting for the panel.", None, None,
                                                  None, None)
    rule = sheet.data_validations.dataValidation[0]
    assert str(rule.sqref) == "I2:I54" and rule.formula1 == "'Statuses'!$A$2:$A$11"
    assert [r for r in book["Statuses"].iter_rows(values_only=True)] == [
        ("Word", "Shown on the site as"), ("Blue", "Done"), ("Green", "In progress"), ("Amber", "Delayed"),
        ("Red", "Stopped"), ("not-started", "Not started"), ("in-progress", "In progress"), ("done", "Done"),
        ("partly-done", "Partly done"), ("delayed", "Delayed"), ("stopped", "Stopped")]
    assert sheet["A2"].number_format == "@" and sheet["H2"].number_format == "@"  # typed text stays text


def test_make_tracker_writes_the_same_bytes_dated_as_of_the_content(content: Path) -> None:
    import io

    import openpyxl

    first = _tracker(content)
    assert _tracker(content) == first
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert {entry.date_time for entry in archive.infolist()} == {(2026, 11, 22, 0, 0, 0)}
    properties = openpyxl.load_workbook(io.BytesIO(first)).properties
    assert properties.created == properties.modified == dt.datetime(2026, 11, 22)


def test_an_unfilled_tracker_publishes_nothing_and_is_not_a_problem(content: Path) -> None:
    blank = _tracker(content)
    table, problems = read_table("t.xlsx", "progress", blank, RAG)
    assert (table.rows, problems) == ([], [])


def test_a_renamed_action_is_found_by_its_old_ref(content: Path) -> None:
    practice = content / FOLDER / "priorities" / "practice.yml"
    practice.write_text(practice.read_text(encoding="utf-8").replace('  - id: "1.1"\n', '  - id: "1.1a"\n'
                        '    aliases: ["1.1"]\n', 1), encoding="utf-8")
    put(content, "progress/q1.csv", csv_bytes([HEAD, ["1.1", "2026-03-31", "done", "Done."]]))
    assert index_of(content).commitments[(PLAN, "practice", "1.1a")].progress[0].status == "done"


def test_a_values_table_saved_among_the_progress_updates_says_where_it_belongs() -> None:
    _, problems = read([["measure", "date", "value"], ["waiting-weeks", "2026", 3]])
    assert problems[0] == (f"{LABEL}: sheet 'Tracker', row 1, column A: a 'measure' column belongs in a values table;"
                           " move this file to the plan's values/ folder")


def test_when_site_yml_cannot_be_read_only_its_problem_is_reported(content: Path) -> None:
    site = content / "site.yml"
    site.write_text(site.read_text(encoding="utf-8").replace("name: Example", "name: [Example"), encoding="utf-8")
    put(content, "progress/q1.csv", csv_bytes([HEAD, ["1.1", "2026-03-31", "Blue", "Done."],
                                               ["1.2", "2026-03-31", "done", "Done."]]))
    problems = problems_of(content)
    assert problems and all(p.startswith("content/site.yml:") for p in problems), problems
