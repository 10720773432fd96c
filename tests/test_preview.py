"""The preview an editor uses (`mkdocs serve --dirty`, as `make serve` runs it): a saved change
shows on the page, with one rebuild per save; bad content shows the problem banner over the last
good pages, and fixing it clears the banner."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import SMALL, make_project

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


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    project = make_project(tmp_path / "project", SMALL)
    log = (project / "serve.log").open("w", encoding="utf-8")
    port = _port()
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dirty", "--dev-addr", f"127.0.0.1:{port}"],
                              cwd=project, stdout=log, stderr=subprocess.STDOUT,
                              env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    try:
        _wait(lambda: "Serving on" in (project / "serve.log").read_text(encoding="utf-8"), 60)
        time.sleep(1.5)  # the first build's own writes settle
        yield project, f"http://127.0.0.1:{port}/{PAGE}"
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


def builds(project: Path) -> int:
    return len(re.findall("Building documentation", (project / "serve.log").read_text(encoding="utf-8")))


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
