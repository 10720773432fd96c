"""Text in a right-to-left script, or with bidirectional controls, is isolated wherever the site shows
it, so it cannot reorder the site's own words around it: on 'What changed', in the feed, in titles."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import html5lib
from test_links_that_last import ATOM, PREVENTION, _git, _history_build, _published

from conftest import edit

RLO, PDF, FSI, PDI = "\u202e", "\u202c", "\u2068", "\u2069"


def test_an_override_in_a_title_cannot_reverse_the_sites_words_on_what_changed(tmp_path: Path) -> None:
    project = _published(tmp_path)
    edit(project / "content", PREVENTION, "    due: 2024-03\n",
         f'    title: "Family hub {RLO}(new)"\n    due: 2024-01\n'
         '    changes: [{date: 2026-12-01, what: title, why: "A short heading."}]\n')
    _git(project, "commit", "-q", "-am", "version 2")
    result = _history_build(project)
    assert result.returncode == 0, result.stderr
    page = html5lib.parse((project / "site/changes/index.html").read_text(encoding="utf-8"),
                          namespaceHTMLElements=False)
    item = next(li for li in page.iter("li") if "The due date moved" in "".join(li.itertext()))
    isolate = item.find(".//bdi")
    name = "Prevention – the best start in life, commitment 2"  # numbers restart in each priority: named with it
    value = f"{FSI}Family hub {RLO}(new){PDF}{PDI}"  # the title isolated, its override closed inside
    assert "".join(isolate.itertext()) == f"{name}: {value}"
    words_after = "".join(item.itertext()).split(value, 1)[1]
    assert words_after.startswith(": The due date moved earlier, from March 2024 to January 2024.")
    assert RLO not in words_after
    feed = ET.parse(project / "site/changes/feed.xml").getroot()
    titles = [e.findtext(f"{ATOM}title") for e in feed.findall(f"{ATOM}entry")]
    assert f"{FSI}{name}: {value}{PDI}: due date changed" in titles
    head = html5lib.parse((project / "site/plans/next-plan-2022-2025/prevention/2/index.html")
                          .read_text(encoding="utf-8"), namespaceHTMLElements=False)
    # the tab's title: the heading (with the title inside it) and the plan each isolated
    assert head.find(".//title").text.startswith(f"{FSI}{FSI}{name}: {value}{PDI} – Families Plan 2022-2025{PDI} - ")
