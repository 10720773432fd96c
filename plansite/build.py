"""The whole pipeline: read, resolve, render, write. Nothing is written unless every step succeeds."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markupsafe import Markup

from . import (
    addresses,
    changes,
    feed,
    history,
    lock,
    markup,
    opendata,
    overview,
    progress,
    reference,
    search_index,
    settings,
    text,
    versions,
    vocabulary,
    xrefs,
)
from .index import Index
from .pages import all_pages, change_pages, chronological_plans
from .problems import ContentError
from .read import read_content
from .render import render_pages
from .resolve import resolve
from .write import check_writable, state_dir, write_pages


@dataclass(frozen=True)
class Paths:
    """Where the build reads and writes."""

    project: Path
    content: Path
    docs: Path

    @classmethod
    def for_project(cls, project: Path) -> Paths:
        """The standard layout: content/ and docs/ inside the project."""
        return cls(project=project, content=project / "content", docs=project / "docs")

    def label(self, path: Path) -> str:
        """A path as messages show it: relative to the project where possible."""
        try:
            return path.relative_to(self.project).as_posix()
        except ValueError:
            return path.as_posix()


@dataclass
class Result:
    """What a build produced."""

    index: Index
    pages: dict[str, str]
    sources: dict[str, list[str]]
    """Page path → the content files it is made from (for messages that name them)."""
    progress: progress.Progress
    """Every status, as of the site's date."""
    redirects: tuple[str, ...] = ()
    """Pages at old addresses that send readers on."""
    written: int = 0
    deleted: int = 0


def check(paths: Paths) -> Index:
    """Load, validate and resolve all content (and the addresses in mkdocs.yml, which the theme
    prints into every page); raise ContentError listing every problem."""
    content = read_content(paths.content, paths.project)
    content.problems += settings.problems(paths.project)
    return resolve(content)


@dataclass
class Site:
    """The checked content and every page the site will have, before anything is rendered."""

    index: Index
    derived: progress.Progress
    pages: list
    log: changes.Log
    seen: overview.Overview


def plan_site(paths: Paths) -> Site:
    """Check the content, its history (reasons for weakening changes) and its published addresses."""
    index = check(paths)
    derived = progress.derive(index)
    found = overview.problems(index, derived)
    if found:
        raise ContentError(found)
    seen = overview.derive(index, derived)
    pages = all_pages(index, derived, seen)
    log = _change_log(paths, index, pages)
    pages += addresses.redirects(pages, index) + change_pages(index)
    vanished = addresses.vanished(paths.content, paths.label(paths.content), pages, index)
    if vanished:
        raise ContentError(vanished)
    return Site(index, derived, pages, log, seen)


def generate(paths: Paths, workers: int = 1) -> Result:
    """Check the content and render every page in memory (`workers`: processes to render with)."""
    site = plan_site(paths)
    index, derived, pages, log = site.index, site.derived, site.pages, site.log
    updated = history.Updated(history.last_changes(paths.project, paths.content))
    common = _common(index, derived, site.seen) | {"updated": updated, "changes": log}
    markup.TARGETS.clear()
    markup.TARGETS.update(xrefs.targets(index))  # what [[references]] link to, for the renderers
    rendered = render_pages(pages, common, workers)
    data = opendata.files(index, derived) | {search_index.SYNONYMS: search_index.synonyms(index),
                                             feed.PATH: feed.atom(index, log)}
    sources = {page.path: page.sources for page in pages} | {path: ["content/"] for path in data}
    moved = tuple(page.path for page in pages if page.template == "redirect.md.j2")
    return Result(index, dict(sorted({**rendered, **data}.items())), sources, derived, moved)


def _change_log(paths: Paths, index: Index, pages: list) -> changes.Log:
    # Changes from the content's git history; a problem for each weakening one without a reason.
    site = index.content.site
    now = changes.facts(index, pages)
    cache = paths.docs.parent / ".docs.build" / "history"
    found, unreadable = versions.from_history(paths.project, paths.content, cache, site.track_changes_from, now)
    items = {page.path: page.context[key] for page in pages
             if (key := changes.ITEM_TEMPLATES.get(page.template))}
    shown, missing = changes.with_reasons(found, items)
    if missing:
        raise ContentError(changes.problems_for(missing, index.content.locator, site.as_of))
    return changes.Log(shown, unreadable, site.track_changes_from)


def build(paths: Paths, workers: int = 1) -> Result:
    """Check, render, and only then write the pages into docs/ (one build at a time: see lock.py)."""
    with lock.hold(state_dir(paths.docs)):
        result = generate(paths, workers)
        check_writable(paths.docs, result.pages, result.sources, paths.label(paths.docs))
        result.written, result.deleted = write_pages(paths.docs, result.pages)
    return result


def _common(index: Index, derived: progress.Progress, seen: overview.Overview | None = None) -> dict[str, Any]:
    # What every template may use.
    seen = seen or overview.derive(index, derived)
    return {
        "site": index.content.site,
        "index": index,
        "progress": derived,
        "overview": seen,
        "words": vocabulary,
        "reference": reference,
        "ordered": seen.ordered,
        "chronological": chronological_plans(index),
        "glossary": _glossary(index),
    }


def _glossary(index: Index) -> list[dict[str, Any]]:
    # Terms in A–Z order, each with the letter it is listed under (digits and marks under "0–9"),
    # and anchors for both that are unique on the page whatever the script or spelling.
    terms = sorted(index.content.glossary.terms if index.content.glossary else [],
                   key=lambda t: (t.abbr or t.term).lower())
    letters = list(dict.fromkeys(_letter(t.abbr or t.term) for t in terms))
    letter_anchors = dict(zip(letters, text.unique_anchors([f"letter-{text.anchor(x) or 'other'}" for x in letters]),
                              strict=True))
    anchors = text.unique_anchors([t.abbr or t.term for t in terms], taken=letter_anchors.values())
    # (Markup: an anchor holds only letters, digits, '.' and '-', and goes into the page as it is.)
    return [{"term_": t, "letter": _letter(t.abbr or t.term), "abbr": t.abbr, "anchor": Markup(a),
             "letter_anchor": Markup(letter_anchors[_letter(t.abbr or t.term)])}
            for t, a in zip(terms, anchors, strict=True)]


def _letter(name: str) -> str:
    first = name[:1].upper()
    return first if first.isalpha() else "0–9"
