"""The one place each output context escapes plain text. Nothing else escapes by hand.

Contexts: page Markdown (body, heading, list item, table cell, link text), a code span, a link
address, HTML text (navigation titles, which MkDocs does not escape), HTML attributes, YAML front
matter (title and description, which the theme also prints unescaped), the abbreviation list
and CSV cells.

Text that holds right-to-left letters or bidirectional controls is also isolated wherever it is
shown, so it cannot reorder the site's own words around it: in a <bdi> element in page Markdown,
between FSI and PDI marks where no markup can go (front matter, attributes, navigation titles, the
feed). Inside, any embedding or override left open is closed and any stray PDI given its own FSI,
so nothing leaks out; every typed character is kept. Other text comes out unchanged.
"""

from __future__ import annotations

import functools
import html
import re
import unicodedata
from urllib.parse import quote

ALWAYS = set("\\`*_{}#|")
"""Characters escaped with a backslash wherever they stand (Python-Markdown, with the tables
extension, honours it): they start emphasis, code, attribute lists, headings or cells. Brackets
are written as entities instead: the reference-definition rule ('[x]: address' at the start of a
line) reads lines before backslashes are understood. ('(', ')' and '!' mean something only
after or before a '[', so they need nothing.)"""

ENTITIES = {"&": "&amp;", "<": "&lt;", "[": "&#91;", "]": "&#93;"}
"""Characters written as HTML character references wherever they stand."""

LINE_START_MARKS = set(":?=~^$@;")
"""Marks a backslash cannot escape that begin syntax at the start of a line (':' a definition list,
'?' a collapsible block, '=' a heading underline, '~' a code fence) or might in an extension;
written as an entity, which is never markup."""

_LINE_START_LIST = re.compile(r"^([-+>!])")  # list items, block quotes, admonitions
_LINE_START_NUMBER = re.compile(r"^(\d+)\.(?=\s|$)")
_SPACE_RUN = re.compile(r"[ \t]*[\r\n]+[ \t]*|[ \t]{2,}|\t")
"""A newline or a run of spaces: in page Markdown it could end a block or break a line; in HTML it
shows as one space anyway. (Only ASCII spaces: a no-break space is kept as typed.)"""


_TEXT_ESCAPES = str.maketrans({**{c: "\\" + c for c in ALWAYS}, **ENTITIES})

FSI, PDI, PDF = "\u2068", "\u2069", "\u202c"
"""First strong isolate, pop directional isolate, pop directional formatting."""
_EMBEDDINGS = set("\u202a\u202b\u202d\u202e")  # LRE, RLE, LRO, RLO: closed by PDF
_ISOLATES = set("\u2066\u2067\u2068")  # LRI, RLI, FSI: closed by PDI
_REORDERING = {"R", "AL", "AN", "LRE", "RLE", "LRO", "RLO", "PDF", "LRI", "RLI", "FSI", "PDI"}
"""Bidirectional classes that can reorder the text around them: right-to-left letters and digits,
and the explicit controls."""


@functools.lru_cache(maxsize=1 << 16)
def needs_isolation(text: str) -> bool:
    """True when the text holds right-to-left letters or bidirectional controls."""
    return not text.isascii() and any(unicodedata.bidirectional(c) in _REORDERING for c in text if c > "\x7f")


def balanced(text: str) -> str:
    """The text with every embedding and override it opens closed at its end, and an FSI before any
    PDI that closes nothing of its own (which would otherwise close the isolate around it)."""
    out: list[str] = []
    open_: list[str] = []  # the closers owed, innermost last
    for char in text:
        if char in _EMBEDDINGS:
            open_.append(PDF)
        elif char in _ISOLATES:
            open_.append(PDI)
        elif char == PDF and open_ and open_[-1] == PDF:
            open_.pop()
        elif char == PDI:
            if PDI not in open_:
                out.append(FSI)
            else:
                del open_[len(open_) - 1 - open_[::-1].index(PDI):]
        out.append(char)
    return "".join(out + open_[::-1])


def isolated(text: str) -> str:
    """Plain text between FSI and PDI marks when it needs isolating (for places markup cannot go)."""
    return FSI + balanced(text) + PDI if needs_isolation(text) else text


@functools.lru_cache(maxsize=1 << 16)
def markdown_text(text: str, line_start: bool = True, markup: bool = True) -> str:
    """Plain text as page Markdown that shows exactly these characters and never becomes markup.

    `line_start`: the text may begin a line, where list markers, numbers and other marks count.
    `markup`: the text may be isolated in a <bdi> element (else, as in an image's description, by
    marks). (Cached: the same names and labels are printed on thousands of pages.)
    """
    isolate = needs_isolation(text)
    if isolate:
        text = balanced(text) if markup else isolated(text)
    # A newline or a run of spaces would end a block or break a line.
    escaped = _SPACE_RUN.sub(" ", text).translate(_TEXT_ESCAPES)
    escaped = _line_start(escaped) if line_start else escaped
    return f"<bdi>{escaped}</bdi>" if isolate and markup and escaped else escaped


def line_start(markdown: str) -> str:
    """Page Markdown made safe to begin a line (escapes list markers, numbers, and marks such as ':')."""
    return _line_start(markdown)


def _line_start(markdown: str) -> str:
    # Leading spaces go first: four of them would start a code block, and the marks are checked after.
    markdown = markdown.lstrip(" \t")
    if not markdown:
        return markdown
    markdown = _LINE_START_LIST.sub(lambda m: "\\" + m.group(1), markdown, count=1)
    markdown = _LINE_START_NUMBER.sub(lambda m: m.group(1) + "\\.", markdown, count=1)
    if markdown[0] in LINE_START_MARKS:
        return f"&#{ord(markdown[0])};" + markdown[1:]
    return markdown


def code_span(code: str) -> str:
    """A code span that shows `code` exactly (a fence longer than any run of backticks inside).
    Python-Markdown strips a span's edge spaces (str.strip), so they are written outside it.
    Code that holds right-to-left text or controls is isolated in a <bdi> around the span."""
    code = _SPACE_RUN.sub(" ", code)
    core = code.strip()
    if not core:
        return code
    before, after = code[: code.index(core)], code[code.index(core) + len(core):]
    isolate = needs_isolation(core)
    core = balanced(core) if isolate else core
    longest = max((len(run) for run in re.findall(r"`+", core)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if core.startswith("`") or core.endswith("`") else ""
    span = f"{fence}{pad}{core}{pad}{fence}"
    return f"{before}<bdi>{span}</bdi>{after}" if isolate else f"{before}{span}{after}"


@functools.lru_cache(maxsize=1 << 16)
def url(address: str) -> str:
    """A link address for page Markdown: characters that would end or break it are percent-encoded
    (parentheses only when unbalanced: Python-Markdown reads balanced ones as part of the address)."""
    encoded = quote(address, safe="/:@!$&'*+,;=?#%~.-_()")
    depth = 0
    for char in encoded:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth < 0:
            break
    return encoded if depth == 0 else encoded.replace("(", "%28").replace(")", "%29")


def one_line(text: str) -> str:
    """Text on one line: newlines and runs of spaces become one space (a no-break space stays)."""
    return _SPACE_RUN.sub(" ", text).strip(" \t")


def html_text(text: str) -> str:
    """Plain text for HTML that the theme prints as it is (navigation titles, which it also prints
    into attributes, so isolated by marks)."""
    return html.escape(isolated(one_line(text)), quote=False)


def html_attribute(text: str) -> str:
    """Plain text for an HTML attribute value in double quotes."""
    return html.escape(isolated(one_line(text)), quote=True)


def abbreviation_title(text: str) -> str:
    """What an abbreviation stands for, on its definition line (`*[ABBR]: title`). Python-Markdown
    writes it into a title attribute but keeps anything that looks like an entity, so '&' is
    written as '&amp;' here (then '&amp;' typed by an editor still shows as typed). Quotes become
    entities too: a title of just '' would remove the abbreviation."""
    return isolated(one_line(text)).replace("&", "&amp;").replace('"', "&quot;").replace("'", "&#39;")


_YAML_SPECIAL = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r", "\x85": "\\N",
                 "\u2028": "\\L", "\u2029": "\\P", "\ufeff": "\\ufeff"}


_YAML_ESCAPES = str.maketrans({**{chr(n): f"\\x{n:02x}" for n in range(32)}, **_YAML_SPECIAL})


def yaml_string(text: str) -> str:
    """A double-quoted YAML string holding exactly `text` (PyYAML would fold raw line separators)."""
    return '"' + text.translate(_YAML_ESCAPES) + '"'


def front_matter(text: str) -> str:
    """A front-matter value (page title or description): the theme prints it into HTML unescaped."""
    return yaml_string(html_attribute(text))


_FORMULA_START = re.compile(r"[ \n]*[=+\-@\uff1d\uff0b\uff0d\uff20\t\r\x00]")
"""What a spreadsheet may read as the start of a formula: = + - @ (or their full-width forms), also
after spaces, or a tab, carriage return or null (OWASP and ASVS on CSV injection)."""


def csv_cell(value: object) -> str:
    """A CSV cell, for a writer that puts every cell in double quotes (so a ',' ';' or tab in the text
    never starts a new cell, whatever a spreadsheet's list separator). A number is written as typed;
    text that a spreadsheet could read as a formula is prefixed with an apostrophe, so that opening
    the file never runs anything (plans.json keeps the text exact)."""
    if value is None:
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return getattr(value, "typed", None) or (repr(value) if isinstance(value, float) else str(value))
    text = str(value)
    return "'" + text if _FORMULA_START.match(text) else text
