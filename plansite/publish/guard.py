"""A check on the built HTML, reading each page as a browser does: nothing a page holds may run
script, fetch from another host, send the reader elsewhere on its own, or break its anchors.

Content is escaped before it reaches a page (escape.py, markup.py); this guard checks the result,
so a mistake anywhere (a template, the theme, a plugin, a setting, a hand-written page) fails the
build instead of reaching readers. Pages are parsed with html5lib, which follows the parsing rules
browsers follow: tag and attribute names in any case, character references decoded, SVG and
MathML included. Only the theme's own scripts are allowed: files under assets/javascripts/ and the
inline scripts the theme writes on its 404 page.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import html5lib

from plansite.publish.guard_quick import needs_full_check

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "poster", "background", "cite", "ping", "manifest",
                  "codebase", "longdesc", "lowsrc", "dynsrc", "archive", "classid", "icon", "profile", "usemap",
                  "srcset", "itemtype"}
"""Attributes that hold an address (a javascript: address there runs script). SVG's xlink:href is
read as href."""

FETCHING = {"src", "srcset", "data", "poster", "background", "manifest", "ping", "lowsrc", "dynsrc", "icon",
            "codebase", "archive", "action", "formaction"}
"""Attributes whose address the browser fetches, or sends what is typed to: another host there is
a request the reader did not ask for (a form's action sends their words there)."""

FETCHING_LINKS = {"stylesheet", "icon", "preload", "prefetch", "modulepreload", "manifest", "apple-touch-icon",
                  "mask-icon", "shortcut", "preconnect", "dns-prefetch", "prerender", "import", "serviceworker"}
"""<link rel> values that make the browser fetch the address (canonical, alternate do not)."""

SVG_FETCHING = {"image", "use", "feimage", "script"}
"""SVG elements that fetch their href."""

EMBEDS = {"iframe", "frame", "frameset", "object", "embed", "portal", "applet", "fencedframe"}
"""Elements that load another document into the page; the site uses none."""

PAINT = {"fill", "stroke", "filter", "clip-path", "mask", "marker-start", "marker-mid", "marker-end", "cursor",
         "color-profile"}
"""SVG attributes that may name a resource by url(…), as CSS does."""

ANIMATIONS = {"animate", "set", "animatemotion", "animatetransform"}
"""SVG animations, which can set an address (to="javascript:…") on another element."""

THEME_SCRIPTS = "assets/javascripts/"
"""Where the theme's script files are, inside the site."""

_SCRIPT_URL = re.compile(r"^\s*(?:javascript|vbscript|livescript)\s*:", re.IGNORECASE)
_CSS_URL = re.compile(r"""url\(\s*['"]?\s*([^'")\s]+)""", re.IGNORECASE)
_REFRESH = re.compile(r"^[\s]*[0-9.]*\s*[;,]?\s*(?:u\s*r\s*l\s*=\s*)?(.*)$", re.IGNORECASE | re.DOTALL)


@dataclass
class Finding:
    """One thing on a page that the guard refuses."""

    page: str
    """The built file, relative to the site folder."""
    what: str


def _local(name: str) -> str:
    # html5lib names SVG and MathML elements and xlink attributes with their namespace: {ns}name.
    return name.rsplit("}", 1)[-1].lower()


class _Page:
    """Everything refused on one parsed page (and in any document inside it, such as a srcdoc)."""

    def __init__(self, page: str) -> None:
        self.page = page
        self.findings: list[Finding] = []
        self.inline_scripts: list[str] = []

    def refuse(self, what: str) -> None:
        self.findings.append(Finding(self.page, what))

    def read(self, text: str, inside: str = "") -> None:
        tree = html5lib.parse(text, treebuilder="etree", namespaceHTMLElements=False)
        ids: Counter[str] = Counter()
        for element in tree.iter():
            if not isinstance(element.tag, str):
                continue  # a comment
            tag = _local(element.tag)
            attrs = {_local(name): value for name, value in element.attrib.items()}
            self.element(tag, attrs, element, inside)
            if "id" in attrs:
                ids[attrs["id"]] += 1
        for name, n in sorted(ids.items()):
            if not name:
                self.refuse(f"{inside}an empty id (id=\"\"): a link cannot reach it; give the element an id or none")
            elif n > 1:
                self.refuse(f"{inside}the id \"{_short(name)}\" is used {n} times on the page; every id must be unique"
                            " (a link to it reaches only the first)")

    def element(self, tag: str, attrs: dict[str, str], element, inside: str) -> None:
        for name, value in attrs.items():
            if name.startswith("on") and value and not {'"', "'"} & set(name):
                self.refuse(f"{inside}an event attribute {name}=\"{_short(value)}\" on <{tag}>")
            elif name in URL_ATTRIBUTES and any(_SCRIPT_URL.match(_clean(v)) for v in _addresses(name, value)):
                self.refuse(f"{inside}a script address in {name}=\"{_short(value)}\" on <{tag}>")
            elif name == "style" or name in PAINT:
                self._check_css(value, f"{inside}the {name} of <{tag}>")
            elif name == "srcdoc":
                self.refuse(f"{inside}a document inside <{tag} srcdoc>, which would run with the site's own origin")
                self.read(value, f"{inside}inside the srcdoc of <{tag}>: ")
            if name in FETCHING and tag != "script":
                for address in _addresses(name, value):
                    self._check_fetch(address, tag, name, inside)
        self._check_element(tag, attrs, element, inside)

    def _check_element(self, tag: str, attrs: dict[str, str], element, inside: str) -> None:
        if tag == "script":
            self._check_script(attrs, element, inside)
        elif tag == "style":
            self._check_css("".join(element.itertext()), f"{inside}a <style> element")
        elif tag in EMBEDS:
            self.refuse(f"{inside}an embedded document or object, <{tag}>, which the site never uses")
        elif tag == "base":
            self.refuse(f"{inside}a <base> element, which changes where every link on the page leads")
        elif tag == "link" and FETCHING_LINKS & set(attrs.get("rel", "").lower().split()):
            self._check_fetch(attrs.get("href", ""), tag, "href", inside)
        elif tag == "meta" and "refresh" in attrs.get("http-equiv", "").strip().lower():
            self._check_refresh(attrs.get("content", ""), inside)
        elif tag in SVG_FETCHING and "href" in attrs:
            self._check_fetch(attrs["href"], tag, "href", inside)
        elif tag in ANIMATIONS:
            for name in ("to", "from", "by", "values"):
                for value in attrs.get(name, "").split(";"):
                    if _SCRIPT_URL.match(_clean(value)) or _external(value):
                        self.refuse(f"{inside}an animation that sets an address: <{tag} {name}=\"{_short(value)}\">")

    def _check_script(self, attrs: dict[str, str], element, inside: str) -> None:
        src = attrs.get("src", attrs.get("href"))
        if src is None:
            self.inline_scripts.append("".join(element.itertext()))
        elif _external(src) or THEME_SCRIPTS not in src or inside:
            self.refuse(f"{inside}a script that is not the theme's own: <script src=\"{_short(src)}\">")

    def _check_refresh(self, content: str, inside: str) -> None:
        # The browser reads "0; URL='…'" in any case and spacing, with or without the quotes.
        target = _REFRESH.match(content).group(1).strip()
        for address in {target, target.strip("'\""), target.strip("'\"").split("'")[0].split('"')[0]}:
            if _external(address) or _SCRIPT_URL.match(_clean(address)) or re.match(r"[a-z][a-z0-9+.-]*:", address,
                                                                                  re.IGNORECASE):
                self.refuse(f"{inside}a redirect to another address: <meta http-equiv=\"refresh\""
                            f" content=\"{_short(content)}\">")
                return

    def _check_fetch(self, address: str, tag: str, name: str, inside: str) -> None:
        if not _external(address):
            return
        what = "a form that sends what is typed to another host" if name in ("action", "formaction") \
            else "a resource from another host"
        self.refuse(f"{inside}{what}: <{tag} {name}=\"{_short(address)}\">")

    def _check_css(self, css: str, where: str) -> None:
        if "\\" in css or re.search(r"expression\s*\(|@import", css, re.IGNORECASE):
            self.refuse(f"CSS that could fetch or hide an address (@import, an escape or expression()) in {where}")
        for address in _CSS_URL.findall(css):
            if _external(address) or _SCRIPT_URL.match(address):
                self.refuse(f"a resource from another host in {where}: {_short(address)}")


def _addresses(name: str, value: str) -> list[str]:
    # srcset holds several addresses, each followed by its size.
    if name != "srcset":
        return [value]
    return [candidate.strip().split(" ")[0] for candidate in value.split(",")]


def _clean(value: str) -> str:
    # Browsers ignore tabs, newlines and control characters inside a scheme ("java\tscript:").
    return re.sub(r"[\x00-\x20]", "", value)


def _external(address: str) -> bool:
    address = _clean(address).replace("\\", "/")  # browsers read https:\\host as https://host
    if address.startswith("//"):
        return True
    parts = urlsplit(address)
    return bool(parts.scheme and parts.scheme.lower() not in ("data", "blob") and
                (parts.netloc or parts.scheme.lower() in ("http", "https", "ftp", "ws", "wss")))


def _short(text: str) -> str:
    return text if len(text) <= 60 else text[:57] + "…"


def normalise_script(text: str) -> str:
    """An inline script with the page's relative path to the site root taken out, so that the
    theme's script compares equal on every page."""
    text = re.sub(r'"(?:\.\.(?:/\.\.)*|\.|/)"', '"BASE"', text)  # the 404 page uses "/"
    text = re.sub(r'"\.?/(?=[A-Za-z])', '"', text)  # "/assets/…" (404 page), "./assets/…" (Zensical's home)
    return re.sub(r"(?:\.\./)+", "", text)


def check_html(page: str, html: str, theme_scripts: set[str] | None,
               quick: bool = True) -> tuple[list[Finding], set[str]]:
    """What a page holds that the guard refuses, and its inline scripts (normalised).

    `theme_scripts`: the theme's own inline scripts; None to collect them (from the 404 page).
    `quick`: skip the full parse for a page the quick look (guard_quick.py) clears."""
    if quick and theme_scripts is not None:
        cleared = needs_full_check(html, theme_scripts, normalise_script)
        if cleared is not None:
            return [], cleared
    parser = _Page(page)
    parser.read(html)
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
