#!/usr/bin/env python3
"""The benchmark: the real content at 1x, 10x and 100x (the plans replicated under new ids).

For each size it measures, separately: load and validate; generation (pages and data files);
`mkdocs build --strict` as a whole (including the generation, the output check and the search
index); the number of HTML pages and the cost per page; the build's peak memory; the search
index's size. In headless Debian chromium it measures what a first visit downloads (requests and
bytes on the wire, gzipped as a static host serves them) for the home page, a commitment page and
the largest page, and what a search then downloads. At 1x and 10x it measures edit-to-preview
latency by saving a file under `mkdocs serve --dirty` and polling the served page.

Usage: python bench/run.py [--scales 1,10,100] [--edits 5]   (make benchmark)
Not part of the tests: the figures depend on the machine. It prints a Markdown table.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
PROJECT = BENCH.parent
sys.path[:0] = [str(PROJECT), str(BENCH)]

from browser import first_visits  # noqa: E402
from corpus import replicate  # noqa: E402
from preview import measure as preview_latency  # noqa: E402

from plansite import opendata, progress  # noqa: E402
from plansite.build import Paths, _common, check  # noqa: E402
from plansite.pages import all_pages  # noqa: E402
from plansite.render import render_pages  # noqa: E402

COMMITMENT = "plans/improvement-plan-2025/partnerships/5.7/"


def project_at(root: Path, scale: int) -> Path:
    """A throwaway project: the real settings and hand-written pages, the content at `scale`."""
    project = root / f"x{scale}"
    project.mkdir(parents=True)
    shutil.copy(PROJECT / "mkdocs.yml", project)
    shutil.copytree(PROJECT / "docs", project / "docs", ignore=shutil.ignore_patterns(*_generated()))
    for name in ("plansite", "overrides"):
        (project / name).symlink_to(PROJECT / name)
    replicate(PROJECT / "content", project / "content", scale)
    return project


def _generated() -> list[str]:
    from plansite.write import generated

    return sorted({p.split("/")[0] for p in generated(PROJECT / "docs")})


def timed(fn, *args):
    started = time.perf_counter()
    value = fn(*args)
    return value, time.perf_counter() - started


def generation(project: Path) -> dict:
    paths = Paths(project, project / "content", project / "docs")
    index, load_s = timed(check, paths)
    workers = os.cpu_count() or 1

    def generate():
        derived = progress.derive(index)
        pages = render_pages(all_pages(index, derived), _common(index, derived), workers)
        return pages, opendata.files(index, derived)

    (pages, data), gen_s = timed(generate)
    return {"plans": len(index.plans), "commitments": len(index.commitments), "load_s": load_s,
            "generate_s": gen_s, "generated": len(pages) + len(data)}


def mkdocs_build(project: Path) -> dict:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet"], cwd=project, env=env, check=True)
    seconds = time.perf_counter() - started
    site = project / "site"
    html = sorted(site.rglob("*.html"), key=lambda p: p.stat().st_size)
    return {"build_s": seconds, "html_pages": len(html), "peak_mb": resource.getrusage(resource.RUSAGE_CHILDREN)
            .ru_maxrss / 1024, "site_mb": _size(site) / 1e6, "search_mb": _size(site / "pagefind") / 1e6,
            "largest": html[-1].relative_to(site).as_posix().removesuffix("index.html"),
            "largest_kb": html[-1].stat().st_size / 1024}


def _size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scales", default="1,10,100")
    parser.add_argument("--edits", type=int, default=5)
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for scale in [int(s) for s in args.scales.split(",")]:
            project = project_at(Path(tmp), scale)
            row = {"scale": scale, **generation(project), **mkdocs_build(project)}
            pages = ["", COMMITMENT, row["largest"]]
            row["visits"] = first_visits(project / "site", pages)
            if scale <= 10:
                shutil.rmtree(project / "site")
                row["preview"] = preview_latency(project, args.edits)
            rows.append(row)
            print(f"x{scale} done", file=sys.stderr)
            shutil.rmtree(project)
    print(report(rows))
    return 0


def report(rows: list[dict]) -> str:
    """The results as Markdown tables."""
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor()) if Path("/proc/cpuinfo").exists() else ""
    out = [f"Machine: {os.cpu_count()} cores ({cpu}), Python {platform.python_version()}, {platform.system()}.", "",
           "| size | plans | commitments | load + validate | generate | mkdocs build | HTML pages | per page"
           " | peak memory | site | search index |",
           "|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        out.append(f"| {r['scale']}x | {r['plans']} | {r['commitments']:,} | {r['load_s']:.1f} s"
                   f" | {r['generate_s']:.1f} s"
                   f" | {r['build_s']:.0f} s | {r['html_pages']:,} | {r['build_s'] / r['html_pages'] * 1000:.1f} ms"
                   f" | {r['peak_mb']:,.0f} MB | {r['site_mb']:,.0f} MB | {r['search_mb']:,.1f} MB |")
    out += ["", "First visit with an empty cache (headless chromium; bytes on the wire, gzipped), then a search"
            " for \"care leaver\" on that page's search:", "",
            "| size | page | requests | downloaded | search files before searching | the search then downloads |",
            "|---|---|---|---|---|---|"]
    for r in rows:
        for v in r["visits"]:
            name = "home" if v.page == "" else "a commitment" if v.page == COMMITMENT else f"largest (/{v.page})"
            out.append(f"| {r['scale']}x | {name} | {v.requests} | {v.transferred / 1024:.1f} kB"
                       f" | {len(v.search_files)} | {v.on_search / 1024:.1f} kB in {v.on_search_requests} requests |")
    previews = [r for r in rows if "preview" in r]
    if previews:
        out += ["", "Edit to preview (save a content file under `mkdocs serve --dirty`, poll the served page):", "",
                "| size | median | each edit | builds per save |", "|---|---|---|---|"]
        for r in previews:
            p = r["preview"]
            out.append(f"| {r['scale']}x | {p.median:.2f} s | {', '.join(f'{s:.2f}' for s in p.seconds)} s"
                       f" | {', '.join(str(n) for n in p.rebuilds)} |")
    return "\n".join(out)


if __name__ == "__main__":
    sys.exit(main())
