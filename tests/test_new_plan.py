"""A document whose parts differ (workstreams, an inspection, a charter, principles, numbered
actions) is handled by the general schema: adding its folder builds a site with no code change."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES, make_project, shared, site_of
from htmltext import page_text, parse, resolve_link

NEW_PLAN = FIXTURES / "new-plan" / "improvement-2026"


@pytest.fixture(scope="session")
def new_plan_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    def make(root: Path) -> Path:
        content = root / "content"
        shutil.copytree(FIXTURES / "small" / "content", content)
        shutil.copytree(NEW_PLAN, content / "plans" / NEW_PLAN.name)
        return site_of(make_project(root / "project", content))

    return shared(tmp_path_factory, "new-plan", make)


def links_from(site: Path, page: str) -> set[Path]:
    path = site / page
    return {target[0].resolve() for href in parse(path).links if (target := resolve_link(site, path, href))}


def test_the_plan_page_shows_inspection_charter_and_principles(new_plan_site: Path) -> None:
    site = new_plan_site
    text = page_text(site / "plans/improvement-2026/index.html")
    for words in ["What The Inspectorate found", "Overall effectiveness Requires improvement",
                  "The quality of assessments.", "Our pledge to young people", "Know us before you decide about us.",
                  "Strengths first", "We start from what families do well.", "We keep changes of worker to a minimum.",
                  "Workstreams", "Quality of practice"]:
        assert words in text


def test_each_area_to_improve_links_to_the_workstreams_that_address_it_and_back(new_plan_site: Path) -> None:
    site = new_plan_site
    plan = "plans/improvement-2026/index.html"
    assert (site / "plans/improvement-2026/practice/index.html").resolve() in links_from(site, plan)
    assert (site / "plans/improvement-2026/workforce/index.html").resolve() in links_from(site, plan)
    assert (site / plan).resolve() in links_from(site, "plans/improvement-2026/practice/index.html")
    assert "The quality of assessments." in page_text(site / "plans/improvement-2026/practice/index.html")


def test_each_numbered_action_has_its_own_page_with_due_date_and_officers(new_plan_site: Path) -> None:
    site = new_plan_site
    text = page_text(site / "plans/improvement-2026/practice/1.10/index.html")
    assert "Action 1.10: Audit a sample of assessments each month." in text
    assert "Due: September 2026 (after the first review)" in text
    assert "Responsible: Head of Early Help; Executive Director, Children's Services" in text
    assert "Workstream: 1. Quality of practice" in text


def test_measures_show_baseline_and_target(new_plan_site: Path) -> None:
    site = new_plan_site
    text = page_text(site / "plans/improvement-2026/measures/assessments-in-time/index.html")
    assert "Baseline December 2025 80%" in text
    assert "Target date not given 90%" in text
    assert "Data not available" in page_text(site / "plans/improvement-2026/measures/agency-rate/index.html")


def test_the_relation_shows_on_both_plans(new_plan_site: Path) -> None:
    site = new_plan_site
    assert "Sits under: Example Children and Families Plan 2022-2025" in page_text(
        site / "plans/improvement-2026/index.html")
    assert "Plans and strategies under it: Example Borough Improvement Plan 2026" in page_text(
        site / "plans/next-plan-2022-2025/index.html")
