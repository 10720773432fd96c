"""Settings reach pages through the escaping design too: the site's address (content/site.yml `url`,
PLANSITE_URL, mkdocs.yml) is parsed in full and refused unless it is a clean web address, at
file:line or naming the variable, by `make check` and the build alike; the texts the theme prints
from mkdocs.yml are escaped once."""

from __future__ import annotations

import html
import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import html5lib
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from plansite.core import weburl

from conftest import PROJECT, SMALL, build_site, edit, make_project, run_build

PAYLOAD = 'https://example.org"><meta http-equiv="refresh" content="0;URL=https://evil.example/">'
SRCDOC = 'https://example.org"><iframe srcdoc="<script>alert(document.domain)</script>">'


@pytest.mark.parametrize("address", [PAYLOAD, SRCDOC, "https://user:secret@example.org/", "https://example.org/?a=1",
                                     "https://exa mple.org/", "javascript:alert(1)//https://x.org/"])
def test_a_site_address_that_is_not_clean_is_refused_where_it_is_typed(site, address: str) -> None:
    content, docs = site
    edit(content, "site.yml", "url: https://plans.example.org/", f"url: '{address}'")
    line = next(n for n, text in enumerate((content / "site.yml").read_text(encoding="utf-8").splitlines(), 1)
                if text.startswith("url: "))
    check = run_build(content, docs, "--check")
    build = run_build(content, docs)
    for result in (check, build):
        assert result.returncode == 1 and "Traceback" not in result.stderr
        first = result.stderr.splitlines()[0]
        assert first.startswith(f"{content}/site.yml:{line}:6: 'url': '"), first
    assert check.stderr.splitlines()[:-1] == build.stderr.splitlines()[:-1]


def test_a_site_address_in_the_environment_is_refused_naming_the_variable(site) -> None:
    content, docs = site
    env = {**os.environ, "PLANSITE_URL": PAYLOAD}
    for extra in (["--check"], []):
        result = subprocess.run([sys.executable, str(PROJECT / "scripts" / "build_pages.py"), "--content",
                                 str(content), "--docs", str(docs), *extra], capture_output=True, text=True, env=env)
        assert result.returncode == 1 and "Traceback" not in result.stderr
        assert result.stderr.splitlines()[0].startswith(
            "the PLANSITE_URL environment variable: 'https://example.org\"><meta http-equiv=\"refresh\"")
        assert "set it to the site's address, such as https://plans.example.org/" in result.stderr


def test_the_theme_prints_settings_escaped_and_refuses_a_bad_repository_address(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", SMALL)
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("site_name: Knowsley children and families plans",
                                   "site_name: 'Plans </title><script>alert(1)</script> & more'\n"
                                   "copyright: '<img src=x onerror=alert(2)>'"), encoding="utf-8")
    result = build_site(project)
    assert result.returncode == 0, result.stdout + result.stderr
    page = html5lib.parse((project / "site/index.html").read_text(encoding="utf-8"), namespaceHTMLElements=False)
    assert page.find(".//title").text.endswith(" - Plans </title><script>alert(1)</script> & more")
    assert not [s for s in page.iter("script") if "alert" in (s.text or "")]
    assert not [i for i in page.iter("img") if i.get("onerror")]
    config.write_text(config.read_text(encoding="utf-8") + f"repo_url: '{PAYLOAD}'\n", encoding="utf-8")
    result = build_site(project)
    output = result.stdout + result.stderr
    assert result.returncode == 1 and "Traceback" not in output
    line = len(config.read_text(encoding="utf-8").splitlines())
    assert f"mkdocs.yml:{line}:11: 'repo_url': '{PAYLOAD[:57]}…' holds a quote (\")" in output


ADDRESSES = st.builds(
    "".join,
    st.lists(st.one_of(st.sampled_from(["https://", "http://", "HTTPS://", "//", "javascript:", "https:"]),
                       st.sampled_from(["example.org", "plans.example.org", "a-b.example", "[::1]", "münchen.de",
                                        "ex ample.org", "user:pw@example.org", "example.org:8080", "example.org:0",
                                        "-bad-.org", "xn--mnchen-3ya.de", "127.0.0.1"]),
                       st.sampled_from(["/", "/plans/", "/a%20b/", "/%zz", "/\"", "/'", "/<x>", "/\\", "?q=1", "#top",
                                        "/a&b", "/\t", "/\x00", "/~x/(y)/", "\n", ""]),
                       st.text(max_size=3)), min_size=1, max_size=4))


@settings(max_examples=int(os.environ.get("HYPOTHESIS_EXAMPLES", "400")), deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(address=ADDRESSES)
@example(address=PAYLOAD)
@example(address=SRCDOC)
@example(address="https://plans.example.org/")
def test_an_accepted_address_is_exactly_one_clean_link_to_its_host(address: str) -> None:
    if weburl.problem(address) is not None:
        return
    parts = urlsplit(address)
    assert parts.scheme in ("http", "https") and parts.hostname and "@" not in parts.netloc
    assert not parts.query and not parts.fragment
    assert html.escape(address, quote=True) == address  # nothing in it needs escaping anywhere it is printed
    page = html5lib.parseFragment(f'<link rel="canonical" href="{address}">', namespaceHTMLElements=False)
    links = list(page.iter("link"))
    assert len(links) == 1 and links[0].get("href") == address and set(links[0].attrib) == {"rel", "href"}
    assert not re.search(r"[\s\x00-\x1f\x7f]", address)
