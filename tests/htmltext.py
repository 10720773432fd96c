"""Reading built HTML pages the way the tests need: their text, links and anchors."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

BLOCKS = {"p", "li", "div", "br", "td", "th", "tr", "dt", "dd", "blockquote", "h1", "h2", "h3", "h4",
          "h5", "h6", "ul", "ol", "table", "nav", "details", "summary", "pre"}


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.text: list[str] = []
        self._skip = 0
        self._in_main = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"] or "")
        if tag == "a" and values.get("href"):
            self.links.append(values["href"] or "")
        if tag in ("script", "style"):
            self._skip += 1
        if tag == "article":
            self._in_main += 1
        if tag in BLOCKS:
            self.text.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip -= 1
        if tag == "article":
            self._in_main -= 1
        if tag in BLOCKS:
            self.text.append(" ")

    def handle_data(self, data: str) -> None:
        if not self._skip and self._in_main:
            self.text.append(data)


def parse(path: Path) -> _Page:
    """Links, ids and main-content text of a built page."""
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def words(text: str) -> str:
    """Text reduced to its words, so Markdown source and rendered HTML can be compared."""
    text = html.unescape(text)
    text = re.sub(r"\]\([^)]*\)", "] ", text)  # a Markdown link keeps its words, not its address
    text = re.sub(r"(?m)^\s*(?:[-*]|\d+\.)\s+", " ", text)
    text = re.sub(r"[*_`]", "", text)  # emphasis marks join words, so they vanish without a space
    text = re.sub(r"[#>“”\"|\[\]]", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def page_text(path: Path) -> str:
    """The words of a built page's main content."""
    return words("".join(parse(path).text))


def resolve_link(site: Path, page: Path, href: str) -> tuple[Path, str] | None:
    """The file and anchor an internal link points at, or None for links to other sites."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith("mailto:"):
        return None
    if not parts.path:
        return page, unquote(parts.fragment)
    base = site if parts.path.startswith("/") else page.parent
    target = (base / unquote(parts.path).lstrip("/")).resolve()
    if target.is_dir() or parts.path.endswith("/"):
        target = target / "index.html"
    return target, unquote(parts.fragment)
