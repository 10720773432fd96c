"""What a resident or a young person reads first is true, short and plain: every list answers
first, names are unambiguous, one date per page, no empty or doubled headings, editors' notes kept
apart from the plans' words, the plan in force shown as such, a source and a route to ask."""

from __future__ import annotations

import html as html_module
import re
from collections import defaultdict
from pathlib import Path

import html5lib
import pytest
import yaml

from plansite.core.text import date
from plansite.model import urls

from conftest import assert_rejected, edit, run_build
from htmltext import page_text, parse, resolve_link

HEADINGS = {f"h{n}" for n in range(1, 7)}
CONTENT = {"p", "li", "table", "figure", "blockquote", "pre", "details", "dl", "form", "svg", "img"}
MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
A_DATE = rf"\d{{1,2}} (?:{MONTHS}) \d{{4}}"


def pages(site: Path) -> list[Path]:
    """Every page a reader can land on (old addresses that only redirect are left out)."""
    return [p for p in sorted(site.rglob("*.html"))
            if 'http-equiv="refresh"' not in p.read_text(encoding="utf-8") and p.name != "404.html"]


def tree(page: Path):
    return html5lib.parse(page.read_text(encoding="utf-8"), namespaceHTMLElements=False)


def text_of(element) -> str:
    parts = [element.text or ""]
    for child in element:
        if "headerlink" not in (child.get("class") or ""):
            parts.append(text_of(child))
        parts.append(child.tail or "")
    return " ".join("".join(parts).split())


def outline(article) -> list[tuple[int, str]]:
    """The article in reading order: (level, text) for each heading, (0, '') for each piece of content."""
    found: list[tuple[int, str]] = []

    def walk(element) -> None:
        for child in element:
            tag = child.tag if isinstance(child.tag, str) else ""
            if tag in HEADINGS:
                found.append((int(tag[1]), text_of(child)))
            elif tag in CONTENT or tag.endswith("svg"):
                found.append((0, ""))
            else:
                walk(child)
    walk(article)
    return found


@pytest.fixture(scope="module", params=["real", "small"])
def any_site(request, real_site: Path, small_site: Path) -> Path:
    return real_site if request.param == "real" else small_site


def test_no_two_pages_share_a_title_or_a_citation(any_site: Path) -> None:
    by_title: dict[str, list[str]] = defaultdict(list)
    by_citation: dict[str, list[str]] = defaultdict(list)
    for page in pages(any_site):
        html = page.read_text(encoding="utf-8")
        name = page.relative_to(any_site).as_posix()
        by_title[re.search(r"<title>(.*?)</title>", html, re.S).group(1)].append(name)
        for cited in re.findall(r"Cite it as: <em>(.*?)</em>", html, re.S):
            by_citation[cited].append(name)
    assert {t: p for t, p in by_title.items() if len(p) > 1} == {}
    assert {c: p for c, p in by_citation.items() if len(p) > 1} == {}
    assert len(by_citation) > 10


def test_a_commitment_numbered_within_its_priority_is_named_with_its_priority(real_site: Path) -> None:
    page = real_site / "plans/cfp-2021-2024/prevention/7/index.html"
    html = page.read_text(encoding="utf-8")
    assert "<title>Children and Families Plan 2021-2024, Prevention, commitment 7 - " in html
    assert "Cite it as: <em>Children and Families Plan 2021-2024, Prevention, commitment 7" in html
    # where numbers do not restart, the reference alone is enough
    action = (real_site / "plans/improvement-plan-2025/partnerships/5.7/index.html").read_text(encoding="utf-8")
    assert "Cite it as: <em>Knowsley Children's Services Improvement Plan, April 2025, action 5.7" in action


def test_no_heading_is_empty_or_repeats_the_one_above_it(any_site: Path) -> None:
    slips = []
    for page in pages(any_site):
        article = tree(page).find(".//article")
        if article is None:
            continue
        items = outline(article)
        name = page.relative_to(any_site).as_posix()
        for i, (level, words) in enumerate(items):
            if not level:
                continue
            after = items[i + 1] if i + 1 < len(items) else None
            if after is None or 0 < after[0] <= level:
                slips.append(f"{name}: '{words}' has nothing under it")
            parent = next((w for lv, w in reversed(items[:i]) if 0 < lv < level), None)
            if parent is not None and parent.lower() == words.lower():
                slips.append(f"{name}: '{words}' repeats the heading above it")
    assert slips == []


def test_editors_notes_are_in_a_labelled_box_apart_from_the_plans_words(real_site: Path, real_index) -> None:
    plan = tree(real_site / "plans/improvement-plan-2025/index.html")
    boxes = [d for d in plan.iter("details") if "source-note" in (d.get("class") or "").split()]
    labels = [text_of(d.find("summary")) for d in boxes]
    assert "About the source of this inspection summary" in labels and "About this page's source" in labels
    for page in pages(real_site):
        if page.relative_to(real_site).parts[0] == "editing":
            continue  # the editors' guide explains notes
        root = tree(page)
        for box in root.iter("details"):
            if "source-note" in (box.get("class") or "").split():
                box.clear()
        article = root.find(".//article")
        said = text_of(article) if article is not None else ""
        assert "Editors' note" not in said and "We show it as" not in said, page


def test_every_page_gives_one_date_said_plainly(any_site: Path) -> None:
    # The date the site's content describes, as its settings give it (content/site.yml beside site/).
    settings = yaml.safe_load((any_site.parent / "content" / "site.yml").read_text(encoding="utf-8"))
    as_of = date(str(settings["as_of"]))
    for page in pages(any_site):
        html = page.read_text(encoding="utf-8")
        footers = re.findall(r'<p class="last-updated">(.*?)</p>', html)
        assert len(footers) <= 1, page
        text = page_text(page)
        if footers and footers[0].startswith("This page shows where things stood on"):
            assert footers[0] == f"This page shows where things stood on {as_of}."
        body = text.replace(footers[0], "") if footers else text
        assert not re.search(rf"\bas of {A_DATE}", body, re.I), page
        assert "Page last updated" not in body, page


def summary_of(page: Path):
    glance = [d for d in tree(page).iter("div") if "at-a-glance" in (d.get("class") or "").split()]
    return glance[0] if glance else None


LIST_PAGES = ["topics/children-in-care", "owners/head-of-housing-and-property", "plans/cfp-2021-2024",
              "plans/improvement-plan-2025/partnerships", "promises", "progress", "promises/improvement-plan-2025",
              "promises/status/overdue", ""]


@pytest.mark.parametrize("address", LIST_PAGES)
def test_every_list_opens_with_its_answer(real_site: Path, address: str) -> None:
    page = real_site / address / "index.html"
    glance = summary_of(page)
    assert glance is not None, address
    said = text_of(glance)
    first = re.match(r"(\d+) (?:promises|actions|commitments)", said)
    assert first, said
    # the counts in words add up to the sentence's total, plan by plan
    counts = [int(n) for n in re.findall(r"(?:No update published|Done|In progress|Partly done|Delayed|"
                                         r"Not started|Stopped|Retired) (\d+)", said)]
    assert sum(counts) == int(first.group(1)), said
    # each part of the bar carries its shape, and the bar is hidden from screen readers (the words say it)
    for bar in glance.iter("span"):
        if "tally" in (bar.get("class") or "").split():
            assert bar.get("aria-hidden") == "true"
            assert all((part.text or "").strip() for part in bar)
    text = page_text(page)
    assert text.index(said.split(".")[0][:40]) < len(text) // 2 or address == "", address


def test_the_summary_counts_what_the_list_shows(real_site: Path) -> None:
    page = real_site / "topics/children-in-care/index.html"
    listed = {t[0] for href in parse(page).links if (t := resolve_link(real_site, page, href))
              and re.search(r"/plans/[^/]+/[^/]+/[^/]+/index\.html$", t[0].as_posix())
              and "/measures/" not in t[0].as_posix()}
    said = text_of(summary_of(page))
    assert said.startswith(f"{len(listed)} promises in ")


def test_a_badge_appears_where_it_tells_the_reader_something(real_site: Path) -> None:
    html = (real_site / "topics/children-in-care/index.html").read_text(encoding="utf-8")
    article = html[html.index("<article"):]
    # nothing on this topic has a published update: the summary says so once per plan, not on 45 lines
    assert article.count("status--no-update") <= 2 * 4


def test_the_home_page_shows_the_plan_in_force_then_what_changed_the_topics_and_earlier_plans(
        real_site: Path) -> None:
    text = page_text(real_site / "index.html")
    order = ["The plan in force now", "Knowsley Children's Services Improvement Plan, April 2025",
             "What changed lately", "Find what matters to you", "Children in care and care leavers",
             "Earlier plans", "Children and Families Plan 2021-2024"]
    assert [text.index(words) for words in order] == sorted(text.index(words) for words in order)
    assert "Children and Families Plan 2021-2024 Plan, 2021 to 2024. Ended 2024; no later plan on this site" \
           " replaces it." in text
    assert "In force" in page_text(real_site / "plans/improvement-plan-2025/index.html")
    assert "In force" not in page_text(real_site / "plans/cfp-2021-2024/index.html")


def test_a_current_plan_that_is_not_in_force_is_a_located_problem(site) -> None:
    content, docs = site
    edit(content, "site.yml", "as_of: 2025-06-30\n", "as_of: 2025-06-30\ncurrent_plan: first-plan-2019-2022\n")
    assert_rejected(content, docs, [
        "CONTENT/site.yml:9:15: current_plan is 'first-plan-2019-2022', but that plan is not in force on the site's"
        " as_of date (2025-06-30): plan 'next-plan-2022-2025' replaces it; name a plan in force (next-plan-2022-2025)"
        " or leave current_plan out (the newest plan in force is then shown first)",
    ])
    edit(content, "site.yml", "as_of: 2025-06-30\n", "as_of: 2026-11-22\n")
    edit(content, "site.yml", "current_plan: first-plan-2019-2022\n", "current_plan: next-plan-2022-2025\n")
    assert_rejected(content, docs, [
        "CONTENT/site.yml:9:15: current_plan is 'next-plan-2022-2025', but that plan is not in force on the site's"
        " as_of date (2026-11-22): its period ended in 2025; leave current_plan out (the newest plan in force is"
        " then shown first)",
    ])


def test_when_no_plan_is_in_force_the_home_page_says_so(site) -> None:
    content, docs = site
    edit(content, "site.yml", "as_of: 2025-06-30\n", "as_of: 2026-11-22\n")
    assert run_build(content, docs).returncode == 0
    home = (docs / "index.md").read_text(encoding="utf-8")
    assert "## No plan in force" in home and "every plan has ended or been replaced" in home
    assert "Ended 2025; no later plan on this site replaces it." in home


def test_two_plans_with_one_name_are_a_problem(site) -> None:
    content, docs = site
    edit(content, "plans/first-plan-2019-2022/plan.yml", "title: Example Children's Plan 2019-2022\n",
         "title: Example Children and Families Plan 2022-2025\n")
    assert_rejected(content, docs, [
        "CONTENT/plans/next-plan-2022-2025/plan.yml:2:8: plan 'first-plan-2019-2022'"
        " (CONTENT/plans/first-plan-2019-2022/plan.yml) is also called 'Example Children and Families Plan"
        " 2022-2025'; give each plan its own title and short_title (its years tell them apart)",
    ])


def test_a_plan_names_its_source_and_whom_to_ask(small_site: Path, real_site: Path) -> None:
    page = small_site / "plans/first-plan-2019-2022/healthy-start/1/index.html"
    html = page.read_text(encoding="utf-8")
    assert 'href="mailto:childrens.plan@example.org"' in html and 'href="tel:01510000000"' in html
    assert "Cite it as: <em>Example Children's Plan 2019-2022, commitment 1 (Example Borough Council," \
           " April 2019).</em>" in html
    assert 'href="https://www.example.org/plans/childrens-plan-2019-2022.pdf"' in html
    plan = page_text(small_site / "plans/first-plan-2019-2022/index.html")
    assert "Source document: Example Children's Plan 2019-2022, Example Borough Council, April 2019" in plan
    # the real documents print no address or contact: the pages say so and invent none
    action = page_text(real_site / "plans/improvement-plan-2025/partnerships/5.7/index.html")
    assert "The plan gives no contact for questions about it, and this site does not make one up." in action
    for bundle_page in (real_site / "plans").glob("*/index.html"):
        assert "mailto:" not in bundle_page.read_text(encoding="utf-8"), bundle_page


def test_a_page_title_says_which_plan(real_site: Path, real_index) -> None:
    for measure in list(real_index.measures.values())[::10]:
        html = (real_site / urls.url(urls.page_of(measure)).lstrip("/") / "index.html").read_text(encoding="utf-8")
        plan = measure._parent._parent.plan
        title = html_module.unescape(re.search(r"<title>(.*?)</title>", html).group(1))
        assert f" – {plan.short_title or plan.title} - " in title
