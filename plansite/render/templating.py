"""Render pages from templates. Templates hold the Markdown; this module only wires them up."""

from __future__ import annotations

import multiprocessing
import re
from pathlib import Path
from types import SimpleNamespace
from typing import Any
from urllib.parse import urlsplit

import jinja2
from markupsafe import Markup

from plansite.content.schema.plan import Labels
from plansite.core import escape, text
from plansite.derive import gather, measure_status, progress
from plansite.model import titles, urls
from plansite.model.index import plan_of
from plansite.model.page import Page
from plansite.render import chart

TEMPLATES = Path(__file__).parent / "templates"


@jinja2.pass_context
def _href(ctx: jinja2.runtime.Context, target: Any, anchor: str | None = None) -> Markup:
    """Relative link from the page being rendered to an item or a page path."""
    to_page = target if isinstance(target, str) else urls.page_of(target)
    return Markup(escape.url(urls.link(ctx["here"], to_page, anchor)))


@jinja2.pass_context
def _html_href(ctx: jinja2.runtime.Context, target: str) -> Markup:
    """A link for raw HTML in a page (a page path or a file of the site)."""
    return Markup(escape.html_attribute(urls.html_link(ctx["here"], target)))


def environment() -> jinja2.Environment:
    """The Jinja environment: every printed value escaped by its kind (text.finalize), strict
    about undefined names. Autoescape is on only so that macros and filters can return Markup,
    which finalize lets through; the escaping itself is Markdown's, not HTML's."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        finalize=text.finalize,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        md=text.md, inline=text.inline, cell=text.inline, linktext=text.linktext, plain=text.plain,
        shorten=text.shorten, meta=text.meta, date=text.date, anchor=text.anchor, blockquote=text.blockquote,
        join=text.join, comment=text.comment, plural=text.plural, first_upper=text.first_upper,
        capitalize=text.first_upper,  # Jinja's would lower the rest: 'From april 2025'
 code=lambda value: Markup(escape.code_span(str(value))),
        url=lambda value: Markup(escape.url(str(value))),
        judged_count=lambda counts: sum(n for key, n in counts.items() if key in measure_status.JUDGED),
        host=lambda value: urlsplit(str(value)).netloc.removeprefix("www."),
        abbreviation=lambda value: Markup(value),  # the schema allows only letters, digits and - ' ’ . / ( ) +
        abbreviation_title=lambda value: Markup(escape.abbreviation_title(text.plain(value))),
    )
    env.globals.update(href=_href, html_href=_html_href, urls=urls, titles=titles, period=text.period,
                       is_over=text.is_over, count=text.count, gather=gather,
                       distinct=lambda items: len({id(i) for i in items}),
                       chart=_chart_of(html_environment()), chartable=chart.chartable, update_state=_state_of_update,
                       commitment_statuses=progress.COMMITMENT_STATUSES, measure_statuses=measure_status.STATUSES,
                       plan_states=progress.PLAN_STATES,
                       rule=measure_status, plan_of=plan_of, every_plan=SimpleNamespace(labels=Labels()))
    return env


LEGEND = {"actual": "Value", "baseline": "Baseline (the starting value)", "target": "Target",
          "comparator": "Compared with (another area)"}
"""The chart legend's words for each kind of mark."""


def html_environment() -> jinja2.Environment:
    """For the few HTML templates (the chart): Jinja's own HTML autoescape."""
    return jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                              undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def _chart_of(html: jinja2.Environment):
    def draw(measure: Any, label_id: str, words: str) -> Markup:
        """A measure's chart as inline SVG, labelled by an element of the page (its heading) and
        described by `words`, the sentence above it saying what happened."""
        return Markup(html.get_template("chart.svg.j2").render(
            c=chart.chart(measure), label_id=label_id, words=words, legend=LEGEND).strip())
    return draw


def _state_of_update(update: Any) -> progress.CommitmentProgress:
    # A single update's status, shown with the same badge as a commitment's.
    return progress.CommitmentProgress(update.status, update, (update,), False)


PARALLEL_FROM = 3000
"""Below this many pages one process renders them all: starting more costs more than it saves."""

_WORK: tuple[list[Page], dict[str, Any], jinja2.Environment | None] | None = None
"""The pages and context, inherited by forked workers (never pickled)."""


def render_pages(pages: list[Page], common: dict[str, Any], workers: int = 1,
                 templates: jinja2.Environment | None = None) -> dict[str, str]:
    """Every page's text by path; nothing is written here. With workers > 1 and many pages, the
    pages are shared out among forked processes (the same bytes come out either way). `templates`:
    an environment() kept from an earlier build, whose templates are compiled already (Jinja
    compiles a template again when its file has changed)."""
    global _WORK
    if workers <= 1 or len(pages) < PARALLEL_FROM or "fork" not in multiprocessing.get_all_start_methods():
        return dict(sorted(_render(pages, common, templates).items()))
    _WORK = (pages, common, templates)
    try:
        context = multiprocessing.get_context("fork")
        with context.Pool(workers) as pool:
            parts = pool.map(_render_share, [(n, workers) for n in range(workers)])
    finally:
        _WORK = None
    return dict(sorted(item for part in parts for item in part.items()))


def _render_share(share: tuple[int, int]) -> dict[str, str]:
    n, of = share
    pages, common, templates = _WORK
    return _render(pages[n::of], common, templates)


def _render(pages: list[Page], common: dict[str, Any], templates: jinja2.Environment | None) -> dict[str, str]:
    env = templates or environment()
    return {page.path: render_page(env, page, common) for page in pages}


def render_page(env: jinja2.Environment, page: Page, common: dict[str, Any]) -> str:
    """One page's text: its template, and (on a page, not a snippet) the footer with its date."""
    body = env.get_template(page.template).render(**common, **page.context, here=page.path, sources=page.sources)
    if page.path.startswith(SNIPPETS):  # appended to other pages, which have their own footer
        return _tidy(body)
    updated = common.get("updated")
    as_of = common["site"].as_of if page.template in STATUS_TEMPLATES and common.get("site") else None
    date = updated.of(tuple(page.sources)) if updated and not as_of else None
    return _tidy(body + env.get_template("_footer.md.j2").render(date=date, as_of=as_of))


STATUS_TEMPLATES = frozenset({
    "home.md.j2", "plan.md.j2", "priority.md.j2", "commitment.md.j2", "measure.md.j2", "measures.md.j2",
    "progress.md.j2", "method.md.j2", "promises.md.j2", "promises_plan.md.j2", "promises_status.md.j2",
    "topic.md.j2", "owner.md.j2", "plans.md.j2", "data.md.j2"})
"""Pages that show where promises stand: their one date is the date they stood there (site.as_of),
not when their content last changed."""

SNIPPETS = "includes/"
"""Generated files that are parts of other pages (the abbreviation list), not pages themselves."""


def _tidy(body: str) -> str:
    # Templates leave runs of blank lines where optional parts are empty; one is enough. Trailing
    # spaces go, except two or more after a word (a Markdown line break).
    body = _TRAILING.sub("", body.replace("\r\n", "\n"))
    return _BLANK_RUN.sub("\n\n", body).strip("\n") + "\n"


_TRAILING = re.compile(r"(?m)(?<=\S)[ \t]$|^[ \t]+$")
_BLANK_RUN = re.compile(r"\n{3,}")
