"""The open data is safe to open in any spreadsheet, whatever its list separator: no cell can start a
formula, and plans.json keeps every text exactly as typed."""

from __future__ import annotations

import csv
import io
import json
import os
import re

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from plansite.publish import opendata

from conftest import edit, run_build

PRIORITY = "plans/first-plan-2019-2022/priorities/healthy-start.yml"
FORMULA = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
SEPARATORS = [",", ";", "\t", "|"]


def cells_as_a_spreadsheet_reads_them(text: str, separator: str) -> list[str]:
    """How a spreadsheet splits a file on its list separator: a double quote turns quoting on, or off
    unless it is doubled (a quote inside quotes); a separator or a line break splits only outside
    quotes; the quotes that mark quoting are not shown."""
    cells, cell, quoted, at = [], "", False, 0
    while at < len(text):
        char = text[at]
        at += 1
        if char == '"' and quoted and text[at:at + 1] == '"':
            cell += '"'
            at += 1
        elif char == '"':
            quoted = not quoted
        elif char in (separator, "\n") and not quoted:
            cells.append(cell)
            cell = ""
        else:
            cell += char
    return cells + [cell]


def formula_cells(csv_text: str) -> list[str]:
    """Cells that a spreadsheet with any common list separator would start as a formula."""
    return [cell for separator in SEPARATORS for cell in cells_as_a_spreadsheet_reads_them(csv_text, separator)
            if cell.lstrip(" \n").startswith(FORMULA) and not _number(cell)]


def _number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def test_a_formula_after_a_semicolon_cannot_start_a_cell(site) -> None:
    # 'Safe;=1+cmd…' was written unquoted: a spreadsheet splitting on ';' started a cell with '='.
    content, docs = site
    typed = "Safe;=1+cmd|' /C calc'!A0"
    edit(content, PRIORITY, "text: Support new parents.", f'text: "{typed}"')
    assert run_build(content, docs).returncode == 0
    written = (docs / "data/commitments.csv").read_text(encoding="utf-8")
    assert typed in written
    assert formula_cells(written) == []
    data = json.loads((docs / "data/plans.json").read_text(encoding="utf-8"))
    texts = [c["text"] for plan in data["plans"] for p in plan["priorities"] for c in p["commitments"]]
    assert typed in texts  # the exact text, as typed


TEXT = st.lists(st.one_of(st.sampled_from([*FORMULA, *SEPARATORS, '"', "'", " ", "\n", "cmd|' /C calc'!A0", "1+1"]),
                          st.text(max_size=4)), max_size=8).map("".join)


@settings(max_examples=int(os.environ.get("HYPOTHESIS_EXAMPLES", "300")), deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(texts=st.lists(TEXT, min_size=1, max_size=4))
@example(texts=["Safe;=1+cmd|' /C calc'!A0", "-2+3", " =1", "@SUM(A1)"])
def test_no_text_can_start_a_formula_in_any_spreadsheet(texts: list[str]) -> None:
    written = opendata._csv([f"column {n}" for n in range(len(texts))], [texts, [1.5, -2, None, "x"][:len(texts)]])
    assert formula_cells(written) == []
    rows = list(csv.reader(io.StringIO(written)))
    assert len(rows) == 3
    for typed, cell in zip(texts, rows[1], strict=True):
        # as typed, or with an apostrophe before what a spreadsheet could take for a formula
        assert cell == typed or (cell == "'" + typed and re.match("[ \n]*[=+\\-@＝＋－＠\t\r\x00]", typed))
