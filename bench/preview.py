"""Edit-to-preview latency: save a content file under `mkdocs serve --dirty` (as `make serve` runs
it) and poll the served page until the change shows; count the rebuilds each save caused."""

from __future__ import annotations

import os
import re
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

EDITED = "plans/improvement-plan-2025/priorities/partnerships.yml"
"""The file each edit changes (its action 5.7), and the page that shows it."""
PAGE = "plans/improvement-plan-2025/partnerships/5.7/"
OLD = "ensuring that young\n      people understand their rights."


@dataclass
class PreviewLatency:
    """Seconds from saving the file to the served page showing the change, per edit."""

    seconds: list[float]
    rebuilds: list[int]
    """Builds MkDocs started for each save (one is right)."""
    rendered: list[tuple[int, int]]
    """For each save, the pages the preview rendered again and the pages the site has, as it logs them."""

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def measure(project: Path, edits: int = 5, timeout: float = 600) -> PreviewLatency:
    """Start the preview on a project copy, make `edits` saves, and time each one."""
    port = _free_port()
    log = open(project / "serve.log", "w", encoding="utf-8")  # noqa: SIM115 - closed below
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dirty", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project, stdout=log, stderr=subprocess.STDOUT, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    url = f"http://127.0.0.1:{port}/{PAGE}"
    try:
        started = time.monotonic()
        while "Serving on" not in (project / "serve.log").read_text(encoding="utf-8"):
            if time.monotonic() - started > timeout or server.poll() is not None:
                raise RuntimeError("the preview did not start:\n" + (project / "serve.log").read_text())
            time.sleep(0.2)
        time.sleep(2)  # let the watcher settle after the first build
        path = project / "content" / EDITED
        original = path.read_text(encoding="utf-8")
        seconds, rebuilds, rendered = [], [], []
        for n in range(edits):
            token = f"edit{n}x{int(time.time())}"
            before = _builds(project)
            path.write_text(original.replace(OLD, f"{OLD[:-1]} {token}."), encoding="utf-8")
            saved = time.monotonic()
            while token not in _get(url):
                if time.monotonic() - saved > timeout:
                    raise RuntimeError(f"edit {n} did not show within {timeout} s")
                time.sleep(0.05)
            seconds.append(time.monotonic() - saved)
            time.sleep(3)  # a second, needless rebuild would start within this
            rebuilds.append(_builds(project) - before)
            rendered.append(_rendered(project))
        path.write_text(original, encoding="utf-8")
        return PreviewLatency(seconds, rebuilds, rendered)
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


def _rendered(project: Path) -> tuple[int, int]:
    log = (project / "serve.log").read_text(encoding="utf-8")
    found = re.findall(r"plansite: (\d+) of (\d+) pages rendered again", log)
    return (int(found[-1][0]), int(found[-1][1])) if found else (0, 0)


def _builds(project: Path) -> int:
    return len(re.findall(r"Building documentation", (project / "serve.log").read_text(encoding="utf-8")))
