"""A changed row is a change: an update published from a tracker is a fact like any other, so rewriting
or removing it later needs a public reason, and 'What changed' shows the change with its reason and
the tracker it came from (issue 31, point 4).

The change record tracks published progress updates (kind `update` in a `changes:` entry), and names
the tracker's file beside the change."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from plansite.core.problems import ContentError
from plansite.publish.build import Paths, build

from conftest import make_project
from trackers import FOLDER, csv_bytes, tracked_content

HEAD = ["ref", "date", "status", "update"]
REASON = "The first report was wrong: the new templates were in use from March."


def _git(project: Path, *args: str, day: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Officer", "GIT_AUTHOR_EMAIL": "o@example.org",
           "GIT_COMMITTER_NAME": "Officer", "GIT_COMMITTER_EMAIL": "o@example.org",
           "GIT_AUTHOR_DATE": f"{day}T12:00:00", "GIT_COMMITTER_DATE": f"{day}T12:00:00"}
    subprocess.run(["git", "-C", str(project), *args], check=True, capture_output=True, env=env)


@pytest.fixture
def published(tmp_path: Path) -> Path:
    """The 53-action plan with a first-quarter tracker, published (committed)."""
    project = make_project(tmp_path / "project", tracked_content(tmp_path / "src"))
    tracker = project / "content" / FOLDER / "progress" / "2026-q1.csv"
    tracker.parent.mkdir()
    tracker.write_bytes(csv_bytes([HEAD, ["1.1", "2026-03-31", "Green", "The new templates are being drafted."],
                                   ["1.2", "2026-03-31", "Amber", "Waiting for the standards."]]))
    _git(project, "init", "-q", "-b", "main", day="2026-04-10")
    _git(project, "add", "content", day="2026-04-10")
    _git(project, "commit", "-q", "-m", "Quarter 1 update", day="2026-04-10")
    return project


def rewrite(project: Path, rows: list[list[str]]) -> None:
    (project / "content" / FOLDER / "progress" / "2026-q1.csv").write_bytes(csv_bytes([HEAD, *rows]))


def give_reason(project: Path) -> None:
    practice = project / "content" / FOLDER / "priorities" / "practice.yml"
    text = practice.read_text(encoding="utf-8")
    first = '    owners: [head-of-early-help]\n'
    practice.write_text(text.replace(first, first + "    changes:\n      - date: 2026-05-01\n        what: update\n"
                                     f"        why: \"{REASON}\"\n", 1), encoding="utf-8")


def refused(project: Path) -> str:
    with pytest.raises(ContentError) as err:
        build(Paths.for_project(project))
    return err.value.report()


@pytest.mark.parametrize("rows", [
    [["1.1", "2026-03-31", "Blue", "The new templates are in use."], ["1.2", "2026-03-31", "Amber",
                                                                      "Waiting for the standards."]],
    [["1.2", "2026-03-31", "Amber", "Waiting for the standards."]],
], ids=["rewritten", "removed"])
def test_a_published_tracker_row_changed_later_needs_a_public_reason(published: Path, rows: list) -> None:
    rewrite(published, rows)
    message = refused(published)
    assert "Action 1.1" in message and "Say why, publicly" in message, message
    give_reason(published)
    _git(published, "add", "content", day="2026-05-01")
    _git(published, "commit", "-q", "-m", "Correct action 1.1", day="2026-05-01")
    build(Paths.for_project(published))
    docs = published / "docs"
    changes = (docs / "changes/index.md").read_text(encoding="utf-8")
    line = next(line for line in changes.splitlines() if REASON in line)
    assert "2026-q1.csv" in line, line  # the change names the tracker it came from
    assert REASON in (docs / f"{FOLDER}/practice/1.1/index.md").read_text(encoding="utf-8")
