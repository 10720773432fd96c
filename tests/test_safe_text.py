"""Whatever an editor types is shown exactly as typed and never becomes markup or script.

Property tests (hypothesis) push arbitrary text through each escaping context and the site's own
Markdown renderer, then read the HTML back with html5lib, the parser browsers follow."""

from __future__ import annotations

import html
import os
import re
from functools import cache

import html5lib
import markdown
import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from mkdocs.config import load_config

from plansite.content.load import BAD_CHARACTER
from plansite.core import escape, markup
from plansite.core.markup import MarkdownText

from conftest import PROJECT

# Characters that mean something to Markdown, HTML, YAML or the site's extensions, given often.
SPECIAL = list("<>&{}|*#`_[]()!\\:?=~-+.'\"/;@$%^") + ["\n", "  ", "\t", "\u200f", "\u202e", "\u00a0", "\u2028",
                                                       "--8<--", "{: onclick=\"x\" }", "*[X]:", "!!! note",
                                                       "??? x", "&amp;", "&#123;", "<img src=x onerror=alert(1)>",
                                                       "javascript:alert(1)", "1. ", "- ", "# ", "> ", "===",
                                                       "[x](https://a.b)", "[x][1]\n\n[1]: javascript:y", "é",
                                                       "漢字", "\U0001f600", "a" * 300]
# No text needs control characters: the loader refuses them with a message (see test_loading).
PRINTABLE = st.characters(blacklist_categories=("Cs", "Cc")).filter(lambda c: not BAD_CHARACTER.match(c))
TEXT = st.lists(st.one_of(st.sampled_from(SPECIAL), st.text(PRINTABLE, max_size=8)), max_size=12).map("".join)
# Bounded so the suite stays fast; set HYPOTHESIS_EXAMPLES=10000 for a long hunt.
EXAMPLES = settings(max_examples=int(os.environ.get("HYPOTHESIS_EXAMPLES", "150")), deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])

ALLOWED_TAGS = {"p", "em", "strong", "code", "a", "ul", "ol", "li", "br", "img", "bdi"}
"""What restricted Markdown may become (<bdi> isolates right-to-left text; see escape.py)."""


@cache
def site_markdown() -> markdown.Markdown:
    """A Markdown renderer with the site's extensions and settings, as mkdocs.yml gives them."""
    config = load_config(str(PROJECT / "mkdocs.yml"))
    configs = dict(config.mdx_configs)
    configs["pymdownx.snippets"] = {**configs.get("pymdownx.snippets", {}), "auto_append": [],
                                    "base_path": [str(PROJECT / "docs")]}
    return markdown.Markdown(extensions=config.markdown_extensions, extension_configs=configs)


def render(page_markdown: str) -> str:
    md = site_markdown()
    md.reset()
    return md.convert(page_markdown)


def fragment(html_text: str):
    """The HTML parsed as a browser would; parse errors fail the test."""
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    return parser.parseFragment(html_text)


def text_of(node) -> str:
    """The text of a parsed fragment; a line break counts as a space, as it does to a reader."""
    parts = [node.text or ""]
    for child in node:
        parts += [" " if child.tag == "br" else "", text_of(child), child.tail or ""]
    return "".join(parts)


def tags_of(node) -> set[str]:
    return {el.tag for el in node.iter() if isinstance(el.tag, str)} - {"DOCUMENT_FRAGMENT"}


def shown(text: str) -> str:
    """What a browser shows of a text: HTML collapses ASCII whitespace."""
    return re.sub(r"[ \t\n\r\f]+", " ", text).strip()


CONTEXTS = {
    "paragraph": "{}",
    "list item": "- {}",
    "heading": "## {} {{ #here }}",
    "table cell": "| What |\n|---|\n| {} |",
    "link text": "[{}](https://example.org/)",
    "after a sentence": "Before: {}",
    "quote": "> {}",
    "definition": "Term\n:   {}",
}


@pytest.mark.parametrize("context", CONTEXTS)
@EXAMPLES
@given(text=TEXT)
@example(text="7*7 `code` {: onclick=\"alert(1)\" } # not a heading")
@example(text="<img src=x onerror=alert(1)>")
@example(text="1986. A good year")
@example(text="--8<-- \"about.md\"")
def test_plain_text_shows_exactly_as_typed_in_every_context(context: str, text: str) -> None:
    tree = fragment(render(CONTEXTS[context].format(escape.markdown_text(text))))
    expected = shown(escape.one_line(text))
    assert without_isolation(expected) in without_isolation(shown(text_of(tree)))
    made = tags_of(tree) - {"p", "ul", "li", "h2", "table", "thead", "tbody", "tr", "th", "td", "a", "blockquote",
                            "dl", "dt", "dd"}
    assert made == ({"bdi"} if escape.needs_isolation(escape.one_line(text)) else set()), f"{text!r} became {made}"


def without_isolation(text: str) -> str:
    """The text without the marks isolation adds (FSI, PDI, PDF): what is left was typed."""
    return text.replace(escape.FSI, "").replace(escape.PDI, "").replace(escape.PDF, "")


def reference_html(text: str) -> str:
    """How CommonMark (markdown-it, with the same features switched off) renders a content text."""
    return markup._MD.render(text)


def normalised(node) -> list:
    """Elements and text as a comparable list: whitespace collapsed, <p> inside tight lists ignored."""
    out: list = []
    for el in node.iter():
        if isinstance(el.tag, str) and el.tag not in ("DOCUMENT_FRAGMENT", "p", "bdi"):
            out.append((el.tag, el.get("href") or el.get("src") or ""))
    return out + [without_isolation(shown(text_of(node)))]


@EXAMPLES
@given(text=TEXT)
@example(text="Intro:\n- one\n- two\n\n  more about two\n\n1. first\n2. second")
@example(text="***both* strong** and `a|b` and [a link](https://example.org/a(b)) and 2 * 3")
def test_markdown_fields_render_as_commonmark_and_nothing_else(text: str) -> None:
    if markup.problems(text) or "<ol start=" in reference_html(text):
        return  # refused by the schema (tested below), or a list Python-Markdown cannot number from N
    ours = fragment(render(markup.block_markdown(text)))
    assert tags_of(ours) <= ALLOWED_TAGS
    for link in ours.iter("a"):
        assert link.get("href", "").startswith(("https:", "http:", "mailto:", "tel:"))
    assert normalised(ours) == normalised(fragment(reference_html(text)))


@EXAMPLES
@given(text=TEXT)
def test_markdown_fields_on_one_line_keep_every_word(text: str) -> None:
    if markup.problems(text):
        return
    tree = fragment(render(markup.inline_markdown(text)))
    assert tags_of(tree) <= ALLOWED_TAGS - {"ul", "ol", "li", "br"}
    assert (without_isolation(shown(text_of(tree))).replace(";", "").split()
            == without_isolation(shown(markup.plain(text))).replace(";", "").split())


@EXAMPLES
@given(text=TEXT)
def test_front_matter_and_navigation_titles_hold_the_exact_words(text: str) -> None:
    # MkDocs reads the front matter with PyYAML; the theme prints the value into HTML unescaped.
    value = yaml.safe_load("title: " + escape.front_matter(text))["title"]
    assert html.unescape(value) == escape.isolated(escape.one_line(text))
    assert "<" not in value and '"' not in value
    assert html.unescape(escape.html_text(text)) == escape.isolated(escape.one_line(text))
    assert "<" not in escape.html_text(text)


@EXAMPLES
@given(text=TEXT)
def test_what_an_abbreviation_stands_for_shows_exactly(text: str) -> None:
    tree = fragment(render(f"*[ABC]: {escape.abbreviation_title(text)}\n\nThe ABC."))
    titles = [a.get("title") for a in tree.iter("abbr")]
    if escape.one_line(text).strip():  # (the abbr extension trims the ends, as YAML trims the term)
        assert titles == [escape.isolated(escape.one_line(text)).strip()]


@EXAMPLES
@given(text=TEXT)
def test_yaml_strings_round_trip(text: str) -> None:
    assert yaml.safe_load("value: " + escape.yaml_string(text))["value"] == text


@pytest.mark.parametrize("text, problem", [
    ("[x](javascript:alert(1))", "the link to 'javascript:alert(1)' is not allowed"),
    ("[x](JaVaScRiPt:alert(1))", "is not allowed"),
    ("[x](data:text/html,hi)", "is not allowed"),
    ("[x](../../about/)", "is not allowed"),
    ("![](https://other.host/p.gif)", "images must be files of this site"),
    ("![](//other.host/p.gif)", "images must be files of this site"),
    ("![](assets/chart.png)", "has no description"),
])
def test_markdown_with_a_forbidden_link_or_image_is_refused(text: str, problem: str) -> None:
    assert any(problem in p for p in markup.problems(text)), markup.problems(text)


def test_allowed_links_and_site_images_pass() -> None:
    text = "[a](https://x.org) [b](http://x.org) [c](mailto:a@b.org) [d](tel:+441234) ![a chart](assets/c.png)"
    assert markup.problems(text) == []
    page = markup.block_markdown(text, markup.site_path("plans/p/index.md"))
    assert "](../../assets/c.png)" in page


@pytest.mark.parametrize("address", ["javascript:alert(1)", "file:///etc/passwd", "www.example.org", "//x.org"])
def test_evidence_must_be_a_web_address(address: str) -> None:
    from pydantic import ValidationError

    from plansite.content.schema.parts import ProgressUpdate

    with pytest.raises(ValidationError, match="is not a web address"):
        ProgressUpdate(date="2025-01", status="done", note="Done.", evidence=[address])


@pytest.mark.parametrize("form", ["<img src=x onerror=alert(1)>", "A]B", "A*B", "A_B", "A&B", "x" * 41])
def test_an_abbreviation_must_be_a_plain_short_form(form: str) -> None:
    from pydantic import ValidationError

    from plansite.content.schema.files import Term

    with pytest.raises(ValidationError, match="cannot be an abbreviation"):
        Term(term="Something", abbr=form)
    assert Term(term="Something", abbr="GP’s").abbr == "GP’s"


def test_a_markdown_value_is_marked_as_markdown_by_the_schema() -> None:
    from plansite.content.schema.parts import Quote

    quote = Quote(words="*Hello*", who="*not emphasis*")
    assert isinstance(quote.words, MarkdownText)
    assert not isinstance(quote.who, MarkdownText)


BIDI = st.lists(st.one_of(st.sampled_from(["\u202e", "\u202b", "\u202a", "\u202d", "\u202c", "\u2066", "\u2067",
                                           "\u2068", "\u2069", "\u200f", "\u061c", "שלום", "مرحبا", "١٢", "abc", " "]),
                          st.text(PRINTABLE, max_size=3)), min_size=1, max_size=8).map("".join)
EMBEDDINGS, ISOLATES = set("\u202a\u202b\u202d\u202e"), set("\u2066\u2067\u2068")


def closes_everything(text: str) -> bool:
    """True when, read by the bidirectional algorithm's rules, the text closes every embedding,
    override and isolate it opens, and no PDI in it closes an isolate opened before it."""
    open_: list[str] = []
    for char in text:
        if char in EMBEDDINGS:
            open_.append("embedding")
        elif char in ISOLATES:
            open_.append("isolate")
        elif char == escape.PDF and open_ and open_[-1] == "embedding":
            open_.pop()
        elif char == escape.PDI:
            if "isolate" not in open_:
                return False
            while open_.pop() != "isolate":
                pass
    return not open_


@pytest.mark.parametrize("context", ["paragraph", "list item", "heading", "table cell", "link text",
                                     "after a sentence"])
@EXAMPLES
@given(text=BIDI)
@example(text="Plan \u202eA")
@example(text="x\u2069y")
def test_right_to_left_text_is_isolated_and_cannot_reorder_the_words_after_it(context: str, text: str) -> None:
    typed = escape.one_line(text)
    tree = fragment(render(CONTEXTS[context].format(escape.markdown_text(text) + ": the site's words")))
    isolates = list(tree.iter("bdi"))
    if not escape.needs_isolation(typed):
        assert isolates == []
        return
    assert len(isolates) == 1
    inside = text_of(isolates[0])
    assert shown(without_isolation(inside)) == shown(without_isolation(typed))  # every typed character, in order
    assert closes_everything(inside)
    assert (isolates[0].tail or "").startswith(": the site's words")
    marked = escape.isolated(typed)  # where no markup can go
    assert marked[0] == escape.FSI and marked[-1] == escape.PDI and closes_everything(marked[1:-1])
    assert without_isolation(marked) == without_isolation(typed)


def test_plain_left_to_right_text_comes_out_unchanged() -> None:
    for text in ["Plain words", "Café – “quoted” 5.7 ’s", "漢字", "\U0001f600"]:
        assert escape.isolated(text) == text and "<bdi>" not in escape.markdown_text(text)
        assert escape.code_span(text) == f"`{text}`"
