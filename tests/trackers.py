"""A made-up plan in force with 53 actions (as many as the real Improvement Plan), for the tracker tests,
and helpers to write trackers (CSV and XLSX) the way a council's spreadsheet would."""

from __future__ import annotations

import csv
import io
import re
import shutil
from pathlib import Path
from typing import Any

import openpyxl

from conftest import SMALL

PLAN = "tracked-plan-2026"
FOLDER = f"plans/{PLAN}"
SIZES = {"practice": 9, "workforce": 9, "partnerships": 9, "voice": 9, "permanence": 10, "leadership": 7}
"""Actions per workstream: 53 in all; 'permanence' has 5.1 and 5.10, which a number cell cannot tell apart."""

DUES = ["2026-03", "2026-06", "2026-12", "2027-03"]
RAG = {"Blue": "done", "Green": "in-progress", "Amber": "delayed", "Red": "stopped"}
"""The council's words in the fixture's site.yml (made up for tests: the real content maps none)."""


def refs() -> list[str]:
    """Every action's ref, in document order: 1.1 … 6.7."""
    return [f"{n}.{i}" for n, size in enumerate(SIZES.values(), start=1) for i in range(1, size + 1)]


def tracked_content(root: Path) -> Path:
    """The small fixture content plus the 53-action plan (in force as of the site's date) and the
    council's RAG words in site.yml; the content folder."""
    content = root / "content"
    shutil.copytree(SMALL, content)
    site = content / "site.yml"
    # As of late 2026: the tracked plan is in force (and the fixture's own plans have ended), and the
    # updates of 2026 are published by then.
    text = re.sub(r"(?m)^as_of: .*$", "as_of: 2026-11-22", site.read_text(encoding="utf-8"))
    site.write_text(text + "tracker_statuses:\n"
                    + "".join(f"  {word}: {status}\n" for word, status in RAG.items()), encoding="utf-8")
    plan = content / FOLDER
    (plan / "priorities").mkdir(parents=True)
    (plan / "plan.yml").write_text(_plan_yaml(), encoding="utf-8")
    for number, (pid, size) in enumerate(SIZES.items(), start=1):
        (plan / "priorities" / f"{pid}.yml").write_text(_priority_yaml(number, pid, size), encoding="utf-8")
    return content


def _plan_yaml() -> str:
    return (f"id: {PLAN}\ntitle: Example Improvement Plan 2026-2027\nshort_title: Improvement Plan 2026\n"
            "kind: improvement-plan\nperiod: {start: 2026-01, end: 2027-12}\nstatus: current\n"
            "owner: childrens-partnership\n"
            f"priorities: [{', '.join(SIZES)}]\n"
            "labels: {priority: Workstream, priorities: Workstreams, commitment: Action, commitments: Actions}\n")


def _priority_yaml(number: int, pid: str, size: int) -> str:
    lines = [f"id: {pid}", f'number: "{number}"', f"title: Workstream {number}", "commitments:"]
    for i in range(1, size + 1):
        owner = "head-of-early-help" if i % 2 else "ed-childrens"
        lines += [f'  - id: "{number}.{i}"', f"    text: Action {number}.{i} of workstream {number}.",
                  f"    due: {DUES[i % len(DUES)]}", f"    owners: [{owner}]"]
    if number == 1:
        lines += ["measures:",
                  "  - id: waiting-weeks", "    name: Weeks waiting for an assessment", "    unit: count",
                  "    direction: lower-is-better", "    baseline: {date: 2025-12, value: 20}",
                  "    targets:", "      - {date: 2027-12, value: 10}",
                  "  - id: families-helped", "    name: Families helped by the family hubs", "    unit: count",
                  "    direction: higher-is-better", "    baseline: {date: 2025-12, value: 100}",
                  "    targets:", "      - {date: 2027-12, value: 160}"]
    return "\n".join(lines) + "\n"


def csv_bytes(rows: list[list[Any]]) -> bytes:
    """A CSV file as a spreadsheet program saves it ('CSV UTF-8': with a byte order mark, CRLF)."""
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def xlsx_bytes(sheets: dict[str, list[list[Any]]], formats: dict[tuple[str, str], str] | None = None,
               hidden: tuple[str, ...] = ()) -> bytes:
    """A workbook with these sheets (rows of values; a str starting '=' is a formula), number formats
    by (sheet, cell) and hidden sheets."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
        if name in hidden:
            sheet.sheet_state = "hidden"
    for (name, cell), number_format in (formats or {}).items():
        book[name][cell].number_format = number_format
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
