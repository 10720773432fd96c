"""The search index: Pagefind, run over the built site after every build.

Pagefind splits the index into small chunks; a reader's browser fetches only the chunks a query
needs, and nothing until they search. Only each page's <article> is indexed (not the navigation),
and parts marked data-pagefind-ignore (breadcrumbs, the 'link to this' boilerplate, and the lists
that repeat other pages' words: a topic's, an owner's, a status's promises) are left out, so each
promise is found on its own page. Pages for editors are left out whole. Pages of plans no longer in
force carry the filter standing:earlier, and the search page shows results from plans in force
first (docs/assets/javascripts/site-search.js).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from plansite.core import text
from plansite.model import urls

ROOT = "article"
"""The part of every page that is indexed."""

LEFT_OUT = ".headerlink, .crumbs"
"""Parts of the article that are not content: the '#' link beside each heading, the breadcrumbs."""


SYNONYMS = "search/synonyms.json"
"""The topics, for the search page: each topic's page, name and description, and the words that
mean it (its name and the other words people use for it), from content/topics.yml."""


def synonyms(index: Any) -> str:
    """The topics as JSON: a query that says one of a topic's words shows the topic's page first, and
    is widened with the topic's other words."""
    topics = [{"page": urls.url(urls.topic_page(topic_id)).lstrip("/"), "name": topic.name,
               "about": text.plain(topic.description) if topic.description else "",
               "words": sorted({w.lower() for w in [topic.name, *topic.also]})}
              for topic_id, topic in index.topics.items()]
    return json.dumps(topics, ensure_ascii=False, indent=0) + "\n"


class SearchIndexError(Exception):
    """Pagefind failed; the message is what it printed."""


def build_index(site: Path, in_background: bool = False) -> None:
    """Index the built site into site/pagefind/. `in_background` (the preview, after each save): at
    the lowest priority, so that the next save's rebuild is not kept waiting for the processor."""
    low = ["nice", "-n", "19"] if in_background and shutil.which("nice") else []
    result = subprocess.run(
        [*low, sys.executable, "-m", "pagefind", "--site", str(site), "--root-selector", ROOT,
         "--exclude-selectors", LEFT_OUT, "--include-characters", ".", "--silent"],
        capture_output=True, text=True)
    if result.returncode != 0:
        raise SearchIndexError((result.stderr or result.stdout).strip() or f"exit code {result.returncode}")
