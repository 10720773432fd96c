"""The real site, built with `mkdocs build --strict`: every promise is there, at its own address,
and every link works."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections import deque
from html.parser import HTMLParser
from pathlib import Path

from plansite.model import urls
from plansite.publish import guard

from conftest import PROJECT
from htmltext import page_text, parse, resolve_link, words


def built(site: Path, page: str) -> Path:
    """The HTML file MkDocs makes from a generated Markdown page."""
    return site / page.replace("index.md", "index.html").replace(".md", "/index.html")


def lines_of(text: str) -> list[str]:
    return [w for w in (words(line) for line in text.splitlines()) if w]


def test_the_real_site_passes_the_output_check(real_site: Path) -> None:
    assert guard.check_site(real_site) == []


def test_every_commitment_is_on_its_own_page(real_site: Path, real_index) -> None:
    assert len(real_index.commitments) > 0
    for (plan, priority, cid), commitment in real_index.commitments.items():
        page = built(real_site, urls.commitment_page(plan, priority, cid))
        assert page.exists(), f"no page for {plan}/{priority}/{cid}"
        text = page_text(page)
        for line in lines_of(commitment.text):
            assert line in text, f"{plan}/{priority}/{cid}: '{line}' missing from its page"


def test_every_priority_page_lists_its_commitments_success_outcomes_and_measures(real_site: Path, real_index) -> None:
    for (plan, pid), priority in real_index.priorities.items():
        text = page_text(built(real_site, urls.priority_page(plan, pid)))
        items = [c.text for c in priority.commitments] + priority.success + priority.outcomes + priority.objectives
        items += [m.name for m in priority.measures]
        for item in items:
            for line in lines_of(item):
                assert line in text, f"{plan}/{pid}: '{line}' missing from the priority page"


def test_every_measure_has_a_page_with_its_values(real_site: Path, real_index) -> None:
    for (plan, mid), measure in real_index.measures.items():
        text = page_text(built(real_site, urls.measure_page(plan, mid)))
        assert words(measure.name) in text
        points = [measure.baseline] if measure.baseline else []
        for point in points + measure.targets + measure.values:
            shown = point.text if point.text else f"{point.value:g}"
            assert words(shown) in text, f"{plan}/{mid}: value {shown} missing"


def test_plan_pages_hold_forewords_figures_quotes_and_lists(real_site: Path, real_index) -> None:
    for plan_id, bundle in real_index.plans.items():
        text = page_text(built(real_site, urls.plan_page(plan_id)))
        plan = bundle.plan
        items = [f.words for f in plan.forewords] + plan.outcomes
        items += [s.text or s.title for lst in plan.charters + plan.principles for s in lst.items]
        items += [v.words for v in bundle.voices.voices] if bundle.voices else []
        items += [f"{f.value} {f.label}" for f in bundle.figures.figures] if bundle.figures else []
        if plan.inspection:
            items += [a.text for a in plan.inspection.areas_to_improve]
            items += [j.area for j in plan.inspection.judgements]
        for item in items:
            for line in lines_of(item):
                assert line in text, f"{plan_id}: '{line}' missing from the plan page"


def test_every_we_said_links_to_the_earlier_plans_commitment_pages(real_site: Path, real_index) -> None:
    reflecting = [b for b in real_index.plans.values() if b.reflection]
    assert reflecting, "the real content has a reflection"
    for bundle in reflecting:
        page = built(real_site, urls.plan_subpage(bundle.id, "reflection"))
        targets = {resolve_link(real_site, page, href)[0] for href in parse(page).links
                   if resolve_link(real_site, page, href)}
        for entry in bundle.reflection.entries:
            priority = real_index.lookup(entry.we_said)[0]
            for c in priority.commitments:
                assert built(real_site, urls.page_of(c)).resolve() in targets, f"{entry.we_said}/{c.id} not linked"


def test_every_internal_link_and_anchor_resolves(real_site: Path) -> None:
    ids: dict[Path, set[str]] = {}
    broken = []
    for page in sorted(real_site.rglob("*.html")):
        for href in parse(page).links:
            target = resolve_link(real_site, page, href)
            if target is None:
                continue
            path, anchor = target
            if not path.exists():
                broken.append(f"{page.relative_to(real_site)} → {href}")
            elif anchor and path.suffix == ".html":
                ids.setdefault(path, parse(path).ids)
                if anchor not in ids[path]:
                    broken.append(f"{page.relative_to(real_site)} → {href} (no such anchor)")
    assert broken == []


def test_a_resident_reaches_every_commitment_in_three_clicks(real_site: Path, real_index) -> None:
    home = (real_site / "index.html").resolve()
    depth = {home: 0}
    queue = deque([home])
    while queue:
        page = queue.popleft()
        if depth[page] == 3:
            continue
        for href in parse(page).links:
            target = resolve_link(real_site, page, href)
            if target and target[0].suffix == ".html" and target[0].exists() and target[0] not in depth:
                depth[target[0].resolve()] = depth[page] + 1
                queue.append(target[0].resolve())
    for key, commitment in real_index.commitments.items():
        page = built(real_site, urls.page_of(commitment)).resolve()
        assert page in depth, f"{'/'.join(key)} is more than three clicks from the home page"


def test_the_same_content_builds_the_same_bytes(tmp_path: Path) -> None:
    trees = []
    for seed in ("1", "2"):
        docs = tmp_path / f"docs-{seed}"
        subprocess.run([sys.executable, str(PROJECT / "scripts" / "build_pages.py"), "--docs", str(docs)],
                       check=True, capture_output=True, env={**os.environ, "PYTHONHASHSEED": seed})
        trees.append({p.relative_to(docs).as_posix(): p.read_bytes() for p in sorted(docs.rglob("*"))
                      if p.is_file()})
    assert trees[0] == trees[1]


def links_of(site: Path, page: Path) -> set[Path]:
    return {t[0].resolve() for href in parse(page).links if (t := resolve_link(site, page, href))}


def test_every_relation_shows_on_both_sides(real_site: Path, real_index) -> None:
    relations = [(b, r) for b in real_index.plans.values() for r in b.plan.relations]
    assert {r.kind for _, r in relations} == {"supersedes", "supports", "sits-under"}
    for bundle, relation in relations:
        source = built(real_site, urls.plan_page(bundle.id))
        target = built(real_site, urls.page_of(real_index.lookup(relation.target)[0]))
        assert target.resolve() in links_of(real_site, source), f"{bundle.id} does not link to {relation.target}"
        assert source.resolve() in links_of(real_site, target), f"{relation.target} does not link back to {bundle.id}"


def test_every_area_to_improve_links_to_the_workstreams_that_address_it(real_site: Path, real_index) -> None:
    answered = [b for b in real_index.plans.values() if b.plan.inspection]
    assert answered, "the real content has an improvement plan answering an inspection"
    for bundle in answered:
        plan_page = built(real_site, urls.plan_page(bundle.id))
        for priority in bundle.priorities:
            page = built(real_site, urls.page_of(priority))
            if priority.addresses:
                assert page.resolve() in links_of(real_site, plan_page)
                assert plan_page.resolve() in links_of(real_site, page)


class _Unexplained(HTMLParser):
    """Text of the main content that is not inside an <abbr> element or code."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = {"abbr": 0, "code": 0, "article": 0, "script": 0}
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in self.depth:
            self.depth[tag] += 1
        self.text.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.depth:
            self.depth[tag] -= 1
        self.text.append(" ")

    def handle_data(self, data: str) -> None:
        if self.depth["article"] and not (self.depth["abbr"] or self.depth["code"] or self.depth["script"]):
            self.text.append(data)


def test_every_abbreviation_is_explained_where_it_appears(real_site: Path, real_index) -> None:
    forms = [f for t in real_index.content.glossary.terms if t.abbr for f in [t.abbr, *t.variants]]
    pattern = re.compile(r"(?<![\w-])(" + "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
                         + r")(?![\w-])")
    unexplained = []
    for page in sorted(real_site.rglob("*.html")):
        parser = _Unexplained()
        parser.feed(page.read_text(encoding="utf-8"))
        for match in pattern.finditer("".join(parser.text)):
            unexplained.append(f"{page.relative_to(real_site)}: {match.group(1)}")
    assert unexplained == []


def test_the_glossary_page_explains_every_term(real_site: Path, real_index) -> None:
    text = page_text(real_site / "glossary" / "index.html")
    for term in real_index.content.glossary.terms:
        assert words(term.term) in text
        if term.definition:
            assert words(term.definition) in text
