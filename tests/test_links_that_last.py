"""Links that last and changes in the open: published addresses are kept (aliases redirect, retired
items keep their page), the sitemap and canonical links, and changes found in a fixture git history
of two versions, with the reasons the build asks for, on the item, on 'What changed' and in the feed."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import html5lib
import pytest

from conftest import PROJECT, SMALL, build_site, edit, make_project, run_build

PREVENTION = "plans/next-plan-2022-2025/priorities/prevention.yml"
ATOM = "{http://www.w3.org/2005/Atom}"
SITE = "https://plans.example.org/"


def _git(project: Path, *args: str, date: str = "2026-12-01T12:00:00") -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date, "GIT_AUTHOR_NAME": "Editor",
           "GIT_AUTHOR_EMAIL": "editor@example.org", "GIT_COMMITTER_NAME": "Editor",
           "GIT_COMMITTER_EMAIL": "editor@example.org"}
    subprocess.run(["git", "-C", str(project), *args], check=True, capture_output=True, env=env)


def _published(tmp_path: Path) -> Path:
    """The small site as a project in its own git repository: version 1, published (its addresses
    recorded and committed)."""
    project = make_project(tmp_path / "project", SMALL)
    _git(project, "init", "-q", "-b", "main")
    record = subprocess.run([sys.executable, str(PROJECT / "scripts" / "build_pages.py"), "--content",
                             str(project / "content"), "--docs", str(project / "docs"), "--record-addresses"],
                            capture_output=True, text=True)
    assert record.returncode == 0, record.stderr
    _git(project, "add", "content")
    _git(project, "commit", "-q", "-m", "version 1", date="2026-11-01T12:00:00")
    return project


def _history_build(project: Path) -> subprocess.CompletedProcess[str]:
    """`mkdocs build --strict` in the project (the hook reads the project's own git history); what
    it printed, in `stderr`."""
    result = build_site(project)
    result.stderr = result.stdout + result.stderr
    return result


def _text(path: Path) -> str:
    doc = html5lib.parse(path.read_bytes(), namespaceHTMLElements=False)
    main = doc.find(".//article")
    if main is None:  # a redirect page is not an article
        main = doc.find(".//div[@class='md-content__inner md-typeset']")
    return " ".join("".join(main.itertext()).split())


def _folded(path: Path) -> str:
    """The words inside a page's folded sections (<details>)."""
    doc = html5lib.parse(path.read_bytes(), namespaceHTMLElements=False)
    return " ".join(" ".join("".join(d.itertext()).split()) for d in doc.iter("details"))


# Published addresses --------------------------------------------------------------------------


def test_renaming_a_published_id_without_an_alias_fails_naming_the_address_and_file(tmp_path: Path) -> None:
    project = _published(tmp_path)
    edit(project / "content", PREVENTION, 'id: "2"', 'id: "2b"')
    result = _history_build(project)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert (f"content/{PREVENTION}:" in result.stderr
            and "the published address /plans/next-plan-2022-2025/prevention/2/ would vanish" in result.stderr
            and "aliases" in result.stderr and "retired" in result.stderr), result.stderr
    assert not (project / "site").exists()


def test_with_the_old_id_as_an_alias_the_old_address_redirects_to_the_new(tmp_path: Path) -> None:
    project = _published(tmp_path)
    edit(project / "content", PREVENTION, 'id: "2"', 'id: "2b"\n    aliases: ["2"]')
    result = _history_build(project)
    assert result.returncode == 0, result.stderr
    old = project / "site/plans/next-plan-2022-2025/prevention/2/index.html"
    html = old.read_text(encoding="utf-8")
    assert '<meta http-equiv="refresh" content="0; url=../2b/">' in html
    assert f'<link rel="canonical" href="{SITE}plans/next-plan-2022-2025/prevention/2b/">' in html
    assert "This page has moved" in _text(old) and "Open a new family hub." in _text(old)
    sitemap = (project / "site/sitemap.xml").read_text(encoding="utf-8")
    assert f"{SITE}plans/next-plan-2022-2025/prevention/2b/" in sitemap
    assert f"{SITE}plans/next-plan-2022-2025/prevention/2/<" not in sitemap


def test_every_page_says_once_when_its_content_last_changed(tmp_path: Path) -> None:
    project = _published(tmp_path)
    edit(project / "content", PREVENTION, "due: 2024-03", "due: 2024-01")
    _git(project, "commit", "-q", "-am", "version 2", date="2026-11-20T12:00:00")
    assert _history_build(project).returncode == 0
    site = project / "site"
    for page, day in [("changes/index.html", "20 November 2026"), ("glossary/index.html", "1 November 2026"),
                      ("plans/next-plan-2022-2025/background/index.html", "1 November 2026")]:
        said = re.findall(r"Page last updated ([^<]+)<", (site / page).read_text(encoding="utf-8"))
        assert said == [day], (page, said)
    # a page that shows where promises stand gives, as its one date, the date they stood there
    commitment = (site / "plans/next-plan-2022-2025/prevention/2/index.html").read_text(encoding="utf-8")
    assert re.findall(r'class="last-updated">([^<]+)<', commitment) == [
        "This page shows where things stood on 30 June 2025."]


def test_a_retired_commitment_keeps_its_page_says_why_and_links_onward(tmp_path: Path) -> None:
    project = _published(tmp_path)
    edit(project / "content", PREVENTION, "    due_note: after consultation\n",
         "    due_note: after consultation\n    retired: {date: 2026-11-10, reason: The hub was merged into the"
         " new family centre., instead: next-plan-2022-2025/prevention/1}\n")
    result = _history_build(project)
    assert result.returncode == 0, result.stderr
    page = _text(project / "site/plans/next-plan-2022-2025/prevention/2/index.html")
    assert "Retired 10 November 2026." in page
    assert "The hub was merged into the new family centre." in page
    assert "Instead, see" in page and "We will deliver the Early Help Strategy" in page
    assert "Retired" in _text(project / "site/promises/status/retired/index.html")


def test_a_retirement_pointing_nowhere_is_a_located_problem(site) -> None:
    content, docs = site
    edit(content, PREVENTION, "    due_note: after consultation\n",
         "    due_note: after consultation\n    retired: {date: 2026-11-10, reason: Merged.,"
         " instead: next-plan-2022-2025/prevention/9}\n")
    result = run_build(content, docs)
    assert result.returncode == 1
    assert re.search(rf"{re.escape(PREVENTION)}:20:\d+: priority 'next-plan-2022-2025/prevention' has no"
                     r" commitment '9'", result.stderr), result.stderr


def test_the_real_sites_address_list_holds_every_address_it_publishes() -> None:
    from plansite.derive import addresses
    from plansite.model import urls
    from plansite.publish.build import Paths, plan_site

    listed = set(addresses.read_list(PROJECT / "content") or [])
    pages = plan_site(Paths.for_project(PROJECT)).pages
    missing = sorted({urls.url(p.path) for p in pages if p.path != urls.ABBREVIATIONS} - listed)
    assert not missing, f"run `make addresses` and commit content/{addresses.LIST_FILE}: {missing[:5]}"


# Site address, sitemap, canonical links ---------------------------------------------------------


def test_the_sitemap_lists_every_page_and_every_page_has_its_canonical_link(small_site: Path) -> None:
    sitemap = ET.parse(small_site / "sitemap.xml").getroot()
    listed = {loc.text for loc in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")}
    pages = [p for p in small_site.rglob("index.html")]
    assert len(pages) > 30
    for page in pages:
        rel = page.relative_to(small_site).as_posix()[: -len("index.html")]
        html = page.read_text(encoding="utf-8")
        assert f'<link rel="canonical" href="{SITE}{rel}">' in html, rel
        assert SITE + rel in listed, rel
    assert len(listed) == len(pages)


def test_a_deployment_can_set_the_address_without_editing_content(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", PROJECT / "content")
    result = build_site(project, PLANSITE_URL="https://council.example/plans")
    assert result.returncode == 0, result.stderr
    html = (project / "site/plans/index.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://council.example/plans/plans/">' in html
    assert "https://council.example/plans/plans/improvement-plan-2025/partnerships/5.7/" in (
        project / "site/sitemap.xml").read_text(encoding="utf-8")


# Changes from history ---------------------------------------------------------------------------


def test_moving_a_due_date_later_without_a_reason_fails_with_a_copy_ready_entry(tmp_path: Path) -> None:
    project = _published(tmp_path)
    edit(project / "content", PREVENTION, "due: 2024-03", "due: 2025-03")
    _git(project, "commit", "-q", "-am", "version 2")
    result = _history_build(project)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    line = next(x for x in result.stderr.splitlines() if "due date moved later" in x)
    assert re.search(rf"content/{re.escape(PREVENTION)}:18:10: Commitment 2: The due date moved later, from"
                     r" March 2024 to March 2025\.", line), line
    assert 'changes: [{date: 2026-12-01, what: due, why: "…"}]' in line


def test_a_due_date_moved_earlier_or_a_harder_target_needs_no_reason(tmp_path: Path) -> None:
    project = _published(tmp_path)
    edit(project / "content", PREVENTION, "due: 2024-03", "due: 2024-01")
    edit(project / "content", PREVENTION, '{date: "2024", value: 200}', '{date: "2024", value: 250}')
    _git(project, "commit", "-q", "-am", "version 2")
    result = _history_build(project)
    assert result.returncode == 0, result.stderr
    page = _text(project / "site/plans/next-plan-2022-2025/measures/early-help-assessments/index.html")
    assert "A target changed from 200 to 250." in page


def test_lowering_a_target_needs_a_reason_and_the_reason_is_shown_everywhere(tmp_path: Path) -> None:
    project = _published(tmp_path)
    edit(project / "content", PREVENTION, '{date: "2024", value: 200}', '{date: "2024", value: 180}')
    _git(project, "commit", "-q", "-am", "version 2")
    refused = _history_build(project)
    assert refused.returncode != 0 and "A target changed from 200 to 180." in refused.stderr, refused.stderr
    assert "what: target" in refused.stderr

    edit(project / "content", PREVENTION, "    values:\n      - {date: \"2023\"",
         "    changes:\n      - {date: 2026-12-01, what: target, why: Fewer families moved into the"
         " borough than forecast.}\n    values:\n      - {date: \"2023\"")
    _git(project, "commit", "-q", "-am", "version 3: the reason", date="2026-12-02T09:00:00")
    result = _history_build(project)
    assert result.returncode == 0, result.stderr
    site = project / "site"
    said = "A target changed from 200 to 180. Why: Fewer families moved into the borough than forecast."
    assert said in _text(site / "plans/next-plan-2022-2025/measures/early-help-assessments/index.html")
    assert said in _text(site / "changes/index.html")
    assert said in _text(site / "changes/next-plan-2022-2025/index.html")
    assert "No change has been published" in _text(site / "changes/first-plan-2019-2022/index.html")

    feed = ET.parse(site / "changes/feed.xml").getroot()
    assert feed.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated", "author"):
        assert feed.find(f"{ATOM}{required}") is not None, required
    entries = feed.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == ["Early Help assessments completed: target changed"]
    entry = entries[0]
    assert entry.findtext(f"{ATOM}updated") == "2026-12-01T00:00:00Z"
    assert entry.find(f"{ATOM}link").get("href") == f"{SITE}plans/next-plan-2022-2025/measures/early-help-assessments/"
    assert entry.findtext(f"{ATOM}summary") == said
    assert entry.findtext(f"{ATOM}id").startswith("urn:uuid:")
    head = (site / "index.html").read_text(encoding="utf-8").split("</head>")[0]
    assert 'rel="alternate feed" type="application/atom+xml"' in head  # feed readers find it; no 404 beside it


def test_rewording_a_commitment_needs_a_reason_unless_marked_a_minor_correction(tmp_path: Path) -> None:
    project = _published(tmp_path)
    edit(project / "content", PREVENTION, "text: Open a new family hub.", "text: Open a new family hub in Huyton.")
    refused = _history_build(project)  # not yet committed: the preview says so at once
    assert refused.returncode != 0 and "The words changed." in refused.stderr, refused.stderr

    edit(project / "content", PREVENTION, "    due_note: after consultation\n",
         "    due_note: after consultation\n"
         "    changes: [{date: 2026-12-01, what: wording, why: Typo., minor: true}]\n")
    result = _history_build(project)
    assert result.returncode == 0, result.stderr
    page = _text(project / "site/plans/next-plan-2022-2025/prevention/2/index.html")
    assert "The words changed. They were: “Open a new family hub.”" in page
    assert "a correction that does not change the meaning" in page
    # Listed on 'What changed' too, folded under Corrections (not in the list of changes), and not in the feed.
    changes = _text(project / "site/changes/index.html")
    folded = _folded(project / "site/changes/index.html")
    assert "They were: “Open a new family hub.” Why: Typo." in folded, changes
    assert changes.count("family hub") == folded.count("family hub")
    assert "1 correction of words that change no number or date" in changes
    assert ET.parse(project / "site/changes/feed.xml").getroot().findall(f"{ATOM}entry") == []


def test_outside_a_git_checkout_there_is_no_history_and_the_build_still_works(site) -> None:
    content, docs = site
    edit(content, PREVENTION, "due: 2024-03", "due: 2025-03")
    assert run_build(content, docs).returncode == 0
    assert "No change has been published" in (docs / "changes/index.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("value", ["<script>alert(1)</script>", 'He said "no" & left {: #x }'])
def test_a_reason_is_shown_exactly_as_typed(tmp_path: Path, value: str) -> None:
    project = _published(tmp_path)
    edit(project / "content", PREVENTION, "due: 2024-03", "due: 2025-03")
    edit(project / "content", PREVENTION, "    due_note: after consultation\n",
         "    due_note: after consultation\n    changes:\n      - date: 2026-12-01\n        what: due\n"
         f"        why: '{value}'\n")
    result = _history_build(project)
    assert result.returncode == 0, result.stderr
    assert value in _text(project / "site/changes/index.html")
    feed = ET.parse(project / "site/changes/feed.xml").getroot()
    assert value in feed.find(f"{ATOM}entry").findtext(f"{ATOM}summary")


def test_in_a_browser_the_old_address_lands_on_the_new_page(tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright
    from test_browser import CHROMIUM, CHROMIUM_ARGS, serve

    project = _published(tmp_path)
    edit(project / "content", PREVENTION, 'id: "2"', 'id: "2b"\n    aliases: ["2"]')
    assert _history_build(project).returncode == 0
    server = serve(project / "site")
    base = next(server)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page()
            page.goto(base + "/plans/next-plan-2022-2025/prevention/2/")
            page.wait_for_url(base + "/plans/next-plan-2022-2025/prevention/2b/", timeout=10_000)
            assert "commitment 2b: Open a new family hub." in page.locator("h1").inner_text()
            browser.close()
    finally:
        next(server, None)


# Cross-references in prose ----------------------------------------------------------------------

OUTCOME = "    outcomes: [Fewer families need social care.]"
HOSTILE = 'The <script>alert(1)</script> "hub" ] *a* `b` {: #x }'


def _with_reference(content: Path, words: str) -> None:
    edit(content, PREVENTION, OUTCOME, f"    outcomes:\n      - {words}")


def test_a_reference_becomes_a_link_with_the_targets_title_shown_exactly(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(SMALL, content)
    edit(content, PREVENTION, "text: Open a new family hub.\n",
         f"text: Open a new family hub.\n    title: '{HOSTILE}'\n")
    _with_reference(content, "As [[2]] says; see [[measures/early-help-assessments|the count]] and"
                    " [[first-plan-2019-2022/healthy-start]].")
    project = make_project(tmp_path / "project", content)
    result = build_site(project)
    assert result.returncode == 0, result.stdout + result.stderr
    page = project / "site/plans/next-plan-2022-2025/prevention/1/index.html"
    doc = html5lib.parse(page.read_bytes(), namespaceHTMLElements=False)
    links = {"".join(a.itertext()): a.get("href") for a in doc.iter("a")}
    # the fixture's plan numbers commitments within each priority: the link names the priority too
    assert links[f"Prevention – the best start in life, commitment 2: {HOSTILE}"] == "../2/"
    assert links["the count"] == "../../measures/early-help-assessments/"
    assert links["A healthy start"].endswith("first-plan-2019-2022/healthy-start/"), links
    assert "[[" not in _text(page)
    assert not [s for s in doc.iter("script") if "alert" in "".join(s.itertext())]


def test_a_broken_reference_fails_with_file_and_line(site) -> None:
    content, docs = site
    _with_reference(content, "As [[9]] says.")
    result = run_build(content, docs)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert re.search(rf"{re.escape(PREVENTION)}:15:9: the reference \[\[9\]\] names nothing", result.stderr), \
        result.stderr


def test_a_reference_in_a_plain_text_field_is_shown_as_typed(site) -> None:
    content, docs = site
    edit(content, PREVENTION, "title: Prevention – the best start in life", "title: 'Prevention [[1]]'")
    assert run_build(content, docs).returncode == 0
    page = docs / "plans/next-plan-2022-2025/prevention/index.md"
    assert "# Priority 1: Prevention &#91;&#91;1&#93;&#93;" in page.read_text(encoding="utf-8")  # shown as typed
