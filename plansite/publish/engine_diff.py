"""What differs between two builds of the same site by different engines (MkDocs and Zensical):
the pages, each page's side navigation, its abbreviations, its text, the search index and the
output check. Used by `make zensical-check`, which must report no difference."""

from __future__ import annotations

import gzip
import json
import posixpath
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from plansite.publish import guard

ENGINE_FILES = {"search.json"}
"""An engine's own whole-site search index: the published site must have none (Pagefind serves search)."""


class _Page(HTMLParser):
    """What a reader gets from a page: the side navigation (address and words of each link), the
    abbreviations explained, and the article's text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.nav: list[tuple[str, str]] = []
        self.abbrs: list[str] = []
        self.text: list[str] = []
        self._nav_depth = 0
        self._article = 0
        self._link: list[str] | None = None
        self._href = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "nav" and (self._nav_depth or "md-nav--primary" in values.get("class", "").split()):
            self._nav_depth += 1
        elif tag == "a" and self._nav_depth and "href" in values:
            self._link, self._href = [], values["href"]
        elif tag == "abbr" and "title" in values:
            self.abbrs.append(values["title"])
        elif tag == "article":
            self._article += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "nav" and self._nav_depth:
            self._nav_depth -= 1
        elif tag == "a" and self._link is not None:
            self.nav.append((self._href, " ".join("".join(self._link).split())))
            self._link = None
        elif tag == "article" and self._article:
            self._article -= 1

    def handle_data(self, data: str) -> None:
        if self._link is not None:
            self._link.append(data)
        if self._article:
            self.text.append(data)


def read_page(path: Path) -> _Page:
    """A built page, as the comparison sees it."""
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    return page


def pages(site: Path) -> set[str]:
    """The HTML pages of a built site, relative to it."""
    return {p.relative_to(site).as_posix() for p in site.rglob("*.html")}


def search_entries(site: Path) -> dict[str, str]:
    """The Pagefind index of a site: each indexed page's address → the text indexed for it."""
    found = {}
    for fragment in sorted((site / "pagefind" / "fragment").glob("*.pf_fragment")):
        raw = gzip.decompress(fragment.read_bytes())
        data = json.loads(raw[raw.index(b"{"):])
        found[data["url"]] = " ".join(data.get("content", "").split())
    return found


@dataclass
class Comparison:
    """Every difference found, by what it is about."""

    counts: dict[str, int] = field(default_factory=dict)
    """What was compared, and how many of it (pages, navigation links, abbreviations …)."""
    differences: list[str] = field(default_factory=list)

    def differ(self, what: str) -> None:
        self.differences.append(what)


def compare(a: Path, b: Path) -> Comparison:
    """Compare two builds of the same site (`a` is the reference)."""
    result = Comparison()
    ours, theirs = pages(a), pages(b)
    result.counts["pages"] = len(ours)
    for page in sorted(ours - theirs):
        result.differ(f"page missing from {b.name}/: {page}")
    for page in sorted(theirs - ours):
        result.differ(f"page only in {b.name}/: {page}")
    for page in sorted(ours & theirs):
        _compare_page(result, page, read_page(a / page), read_page(b / page))
    _compare_search(result, a, b)
    for site in (a, b):
        for name in sorted(ENGINE_FILES):
            if (site / name).exists():
                result.differ(f"{site.name}/{name}: the engine's own search index is published")
        for finding in guard.check_site(site):
            result.differ(f"output check on {site.name}/{finding.page}: {finding.what}")
    return result


def _compare_page(result: Comparison, page: str, x: _Page, y: _Page) -> None:
    here = "/" + page.removesuffix("index.html")
    nav_x, nav_y = ([(_resolved(here, href), words) for href, words in p.nav] for p in (x, y))
    for what, first, second in (("navigation links", nav_x, nav_y), ("abbreviations", x.abbrs, y.abbrs)):
        result.counts[what] = result.counts.get(what, 0) + len(first)
        if first != second:
            result.differ(f"{page}: {what} differ ({len(first)} and {len(second)}; first difference:"
                          f" {_first_difference(first, second)})")
    words_x, words_y = " ".join("".join(x.text).split()), " ".join("".join(y.text).split())
    if words_x != words_y:
        result.differ(f"{page}: the article's text differs near “{_near(words_x, words_y)}”")


def _compare_search(result: Comparison, a: Path, b: Path) -> None:
    x, y = search_entries(a), search_entries(b)
    result.counts["pages in the search index"] = len(x)
    for address in sorted(set(x) ^ set(y)):
        result.differ(f"search: {address} is indexed in only one site")
    for address in sorted(set(x) & set(y)):
        if x[address] != y[address]:
            result.differ(f"search: the text indexed for {address} differs near “{_near(x[address], y[address])}”")


def _resolved(here: str, href: str) -> str:
    # Engines spell the same relative link differently ('..' and './..'): compare where it leads.
    parts = urlsplit(urljoin("https://site.invalid" + here, href))
    path = posixpath.normpath(parts.path) + ("/" if parts.path.endswith("/") and parts.path != "/" else "")
    return path + (f"#{parts.fragment}" if parts.fragment else "")


def _first_difference(first: list, second: list) -> str:
    for left, right in zip(first, second, strict=False):
        if left != right:
            return f"{left!r} and {right!r}"
    return f"{len(first)} and {len(second)} items"


def _near(x: str, y: str) -> str:
    at = next((i for i, (c, d) in enumerate(zip(x, y, strict=False)) if c != d), min(len(x), len(y)))
    return x[max(0, at - 30): at + 30]
