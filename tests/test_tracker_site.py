"""The quarterly update, end to end: for three quarters, `make tracker` writes the spreadsheet, the test
fills it in as an officer would (with openpyxl), saves it under the plan's progress/ folder and commits
it, with a table of measure values; then the site is built. Pages, summaries, charts, the open data and
the change record all show what the trackers say."""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import json
import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import openpyxl
import pytest

from plansite.derive.progress import COMMITMENT_STATUSES
from plansite.model import urls

from conftest import PROJECT, build_site, make_project
from hostile import MARKDOWN, PLAIN
from htmltext import page_text
from trackers import FOLDER, PLAN, RAG, SIZES, csv_bytes, refs, tracked_content, xlsx_bytes

QUARTERS = [("2026-03-31", "2026-04-10"), ("2026-06-30", "2026-07-10"), ("2026-09-30", "2026-10-10")]
"""(the date of each quarter's updates, the day they were published)."""
AS_OF = dt.date(2026, 11, 22)


def word(quarter: int, i: int) -> str | None:
    """What the officer types in Status for the i-th action in a quarter (None: no update this quarter)."""
    if quarter == 0:
        return ["Green", "Amber", "not-started", "In progress"][i % 4]
    if quarter == 1:
        return None if i % 3 == 0 else ["Blue", "Red", "Green"][i % 3]
    return "Blue" if i % 5 == 0 else None


def expected(i: int) -> tuple[str, str]:
    """The i-th action's status and the date of its latest update, from the three quarters."""
    for quarter in (2, 1, 0):
        typed = word(quarter, i)
        if typed:
            return RAG.get(typed) or typed.lower().replace(" ", "-"), QUARTERS[quarter][0]
    raise AssertionError("every action has a first-quarter update")


def due(i: int) -> dt.date:
    """The i-th action's due date, as tests/trackers.py sets it, as a deadline (the end of its month)."""
    start = 0
    for size in SIZES.values():
        if i < start + size:
            break
        start += size
    year, month = (int(p) for p in ["2026-03", "2026-06", "2026-12", "2027-03"][(i - start + 1) % 4].split("-"))
    return dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)


def _git(project: Path, *args: str, day: str = "2026-01-15") -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Officer", "GIT_AUTHOR_EMAIL": "o@example.org",
           "GIT_COMMITTER_NAME": "Officer", "GIT_COMMITTER_EMAIL": "o@example.org",
           "GIT_AUTHOR_DATE": f"{day}T12:00:00", "GIT_COMMITTER_DATE": f"{day}T12:00:00"}
    subprocess.run(["git", "-C", str(project), *args], check=True, capture_output=True, env=env)


def make_tracker(content: Path, out: Path) -> Path:
    """`make tracker` for this content (the script, as the Makefile runs it); the plan's spreadsheet."""
    result = subprocess.run([sys.executable, str(PROJECT / "scripts" / "build_pages.py"), "--tracker", "--content",
                             str(content), "--out", str(out)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert f"{PLAN}.xlsx: 53 commitments" in result.stdout
    return out / f"{PLAN}.xlsx"


def fill_in(tracker: Path, quarter: int) -> tuple[bytes, list[tuple]]:
    """The tracker filled in for one quarter, as an officer does; and the rows as the officer found them."""
    book = openpyxl.load_workbook(tracker)
    sheet = book["Tracker"]
    found = list(sheet.iter_rows(min_row=2, values_only=True))
    for i, row in enumerate(sheet.iter_rows(min_row=2), start=0):
        typed = word(quarter, i)
        if typed:
            row[7].value, row[8].value = QUARTERS[quarter][0], typed
            row[9].value = f"Quarter {quarter + 1}: progress on action {row[0].value}."
            if (quarter, i) == (0, 52):  # whatever an officer types is shown as typed, never run
                row[9].value += " " + MARKDOWN
            if i == 0:
                row[10].value = f"https://www.example.gov.uk/board/2026-q{quarter + 1}"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue(), found


VALUES = {"waiting-weeks": [18, 16, 15], "families-helped": [110, 121, 133]}


@pytest.fixture(scope="module")
def quarters(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """Three quarters published through make tracker, committed one by one; the built site."""
    root = tmp_path_factory.mktemp("quarters")
    project = make_project(root / "project", tracked_content(root / "src"))
    content = project / "content"
    _git(project, "init", "-q", "-b", "main")
    _git(project, "add", "content")
    _git(project, "commit", "-q", "-m", "The plan, as agreed")
    found = []
    for quarter, (_, published) in enumerate(QUARTERS):
        data, rows = fill_in(make_tracker(content, root / f"out{quarter}"), quarter)
        found.append(rows)
        folder = content / FOLDER
        (folder / "progress").mkdir(exist_ok=True)
        (folder / "progress" / f"2026-q{quarter + 1}.xlsx").write_bytes(data)
        (folder / "values").mkdir(exist_ok=True)
        when = QUARTERS[quarter][0][:7]
        if quarter < 2:
            notes = {"waiting-weeks": PLAIN, "families-helped": None} if quarter == 0 else \
                dict.fromkeys(VALUES, "provisional")
            table = [["measure", "date", "value", "note"]]
            table += [[m, when, v[quarter], notes[m]] for m, v in VALUES.items()]
            (folder / "values" / f"2026-q{quarter + 1}.csv").write_bytes(csv_bytes(table))
        else:  # the last quarter's values as a workbook, with date cells showing month and year
            day = dt.datetime(2026, 9, 1)
            (folder / "values" / "2026-q3.xlsx").write_bytes(xlsx_bytes(
                {"Values": [["Measure", "Date", "Value"]] + [[m, day, float(v[2])] for m, v in VALUES.items()]},
                formats={("Values", "B2"): "mmm-yy", ("Values", "B3"): "mmm-yy"}))
        _git(project, "add", "content")
        _git(project, "commit", "-q", "-m", f"Quarter {quarter + 1} update", day=published)
    result = build_site(project)
    assert result.returncode == 0, result.stderr
    return {"site": project / "site", "found": found}


def built(site: Path, page: str) -> Path:
    return site / urls.url(page).lstrip("/") / "index.html"


def action_page(ref: str) -> str:
    workstream = list(SIZES)[int(ref.split(".")[0]) - 1]
    return f"{FOLDER}/{workstream}/{ref}/index.md"


def long_date(iso: str) -> str:
    day = dt.date.fromisoformat(iso)
    return f"{day.day} {day.strftime('%B %Y')}"


def test_each_action_shows_its_latest_status_and_every_quarter_newest_first(quarters: dict) -> None:
    for i, ref in enumerate(refs()):
        status, date = expected(i)
        label, shape, _ = COMMITMENT_STATUSES[status]
        text = page_text(built(quarters["site"], action_page(ref)))
        assert f"Status: {shape} {label} (update of {long_date(date)})" in text, ref
        shown = [q for q in range(3) if word(q, i)]
        positions = [text.index(f"Quarter {q + 1}: progress on action {ref}.") for q in reversed(shown)]
        assert positions == sorted(positions), ref  # newest first
        overdue = due(i) < AS_OF and status not in ("done", "stopped")
        passed = re.search(r"Due: [^·]*? · (?:no update published since then|latest update)", text)
        assert bool(passed) == overdue, ref
    first = page_text(built(quarters["site"], action_page("1.1")))
    assert "Evidence: example.gov.uk" in first


def test_the_summaries_count_what_the_trackers_say(quarters: dict) -> None:
    statuses = Counter(expected(i)[0] for i in range(53))
    overdue = sum(1 for i in range(53) if due(i) < AS_OF and expected(i)[0] not in ("done", "stopped"))
    text = page_text(built(quarters["site"], urls.PROGRESS))
    line = text[text.index("Improvement Plan 2026, in force: 53 actions"):]  # the plan calls them actions
    line = line[:line.index("Families Plan")]
    for status, count in statuses.items():
        label, shape, _ = COMMITMENT_STATUSES[status]
        assert f"{shape} {label} {count}" in line, (status, line)
    assert f"and {overdue} are past their due date with no update saying done" in text
    done = page_text(built(quarters["site"], urls.promises_by_status("done")))
    assert f"{statuses['done'] + 1} promises in 2 plans" in done  # and one in the small plans


def test_the_charts_and_tables_show_the_values_tables(quarters: dict) -> None:
    page = built(quarters["site"], f"{FOLDER}/measures/waiting-weeks/index.md")
    html = page.read_text(encoding="utf-8")
    labels = [part.split(">", 1)[1].split("<", 1)[0] for part in html.split('chart__label--actual"')[1:]]
    assert labels == ["18", "16", "15"]
    text = page_text(page)
    assert "It fell from 20 in December 2025 to 15 in September 2026" in text
    assert "16 (provisional)" in text


def test_the_open_data_holds_every_update_and_value(quarters: dict) -> None:
    site = quarters["site"]
    rows = [r for r in csv.DictReader(io.StringIO((site / urls.COMMITMENTS_CSV).read_text(encoding="utf-8")))
            if r["plan"] == PLAN]
    assert [(r["commitment"], r["status"], r["latest_update"]) for r in rows] == [
        (ref, *expected(i)) for i, ref in enumerate(refs())]
    data = json.loads((site / urls.DATA_JSON).read_text(encoding="utf-8"))
    plan = next(p for p in data["plans"] if p["plan"]["id"] == PLAN)
    updates = [u for p in plan["priorities"] for c in p["commitments"] for u in c.get("progress", [])]
    assert len(updates) == sum(1 for q in range(3) for i in range(53) if word(q, i))
    assert {u["note"] for u in updates} >= {"Quarter 3: progress on action 1.1."}
    values = [r for r in csv.DictReader(io.StringIO((site / urls.MEASURES_CSV).read_text(encoding="utf-8")))
              if r["measure"] == "families-helped" and r["kind"] == "value"]
    assert [(r["date"], r["value"], r["note"]) for r in values] == [
        ("2026-03", "110", ""), ("2026-06", "121", "provisional"), ("2026-09", "133", "")]


def test_the_change_record_lists_each_quarters_values_on_the_day_they_were_published(quarters: dict) -> None:
    text = page_text(built(quarters["site"], urls.CHANGES))
    for quarter, (_, published) in enumerate(QUARTERS):
        value = VALUES["families-helped"][quarter]
        month = dt.date.fromisoformat(QUARTERS[quarter][0]).strftime("%B %Y")
        assert f"{long_date(published)}, Families helped by the family hubs: A value was published: {value}" \
               f" ({month})." in text


def test_the_next_tracker_starts_from_what_was_published(quarters: dict) -> None:
    # The second quarter's spreadsheet showed each action's first-quarter status and words.
    for i, row in enumerate(quarters["found"][1]):
        typed = word(0, i)
        status = RAG.get(typed) or typed.lower().replace(" ", "-")
        assert row[4:6] == ("2026-03-31", COMMITMENT_STATUSES[status][0])
        assert row[6].startswith(f"Quarter 1: progress on action {row[0]}.")
        assert row[7:] == (None, None, None, None)


def test_what_an_officer_typed_is_shown_exactly_and_never_runs(quarters: dict) -> None:
    # The build's output check (run by mkdocs build) passed too: no script, event attribute or
    # javascript: address on any page.
    action = built(quarters["site"], action_page("6.7")).read_text(encoding="utf-8")
    measure = built(quarters["site"], f"{FOLDER}/measures/waiting-weeks/index.md").read_text(encoding="utf-8")
    assert "<script>alert(3)</script> *[X]: y {: onclick=\"alert(4)\" }" in html.unescape(action)
    assert "<img src=x onerror=alert(1)> \"The Knowsley Offer\" 7*7" in html.unescape(measure)
    assert "{{ jinja }}" in html.unescape(measure)
    for page in (action, measure):
        assert "<script>alert" not in page and "<img src=x" not in page
        assert not re.search(r"<[^>]*\sonclick=", page, re.IGNORECASE)  # as text it is fine; as an attribute, never
