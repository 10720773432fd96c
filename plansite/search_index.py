"""The search index: Pagefind, run over the built site after every build.

Pagefind splits the index into small chunks; a reader's browser fetches only the chunks a query
needs, and nothing until they search. Only each page's <article> is indexed (not the navigation),
and parts marked data-pagefind-ignore (breadcrumbs, the 'link to this' boilerplate) are left out.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = "article"
"""The part of every page that is indexed."""

LEFT_OUT = ".headerlink, .crumbs"
"""Parts of the article that are not content: the '#' link beside each heading, the breadcrumbs."""


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
