#!/usr/bin/env python3
"""How much the content's history costs a build: cold (no cache) and warm (cached by commit).

Makes a throwaway git repository holding the real content/ and N more commits on top of it, each a
small real edit (a commitment added to one priority file, in turn across every plan; every third
commit also moves a due date one month earlier), with fixed commit dates. Then it times reading the
history as a build does (plansite.derive.versions.from_history: every version along the first-parent line
compared with the working copy): with an empty cache in .docs.build/history/, in one process and in
one per CPU (as a publishing build reads it); again with the cache it made; and the 'Page last
updated' dates (history.last_changes) that a build also reads.

Usage: python bench/history.py [--commits 500] [--keep]
Not part of the tests: the figures depend on the machine. It prints a Markdown table.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from plansite.derive import facts, history, versions  # noqa: E402
from plansite.publish.build import Paths, check  # noqa: E402

DUE = re.compile(r"^(\s+due: )(\d{4})-(\d{2})$", re.MULTILINE)


def _git(project: Path, *args: str, day: int = 0) -> None:
    stamp = "2027-01-01T12:00:00 +0000" if day == 0 else f"@{1798761600 + day * 86400} +0000"
    env = {**os.environ, "GIT_AUTHOR_NAME": "Editor", "GIT_AUTHOR_EMAIL": "editor@example.org",
           "GIT_COMMITTER_NAME": "Editor", "GIT_COMMITTER_EMAIL": "editor@example.org",
           "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp}
    subprocess.run(["git", "-C", str(project), *args], check=True, capture_output=True, env=env)


def make_history(root: Path, commits: int) -> Path:
    """A project with the real content committed, then `commits` small edits, one commit each."""
    project = root / "project"
    shutil.copytree(PROJECT / "content", project / "content")
    _git(project, "init", "-q", "-b", "main")
    _git(project, "add", "content")
    _git(project, "commit", "-q", "-m", "published")
    files = sorted((project / "content" / "plans").glob("*/priorities/*.yml"))
    files = [f for f in files if "\ncommitments:\n" in f.read_text(encoding="utf-8")]
    dated = [f for f in files if DUE.search(f.read_text(encoding="utf-8"))]
    for n in range(1, commits + 1):
        path = files[n % len(files)]
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("\ncommitments:\n", f'\ncommitments:\n  - id: "b{n}"\n    text: A small'
                                     f" promise added in edit {n}.\n", 1), encoding="utf-8")
        if n % 3 == 0:
            _earlier(dated[n % len(dated)], n)
        _git(project, "commit", "-q", "-am", f"edit {n}", day=n)
    return project


def _earlier(path: Path, n: int) -> None:
    # Move the n-th due date of a file one month earlier (no reason needed: it strengthens a promise).
    text = path.read_text(encoding="utf-8")
    found = list(DUE.finditer(text))
    match = found[n % len(found)]
    year, month = int(match.group(2)), int(match.group(3)) - 1
    if month == 0:
        year, month = year - 1, 12
    path.write_text(text[: match.start()] + f"{match.group(1)}{year}-{month:02d}" + text[match.end():],
                    encoding="utf-8")


def timed(project: Path, now: dict, workers: int = 1) -> tuple[float, versions.History]:
    paths = Paths.for_project(project)
    started = time.perf_counter()
    found = versions.from_history(paths.project, paths.content, project / ".docs.build" / "history", None, now,
                                  workers)
    return time.perf_counter() - started, found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--commits", type=int, default=500)
    parser.add_argument("--keep", action="store_true", help="keep the throwaway repository and print its path")
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="plansite-history-"))
    try:
        started = time.perf_counter()
        project = make_history(root, args.commits)
        made = time.perf_counter() - started
        now = facts.of_version(check(Paths.for_project(project)))
        single, found = timed(project, now)
        shutil.rmtree(project / ".docs.build")
        cold, shared = timed(project, now, os.cpu_count() or 1)  # as a publishing build reads it
        warm, again = timed(project, now)
        for other in (shared, again):
            assert [c.kept() for c in other.changes] == [c.kept() for c in found.changes], "the record differs"
        started = time.perf_counter()
        history.last_changes(project, history.availability(project, project / "content"))
        dated = time.perf_counter() - started
        load = os.getloadavg()[0]
        print(f"{args.commits} content commits on the real content (made in {made:.0f} s), "
              f"{len(found.changes)} changes found, {len(found.unreadable)} versions unreadable;"
              f" {platform.python_implementation()} {platform.python_version()}, {os.cpu_count()} CPUs, load average"
              f" {load:.1f} (other work on the machine slows every figure)\n")
        print("| history | time | per commit |")
        print("|---|---|---|")
        print(f"| cold (empty cache), one process | {single:.1f} s | {single / args.commits * 1000:.0f} ms |")
        print(f"| cold (empty cache), {os.cpu_count()} processes as a build reads it | {cold:.1f} s |"
              f" {cold / args.commits * 1000:.0f} ms |")
        print(f"| warm (cached by commit) | {warm:.2f} s | |")
        print(f"| 'Page last updated' dates (git log) | {dated:.2f} s | |")
        if args.keep:
            print(f"\nkept: {project}")
    finally:
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
