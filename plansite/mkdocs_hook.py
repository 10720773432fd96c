"""MkDocs hook: generate the pages before every build, so `mkdocs build` and `mkdocs serve` need
no separate step, and check the built HTML after it. It only calls the build; nothing here knows
about plans."""

from __future__ import annotations

import html
import logging
import os
import sys
import threading
import time
import urllib.parse
from pathlib import Path
from typing import Any

from mkdocs.exceptions import Abort

PROJECT = Path(__file__).resolve().parent.parent
if str(PROJECT) not in sys.path:
    sys.path.insert(0, str(PROJECT))

from plansite import guard, history, preview, search_index, sitemap, urls  # noqa: E402
from plansite.build import Paths, build  # noqa: E402
from plansite.nav import site_nav  # noqa: E402
from plansite.problems import ContentError  # noqa: E402

log = logging.getLogger("mkdocs.plansite")
_state = preview.STATE


def on_startup(command: str, dirty: bool) -> None:
    """Remember whether this is `mkdocs serve`, where a content error must not stop the preview."""
    _state["serving"] = command == "serve"


def on_config(config: Any) -> Any:
    """Generate the pages from content/ and set the navigation from the plans."""
    _state["started"] = time.time()
    paths = Paths.for_project(Path(config.config_file_path).resolve().parent)
    paths = Paths(paths.project, paths.content, Path(config.docs_dir))
    try:
        # The preview runs threads (server, file watcher), which forked workers must not inherit. In the
        # preview a change that needs a reason is shown on its page; `mkdocs build` refuses it.
        result = build(paths, workers=1 if _state["serving"] else os.cpu_count() or 1,
                       preview=_state["serving"], require_history=history.required())
    except ContentError as err:
        _fail(err.report(), [str(p) for p in err.problems])
    except Exception as err:  # a fault in the build itself: the preview keeps the last good pages
        _fail(f"the build stopped unexpectedly ({type(err).__name__}: {err}); this is a fault in the"
              " build, not in the content: please report it", [f"internal error: {type(err).__name__}: {err}"])
    else:
        _state["problems"] = []
        _state["nav"] = site_nav(result.index, result.progress)
        _state["sources"] = {_built(page): files for page, files in result.sources.items()}
        _state["generated"] = set(result.pages)
        _state["redirects"] = {_built(page) for page in result.redirects}
        _state["site_url"] = urls.site_address(result.index.content.site)
        if result.written or result.deleted:
            log.info(f"plansite: {result.written} pages written, {result.deleted} removed")
        if result.history_missing:
            log.info(f"plansite: {history.note(result.history_missing)}")
    if _state["serving"] and _state["problems"] != _state.get("shown_problems", []):
        preview.touch_generated(Path(config.docs_dir))
        _state["shown_problems"] = list(_state["problems"])
    if _state["nav"] is not None:
        config.nav = _state["nav"]
    if _state.get("site_url"):
        # From content/site.yml (or PLANSITE_URL): MkDocs then gives every page a canonical link.
        config.site_url = _state["site_url"]
    return config


def on_page_context(context: Any, page: Any, config: Any, nav: Any) -> Any:
    """An old address that redirects names the page it moved to as its canonical address."""
    if page.meta.get("template") == "redirect.html" and page.canonical_url:
        page.canonical_url = urllib.parse.urljoin(page.canonical_url, page.meta["redirect"])
    return context


def _fail(report: str, problems: list[str]) -> None:
    if not _state["serving"]:
        raise Abort(report)
    # In the preview, keep showing the last good pages and say on every page what is wrong.
    for line in report.splitlines():
        log.error(line)
    _state["problems"] = problems


def _built(page: str) -> str:
    return urls.url(page).lstrip("/") + "index.html"


def on_serve(server: Any, config: Any, builder: Any) -> Any:
    """In the preview, rebuild once per save: ignore the pages the build writes into docs/."""
    preview.watch_hand_written(server, Path(config.docs_dir))
    return server


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


def on_post_build(config: Any) -> None:
    """Refuse a built page that could run script or fetch from another host (see guard.py), then
    index the site for search."""
    site = Path(config.site_dir)
    since = _state["started"] if _state["serving"] else None
    findings = guard.check_site(site, since)
    if not findings:
        _index(site)
        if _state.get("site_url"):
            sitemap.write(site, _state["site_url"], _state.get("redirects", set()))
        return
    lines = [f"{site.name}/{f.page}: {f.what}; {_origin(f.page)}" for f in findings]
    report = "\n".join(lines) + f"\nThe output check refused {len(findings)} thing(s) in the built pages."
    if not _state["serving"]:
        raise Abort(report)
    for line in lines:
        log.error(line)


def _index(site: Path) -> None:
    if _state["serving"]:
        # The preview shows a saved change first; its search catches up a moment later.
        threading.Thread(target=_index_quietly, args=(site,), daemon=True).start()
        return
    try:
        search_index.build_index(site)
    except search_index.SearchIndexError as err:
        raise Abort(f"the search index could not be built: {err}") from None


def _index_quietly(site: Path) -> None:
    try:
        search_index.build_index(site)
    except search_index.SearchIndexError as err:
        log.warning(f"plansite: the preview's search index was not updated: {err}")


def _origin(page: str) -> str:
    sources = _state["sources"].get(page)
    if sources:
        return (f"the page is made from {', '.join(sources)}: check the text there (if it looks right,"
                " the fault is in a template)")
    return "the page is not made from content: check its hand-written source in docs/ or the theme"
