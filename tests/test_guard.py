"""The output check refuses any built page that could run script or fetch from another host, and
`mkdocs build` fails naming the page and where it comes from."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from plansite.guard import check_html, normalise_script

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
    ('<style>@import "https://other.host/x.css";</style>', "a resource from another host"),
    ('<meta http-equiv="refresh" content="0; url=https://other.host/">', "a resource from another host"),
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
    template = plansite / "templates" / "measure.md.j2"
    template.write_text(template.read_text(encoding="utf-8") + '\n<b onmouseover="steal()">oops</b>\n',
                        encoding="utf-8")
    result = build_site(project)
    assert result.returncode == 1
    assert ('site/plans/first-plan-2019-2022/measures/obesity-rate/index.html: an event attribute'
            ' onmouseover="steal()" on <b>; the page is made from'
            ' content/plans/first-plan-2019-2022/priorities/healthy-start.yml: check the text there (if it looks'
            ' right, the fault is in a template)'
            ) in result.stdout + result.stderr


def test_the_quick_look_never_misses_what_the_full_parse_finds(hostile_site: Path, real_site: Path) -> None:
    for site in (hostile_site, real_site):
        _, theme = check_html("404.html", (site / "404.html").read_text(encoding="utf-8"), None)
        for page in sorted(site.rglob("*.html")):
            html = page.read_text(encoding="utf-8")
            assert check_html(page.name, html, theme, True)[0] == check_html(page.name, html, theme, False)[0]
        # and a page with a planted fault is found by both
        planted = (site / "index.html").read_text(encoding="utf-8").replace("<h1", '<h1 onclick="x()"', 1)
        assert check_html("index.html", planted, theme, True)[0]
