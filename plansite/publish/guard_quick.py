"""The output check's quick look: clears a page without parsing it when nothing on it could be
refused, so that only the few pages that might hold something are parsed in full (parsing every
page took a fifth of a large build).

It must never clear a page the full parse (guard.py) would refuse. So it looks for literal text:
everything the full parse refuses needs some tell-tale text in the page as written (an attribute
name, a scheme, two slashes, a tag name), provided no character reference can hide a character.
A page with a reference that could (&#58; for ':', &sol; for '/') is always parsed in full.
tests/test_guard.py compares the two on generated pages.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

_C = r"[\x00-\x20]*"
"""Control characters and spaces, which browsers drop from inside a scheme."""

_HIDING = re.compile(  # run on the page in lower case
    r"&(?:#(?!(?:0*(?:34|36|38|39|59|60|61|62|63|91|93|94|126|160)|x0*(?:22|24|26|27|3b|3c|3d|3e|3f|5b|5d|5e|7e|a0));)"
    r"|(?!(?:amp|lt|gt|quot|apos|nbsp);)[a-z][a-z0-9]*;)")
"""A character reference other than those for & < > " ' [ ] ? = ; $ ^ ~ and no-break space (which
cannot spell a scheme, a slash or a tag), or a numeric one without its ';'."""

_KEYWORDS = ("srcset", "srcdoc", "http-equiv", "<base", "<iframe", "<frame", "<object", "<embed", "<portal",
             "<applet", "<fencedframe", "<animate", "<set", "<style", "@import", "expression")
"""Tag and attribute names (and CSS words) whose mere presence needs the full parse."""

_SCRIPT_SCHEME = re.compile(rf"s{_C}c{_C}r{_C}i{_C}p{_C}t{_C}:")
"""javascript:, vbscript: and livescript:, with any control characters inside."""

_EVENT = re.compile(r"""on[^\s/>="']*\s*=""")
_STYLE = re.compile(r"style\s*=")
_PAINT = re.compile(r"(?:fi(?:ll|lter)|stroke|clip-path|mask|marker-(?:start|mid|end)|cursor|color-profile)\s*=")
_WITH_HOST = re.compile(rf"""=\s*["']?{_C}(?:[/\\]{_C}[/\\]|[a-z][a-z0-9+.\-\x00-\x20]*:)""")
"""An attribute value that starts with two slashes (or backslashes) or a scheme."""
_NAME_BEFORE = re.compile(r"([a-z0-9-]+)\s*$")
_FETCHING = ("href", "src", "data", "poster", "background", "action", "formaction", "ping", "manifest", "icon",
             "lowsrc", "dynsrc", "codebase", "archive")
_CANONICAL = '<link rel="canonical" '
"""The theme's canonical link, whose address is not fetched (every page has one once the site has an address)."""
_ATTRIBUTE_START = " \t\n\r\f/\"'"
"""What an attribute name follows in a tag: a space, a slash or the quote that ended the last value."""


def _risky(lower: str) -> bool:
    """True when the page (in lower case) holds text something refused would need."""
    return (any(word in lower for word in _KEYWORDS) or bool(_SCRIPT_SCHEME.search(lower))
            or _attribute(lower, _EVENT) or _attribute(lower, _STYLE) or _paint(lower) or _fetches_a_host(lower))


def _attribute(lower: str, pattern: re.Pattern) -> bool:
    return any(m.start() and lower[m.start() - 1] in _ATTRIBUTE_START for m in pattern.finditer(lower))


def _paint(lower: str) -> bool:
    # An SVG attribute naming a resource by url(…), or with a CSS escape that could spell one.
    for found in _PAINT.finditer(lower):
        value = re.match(r"""\s*(?:"([^"]*)"|'([^']*)'|([^\s>]*))""", lower[found.end():found.end() + 4096])
        if value is None or "url" in value.group() or "\\" in value.group() or len(value.group()) >= 4096:
            return True
    return False


def _fetches_a_host(lower: str) -> bool:
    for found in _WITH_HOST.finditer(lower):
        end = found.start()
        while end and lower[end - 1] in " \t\n\r\f":
            end -= 1
        name = _NAME_BEFORE.search(lower, max(0, end - 40), end)
        if name is None or not name.group(1).endswith(_FETCHING):
            continue
        if name.group(1) == "href" and lower.endswith(_CANONICAL, 0, name.start()):
            continue
        return True
    return False


_SCRIPT = re.compile(r"""<script((?:\s+[a-z][a-z0-9-]*(?:\s*=\s*(?:"[^"<>]*"|'[^'<>]*'|[^\s"'=<>`]+))?)*)\s*>"""
                     r"(.*?)</script>", re.IGNORECASE | re.DOTALL)
"""A script element whose start tag is simple enough that a browser reads it the same way."""

_ATTRIBUTE = re.compile(r"""\s+([a-z][a-z0-9-]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""", re.IGNORECASE)
_ID = re.compile(r"id(?=[\s/>=])")
_ID_VALUE = re.compile(r"""\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]*))""")


def needs_full_check(html: str, theme_scripts: set[str], normalise: Callable[[str], str]) -> set[str] | None:
    """The page's inline scripts (normalised) when the quick look clears it; None when it must be
    parsed in full."""
    lower = html.lower()
    if _HIDING.search(lower) or _risky(lower) or not _ids_clear(html, lower):
        return None
    return _scripts(html, lower, theme_scripts, normalise)


def _scripts(html: str, lower: str, theme_scripts: set[str], normalise: Callable[[str], str]) -> set[str] | None:
    inline = set()
    found = _SCRIPT.findall(html)
    if lower.count("<script") != len(found):
        return None  # a script start the simple reading did not match
    for attributes, body in found:
        names = {m.group(1).lower(): next((v for v in m.groups()[1:] if v is not None), "")
                 for m in _ATTRIBUTE.finditer(attributes)}
        if re.search(r"<script|<!--|</script", body, re.IGNORECASE) or "href" in names:
            return None
        if "src" in names:
            if "assets/javascripts/" not in names["src"] or re.search(r"[:\\]|//", names["src"]):
                return None
        else:
            script = normalise(_as_parsed(body))
            if script not in theme_scripts:
                return None
            inline.add(script)
    return inline


def _ids_clear(html: str, lower: str) -> bool:
    """True when every id on the page is non-empty and used once (as far as the text shows)."""
    values = []
    for found in _ID.finditer(lower):
        if not found.start() or lower[found.start() - 1] not in _ATTRIBUTE_START:
            continue
        value = _ID_VALUE.match(html, found.end())
        text = next((v for v in value.groups() if v is not None), "") if value else ""
        if not text or "&" in text:
            return False
        values.append(_as_parsed(text))
    return not values or Counter(values).most_common(1)[0][1] == 1


def _as_parsed(text: str) -> str:
    # What the parser makes of line ends and NUL characters.
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "\ufffd")
