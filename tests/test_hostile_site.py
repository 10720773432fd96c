"""A whole site whose every text field holds hostile text: it builds, passes the output check,
parses as HTML, and shows each value exactly as typed (never as markup or script)."""

from __future__ import annotations

from pathlib import Path

import html5lib

from plansite.publish import guard

from hostile import PLAIN, hostile_content


def test_the_hostile_text_reached_every_text_field(tmp_path: Path) -> None:
    content = hostile_content(tmp_path)
    text = (content / "plans/next-plan-2022-2025/priorities/education.yml").read_text(encoding="utf-8")
    assert text.count("onerror=alert(1)") >= 4  # title, group title, measure name, target text …
    assert "alert(3)" in text  # the commitments' Markdown text


def test_the_built_site_passes_the_output_check(hostile_site: Path) -> None:
    assert guard.check_site(hostile_site) == []


def test_every_page_parses_and_nothing_from_content_became_an_element(hostile_site: Path) -> None:
    parser = html5lib.HTMLParser(namespaceHTMLElements=False)
    for page in sorted(hostile_site.rglob("*.html")):
        tree = parser.parse(page.read_text(encoding="utf-8"))
        assert not [e for e in tree.iter() if e.get("onerror") or e.get("onclick")], page
        assert not [e for e in tree.iter("img") if e.get("src") == "x"], page
        scripts = [e.text or "" for e in tree.iter("script")]
        assert not [s for s in scripts if "alert(" in s], page


def _parse(path: Path):
    return html5lib.parse(path.read_text(encoding="utf-8"), namespaceHTMLElements=False)


FSI, PDI = "\u2068", "\u2069"
"""The marks that isolate text holding right-to-left characters (PLAIN ends with one, U+200F), where
no <bdi> can go; in the page body the text is in a <bdi>."""


def test_a_title_shows_exactly_as_typed_everywhere_it_appears(hostile_site: Path) -> None:
    page = _parse(hostile_site / "plans/next-plan-2022-2025/education/index.html")
    title = f"Education – to improve life chances {PLAIN}"
    # its number is a text field too; each value in the composed heading is isolated on its own
    heading = f"Priority {FSI}2 {PLAIN}{PDI}: {FSI}{title}{PDI}"
    assert "".join(page.find(".//article//h1").itertext()) == heading + "#"  # '#': the link to the heading
    assert "".join(page.find(".//article//h1/bdi").itertext()) == heading
    # the tab's title also names the plan (its short title, a text field too)
    plan = f"Families Plan 2022-2025 {PLAIN}"
    tab = f"{FSI}{FSI}{heading}{PDI} – {FSI}{plan}{PDI}{PDI}"
    assert page.find(".//title").text == f"{tab} - Knowsley children and families plans"
    description = page.find(".//meta[@name='description']").get("content")
    assert description.startswith('Education – to improve life chances <img src=x onerror=alert(1)> "The Knowsley')
    nav = ["".join(a.itertext()).strip() for a in page.iter("a") if "md-nav__link" in (a.get("class") or "")]
    assert f"{FSI}{title}{PDI}" in nav


def test_markdown_text_keeps_its_marks_as_typed(hostile_site: Path) -> None:
    page = _parse(hostile_site / "plans/next-plan-2022-2025/education/2/index.html")
    text = " ".join("".join(page.find(".//article").itertext()).split())
    for typed in ['<script>alert(3)</script> *[X]: y {: onclick="alert(4)" }', '--8<-- "about.md"',
                  "[x][1]", "[1]: javascript:alert(5)", "# not a heading", "> not a quote", '??? note "not a box"']:
        assert typed in text


def test_the_site_is_indexed_for_search_and_the_themes_whole_index_is_gone(hostile_site: Path) -> None:
    # How search results show hostile text is tested in the browser (test_browser.py).
    assert (hostile_site / "pagefind" / "pagefind-entry.json").is_file()
    assert not (hostile_site / "search" / "search_index.json").exists()


def test_a_description_with_quotes_stays_one_attribute(hostile_site: Path) -> None:
    page = _parse(hostile_site / "plans/next-plan-2022-2025/education/1/index.html")
    description = page.find(".//meta[@name='description']").get("content")
    assert description.startswith('Launching an Attendance Strategy. <script>alert(3)</script> *[X]: y'
                                  ' {: onclick="alert(4)" }')
    assert set(page.find(".//meta[@name='description']").attrib) == {"name", "content"}


def test_an_abbreviation_explained_with_hostile_words_shows_them_as_words(hostile_site: Path) -> None:
    page = _parse(hostile_site / "plans/next-plan-2022-2025/prevention/index.html")
    explained = [a.get("title") for a in page.iter("abbr") if "".join(a.itertext()) == "SEND"]
    typed = " ".join(f"Special Educational Needs and Disabilities {PLAIN}".split())
    assert explained and explained[0] == f"{FSI}{typed}{PDI}"
