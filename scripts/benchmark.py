#!/usr/bin/env python3
"""Measure the build and the weight of the built site for the real content.

Prints: time to check and render the pages, time for the whole `mkdocs build`, the number of pages,
the size of the HTML (median, largest), what a first visit downloads, and the search index size.
Numbers are measurements to compare over time, not pass/fail thresholds.
"""

from __future__ import annotations

import gzip
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from plansite.build import Paths, generate  # noqa: E402
from plansite.write import generated  # noqa: E402


def kb(size: float) -> str:
    return f"{size / 1024:,.1f} kB"


def gz(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), 9))


def referenced_assets(page: Path) -> list[str]:
    """The stylesheets and scripts a page loads (what a first visit downloads besides the HTML)."""
    html = page.read_text(encoding="utf-8")
    refs = re.findall(r'<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"', html)
    refs += re.findall(r'<script[^>]+src="([^"]+)"', html)
    return sorted({ref.split("?")[0] for ref in refs if "://" not in ref})


def main() -> int:
    started = time.perf_counter()
    result = generate(Paths.for_project(PROJECT))
    render_seconds = time.perf_counter() - started

    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp)
        shutil.copy(PROJECT / "mkdocs.yml", project)
        shutil.copytree(PROJECT / "docs", project / "docs",
                        ignore=lambda d, names: [n for n in names if (Path(d) / n).relative_to(PROJECT / "docs")
                                                 .as_posix() in generated(PROJECT / "docs")])
        shutil.copytree(PROJECT / "content", project / "content")
        (project / "plansite").symlink_to(PROJECT / "plansite")
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet"], cwd=project, check=True,
                       env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
        build_seconds = time.perf_counter() - started
        site = project / "site"
        pages = sorted(site.rglob("*.html"))
        sizes = {p: p.stat().st_size for p in pages}
        largest = sorted(sizes.items(), key=lambda kv: -kv[1])[:5]
        first_visit = gz(site / "index.html") + sum(gz(site / ref) for ref in referenced_assets(site / "index.html"))
        search = site / "search" / "search_index.json"

        print(f"content: {len(result.index.plans)} plans, {len(result.index.commitments)} commitments,"
              f" {len(result.index.measures)} measures")
        print(f"check and render {len(result.pages)} Markdown pages: {render_seconds:.2f} s")
        print(f"mkdocs build --strict (includes the render): {build_seconds:.2f} s")
        print(f"HTML pages: {len(pages)}; median {kb(statistics.median(sizes.values()))},"
              f" largest {kb(largest[0][1])}")
        for path, size in largest:
            print(f"  {kb(size):>10}  {path.relative_to(site)}")
        print(f"first visit (home page + CSS + JS, gzipped): {kb(first_visit)}")
        print(f"search index: {kb(search.stat().st_size)} ({kb(gz(search))} gzipped), fetched on first search")
    return 0


if __name__ == "__main__":
    sys.exit(main())
