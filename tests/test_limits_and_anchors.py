"""Limits are errors, never silent loss; whatever a code span holds is text; anchors are unique and
non-empty for any term in any script, and an id that would give a page two anchors alike is refused
where it is typed."""

from __future__ import annotations

import os
import re
from pathlib import Path

import html5lib
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from plansite.core import markup, text

from conftest import SMALL, assert_rejected, build_site, edit, make_project, run_build

PRIORITY = "plans/first-plan-2019-2022/priorities/healthy-start.yml"


def test_a_list_nested_deeper_than_the_site_shows_is_a_located_error(site) -> None:
    # Nested 20 deep, levels 9 to 19 were once dropped without a word.
    content, docs = site
    nested = "".join(f"\n      {'  ' * i}- level {i}" for i in range(20))
    edit(content, PRIORITY, "text: Support new parents.", f"text: |{nested}")
    check = run_build(content, docs, "--check")
    message = (f"CONTENT/{PRIORITY}:8:11: 'text': the lists here are nested more than 10 levels deep, and the site"
               " shows at most 10; make the deepest ones part of the level above")
    assert check.returncode == 1 and check.stderr.splitlines()[0] == message.replace("CONTENT", str(content))
    assert_rejected(content, docs, [message])


def test_every_level_up_to_the_limit_is_kept() -> None:
    nested = "\n".join(f"{'  ' * i}- level {i}" for i in range(markup.MAX_LIST_DEPTH))
    assert markup.problems(nested) == []
    assert [n.text for n in markup._walk(markup.parse(nested)) if n.kind == "text"] == \
        [f"level {i}" for i in range(markup.MAX_LIST_DEPTH)]


def test_a_reference_in_a_code_span_is_text(site) -> None:
    content, docs = site
    edit(content, PRIORITY, "text: Support new parents.",
         "text: 'Write `[[nothing/here]]` or `[[1]]` to link, as in [[1]].'")
    result = run_build(content, docs)
    assert result.returncode == 0, result.stderr
    page = (docs / "plans/first-plan-2019-2022/healthy-start/index.md").read_text(encoding="utf-8")
    # In code, as typed (neither checked, nor rewritten, nor linked); outside, the title it names.
    assert ("[Write `[[nothing/here]]` or `[[1]]` to link, as in Commitment 1: Reduce childhood obesity..](2/index.md)"
            in page)


NAMES = st.lists(st.one_of(st.text(max_size=12), st.sampled_from(["Early Help", "Early-help", "EARLY HELP", "Ψ",
                                                                   "Αλφα", "+++", "", "letter-a", "Straße", "ß",
                                                                   "term", "ﬁle", "שלום", "_"])), max_size=12)


@settings(max_examples=int(os.environ.get("HYPOTHESIS_EXAMPLES", "300")), deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(names=NAMES)
@example(names=["Α", "Β", "Γ"])
@example(names=["Early Help", "Early-help", "early help"])
def test_anchors_are_unique_and_never_empty_for_any_names(names: list[str]) -> None:
    anchors = text.unique_anchors(names, taken=["letter-a"])
    assert len(anchors) == len(names) == len(set(anchors)) and "letter-a" not in anchors
    assert all(re.fullmatch(r"[\w.-]+", a) and "_" not in a and a == a.casefold() for a in anchors)
    ascii_names = [n for n in names if n.isascii() and re.search(r"[a-z0-9]", n.lower())]
    for name in ascii_names[:1]:  # ASCII text keeps the anchor it always had
        assert anchors[names.index(name)].startswith(re.sub(r"[^a-z0-9.]+", "-", name.lower()).strip("-"))


def test_the_glossary_has_one_working_anchor_per_letter_and_term_in_any_script(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", SMALL)
    glossary = project / "content" / "glossary.yml"
    terms = ["Αλφα", "Βήτα", "Γάμμα", "Ψ", "Early Help", "Early-help", "+++", "Ärzte", "Äpfel"]
    glossary.write_text(glossary.read_text(encoding="utf-8") + "".join(
        f"  - term: '{t}'\n    definition: A term.\n" for t in terms), encoding="utf-8")
    result = build_site(project)
    assert result.returncode == 0, result.stdout + result.stderr
    page = html5lib.parse((project / "site/glossary/index.html").read_text(encoding="utf-8"),
                          namespaceHTMLElements=False)
    ids = [e.get("id") for e in page.iter() if e.get("id") is not None]
    assert "" not in ids and len(ids) == len(set(ids))
    article = page.find(".//article")
    targets = [a.get("href")[1:] for a in article.iter("a") if (a.get("href") or "").startswith("#")]
    assert targets and set(targets) <= set(ids)
    listed = {"".join(dt.itertext()).strip(): dt.get("id") for dt in article.iter("dt")}
    assert {listed[t] for t in terms} == {"αλφα", "βήτα", "γάμμα", "ψ", "early-help", "early-help-2", "term",
                                          "ärzte", "äpfel"}


def test_a_section_id_that_is_one_of_the_pages_own_anchors_is_refused(site) -> None:
    content, docs = site
    edit(content, PRIORITY, "commitments:", "sections:\n  - id: why\n    title: Why\n    body: Because.\ncommitments:")
    message = (f"CONTENT/{PRIORITY}:5:9: 'why' cannot be used here: the priority page has a part of that name"
               " already, so a link to #why would be ambiguous; choose another id")
    check = run_build(content, docs, "--check")
    assert check.returncode == 1 and check.stderr.splitlines()[0] == message.replace("CONTENT", str(content))
    assert_rejected(content, docs, [message])


def test_references_link_only_within_the_build_that_resolved_them() -> None:
    """A preview rebuilds in one process: the targets of one build must not leak into the next (an item
    renamed or removed would keep its old link and title)."""
    from plansite.core import markup

    text = "See [[plan-a/p1]]."
    assert markup.plain(text) == "See [[plan-a/p1]]."
    with markup.linking_to({"plan-a/p1": ("plans/plan-a/p1/index.md", "Priority one")}):
        assert markup.plain(text) == "See Priority one."
        assert "(plans/plan-a/p1/index.md)" in markup.inline_markdown(text)
    assert markup.plain(text) == "See [[plan-a/p1]]."
    assert "index.md" not in markup.inline_markdown(text)
