"""Progress on the built site: charts and tables for measures, overdue actions said openly, plan
states from dates, and open data files that parse, validate and agree with the pages."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import html5lib
import jsonschema

from plansite.core.text import date
from plansite.derive.measure_status import JUDGED
from plansite.model import urls

from conftest import SMALL, build_site, make_project
from htmltext import page_text


def built(site: Path, page: str) -> Path:
    return site / urls.url(page).lstrip("/") / "index.html"


def parse(path: Path):
    return html5lib.parse(path.read_text(encoding="utf-8"), namespaceHTMLElements=False)


SVG = "{http://www.w3.org/2000/svg}"


def numeric_dated(measure) -> int:
    points = ([measure.baseline] if measure.baseline else []) + list(measure.values)
    return sum(1 for p in points if p.value is not None and p.date)


def badges(tree) -> list[str]:
    return [" ".join("".join(e.itertext()).split()) for e in tree.iter("span") if "status" in
            (e.get("class") or "").split()]


def test_every_measure_with_two_values_has_a_chart_and_a_table(real_site: Path, real_index) -> None:
    charted = 0
    for measure in real_index.measures.values():
        tree = parse(built(real_site, urls.page_of(measure)))
        figures = [f for f in tree.iter("figure") if "chart" in (f.get("class") or "")]
        if numeric_dated(measure) >= 2:
            charted += 1
            assert figures, f"{measure.id} has no chart"
            svg = figures[0].find(f"{SVG}svg")
            assert svg.get("role") == "img"
            # the chart's text alternative: a sentence above it saying in words what happened
            words = tree.find(f".//*[@id='{svg.get('aria-describedby')}']")
            assert words is not None and list(figures[0]).index(words) < list(figures[0]).index(svg)
            said = "".join(words.itertext())
            assert said.startswith(("It rose from", "It fell from", "It stayed at")), said
            assert f"no value published since {date(_latest(measure).date)}" in said, said
            assert tree.find(".//article//table") is not None
    assert charted >= 15  # the Education Strategy's indicators with a history


def _latest(measure):
    points = ([measure.baseline] if measure.baseline else []) + list(measure.values)
    return max((p for p in points if p.value is not None and p.date), key=lambda p: p.date)


def test_no_status_is_shown_without_data_behind_it(real_site: Path, real_index) -> None:
    from plansite.derive.measure_status import STATUSES

    judged_labels = {STATUSES[k][0] for k in JUDGED}
    for measure in real_index.measures.values():
        shown = badges(parse(built(real_site, urls.page_of(measure))))
        if numeric_dated(measure) == 0 or not measure.direction:
            assert not judged_labels & {b.lstrip("✔↗◔↑→✖…○ ") for b in shown}, measure.id


def test_every_overdue_action_says_so_on_its_page_and_on_how_are_we_doing(real_site: Path, real_index) -> None:
    from plansite.core import dates
    from plansite.derive.progress import commitment_progress

    as_of = dates.as_of(real_index.content.site.as_of)
    progress_page = built(real_site, urls.PROGRESS)
    overview = progress_page.read_text(encoding="utf-8")
    overdue = [c for c in real_index.commitments.values() if commitment_progress(c, as_of).overdue]
    assert len(overdue) == 49  # the Improvement Plan's actions due before November 2026, none reported
    for c in overdue:
        text = page_text(built(real_site, urls.page_of(c)))
        assert f"Due: {date(c.due)}" in text and " · no update published since then" in text, c.id
        assert "overdue" not in text.lower(), c.id  # what is known, not a verdict
        link = urls.url(urls.page_of(c)).removeprefix("/")
        assert f'href="../{link}"' in overview, c.id
    assert "Due: June 2025 · no update published since then" in page_text(
        built(real_site, "plans/improvement-plan-2025/partnerships/5.7/index.md"))


def test_a_plan_whose_period_has_ended_is_not_called_current(real_site: Path) -> None:
    text = page_text(built(real_site, "plans/cfp-2021-2024/index.md"))
    assert "Status: Period ended" in text
    assert "This plan is in force" not in text


def test_the_data_files_parse_validate_and_agree_with_the_pages(real_site: Path, real_index) -> None:
    data = json.loads((real_site / urls.DATA_JSON).read_text(encoding="utf-8"))
    schema = json.loads((real_site / urls.DATA_SCHEMA).read_text(encoding="utf-8"))
    jsonschema.validate(data, schema)
    assert len(data["commitments"]) == len(real_index.commitments)
    for item in data["commitments"][::7]:
        shown = badges(parse(real_site / item["address"].lstrip("/") / "index.html"))
        assert any(item["status"]["label"] in b for b in shown), item["reference"]
    rows = list(csv.DictReader(io.StringIO((real_site / urls.COMMITMENTS_CSV).read_text(encoding="utf-8"))))
    assert [r["overdue"] for r in rows].count("yes") == 49
    values = list(csv.DictReader(io.StringIO((real_site / urls.MEASURES_CSV).read_text(encoding="utf-8"))))
    expected = sum((1 if m.baseline else 0) + len(m.values) + len(m.targets) + len(m.comparators)
                   for m in real_index.measures.values())
    assert len(values) == expected
    for plan_id, measure_id in real_index.measures:
        own = (real_site / urls.measure_csv(plan_id, measure_id)).read_text(encoding="utf-8")
        assert len(own.splitlines()) - 1 == len([v for v in values if v["measure"] == measure_id
                                                 and v["plan"] == plan_id])


def test_one_value_edited_in_yaml_changes_the_page_the_chart_and_the_files(tmp_path: Path) -> None:
    def site_with(value: str) -> Path:
        content = tmp_path / value / "content"
        shutil.copytree(SMALL, content)
        priority = content / "plans/next-plan-2022-2025/priorities/prevention.yml"
        text = priority.read_text(encoding="utf-8")
        assert "value: 150" in text
        priority.write_text(text.replace("value: 150", f"value: {value}"), encoding="utf-8")
        project = make_project(tmp_path / value / "project", content)
        assert build_site(project).returncode == 0
        return project / "site"

    before, after = site_with("150"), site_with("175")
    page = "plans/next-plan-2022-2025/measures/early-help-assessments/index.md"
    for site, value in ((before, "150"), (after, "175")):
        tree = parse(built(site, page))
        assert f"It rose from 120 in March 2022 to {value} in 2023" in page_text(built(site, page))
        labels = ["".join(t.itertext()) for t in tree.iter(f"{SVG}text")
                  if "chart__label--actual" in t.get("class", "")]
        assert labels == [value]
        assert f'"value","2023","","{value}",' in (site / urls.measure_csv("next-plan-2022-2025",
                                                                        "early-help-assessments")).read_text()
        assert f'"value","2023","","{value}",' in (site / urls.MEASURES_CSV).read_text()
        data = json.loads((site / urls.DATA_JSON).read_text())
        measure = next(m for p in data["plans"] for pr in p["priorities"] for m in pr.get("measures", [])
                       if m["id"] == "early-help-assessments")
        assert measure["values"][0]["value"] == float(value)


def test_progress_updates_show_newest_first_with_their_evidence(small_site: Path) -> None:
    page = built(small_site, "plans/next-plan-2022-2025/prevention/2/index.md")
    text = page_text(page)
    assert "Status: ✔ Done (update of 30 June 2024)" in text
    assert text.index("30 June 2024: ✔ Done") < text.index("September 2023: ▶ In progress")
    assert "Overdue" not in text  # done after its due date: late, but not overdue
    links = [a.get("href") for a in parse(page).iter("a")]
    assert "https://www.example.org/news/family-hub" in links
    assert "Evidence: example.org" in text
