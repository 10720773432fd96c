#!/usr/bin/env python3
"""The benchmark: the real content at 1x, 10x and 100x (the plans replicated under new ids), built
and previewed through the same entry points users run, never the build's internals:

- `scripts/build_pages.py --check` (make check) and `scripts/build_pages.py --site` (make build),
  each timed as a whole process, with its peak memory;
- the built site: HTML pages, size, search index size; what a first visit downloads in headless
  Debian chromium (bytes on the wire, gzipped as a static host serves them), and a search;
- edit-to-preview latency at 1x and 10x: a save under `mkdocs serve --dirty` (as `make serve` runs
  it), polling the served page until the change shows;
- with --tests, `make test`'s own time on this machine.

Usage: python bench/run.py [--scales 1,10,100] [--edits 5] [--tests] [--write-readme]
       python bench/run.py --quick   (real content, 1x, one save: part of `make test`)
`make benchmark` runs it in full and writes the README's table (between its benchmark markers).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

BENCH = Path(__file__).resolve().parent
PROJECT = BENCH.parent
sys.path[:0] = [str(BENCH)]

from browser import Visit, first_visits  # noqa: E402
from corpus import replicate  # noqa: E402
from preview import PreviewLatency  # noqa: E402
from preview import measure as preview_latency  # noqa: E402

COMMITMENT = "plans/improvement-plan-2025/partnerships/5.7/"
README = PROJECT / "README.md"
START, END = "<!-- benchmark: start (written by make benchmark) -->", "<!-- benchmark: end -->"


@dataclass
class Process:
    """One run of an entry point: its wall time and its peak memory."""

    seconds: float
    peak_mb: float


@dataclass
class Scale:
    """Everything measured at one size."""

    scale: int
    plans: int
    check: Process
    build: Process
    pages: int = 0
    site_mb: float = 0.0
    search_mb: float = 0.0
    largest: str = ""
    visits: list[Visit] = field(default_factory=list)
    preview: PreviewLatency | None = None


def project_at(root: Path, scale: int) -> Path:
    """A throwaway project: the real settings, entry point and hand-written pages, the content at `scale`."""
    project = root / f"x{scale}"
    project.mkdir(parents=True)
    shutil.copy(PROJECT / "mkdocs.yml", project)
    shutil.copytree(PROJECT / "docs", project / "docs", ignore=_only_hand_written)
    shutil.copytree(PROJECT / "scripts", project / "scripts", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("plansite", "overrides"):
        (project / name).symlink_to(PROJECT / name)
    replicate(PROJECT / "content", project / "content", scale)
    return project


def _only_hand_written(folder: str, names: list[str]) -> list[str]:
    # The pages the build generated in the real project's docs/ (its manifest lists them) stay behind.
    import json

    manifest = PROJECT / ".docs.build" / "manifest.json"
    made = set(json.loads(manifest.read_text(encoding="utf-8"))["files"]) if manifest.is_file() else set()
    here = Path(folder).relative_to(PROJECT / "docs")
    return [n for n in names if (here / n).as_posix() in made]


def run(project: Path, *args: str) -> Process:
    """Run scripts/build_pages.py with `args` in a project, as the Makefile does; time it."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    started = time.perf_counter()
    child = subprocess.Popen([sys.executable, "scripts/build_pages.py", *args], cwd=project, env=env,
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"build_pages.py {' '.join(args)} failed:\n{child.stderr.read().decode()}")
    child.stderr.close()
    # The engine runs as a child of the build; ru_maxrss of the build covers the build itself.
    return Process(seconds, usage.ru_maxrss / 1024)


def measure(root: Path, scale: int, edits: int, browser: bool) -> Scale:
    project = project_at(root, scale)
    result = Scale(scale, sum(1 for p in (project / "content" / "plans").iterdir() if p.is_dir()),
                   run(project, "--check"), run(project, "--site"))
    site = project / "site"
    html = sorted(site.rglob("*.html"), key=lambda p: p.stat().st_size)
    result.pages = len(html)
    result.site_mb, result.search_mb = _size(site) / 1e6, _size(site / "pagefind") / 1e6
    result.largest = html[-1].relative_to(site).as_posix().removesuffix("index.html")
    if browser:
        result.visits = first_visits(site, ["", COMMITMENT, result.largest])
    if edits and scale <= 10:
        result.preview = preview_latency(project, edits)
    shutil.rmtree(project)
    return result


def _size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def make_test() -> float:
    """`make test`, as a new user runs it after the first install: its wall time."""
    started = time.perf_counter()
    subprocess.run(["make", "test"], cwd=PROJECT, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def machine() -> str:
    cpu = platform.processor()
    info = Path("/proc/cpuinfo")
    if info.exists():
        cpu = next((line.split(":", 1)[1].strip() for line in info.read_text().splitlines()
                    if line.startswith("model name")), cpu)
    return f"{os.cpu_count()} cores ({cpu}), Python {platform.python_version()}, {platform.system()}"


def report(rows: list[Scale], tests: float | None, day: str) -> str:
    """The results as Markdown: one table of the figures the README publishes, then page weight."""
    scales = ",".join(str(r.scale) for r in rows)
    command = "make benchmark" + ("" if scales == "1,10,100" else f" SCALES={scales}")
    out = [f"Measured on {day} by `{command}` (`bench/run.py`) on a machine with {machine()}.", "",
           "| size | plans | HTML pages | `make check` | `make build` | per page | peak memory (build) | site"
           " | search index | edit to preview (median) |",
           "|---|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        preview = (f"{r.preview.median:.2f} s ({min(r.preview.seconds):.2f} to {max(r.preview.seconds):.2f} s,"
                   f" {_count(len(r.preview.seconds), 'save')}, {_count(max(r.preview.rebuilds), 'rebuild')} per save,"
                   f" {_rendered(r.preview.rendered)})" if r.preview else "not measured")
        out.append(f"| {r.scale}x | {r.plans} | {r.pages:,} | {r.check.seconds:.1f} s | {r.build.seconds:.1f} s"
                   f" | {r.build.seconds / r.pages * 1000:.1f} ms | {r.build.peak_mb:,.0f} MB | {r.site_mb:,.1f} MB"
                   f" | {r.search_mb:,.1f} MB | {preview} |")
    if tests is not None:
        out += ["", f"`make test` (every test, after the first install): {tests:.0f} s."]
    visits = [(r.scale, v) for r in rows for v in r.visits]
    if visits:
        out += ["", "First visit with an empty cache (headless Debian chromium; bytes on the wire, gzipped), then a"
                " search for \"care leaver\" from that page:", "",
                "| size | page | requests | downloaded | search files before searching | the search then downloads |",
                "|---|---|---|---|---|---|"]
        for scale, v in visits:
            name = "home" if v.page == "" else "a commitment" if v.page == COMMITMENT else f"largest (/{v.page})"
            out.append(f"| {scale}x | {name} | {v.requests} | {v.transferred / 1024:.1f} kB"
                       f" | {len(v.search_files)} | {v.on_search / 1024:.1f} kB in {v.on_search_requests} requests |")
    return "\n".join(out)


def _rendered(counts: list[tuple[int, int]]) -> str:
    # How many pages each save rendered again, as the preview logged it.
    if not counts:
        return "pages rendered not logged"
    low, high = min(n for n, _ in counts), max(n for n, _ in counts)
    span = f"{low}" if low == high else f"{low} to {high}"
    return f"{span} of {max(total for _, total in counts):,} pages rendered again per save"


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def write_readme(table: str) -> None:
    """Put the table into the README between its markers (replacing the last run's)."""
    text = README.read_text(encoding="utf-8")
    pattern = re.compile(re.escape(START) + r".*?" + re.escape(END), re.DOTALL)
    if not pattern.search(text):
        raise SystemExit(f"README.md has no benchmark markers ({START} … {END})")
    README.write_text(pattern.sub(lambda _: f"{START}\n{table}\n{END}", text), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scales", default="1,10,100")
    parser.add_argument("--edits", type=int, default=5)
    parser.add_argument("--tests", action="store_true", help="also time `make test`")
    parser.add_argument("--write-readme", action="store_true", help="write the table into README.md")
    parser.add_argument("--quick", action="store_true", help="real content at 1x, one save, no browser")
    args = parser.parse_args(argv)
    scales = [1] if args.quick else [int(s) for s in args.scales.split(",")]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for scale in scales:
            rows.append(measure(Path(tmp), scale, 1 if args.quick else args.edits, browser=not args.quick))
            print(f"x{scale} done", file=sys.stderr)
    tests = make_test() if args.tests else None
    table = report(rows, tests, dt.date.today().isoformat())  # the day the figures were measured
    print(table)
    if args.write_readme:
        write_readme(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
