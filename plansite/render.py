"""Render pages from templates. Templates hold the Markdown; this module only wires them up."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from . import escape, text, titles, urls

TEMPLATES = Path(__file__).parent / "templates"


@dataclass
class Page:
    """One file to write into docs/: its path, template, sources and what the template needs."""

    path: str
    template: str
    sources: list[str]
    context: dict[str, Any] = field(default_factory=dict)


@jinja2.pass_context
def _href(ctx: jinja2.runtime.Context, target: Any, anchor: str | None = None) -> Markup:
    """Relative link from the page being rendered to an item or a page path."""
    to_page = target if isinstance(target, str) else urls.page_of(target)
    return Markup(escape.url(urls.link(ctx["here"], to_page, anchor)))


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
        join=text.join, comment=text.comment, code=lambda value: Markup(escape.code_span(str(value))),
        url=lambda value: Markup(escape.url(str(value))),
        abbreviation=lambda value: Markup(value),  # the schema allows only letters, digits and - ' ’ . / ( ) +
        abbreviation_title=lambda value: Markup(escape.abbreviation_title(text.plain(value))),
    )
    env.globals.update(href=_href, urls=urls, titles=titles, period=text.period, is_over=text.is_over)
    return env


def render_pages(pages: list[Page], common: dict[str, Any]) -> dict[str, str]:
    """Every page's text by path; nothing is written here."""
    env = environment()
    rendered = {}
    for page in pages:
        template = env.get_template(page.template)
        body = template.render(**common, **page.context, here=page.path, sources=page.sources)
        rendered[page.path] = _tidy(body)
    return dict(sorted(rendered.items()))


def _tidy(body: str) -> str:
    # Templates leave runs of blank lines where optional parts are empty; one is enough.
    lines, blank = [], False
    for line in body.replace("\r\n", "\n").split("\n"):
        line = line.rstrip() if not line.endswith("  ") else line
        if not line.strip():
            if not blank:
                lines.append("")
            blank = True
        else:
            lines.append(line)
            blank = False
    return "\n".join(lines).strip("\n") + "\n"
