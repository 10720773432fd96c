"""The preview an editor uses, with either engine (`make serve`: `mkdocs serve --dirty`; `make serve
ENGINE=zensical`: `zensical serve` with our generator watching content/): a saved change shows on
the page, with one regeneration per save; bad content shows the problem banner over the last good
pages, and fixing it clears the banner; the preview answers while it rebuilds."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import SMALL, ZENSICAL, make_project

PAGE = "plans/first-plan-2019-2022/healthy-start/2/"
PRIORITY = "content/plans/first-plan-2019-2022/priorities/healthy-start.yml"


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def _wait(condition, seconds: float = 30) -> float:
    started = time.monotonic()
    while not condition():
        assert time.monotonic() - started < seconds, "the preview did not update in time"
        time.sleep(0.05)
    return time.monotonic() - started


PREVIEWS = {
    "mkdocs": ([sys.executable, "-m", "mkdocs", "serve", "--dirty", "--dev-addr"], "Serving on"),
    "zensical": ([sys.executable, "scripts/build_pages.py", "--serve", "--engine", "zensical", "--dev-addr"],
                 "Serving "),
}
"""Each engine's preview, as `make serve [ENGINE=zensical]` starts it, and what it prints when it is ready."""

REBUILD = {"mkdocs": "Building documentation", "zensical": "plansite: "}
"""What each preview prints once per regeneration."""


@pytest.fixture(params=sorted(PREVIEWS))
def preview(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[tuple[Path, str]]:
    project = make_project(tmp_path / "project", SMALL)
    command, ready = PREVIEWS[request.param]
    (project / "engine.txt").write_text(request.param, encoding="utf-8")
    log = (project / "serve.log").open("w", encoding="utf-8")
    port = _port()
    server = subprocess.Popen([*command, f"127.0.0.1:{port}"], cwd=project, stdout=log, stderr=subprocess.STDOUT,
                              env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "PLANSITE_ZENSICAL": str(ZENSICAL)})
    try:
        _wait(lambda: ready in (project / "serve.log").read_text(encoding="utf-8"), 60)
        time.sleep(1.5)  # the first build's own writes settle
        yield project, f"http://127.0.0.1:{port}/{PAGE}"
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


def builds(project: Path) -> int:
    marker = REBUILD[(project / "engine.txt").read_text(encoding="utf-8")]
    return len(re.findall(marker, (project / "serve.log").read_text(encoding="utf-8")))


def edit(project: Path, old: str, new: str) -> None:
    path = project / PRIORITY
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def test_a_saved_change_shows_after_one_rebuild_and_a_problem_shows_the_banner(preview) -> None:
    project, url = preview
    before = builds(project)
    edit(project, "Support new parents.", "Support new parents and carers.")
    _wait(lambda: "Support new parents and carers." in _get(url))
    time.sleep(2)  # a second, needless rebuild would have started by now
    assert builds(project) - before == 1

    edit(project, "title: A healthy start", "titel: A healthy start")
    _wait(lambda: "content-problems" in _get(url))
    page = _get(url)
    assert "unknown key &#x27;titel&#x27; in a priority; did you mean &#x27;title&#x27;?" in page
    assert "Support new parents and carers." in page  # the last good page, under the banner

    edit(project, "titel: A healthy start", "title: A healthy start")
    _wait(lambda: "content-problems" not in _get(url))


def test_the_preview_answers_with_the_last_good_pages_while_a_rebuild_runs(tmp_path: Path) -> None:
    from mkdocs.livereload import LiveReloadServer

    from plansite.preview.server import answer_during_rebuilds

    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<html><body>last good page</body></html>", encoding="utf-8")
    rebuilding = threading.Event()

    def slow_rebuild() -> None:  # a rebuild that takes as long as a large site's
        rebuilding.set()
        time.sleep(4)

    port = _port()
    server = LiveReloadServer(builder=slow_rebuild, host="127.0.0.1", port=port, root=str(site))
    answer_during_rebuilds(server)
    server.watch(str(site))
    thread = threading.Thread(target=server.serve, daemon=True)
    thread.start()
    try:
        _wait(lambda: "last good page" in _get(f"http://127.0.0.1:{port}/"), 10)
        (site / "touched.txt").write_text("a save", encoding="utf-8")  # the watch starts a rebuild
        assert rebuilding.wait(10)
        started = time.monotonic()
        page = _get(f"http://127.0.0.1:{port}/")
        assert "last good page" in page
        assert time.monotonic() - started < 1.5  # answered during the rebuild, not after it
    finally:
        server.shutdown()


def test_the_templates_kept_across_saves_give_the_pages_a_fresh_build_gives(tmp_path: Path) -> None:
    """The preview compiles the templates once and keeps them: after a save, its pages are the pages a
    fresh build (new process, templates compiled anew) makes from the same content."""
    from plansite.preview.previewer import Previewer
    from plansite.publish.build import Paths, generate

    project = make_project(tmp_path / "project", SMALL)
    paths = Paths.for_project(project)
    previewer = Previewer(paths)
    first = previewer.refresh().result
    priority = project / PRIORITY
    priority.write_text(priority.read_text(encoding="utf-8").replace("A healthy start", "A healthier start", 1),
                        encoding="utf-8")
    second = previewer.refresh().result
    assert first is not None and second is not None
    assert second.pages != first.pages and any("A healthier start" in text for text in second.pages.values())
    assert second.pages == generate(paths, preview=True).pages
