"""The search index: Pagefind, run over the built site after every build.

Pagefind splits the index into small chunks; a reader's browser fetches only the chunks a query
needs, and nothing until they search. Only each page's <article> is indexed (not the navigation),
and parts marked data-pagefind-ignore (breadcrumbs, the 'link to this' boilerplate) are left out.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = "article"
"""The part of every page that is indexed."""

LEFT_OUT = ".headerlink, .crumbs"
"""Parts of the article that are not content: the '#' link beside each heading, the breadcrumbs."""


SYNONYMS = "search/synonyms.json"
"""Groups of words that mean the same, from content/topics.yml, for the search page."""


def synonyms(index: Any) -> str:
    """The synonym groups as JSON: each topic's name and the other words people use for it."""
    groups = [sorted({w.lower() for w in [topic.name, *topic.also]}) for topic in index.topics.values()]
    return json.dumps([g for g in groups if len(g) > 1], ensure_ascii=False, indent=0) + "\n"


class SearchIndexError(Exception):
    """Pagefind failed; the message is what it printed."""


def build_index(site: Path) -> None:
    """Index the built site into site/pagefind/."""
    result = subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(site), "--root-selector", ROOT,
         "--exclude-selectors", LEFT_OUT, "--include-characters", ".", "--silent"],
        capture_output=True, text=True)
    if result.returncode != 0:
        raise SearchIndexError((result.stderr or result.stdout).strip() or f"exit code {result.returncode}")
