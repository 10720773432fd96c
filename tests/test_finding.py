"""Finding what matters: topics across plans, owners' pages, lists a reader can narrow without
JavaScript, an A–Z glossary, a helpful 404 page, and none of the reader-facing slips."""

from __future__ import annotations

import re
from pathlib import Path

from plansite.model import urls

from conftest import assert_rejected, edit
from htmltext import page_text, parse, resolve_link


def built(site: Path, page: str) -> Path:
    return site / urls.url(page).lstrip("/") / "index.html"


def links(site: Path, page: Path) -> dict[Path, list[str]]:
    """Internal link targets of a page → the texts of the links to them."""
    from html.parser import HTMLParser

    found: dict[Path, list[str]] = {}

    class Links(HTMLParser):
        href: str | None = None
        text: list[str] = []

        def handle_starttag(self, tag, attrs):
            if tag == "a":
                self.href, self.text = dict(attrs).get("href"), []

        def handle_data(self, data):
            if self.href is not None:
                self.text.append(data)

        def handle_endtag(self, tag):
            if tag == "a" and self.href is not None:
                target = resolve_link(site, page, self.href)
                if target:
                    found.setdefault(target[0].resolve(), []).append(" ".join("".join(self.text).split()))
                self.href = None

    Links().feed(page.read_text(encoding="utf-8"))
    return found


def test_every_topic_is_used_and_has_its_page(real_site: Path, real_index) -> None:
    assert real_index.topics, "the real content has topics"
    for topic_id in real_index.topics:
        assert real_index.tagged.get(topic_id), f"nothing is tagged '{topic_id}'"
        assert built(real_site, urls.topic_page(topic_id)).exists()


def test_an_unknown_topic_is_an_error_with_the_near_miss(site) -> None:
    content, docs = site
    (content / "topics.yml").write_text("topics:\n  - id: early-years\n    name: Early years\n", encoding="utf-8")
    rel = "plans/first-plan-2019-2022/priorities/healthy-start.yml"
    edit(content, rel, "title: A healthy start\n", "title: A healthy start\ntopics: [early-year]\n")
    assert_rejected(content, docs, [
        f"CONTENT/{rel}:3:10: there is no topic 'early-year' in content/topics.yml; did you mean 'early-years'?",
    ])


def test_a_resident_reaches_what_was_promised_to_care_leavers_in_one_tap(real_site: Path, real_index) -> None:
    home = real_site / "index.html"
    topic = built(real_site, urls.topic_page("children-in-care"))
    assert topic.resolve() in links(real_site, home)
    text = page_text(topic)
    for plan in ("Children Looked After and Care Leavers Strategy", "Improvement Plan"):
        assert plan in text
    # every commitment tagged (or under a tagged priority) is listed, with where it stands
    promised = [c for p in real_index.tagged["children-in-care"] for c in getattr(p, "commitments", [p])
                if type(c).__name__ == "Commitment"]
    targets = links(real_site, topic)
    for c in promised:
        assert built(real_site, urls.page_of(c)).resolve() in targets, c.id
    # the answer first: how many, and that none has a published update; then what is known, line by line
    assert text.index("none has a published update") < text.index("Action 6.1")
    assert "no update published since then" in text and "Overdue" not in text


def test_every_owner_has_a_page_and_action_5_7_links_to_its_owners(real_site: Path, real_index) -> None:
    for owner_id in real_index.owners:
        assert built(real_site, urls.owner_page(owner_id)).exists(), owner_id
    action = built(real_site, "plans/improvement-plan-2025/partnerships/5.7/index.md")
    targets = links(real_site, action)
    for owner_id in real_index.commitments[("improvement-plan-2025", "partnerships", "5.7")].owners:
        assert built(real_site, urls.owner_page(owner_id)).resolve() in targets
    housing = page_text(built(real_site, urls.owner_page("head-of-housing-and-property")))
    assert housing.index("Action 5.7") < housing.index("Action 5.8")
    assert "Due June 2025 · no update published since then" in housing


def test_overdue_commitments_come_first_on_an_owners_page(real_site: Path, real_index) -> None:
    from plansite.derive.gather import responsibilities
    from plansite.publish.build import Paths, generate

    result = generate(Paths.for_project(Path(__file__).resolve().parent.parent))
    for owner_id in real_index.owners:
        for share in responsibilities(result.index, result.progress, owner_id):
            flags = [result.progress.of(c).overdue for c in share.commitments]
            assert flags == sorted(flags, reverse=True), owner_id


def test_the_lists_can_be_narrowed_without_javascript(real_site: Path, real_index) -> None:
    hub = built(real_site, urls.PROMISES)
    targets = links(real_site, hub)
    text = page_text(hub)
    for bundle in real_index.plans.values():
        page = built(real_site, urls.promises_of_plan(bundle.id))
        assert page.resolve() in targets
        listed = links(real_site, page)
        for priority in bundle.priorities:
            for c in priority.commitments:
                assert built(real_site, urls.page_of(c)).resolve() in listed
    for topic_id in real_index.topics:
        assert built(real_site, urls.topic_page(topic_id)).resolve() in targets
    overdue = built(real_site, urls.promises_by_status("overdue"))
    assert overdue.resolve() in targets
    assert "Due date passed, no update saying done: 49 commitments" in text
    assert "49 actions: none has a published update, and 49 are past their due date" in page_text(overdue)
    assert built(real_site, urls.OWNERS).resolve() in targets


def test_the_glossary_has_an_a_to_z(real_site: Path) -> None:
    page = built(real_site, urls.GLOSSARY)
    ids = parse(page).ids
    letters = re.findall(r'href="#(letter-[a-z0-9.-]+)"', page.read_text(encoding="utf-8"))
    assert len(letters) >= 15 and all(letter in ids for letter in letters)


def test_the_404_page_offers_search_and_the_ways_in(real_site: Path) -> None:
    page = (real_site / "404.html").read_text(encoding="utf-8")
    for href in ('href="/search/"', 'href="/"', 'href="/plans/"', 'href="/topics/"'):
        assert href in page
    assert "404 - Not found" not in page


MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"


def test_none_of_the_reported_slips_remains(real_site: Path) -> None:
    slips = []
    for page in sorted(real_site.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        text = page_text(page)
        name = page.relative_to(real_site).as_posix()
        if re.search(r"\b\d+ (priorit|activit|famil|librar)ys\b", text, re.I):
            slips.append(f"{name}: a plural ending in 'ys'")
        if re.search(rf"\b[Ff]rom ({MONTHS}) \d{{4}}", text):
            slips.append(f"{name}: a month without its capital")
        if "its first letter made a capital" in text:
            slips.append(f"{name}: an editors' working note")
        for target_texts in links(real_site, page).values():
            for link_text in target_texts:
                if link_text in ("Plan", "Strategy", "Improvement plan") or re.fullmatch(
                        r"(Commitment|Action) [\d.]+", link_text):
                    slips.append(f"{name}: a link that says only '{link_text}'")
        h1 = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S)
        if h1 and "…" in h1.group(1):
            slips.append(f"{name}: a heading cut with '…'")
    assert slips == []
