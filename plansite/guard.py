"""A check on the built HTML: nothing a page holds may run script or fetch from another host.

Content is escaped before it reaches a page (escape.py, markup.py); this guard checks the result,
so a mistake anywhere (a template, the theme, a plugin, a hand-written page) fails the build
instead of reaching readers. It allows only the theme's own scripts: files under
assets/javascripts/ and the inline scripts the theme writes on its 404 page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "poster", "background", "cite",
                  "xlink:href", "ping", "manifest", "codebase", "longdesc", "lowsrc", "dynsrc"}
"""Attributes that hold an address (a javascript: address there runs script)."""

FETCHING_LINKS = {"stylesheet", "icon", "preload", "prefetch", "modulepreload", "manifest", "apple-touch-icon",
                  "mask-icon", "shortcut", "preconnect", "dns-prefetch", "prerender"}
"""<link rel> values that make the browser fetch the address (canonical, alternate do not)."""

THEME_SCRIPTS = "assets/javascripts/"
"""Where the theme's script files are, inside the site."""

_SCRIPT_URL = re.compile(r"^\s*(?:javascript|vbscript|livescript)\s*:", re.IGNORECASE)
_CSS_URL = re.compile(r"""(?:url\(\s*['"]?|@import\s+['"])\s*([^'")\s]+)""", re.IGNORECASE)


@dataclass
class Finding:
    """One thing on a page that the guard refuses."""

    page: str
    """The built file, relative to the site folder."""
    what: str


class _Page(HTMLParser):
    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.page = page
        self.findings: list[Finding] = []
        self.inline_scripts: list[str] = []
        self._script: list[str] | None = None
        self._style: list[str] | None = None

    def refuse(self, what: str) -> None:
        self.findings.append(Finding(self.page, what))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        for name, value in attrs:
            if name.startswith("on"):
                self.refuse(f"an event attribute {name}=\"{_short(value or '')}\" on <{tag}>")
            elif name in URL_ATTRIBUTES and _SCRIPT_URL.match(_clean(value or "")):
                self.refuse(f"a script address in {name}=\"{_short(value or '')}\" on <{tag}>")
            elif name == "style":
                self._check_css(value or "", f"the style of <{tag}>")
            elif name == "srcset":
                for candidate in (value or "").split(","):
                    self._check_fetch(candidate.strip().split(" ")[0], tag, name)
        self._check_element(tag, values)

    def _check_element(self, tag: str, values: dict[str, str]) -> None:
        if tag == "script":
            src = values.get("src")
            if src is None:
                self._script = []
            elif _external(src) or THEME_SCRIPTS not in src:
                self.refuse(f"a script that is not the theme's own: <script src=\"{_short(src)}\">")
        elif tag == "style":
            self._style = []
        elif tag == "link" and FETCHING_LINKS & set(values.get("rel", "").lower().split()):
            self._check_fetch(values.get("href", ""), tag, "href")
        elif tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
            self._check_fetch(values.get("content", "").partition("url=")[2], tag, "content")
        elif tag == "base":
            self._check_fetch(values.get("href", ""), tag, "href")
        for name in ("src", "data", "poster", "background"):
            if name in values and tag != "script":
                self._check_fetch(values[name], tag, name)

    def _check_fetch(self, address: str, tag: str, name: str) -> None:
        if _external(address):
            self.refuse(f"a resource from another host: <{tag} {name}=\"{_short(address)}\">")

    def _check_css(self, css: str, where: str) -> None:
        for address in _CSS_URL.findall(css):
            if _external(address) or _SCRIPT_URL.match(address):
                self.refuse(f"a resource from another host in {where}: {_short(address)}")

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script.append(data)
        if self._style is not None:
            self._style.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            self.inline_scripts.append("".join(self._script))
            self._script = None
        elif tag == "style" and self._style is not None:
            self._check_css("".join(self._style), "a <style> element")
            self._style = None


def _clean(value: str) -> str:
    # Browsers ignore tabs, newlines and control characters inside a scheme ("java\tscript:").
    return re.sub(r"[\x00-\x20]", "", value)


def _external(address: str) -> bool:
    address = _clean(address)
    if address.startswith("//"):
        return True
    parts = urlsplit(address)
    return bool(parts.scheme and parts.scheme.lower() not in ("data", "blob") and
                (parts.netloc or parts.scheme.lower() in ("http", "https", "ftp")))


def _short(text: str) -> str:
    return text if len(text) <= 60 else text[:57] + "…"


def normalise_script(text: str) -> str:
    """An inline script with the page's relative path to the site root taken out, so that the
    theme's script compares equal on every page."""
    text = re.sub(r'"(?:\.\.(?:/\.\.)*|\.|/)"', '"BASE"', text)  # the 404 page uses "/"
    text = re.sub(r'"\.?/(?=[A-Za-z])', '"', text)  # "/assets/…" (404 page), "./assets/…" (Zensical's home)
    return re.sub(r"(?:\.\./)+", "", text)


# A quick look that finds everything the parser could refuse, and more: only a page it flags is
# parsed in full (parsing every page took a fifth of a large build).
_QUICK = re.compile(  # run on the page in lower case
    r"""[\s"'/]on[a-z]+\s*="""                                                    # an event attribute
    r"""|s[\x00-\x20]*c[\x00-\x20]*r[\x00-\x20]*i[\x00-\x20]*p[\x00-\x20]*t[\x00-\x20]*:"""  # javascript: and kin
    r"""|(?:src|srcset|data|poster|background|href)\s*=\s*(?:"[^"]*//|'[^']*//|[^\s>"']*//)"""  # another host
    r"""|(?:href|src|srcset|action|formaction|data|poster|background|content)\s*=\s*["']?[^"'>\s]*&"""  # entities
    r"""|url\(\s*["']?[^"')]*//|@import|refresh|<base\b|<style\b""")           # CSS, redirects
_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
_SCRIPT_SRC = re.compile(r"""\bsrc\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)


def _quick_scripts(html: str) -> tuple[set[str], list[str]] | None:
    """The page's inline scripts (normalised) and script addresses, or None if it needs the parser."""
    inline, sources = set(), []
    for attributes, body in _SCRIPT.findall(html):
        src = _SCRIPT_SRC.search(attributes)
        if src:
            sources.append(src.group(1))
        else:
            inline.add(normalise_script(body))
    if html.lower().count("<script") != len(inline) + len(sources):
        return None
    return inline, sources


def check_html(page: str, html: str, theme_scripts: set[str] | None,
               quick: bool = True) -> tuple[list[Finding], set[str]]:
    """What a page holds that the guard refuses, and its inline scripts (normalised).

    `theme_scripts`: the theme's own inline scripts; None to collect them (from the 404 page).
    `quick`: skip the full parse for a page the quick look finds nothing on."""
    if quick and theme_scripts is not None and not _QUICK.search(html.lower()):
        quick = _quick_scripts(html)
        if quick and quick[0] <= theme_scripts and all(THEME_SCRIPTS in s and not _external(s) for s in quick[1]):
            return [], quick[0]
    parser = _Page(page)
    parser.feed(html)
    parser.close()
    scripts = {normalise_script(s) for s in parser.inline_scripts}
    if theme_scripts is not None:
        for script in sorted(scripts - theme_scripts):
            parser.refuse(f"an inline script that is not the theme's own: <script>{_short(script.strip())}")
    return parser.findings, scripts


def _at_root(page: str) -> str:
    # The 404 page names the site's address path ("/plans/" for a site at example.org/plans/): as if
    # at "/", so that its scripts compare with every other page's.
    base = re.search(r'__md_scope=new URL\("(/[^"]+/)",location\)', page)
    return page.replace(f'"{base.group(1)}', '"/') if base else page


def check_site(site: Path, since: float | None = None) -> list[Finding]:
    """Every finding in every HTML page of a built site (`since`: only pages written after then)."""
    reference = site / "404.html"
    _, theme_scripts = check_html("404.html", _at_root(reference.read_text(encoding="utf-8")), None) \
        if reference.exists() else ([], set())
    findings: list[Finding] = []
    for path in sorted(site.rglob("*.html")):
        if since is not None and path.stat().st_mtime < since:
            continue
        html = path.read_text(encoding="utf-8")
        found, _ = check_html(path.relative_to(site).as_posix(), _at_root(html) if path == reference else html,
                              theme_scripts)
        findings += found
    return findings
