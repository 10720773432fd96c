"""Fixture histories for the tests of the public record: the small site as a project in its own git
repository, commits with fixed dates, and the build called in-process."""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from plansite.core.problems import ContentError
from plansite.publish.build import Paths, generate, plan_site

from conftest import SMALL

PLAN = "plans/next-plan-2022-2025"
PREVENTION = f"{PLAN}/priorities/prevention.yml"
EDUCATION = f"{PLAN}/priorities/education.yml"
C2 = f"{PLAN}/prevention/2/index.md"
MEASURE = f"{PLAN}/measures/early-help-assessments/index.md"
COMMITMENT_2 = '  - id: "2"\n    text: Open a new family hub.\n'


def git(project: Path, *args: str, date: str = "2026-11-01T12:00:00") -> str:
    env = {**os.environ, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date, "GIT_AUTHOR_NAME": "Editor",
           "GIT_AUTHOR_EMAIL": "editor@example.org", "GIT_COMMITTER_NAME": "Editor",
           "GIT_COMMITTER_EMAIL": "editor@example.org"}
    done = subprocess.run(["git", "-C", str(project), *args], check=True, capture_output=True, text=True, env=env)
    return done.stdout


def published(root: Path, content: Path = SMALL) -> Path:
    """The small site as a project in its own git repository, its first version committed on
    1 November 2026."""
    project = root / "project"
    shutil.copytree(content, project / "content")
    (project / "docs").mkdir()
    git(project, "init", "-q", "-b", "main")
    commit(project, "version 1", "2026-11-01")
    return project


def commit(project: Path, message: str, day: str) -> None:
    """Commit everything under content/ (added, changed or removed) on the given day."""
    git(project, "add", "-A", "content")
    git(project, "commit", "-q", "--allow-empty", "-m", message, date=f"{day}T12:00:00")


def change(project: Path, rel: str, old: str, new: str) -> None:
    path = project / "content" / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {rel}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def reason(project: Path, rel: str, after: str, day: str, what: str, why: str, indent: int = 4,
           minor: bool = False) -> None:
    """Give an item (the one whose line `after` is) a `changes:` entry."""
    pad = " " * indent
    extra = ", minor: true" if minor else ""
    change(project, rel, after, f"{after}{pad}changes: [{{date: {day}, what: {what}, why: '{why}'{extra}}}]\n")


def paths(project: Path) -> Paths:
    return Paths.for_project(project)


def pages(project: Path, preview: bool = False) -> dict[str, str]:
    """Every generated page (Markdown, and the feed) of a build that must succeed."""
    return generate(paths(project), preview=preview).pages


def refusal(project: Path) -> list[str]:
    """The problems of a publishing build that must be refused, one per line."""
    with pytest.raises(ContentError) as err:
        plan_site(paths(project))
    return [str(p) for p in err.value.problems]


def log(project: Path, preview: bool = False):
    return plan_site(paths(project), preview=preview).log


def line_of(project: Path, rel: str, needle: str, nth: int = 1) -> int:
    """The line (from 1) of the nth line of a content file that holds `needle`."""
    lines = (project / "content" / rel).read_text(encoding="utf-8").splitlines()
    found = [n for n, line in enumerate(lines, 1) if needle in line]
    return found[nth - 1]


def words(markdown: str) -> str:
    """Page Markdown roughly as the words a reader sees: emphasis and code marks gone, escapes undone,
    spaces and line breaks as one."""
    unmarked = re.sub(r"(?<!\\)(?:\*+|`)", "", markdown)
    text = html.unescape(re.sub(r"\\([\\`*_{}#|.])", r"\1", unmarked))
    return " ".join(text.split())
