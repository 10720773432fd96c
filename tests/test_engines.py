"""One build command for either engine: the engine gets a complete configuration (no hooks), a
refused build leaves the last good site alone, and the comparison of two engines' sites finds every
kind of difference a reader could notice."""

from __future__ import annotations

import gzip
import shutil
from pathlib import Path

import yaml

from plansite.publish import engines
from plansite.publish.engine_diff import compare

from conftest import FIXTURES, build_site, make_project, snapshot


def test_the_engine_is_given_the_navigation_the_address_and_no_hook(tmp_path: Path) -> None:
    base = engines.settings(Path(__file__).resolve().parent.parent)
    nav = [{"Home": "index.md"}, {"Plans": ["plans/index.md"]}]
    for engine in engines.ENGINES:
        config = engines.configuration(base, engine, nav, ("docs", ".site.new"), "https://plans.example/")
        written = yaml.safe_load(engines.write_config(tmp_path, engine, config).read_text(encoding="utf-8"))
        assert "hooks" not in written and "hooks" in base
        assert written["nav"] == nav
        assert (written["docs_dir"], written["site_dir"], written["site_url"]) == ("docs", ".site.new",
                                                                                 "https://plans.example/")
    assert written["plugins"] == {"search": {"enabled": False}}  # Zensical's own search index is off


def test_a_refused_build_leaves_the_last_good_site_as_it_was(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", FIXTURES / "small" / "content")
    assert build_site(project).returncode == 0
    before = snapshot(project / "site")
    (project / "docs" / "about.md").write_text('# About\n\n<img src="https://tracker.example/x.gif" alt="x">\n',
                                              encoding="utf-8")
    result = build_site(project)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "site/about/index.html: a resource from another host" in result.stderr
    assert "the last good site is unchanged" in result.stderr
    assert snapshot(project / "site") == before
    assert not [p.name for p in project.iterdir() if p.name.startswith(".site")]


def test_the_comparison_finds_every_kind_of_difference(small_site: Path, tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    shutil.copytree(small_site, a)
    shutil.copytree(small_site, b)
    assert compare(a, b).differences == []
    page = next(p for p in sorted(b.rglob("index.html")) if "<abbr" in p.read_text(encoding="utf-8")
                and "md-nav--primary" in p.read_text(encoding="utf-8"))
    html = page.read_text(encoding="utf-8")
    nav_at = html.index("md-nav--primary")
    link = html.index('href="', nav_at)
    html = html[:link] + 'href="elsewhere/' + html[link + len('href="'):]
    html = html.replace("<abbr ", "<span ", 1).replace("</article>", "<p>One more sentence.</p></article>", 1)
    page.write_text(html, encoding="utf-8")
    (b / "extra.html").write_text("<p>extra</p>", encoding="utf-8")
    (b / "search.json").write_text("{}", encoding="utf-8")
    fragment = sorted((b / "pagefind" / "fragment").glob("*.pf_fragment"))[0]
    raw = gzip.decompress(fragment.read_bytes()).replace(b'"content":"', b'"content":"Changed ', 1)
    fragment.write_bytes(gzip.compress(raw))
    found = "\n".join(compare(a, b).differences)
    rel = page.relative_to(b).as_posix()
    for expected in (f"{rel}: navigation links differ", f"{rel}: abbreviations differ",
                     f"{rel}: the article's text differs", "page only in b/: extra.html",
                     "b/search.json: the engine's own search index is published", "search: the text indexed for"):
        assert expected in found, expected
