"""The built site in a real headless browser (Debian's chromium): WCAG 2.2 AA checks with axe,
no request to any other host, usable on a phone and with a keyboard, and search by reference."""

from __future__ import annotations

import functools
import http.server
import re
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, sync_playwright

from plansite.model import urls

CHROMIUM = "/usr/bin/chromium"
# Flags that stop Chromium phoning home on start (the test machine has no other network).
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-default-apps", "--disable-domain-reliability"]
CHART_PAGE = "plans/education-strategy-2018-2021/measures/eyfs-good-level-of-development/index.md"
"""A measure page with a chart (values, targets)."""
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def serve(site: Path) -> Iterator[str]:
    """A built site served on localhost, as a static host would serve it."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def server(real_site: Path) -> Iterator[str]:
    """The real site, served."""
    yield from serve(real_site)


@pytest.fixture(scope="module")
def hostile_server(hostile_site: Path) -> Iterator[str]:
    """The site whose every text field holds hostile text, served."""
    yield from serve(hostile_site)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    assert Path(CHROMIUM).exists(), "install Debian's chromium: apt-get install -y chromium"
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def sample_pages(index) -> list[str]:
    """Every page made by a template other than a plan's own (one each), every plan's own page, and
    for each plan its first priority, commitment and measure, and its background, reflection and
    measures pages: every template, with each plan's parts (inspection, charter, figures …)."""
    pages = [urls.HOME, urls.SEARCH, urls.PLANS, urls.PROMISES, urls.PROGRESS, urls.METHOD, urls.DATA,
             urls.GLOSSARY, urls.FIELDS, "about.md", "accessibility.md", "editing/index.md", CHART_PAGE,
             "plans/improvement-plan-2025/partnerships/5.7/index.md", urls.TOPICS,
             urls.topic_page("children-in-care"), urls.OWNERS, urls.owner_page("head-of-housing-and-property"),
             urls.promises_of_plan("improvement-plan-2025"), urls.promises_by_status("overdue"), urls.CHANGES,
             urls.changes_of_plan("cfp-2021-2024"), "plans/improvement-plan-2025/measures/stat-visits-cp/index.md"]
    for bundle in index.plans.values():
        pages.append(urls.plan_page(bundle.id))
        for sub, has in (("background", bundle.sections), ("reflection", bundle.reflection),
                         ("measures", any(p.measures for p in bundle.priorities))):
            if has:
                pages.append(urls.plan_subpage(bundle.id, sub))
        first = bundle.priorities[0]
        pages += [urls.page_of(first), *[urls.page_of(c) for c in first.commitments[:1]]]
        pages += [urls.page_of(m) for p in bundle.priorities for m in p.measures][:1]
    return list(dict.fromkeys(pages))


def page_url(server: str, page: str) -> str:
    return server + urls.url(page)


def watch_requests(page: Page) -> tuple[set[str], list[str]]:
    """The hosts a page asks and the requests that fail (no answer, or an error status)."""
    hosts: set[str] = set()
    failed: list[str] = []
    page.on("request", lambda request: hosts.add(urlsplit(request.url).netloc))
    page.on("requestfailed", lambda request: failed.append(f"{request.url} ({request.failure})"))
    page.on("response", lambda response: failed.append(f"{response.url} ({response.status})")
            if response.status >= 400 else None)
    return hosts, failed


def test_every_kind_of_page_passes_wcag_22_aa_and_asks_no_other_host(server: str, browser: Browser,
                                                                     real_index) -> None:
    page = browser.new_page()
    hosts, failed = watch_requests(page)
    failures = []
    for path in sample_pages(real_index):
        response = page.goto(page_url(server, path), wait_until="load")
        assert response and response.ok, path
        result = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_22_AA}})
        if result.violations_count:
            failures.append(f"{path}:\n{result.generate_report()}")
    page.close()
    assert failures == []
    assert hosts == {urlsplit(server).netloc}
    assert failed == []


PHONES = (390, 320)
"""Phone widths every sampled page must fit: a common phone, and the narrowest in use."""


def test_every_kind_of_page_fits_a_phone_and_every_request_succeeds(server: str, browser: Browser,
                                                                    real_index) -> None:
    page = browser.new_page(viewport={"width": PHONES[0], "height": 740}, device_scale_factor=2, is_mobile=True)
    _, failed = watch_requests(page)
    wide = []
    for path in sample_pages(real_index):
        page.set_viewport_size({"width": PHONES[0], "height": 740})
        page.goto(page_url(server, path), wait_until="networkidle")
        assert page.locator("h1").first.is_visible(), path
        for width in PHONES:  # one visit, both widths: the page reflows when the screen narrows
            page.set_viewport_size({"width": width, "height": 740})
            overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            if overflow > 0:
                wide.append(f"{path} scrolls sideways by {overflow}px at {width} px")
            # a table may scroll in its own box, but not hide a column off a phone's screen
            clipped = page.evaluate("""[...document.querySelectorAll('article table')]
                .filter(t => t.getBoundingClientRect().right > window.innerWidth + 1).length""")
            if clipped:
                wide.append(f"{path}: {clipped} table(s) wider than the screen at {width} px")
    page.goto(server + "/no/such/page/", wait_until="networkidle")  # the 404 page, whose own answer is 404
    failed[:] = [f for f in failed if "/no/such/page/" not in f]
    page.close()
    assert wide == []
    assert failed == []


def test_keyboard_users_can_skip_to_the_content(server: str, browser: Browser) -> None:
    page = browser.new_page()
    page.goto(page_url(server, "plans/cfp-2021-2024/index.md"))
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Skip to content"
    page.keyboard.press("Enter")
    # The link lands at the start of the page's own text (MkDocs' theme targets the heading, Zensical's
    # an anchor just before it): the next Tab reaches the page's content, not the navigation.
    assert page.evaluate("""(() => { const t = document.querySelector(':target');
        const article = document.querySelector('article');
        return article.contains(t) && !!(t.compareDocumentPosition(article.querySelector('h1'))
            & (Node.DOCUMENT_POSITION_FOLLOWING | Node.DOCUMENT_POSITION_CONTAINED_BY) || t.tagName === 'H1'); })()""")
    page.keyboard.press("Tab")
    assert page.evaluate("document.querySelector('article').contains(document.activeElement)")
    page.close()


def search(page: Page, server: str, query: str) -> list[str]:
    """Type a query into the site's search page; the addresses of the results."""
    page.goto(page_url(server, urls.SEARCH))
    page.locator("#site-search-q").fill(query)
    page.wait_for_selector("#site-search-results[aria-busy=false] li", timeout=10000)
    return page.eval_on_selector_all("#site-search-results li > a", "links => links.map(a => a.href)")


def test_search_finds_a_commitment_by_its_words(server: str, browser: Browser) -> None:
    page = browser.new_page()
    results = search(page, server, "childhood obesity")
    assert any("/plans/cypp-2017-2020/best-start/1/" in r for r in results), results
    page.close()


def test_search_finds_an_action_by_its_reference(server: str, browser: Browser) -> None:
    page = browser.new_page()
    results = search(page, server, "5.7")
    assert results and "/plans/improvement-plan-2025/partnerships/5.7/" in results[0], results
    page.close()


def test_hostile_text_runs_nothing_in_the_pages_or_the_search_results(hostile_server: str, browser: Browser) -> None:
    page = browser.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    for path in (urls.HOME, "plans/next-plan-2022-2025/education/index.md",
                 "plans/next-plan-2022-2025/education/2/index.md", urls.GLOSSARY):
        page.goto(page_url(hostile_server, path))
        page.wait_for_load_state("networkidle")
    results = search(page, hostile_server, "onerror")
    assert results, "the hostile words are found by search"
    page.wait_for_timeout(300)
    assert page.locator("img[src='x']").count() == 0
    shown = page.locator("#site-search-results").inner_text()
    assert "<img src=x onerror=alert(1)>" in shown, shown  # shown as words, not obeyed
    assert "&lt;" not in shown and "&#x27;" not in shown
    assert dialogs == []
    page.close()


def test_the_chart_reads_at_320_px(server: str, browser: Browser) -> None:
    page = browser.new_page(viewport={"width": 320, "height": 740}, device_scale_factor=2, is_mobile=True)
    page.goto(page_url(server, CHART_PAGE))
    chart = page.locator("figure.chart svg").first
    box = chart.bounding_box()
    assert box and 250 <= box["width"] <= 320, box
    sizes = page.eval_on_selector_all("figure.chart svg text", "ts => ts.map(t => t.getBoundingClientRect().height)")
    assert sizes and min(sizes) >= 10, sizes  # every label at least 10 px tall on a 320 px screen
    page.close()


@pytest.mark.parametrize("query, expected, within", [
    ("care leaver", "/topics/children-in-care/", 1),
    ("care leavers", "/topics/children-in-care/", 1),
    ("mental health", "/topics/mental-health/", 1),
    ("5.7", "/plans/improvement-plan-2025/partnerships/5.7/", 1),
    ("attendance", "/topics/attendance/", 1),
    ("CAMHS", "/topics/mental-health/", 1),
    ("CAMHS", "/plans/cypp-2017-2020/measures/camhs-referrals-self-harm/", 3),
    ("young carers", "/topics/young-carers/", 1),
    ("youth voice", "/topics/youth-voice/", 1),
])
def test_search_answers_real_questions(server: str, browser: Browser, query: str, expected: str,
                                       within: int) -> None:
    page = browser.new_page()
    results = search(page, server, query)
    assert any(expected in r for r in results[:within]), results[:within]
    page.close()


def test_a_search_shows_pages_with_every_word_first(server: str, browser: Browser) -> None:
    page = browser.new_page()
    search(page, server, "homeless protocol")
    first = page.locator("#site-search-results li").first.inner_text().lower()
    assert "homeless" in first and "protocol" in first
    page.close()


def plan_of_result(address: str) -> str | None:
    match = re.search(r"/plans/([^/]+)/", address)
    return match.group(1) if match else None


@pytest.mark.parametrize("query", ["care leavers", "attendance", "young carers"])
def test_search_shows_the_plan_in_force_first(server: str, browser: Browser, query: str) -> None:
    """'care leavers' once ranked the ended strategy first and never reached the 2025 actions, which
    say 'care experienced': now the topic comes first, then the plan in force, then earlier plans."""
    page = browser.new_page()
    results = search(page, server, query)
    page.close()
    plans = [plan_of_result(r) for r in results]
    in_force = [i for i, p in enumerate(plans) if p == "improvement-plan-2025"]
    earlier = [i for i, p in enumerate(plans) if p and p != "improvement-plan-2025"]
    assert in_force and in_force[0] <= 2, results
    assert not earlier or max(in_force) < min(earlier), results


def test_care_leavers_reaches_the_2025_actions_that_say_care_experienced(server: str, browser: Browser) -> None:
    page = browser.new_page()
    results = search(page, server, "care leavers")
    page.close()
    assert "/plans/improvement-plan-2025/permanency/6.5/" in " ".join(results[:6]), results


def test_the_editors_pages_are_not_in_public_results(server: str, browser: Browser) -> None:
    page = browser.new_page()
    for query in ("notes", "YAML", "aliases", "page"):
        results = searched(page, server, query)
        assert not [r for r in results if "/editing/" in r or "/404" in r], (query, results)
    page.close()


def searched(page: Page, server: str, query: str) -> list[str]:
    """Like search(), for a query that may find nothing (only the editors' pages answer 'YAML')."""
    page.goto(page_url(server, urls.SEARCH))
    page.locator("#site-search-q").fill(query)
    page.wait_for_selector("#site-search-results[aria-busy=false]", state="attached", timeout=10000)
    return page.eval_on_selector_all("#site-search-results li > a", "links => links.map(a => a.href)")


def test_more_results_can_be_shown(server: str, browser: Browser) -> None:
    page = browser.new_page()
    first = search(page, server, "care leavers")
    status = page.locator("#site-search-status").inner_text()
    total = int(re.match(r"(\d+) pages found", status).group(1))
    assert total > 20 and len(first) == 11  # the topic, then ten pages
    page.locator("#site-search-more").click()
    page.wait_for_function("document.querySelectorAll('#site-search-results li').length > 11")
    page.wait_for_selector("#site-search-results[aria-busy=false]", state="attached")
    shown = page.eval_on_selector_all("#site-search-results li > a", "links => links.map(a => a.href)")
    assert len(shown) == 21 and len(set(shown)) == 21 and shown[:11] == first
    assert page.locator("#site-search-more").is_visible()
    page.close()
