"""MkDocs hook: the adapter that lets `mkdocs serve` (the preview) run the same steps as the build
command (plansite/publish/site_build.py): generate the pages before MkDocs renders them, then check the
output, index it and write the sitemap. It only calls those steps; nothing here knows about plans,
and nothing the published site needs exists only here (`make build` runs without it)."""

from __future__ import annotations

import contextlib
import logging
import os
import sys
import threading
import time
from pathlib import Path
from typing import Any

from mkdocs.exceptions import Abort

# MkDocs loads this file by its path: the folder that holds the plansite package goes on the import path.
PROJECT = next(p for p in Path(__file__).resolve().parents if (p / "plansite" / "__init__.py").is_file())
if str(PROJECT) not in sys.path:
    sys.path.insert(0, str(PROJECT))

from plansite.content import settings  # noqa: E402
from plansite.core.problems import ContentError  # noqa: E402
from plansite.derive import history  # noqa: E402
from plansite.model import urls  # noqa: E402
from plansite.preview import server as preview  # noqa: E402
from plansite.preview.previewer import Previewer  # noqa: E402
from plansite.publish import guard, lock, search_index, site_build, write  # noqa: E402
from plansite.publish.build import Paths, Result, build, summary  # noqa: E402
from plansite.render.nav import site_nav  # noqa: E402

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
    _hold_lock(paths.docs)  # until the site is written: one build at a time in this folder
    if _state["serving"]:
        _preview(paths)
    else:
        try:
            _generated(build(paths, workers=os.cpu_count() or 1, require_history=history.required()))
        except ContentError as err:
            _release_lock()
            raise Abort(err.report()) from None
    if _state["nav"] is not None:
        config.nav = _state["nav"]
    if _state.get("site_url"):
        # From content/site.yml (or PLANSITE_URL): MkDocs then gives every page a canonical link.
        config.site_url = _state["site_url"]
    _check_settings(config)
    if _state["serving"]:
        _skip_unchanged_static_pages(config)
        preview.keep_theme_between_rebuilds(config, paths.project)
    return config


def _skip_unchanged_static_pages(config: Any) -> None:
    # The theme's pages that are not made from a page (404.html, sitemap.xml) show the navigation and
    # the settings: in the preview they are made again only when one of those has changed.
    seen = (repr(_state["nav"]), repr(sorted((k, repr(v)) for k, v in config.items() if k != "nav")))
    site = Path(config.site_dir)
    if _state.get("static_seen") == seen and all((site / name).is_file() for name in config.theme.static_templates):
        config.theme.static_templates.clear()
    _state["static_seen"] = seen


def _check_settings(config: Any) -> None:
    # The theme prints these as they are: addresses must be clean, texts are escaped once, here.
    found = [f"{settings.FILE}: {message}" for name in settings.ADDRESSES
             if (message := settings.address_problem(name, getattr(config, name, None)))]
    if found:
        for line in found:
            log.error(line)
        if not _state["serving"]:
            _release_lock()
            raise Abort("\n".join(found))
    settings.escape_texts(config)


def _hold_lock(docs: Path) -> None:
    # Held from the start of a build (or a preview's rebuild) until its site is written.
    state = write.state_dir(docs)
    if _state.get("lock", (None, None))[0] == state:
        return
    _release_lock()
    held = contextlib.ExitStack()
    held.enter_context(lock.hold(state))
    _state["lock"] = (state, held)


def _release_lock() -> None:
    _, held = _state.pop("lock", (None, None))
    if held is not None:
        held.close()


def on_build_error(error: Exception) -> None:
    """A build that stopped lets the next one in."""
    _release_lock()


def _preview(paths: Paths) -> None:
    # The preview keeps the last good pages, with the problems at the top of each (previewer.py).
    previewer = _state.get("previewer")
    if previewer is None or previewer.paths != paths:
        previewer = _state["previewer"] = Previewer(paths)
    done = previewer.refresh()
    for line in done.problems:
        log.error(line)
    if done.result is not None:
        _generated(done.result)


def _generated(result: Result) -> None:
    _state["result"] = result
    _state["nav"] = site_nav(result.index, result.progress)
    _state["generated"] = set(result.pages)
    _state["site_url"] = urls.site_address(result.index.content.site)
    if _state["serving"]:
        log.info(summary(result))
    elif result.written or result.deleted:
        log.info(f"plansite: {result.written} pages written, {result.deleted} removed")
    if result.history_missing:
        log.info(f"plansite: {history.note(result.history_missing)}")


def on_serve(server: Any, config: Any, builder: Any) -> Any:
    """In the preview, rebuild once per save (ignore the pages the build writes into docs/), and keep
    answering with the last good pages while a rebuild runs."""
    preview.notice_saves_at_once(server)
    preview.watch_hand_written(server, Path(config.docs_dir))
    preview.answer_during_rebuilds(server)
    return server


def on_post_build(config: Any) -> None:
    """Refuse a built page that could run script or fetch from another host (see guard.py), then
    index the site for search; then let the next build in. The preview shows a saved change first:
    it checks the pages it rebuilt, and indexes them, a moment later (the problems go to its log)."""
    site = Path(config.site_dir)
    if _state["serving"]:
        _release_lock()
        threading.Thread(target=_check_and_index_in_turn, args=(site, _state.get("result"), _state["started"]),
                         daemon=True).start()
        return
    try:
        _check_and_index(site, _state.get("result"), None)
    finally:
        _release_lock()


def _check_and_index_in_turn(site: Path, result: Result | None, since: float) -> None:
    # One rebuild's check and index at a time (a quick second save waits for the first's).
    with _state.setdefault("checking", threading.Lock()):
        _check_and_index(site, result, since)


def _check_and_index(site: Path, result: Result | None, since: float | None) -> None:
    findings = guard.check_site(site, since)
    if not findings:
        _index(site)
        if result is not None:
            site_build.write_sitemap(result, site)
        return
    report = site_build.output_report(result.sources if result else {}, site.name, findings)
    if not _state["serving"]:
        raise Abort(report)
    for line in report.splitlines():
        log.error(line)


def _index(site: Path) -> None:
    if _state["serving"]:
        _index_quietly(site)
        return
    try:
        search_index.build_index(site)
    except search_index.SearchIndexError as err:
        raise Abort(f"the search index could not be built: {err}") from None


def _index_quietly(site: Path) -> None:
    try:
        search_index.build_index(site, in_background=True)
    except search_index.SearchIndexError as err:
        log.warning(f"plansite: the preview's search index was not updated: {err}")
