"""The whole pipeline: read, resolve, render, write. Nothing is written unless every step succeeds."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from plansite.content import reference, settings
from plansite.content.parsed import Parsed
from plansite.content.read import read_content
from plansite.core import markup, text, vocabulary
from plansite.core.problems import ContentError, Problem
from plansite.derive import addresses, facts, history, overview, progress, reasons, versions
from plansite.derive.log import Log
from plansite.model import xrefs
from plansite.model.index import Index
from plansite.model.resolve import resolve
from plansite.publish import feed, lock, opendata, search_index
from plansite.publish.write import check_writable, state_dir, write_pages
from plansite.render import reads
from plansite.render.incremental import Incremental
from plansite.render.pages import all_pages, change_pages, chronological_plans
from plansite.render.templating import environment, render_pages


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
    rendered: int = 0
    """Pages rendered by this build (in the preview, only those whose inputs changed)."""
    page_count: int = 0
    """Pages the site has (generated ones)."""
    written: int = 0
    deleted: int = 0
    history_missing: str | None = None
    """Why the build could not see the whole history of the content (None when it could)."""


def summary(result: Result) -> str:
    """What a preview's regeneration did, as its log shows it once per save."""
    return (f"plansite: {result.rendered} of {result.page_count} pages rendered again, {result.written} files"
            f" written, {result.deleted} removed")


def check(paths: Paths, parsed: Parsed | None = None) -> Index:
    """Load, validate and resolve all content (and the addresses in mkdocs.yml, which the theme
    prints into every page); raise ContentError listing every problem. `parsed`: the files the
    preview's last build parsed (only changed files are parsed again)."""
    if parsed is not None:
        parsed.next_build()
    content = read_content(paths.content, paths.project, parsed)
    content.problems += settings.problems(paths.project)
    return resolve(content)


@dataclass
class Site:
    """The checked content and every page the site will have, before anything is rendered."""

    index: Index
    derived: progress.Progress
    pages: list
    log: Log
    seen: overview.Overview
    history: history.Availability


def plan_site(paths: Paths, preview: bool = False, require_history: bool = False, workers: int = 1,
              parsed: Parsed | None = None) -> Site:
    """Check the content, its history (reasons for weakening changes) and its published addresses.
    In the preview, a change that needs a reason is shown with the reason publishing will need;
    every other build refuses it. With `require_history`, a build that cannot see the whole history
    of the content is refused (the publish workflow asks for this). `workers`: processes to read a
    long stretch of history not yet in the cache with; `parsed`: see check."""
    index = check(paths, parsed)
    derived = progress.derive(index)
    unplaced = overview.problems(index, derived)
    if unplaced:
        raise ContentError(unplaced)
    seen = overview.derive(index, derived)
    pages = all_pages(index, derived, seen)
    found = _history(paths, index, workers)
    if require_history and not found.availability.full:
        raise ContentError([Problem(paths.label(paths.content), 1, 1, "publishing needs the whole history of the"
                                    f" content, but {found.availability.missing}")])
    _check_since(index, found)
    log = _change_log(index, found, preview)
    pages += addresses.redirects(pages, index) + change_pages(index)
    vanished = addresses.vanished(paths.content, paths.label(paths.content), pages, index,
                                  found.record.addresses())
    if vanished:
        raise ContentError(vanished)
    return Site(index, derived, pages, log, seen, found.availability)


def generate(paths: Paths, workers: int = 1, preview: bool = False, require_history: bool = False,
             templates: jinja2.Environment | None = None, kept: Incremental | None = None) -> Result:
    """Check the content and render every page in memory (`workers`: processes to render with;
    `templates`: compiled templates kept from an earlier build, as the preview keeps them; `kept`:
    the pages of the preview's earlier builds and what each read, so that only the pages whose
    inputs changed are rendered again)."""
    site = plan_site(paths, preview, require_history, workers, kept.parsed if kept is not None else None)
    index, derived, pages, log = site.index, site.derived, site.pages, site.log
    updated = history.Updated(history.last_changes(paths.project, site.history))
    common = _common(index, derived, site.seen) | {"updated": updated, "changes": log}
    targets = xrefs.targets(index)
    if kept is not None:
        targets = reads.RecordingTargets(targets)
    with markup.linking_to(targets):  # what [[references]] link to, in pages and data
        if kept is None:
            rendered = render_pages(pages, common, workers, templates)
        else:
            rendered = kept.render(pages, common, templates or environment(), reads.Inputs(common, targets))
        data = opendata.files(index, derived) | {search_index.SYNONYMS: search_index.synonyms(index),
                                                 feed.PATH: feed.atom(index, log)}
    sources = {page.path: page.sources for page in pages} | {path: ["content/"] for path in data}
    moved = tuple(page.path for page in pages if page.template == "redirect.md.j2")
    return Result(index, dict(sorted({**rendered, **data}.items())), sources, derived, moved,
                  history_missing=site.history.missing,
                  rendered=len(pages) if kept is None else kept.rendered, page_count=len(pages))


def _history(paths: Paths, index: Index, workers: int) -> versions.History:
    # Every version of the content along the published line, compared with the working copy.
    cache = paths.docs.parent / ".docs.build" / "history"
    since = index.content.site.track_changes_from
    return versions.from_history(paths.project, paths.content, cache, since, facts.of_version(index), workers)


def _check_since(index: Index, found: versions.History) -> None:
    # Moving track_changes_from later would hide changes already published from the record.
    site, earliest = index.content.site, found.earliest_since
    if earliest and site.track_changes_from and text.date_key(site.track_changes_from) > text.date_key(earliest):
        raise ContentError([index.content.locator.problem(
            site, ("track_changes_from",), f"track_changes_from can only move earlier: a published version set it"
            f" to {earliest}, and a later date would hide the changes published since then; set it to {earliest}"
            " or earlier")])


def _change_log(index: Index, found: versions.History, preview: bool) -> Log:
    # Each change with its reason; a weakening one without one stops a publishing build.
    site = index.content.site
    shown, problems = reasons.explain(found.changes, facts.items_of(index), index.content.locator, site.as_of)
    if problems and not preview:
        raise ContentError(problems)
    return Log(shown, found.availability.missing, found.unreadable, site.track_changes_from)


def build(paths: Paths, workers: int = 1, preview: bool = False, require_history: bool = False,
          templates: jinja2.Environment | None = None, kept: Incremental | None = None) -> Result:
    """Check, render, and only then write the pages into docs/ (see plan_site for `preview` and
    `require_history`, generate for `templates`; one build at a time: see lock.py)."""
    with lock.hold(state_dir(paths.docs)):
        result = generate(paths, workers, preview, require_history, templates, kept)
        check_writable(paths.docs, result.pages, result.sources, paths.label(paths.docs),
                       kept.digests if kept is not None else None)
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
