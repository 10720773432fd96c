"""Restricted Markdown: the only Markdown content may use, and how it becomes safe page Markdown.

Content Markdown is parsed as CommonMark (markdown-it-py) with everything but paragraphs, lists,
emphasis, code spans, links and images switched off, so `# x`, `> x`, raw HTML, entities,
attribute lists, snippets and reference definitions are plain text shown as typed. The parse is
then written out again as Markdown for MkDocs in which every character of text is escaped
(escape.markdown_text): nothing an editor types can become markup that they did not mean.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import posixpath
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field

from markdown_it import MarkdownIt

from plansite.core import escape

OFF = ["code", "fence", "blockquote", "hr", "heading", "lheading", "html_block", "reference", "table",
       "html_inline", "entity", "autolink", "linkify", "strikethrough"]
"""CommonMark features content may not use; their marks are shown as typed."""

LINK_SCHEMES = ("https", "http", "mailto", "tel")
"""Where a link in content may point."""

_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")

XREF = re.compile(r"\[\[([a-z0-9][a-z0-9./-]*)(?:\|([^\]\n]+))?\]\]")
"""A cross-reference to another item by id: [[plan/priority/commitment]] or [[ref|own words]]."""

_TARGETS: contextvars.ContextVar[Mapping[str, tuple[str, str]]] = contextvars.ContextVar("targets")
"""Cross-reference (in its full form) → (the page it links to, the title its link shows), for the
build that is rendering now (see `linking_to`); outside it a reference shows as typed."""


@contextlib.contextmanager
def linking_to(targets: Mapping[str, tuple[str, str]]) -> Iterator[None]:
    """Within this block, [[references]] link to `targets` (resolve.py has checked every one). The
    targets belong to one build and end with it: a later build, or a preview's next rebuild, never
    sees them. A dict is copied; another mapping (the preview's, which notes what each page looks
    up) is used as it is."""
    token = _TARGETS.set(dict(targets) if isinstance(targets, dict) else targets)
    try:
        yield
    finally:
        _TARGETS.reset(token)


MAX_LIST_DEPTH = 10
"""Lists nested deeper than this are refused: far beyond any plan, well within what the parser and
Python-Markdown keep (markdown-it drops, silently, whatever is nested past its `maxNesting`)."""


def _parser() -> MarkdownIt:
    # maxNesting counts a list and its item as two levels; set so that anything deeper than
    # MAX_LIST_DEPTH is still read far enough to be reported, never silently cut.
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False,
                                   "maxNesting": 4 * MAX_LIST_DEPTH + 10})
    md.disable([rule for rule in OFF if rule in _all_rules(md)])
    md.validateLink = lambda url: True  # every link is checked by link_problem instead, with a message
    return md


def _all_rules(md: MarkdownIt) -> set[str]:
    return {rule for chain in md.get_all_rules().values() for rule in chain}


_MD = _parser()


class MarkdownText(str):
    """A content value the schema declares restricted Markdown (any other str is plain text)."""

    __slots__ = ()


@dataclass
class Inline:
    """A run of inline content: text, emphasis, code, a link or an image."""

    kind: str
    """text, em, strong, code, link, image, softbreak or hardbreak."""
    text: str = ""
    """The characters of a text, code or image (its alt text)."""
    target: str = ""
    """The address of a link or image."""
    children: list[Inline] = field(default_factory=list)


@dataclass
class Block:
    """A paragraph (its inline content) or a list (its items, each a list of blocks)."""

    kind: str
    """paragraph, bullets or numbers."""
    inline: list[Inline] = field(default_factory=list)
    items: list[list[Block]] = field(default_factory=list)
    start: int = 1
    tight: bool = True


@functools.lru_cache(maxsize=65536)
def parse(text: str) -> tuple[Block, ...]:
    """The blocks of a restricted Markdown text (cached: the same text is shown on many pages)."""
    tokens = _MD.parse(text)
    blocks, _ = _blocks(tokens, 0, None)
    return tuple(blocks)


def _blocks(tokens: list, i: int, until: str | None) -> tuple[list[Block], int]:
    blocks: list[Block] = []
    while i < len(tokens):
        token = tokens[i]
        if token.type == until:
            return blocks, i + 1
        if token.type == "paragraph_open":
            blocks.append(Block("paragraph", inline=_inlines(tokens[i + 1].children or [])))
            i += 3
        elif token.type in ("bullet_list_open", "ordered_list_open"):
            block, i = _list(tokens, i)
            blocks.append(block)
        else:
            i += 1
    return blocks, i


def _list(tokens: list, i: int) -> tuple[Block, int]:
    opener, first = tokens[i], i
    kind = "bullets" if opener.type == "bullet_list_open" else "numbers"
    block = Block(kind, start=int(opener.attrs.get("start", 1)))
    close = opener.type.replace("_open", "_close")
    i += 1
    while tokens[i].type != close:  # each pass reads one list item, nested lists included
        item, i = _blocks(tokens, i + 1, "list_item_close")
        block.items.append(item)
    # markdown-it hides the paragraphs of a tight list (no blank lines between its items).
    block.tight = all(t.hidden for t in tokens[first:i] if t.type == "paragraph_open" and t.level == opener.level + 2)
    return block, i + 1


def _inlines(children: list) -> list[Inline]:
    root: list[Inline] = []
    stack = [root]
    for child in children:
        kind = child.type
        if kind in ("em_open", "strong_open", "link_open"):
            node = Inline(kind[:-5], target=str(child.attrs.get("href", "")))
            stack[-1].append(node)
            stack.append(node.children)
        elif kind in ("em_close", "strong_close", "link_close"):
            stack.pop()
        elif kind == "code_inline":
            stack[-1].append(Inline("code", child.content))
        elif kind == "image":
            stack[-1].append(Inline("image", child.content, str(child.attrs.get("src", ""))))
        elif kind in ("softbreak", "hardbreak"):
            stack[-1].append(Inline(kind))
        else:
            stack[-1] += _text_and_references(child.content)
    return root


def _text_and_references(text: str) -> list[Inline]:
    # Text with its cross-references ([[ref]], [[ref|words]]) taken out as their own nodes.
    nodes, at = [], 0
    for found in XREF.finditer(text):
        if found.start() > at:
            nodes.append(Inline("text", text[at:found.start()]))
        nodes.append(Inline("xref", (found.group(2) or "").strip(), found.group(1)))
        at = found.end()
    if at < len(text) or not nodes:
        nodes.append(Inline("text", text[at:]))
    return nodes


def references(text: str) -> list[str]:
    """The cross-references a Markdown text makes, as written."""
    return [node.target for node in _walk(parse(text)) if node.kind == "xref"]


def reference_matches(text: str) -> list[re.Match]:
    """The [[…]] in a text that are cross-references: not those in a code span or a link's address,
    which are shown as typed. (Each is renamed to a marker and the text parsed once: a marker that
    comes back as a reference was one; ids and markers hold no character Markdown reads.)"""
    found = list(XREF.finditer(text))
    if not found:
        return []
    marker = "xrefmarker"
    while marker in text:
        marker += "x"
    out, at = [], 0
    for n, match in enumerate(found):
        out += [text[at:match.start(1)], f"{marker}{n}q"]
        at = match.end(1)
    marked = {node.target for node in _walk(parse("".join(out + [text[at:]]))) if node.kind == "xref"}
    return [match for n, match in enumerate(found) if f"{marker}{n}q" in marked]


# Checking ------------------------------------------------------------------------------------

def problems(text: str) -> list[str]:
    """What is wrong with the links and images of a restricted Markdown text, or its nesting, in
    editors' words."""
    blocks = parse(text)
    found = [f"the lists here are nested more than {MAX_LIST_DEPTH} levels deep, and the site shows at most"
             f" {MAX_LIST_DEPTH}; make the deepest ones part of the level above"] \
        if _depth(blocks) > MAX_LIST_DEPTH else []
    for node in _walk(blocks):
        if node.kind == "link":
            found += link_problem(node.target)
        elif node.kind == "image":
            found += image_problem(node.target, node.text)
    return found


def link_problem(target: str) -> list[str]:
    """Why a link address is not allowed, or nothing."""
    scheme = _SCHEME.match(target)
    if scheme and scheme.group(1).lower() in LINK_SCHEMES:
        return []
    return [f"the link to '{_short(target)}' is not allowed: a link may only go to a web address"
            " (https://…), an email address (mailto:…) or a phone number (tel:…)"]


def image_problem(src: str, alt: str) -> list[str]:
    """Why an image is not allowed, or nothing: images come from the site itself and need words."""
    if _SCHEME.match(src) or src.startswith(("/", "\\")) or "//" in src or ".." in src.split("/"):
        return [f"the image '{_short(src)}' is not allowed: images must be files of this site, written as a"
                " path inside docs/ (for example assets/chart.png), never from another website"]
    if not alt.strip():
        return [f"the image '{_short(src)}' has no description: write what it shows between the brackets,"
                " ![like this](assets/chart.png)"]
    return []


def _short(text: str) -> str:
    return text if len(text) <= 60 else text[:57] + "…"


def _depth(blocks: tuple[Block, ...] | list[Block]) -> int:
    # How many lists deep the text goes.
    return max((1 + max((_depth(item) for item in block.items), default=0) for block in blocks
                if block.kind != "paragraph"), default=0)


def _walk(blocks: tuple[Block, ...] | list[Block]):
    for block in blocks:
        yield from _walk_inline(block.inline)
        for item in block.items:
            yield from _walk(item)


def _walk_inline(nodes: list[Inline]):
    for node in nodes:
        yield node
        yield from _walk_inline(node.children)


# Writing -------------------------------------------------------------------------------------

Link = Callable[[str], str]
"""Turns a site path (an image's src) into a link from the page being written."""


def _same_path(path: str) -> str:
    return path


def block_markdown(text: str, link: Link = _same_path) -> str:
    """Restricted Markdown as safe page Markdown, with paragraphs and lists."""
    if "![" not in text and "[[" not in text:  # no image or reference: the page does not matter, cached
        return _block_markdown_cached(text)
    return _blocks_markdown(list(parse(text)), link)


@functools.lru_cache(maxsize=1 << 15)
def _block_markdown_cached(text: str) -> str:
    return _blocks_markdown(list(parse(text)), _same_path)


def _blocks_markdown(blocks: list[Block], link: Link) -> str:
    out = ""
    for n, block in enumerate(blocks):
        if n:
            # Python-Markdown would join two lists that follow each other; a comment keeps them apart.
            lists = block.kind != "paragraph" and blocks[n - 1].kind != "paragraph"
            out += "\n\n<!-- -->\n\n" if lists else "\n\n"
        out += _block(block, link)
    return out


def inline_markdown(text: str, link: Link = _same_path, links: bool = True) -> str:
    """Restricted Markdown as safe page Markdown on one line: paragraphs joined, list items by ';'."""
    if "![" not in text and "[[" not in text:
        return _inline_markdown_cached(text, links)
    return escape.line_start(_flat(parse(text), link, links))


@functools.lru_cache(maxsize=1 << 15)
def _inline_markdown_cached(text: str, links: bool) -> str:
    return escape.line_start(_flat(parse(text), _same_path, links))


def plain(text: str) -> str:
    """The words of a restricted Markdown text, without its marks, on one line."""
    return " ".join(_plain_blocks(parse(text)).split())


def _block(block: Block, link: Link) -> str:
    if block.kind == "paragraph":
        return escape.line_start(_inline(block.inline, link, True, True))
    if block.kind == "numbers" and block.start != 1:
        # Python-Markdown always counts from 1, so a list that starts elsewhere keeps its numbers as text.
        return "\n\n".join(_numbered_as_text(n, item, link) for n, item in enumerate(block.items, block.start))
    marker = "-" if block.kind == "bullets" else None
    items = [_item(marker or f"{n}.", item, link, block.tight) for n, item in enumerate(block.items, 1)]
    return ("\n" if block.tight else "\n\n").join(items)


def _item(marker: str, blocks: list[Block], link: Link, tight: bool) -> str:
    # Python-Markdown wants an item's later paragraphs and nested lists indented by four spaces.
    text = ""
    for n, block in enumerate(blocks):
        part = _block(block, link).replace("\n", "\n    ").replace("\n    \n", "\n\n")
        if n == 0:
            text = f"{marker} {part}"
        else:
            text += ("\n    " if tight and block.kind != "paragraph" else "\n\n    ") + part
    return text or f"{marker} <!-- -->"  # an empty item (Python-Markdown needs something after the marker)


def _numbered_as_text(number: int, blocks: list[Block], link: Link) -> str:
    text = " ".join(_flat([b], link, True) for b in blocks)
    return escape.line_start(f"{number}\\. {text}")


def _flat(blocks: tuple[Block, ...] | list[Block], link: Link, links: bool) -> str:
    parts: list[str] = []
    for block in blocks:
        if block.kind == "paragraph":
            parts.append(_inline(block.inline, link, links, False))
        else:
            parts.append("; ".join(_flat(item, link, links) for item in block.items))
    return _join_sentences(parts)


def _join_sentences(parts: list[str]) -> str:
    result = ""
    for part in (p for p in parts if p):
        result += ("" if not result else " " if result.endswith(":") else " ") + part
    return result


def _inline(nodes: list[Inline], link: Link, links: bool, breaks: bool) -> str:
    out = []
    for node in nodes:
        kind = node.kind
        if kind == "text":
            out.append(escape.markdown_text(node.text, line_start=False))
        elif kind == "softbreak" or (kind == "hardbreak" and not breaks):
            out.append(" ")
        elif kind == "hardbreak":
            out.append("<br>")
        elif kind in ("em", "strong"):
            out.append(f"<{kind}>{_inline(node.children, link, links, breaks)}</{kind}>")
        elif kind == "code":
            out.append(escape.code_span(node.text))
        elif kind == "link":
            inner = _inline(node.children, link, False, breaks)
            out.append(f"[{inner}]({escape.url(node.target)})" if links else inner)
        elif kind == "image":
            alt = escape.markdown_text(node.text, line_start=False, markup=False)  # an attribute: marks, not <bdi>
            out.append(f"![{alt}]({escape.url(link(node.target))})")
        elif kind == "xref":
            page, words = _reference(node)
            inner = escape.markdown_text(words, line_start=False)
            out.append(f"[{inner}]({escape.url(link(page))})" if links and page else inner)
    return "".join(out)


def _reference(node: Inline) -> tuple[str | None, str]:
    # The page and link words of a cross-reference; one the build did not resolve shows as typed.
    target = _TARGETS.get({}).get(node.target)
    if target is None:
        return None, f"[[{node.target}{'|' + node.text if node.text else ''}]]"
    return target[0], node.text or target[1]


def _plain_blocks(blocks: tuple[Block, ...] | list[Block]) -> str:
    parts = []
    for block in blocks:
        if block.kind == "paragraph":
            parts.append(_plain_inline(block.inline))
        else:
            parts.append(" ".join(_plain_blocks(item) for item in block.items))
    return " ".join(parts)


def _plain_inline(nodes: list[Inline]) -> str:
    return "".join(node.text if node.kind in ("text", "code", "image") else
                   _reference(node)[1] if node.kind == "xref" else
                   " " if node.kind in ("softbreak", "hardbreak") else _plain_inline(node.children)
                   for node in nodes)


def site_path(here: str) -> Link:
    """A Link for the page `here`: a path inside docs/ as a relative link from that page."""
    return lambda path: posixpath.relpath(path, posixpath.dirname(here) or ".")
