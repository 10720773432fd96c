"""MkDocs hook: generate the pages before every build, so `mkdocs build` and `mkdocs serve` need
no separate step. It only calls the generator; nothing here knows about plans."""

from __future__ import annotations

import html
import logging
import sys
from pathlib import Path
from typing import Any

from mkdocs.exceptions import Abort

PROJECT = Path(__file__).resolve().parent.parent
if str(PROJECT) not in sys.path:
    sys.path.insert(0, str(PROJECT))

from plansite.build import Paths, build  # noqa: E402
from plansite.nav import site_nav  # noqa: E402
from plansite.problems import ContentError  # noqa: E402

log = logging.getLogger("mkdocs.plansite")
_state: dict[str, Any] = {"serving": False, "nav": None, "problems": []}


def on_startup(command: str, dirty: bool) -> None:
    """Remember whether this is `mkdocs serve`, where a content error must not stop the preview."""
    _state["serving"] = command == "serve"


def on_config(config: Any) -> Any:
    """Generate the pages from content/ and set the navigation from the plans."""
    paths = Paths.for_project(Path(config.config_file_path).resolve().parent)
    paths = Paths(paths.project, paths.content, Path(config.docs_dir))
    try:
        result = build(paths)
    except ContentError as err:
        if not _state["serving"]:
            raise Abort(err.report()) from None
        # In the preview, keep showing the last good pages and say on every page what is wrong.
        for line in err.report().splitlines():
            log.error(line)
        _state["problems"] = [str(p) for p in err.problems]
    else:
        _state["problems"] = []
        _state["nav"] = site_nav(result.index)
        if result.written or result.deleted:
            log.info(f"plansite: {result.written} pages written, {result.deleted} removed")
    if _state["nav"] is not None:
        config.nav = _state["nav"]
    return config


def on_page_content(page_html: str, page: Any, config: Any, files: Any) -> str:
    """In the preview, put the content problems at the top of every page, where an editor looks."""
    if not _state["problems"]:
        return page_html
    items = "".join(f"<li><code>{html.escape(p)}</code></li>" for p in _state["problems"])
    banner = (
        '<div class="admonition failure content-problems" role="alert">'
        '<p class="admonition-title">The content has problems; this preview shows the last good version</p>'
        f"<ul>{items}</ul></div>"
    )
    return banner + page_html
