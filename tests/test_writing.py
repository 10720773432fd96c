"""docs/ changes as one set: a build stopped at any moment leaves it as it was or (once the next
run finishes the journal) as it will be, never mixed; hand-written pages are never deleted,
overwritten or shadowed; the preview keeps the last good pages whatever the fault."""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from plansite.publish import write
from plansite.publish.build import Paths, build

from conftest import FIXTURES, PROJECT, SMALL, hook_config, run_build

BUILD = [sys.executable, str(PROJECT / "scripts" / "build_pages.py")]


def pages(docs: Path) -> dict[str, str]:
    """Every file under docs/ and its text."""
    return {p.relative_to(docs).as_posix(): p.read_text(encoding="utf-8") for p in sorted(docs.rglob("*"))
            if p.is_file()}


def tree(docs: Path) -> dict[str, str]:
    """Every file under docs/ and a hash of its bytes."""
    return {p.relative_to(docs).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(docs.rglob("*")) if p.is_file()}


def reworded(source: Path, target: Path, edits: dict[str, tuple[str, str]], remove: list[str]) -> Path:
    """A copy of some content with edits (file → (old words, new words)) and files removed."""
    shutil.copytree(source, target)
    for rel, (before, after) in edits.items():
        path = target / rel
        text = path.read_text(encoding="utf-8")
        assert before in text, (rel, before)
        path.write_text(text.replace(before, after), encoding="utf-8")
    for rel in remove:
        (target / rel).unlink()
    return target


class Versions:
    """Old and new content, and snapshots of docs/ (with the build's state) built from each."""

    def __init__(self, root: Path, old: Path, new: Path) -> None:
        self.root, self.old, self.new = root, old, new
        self.docs = root / "work" / "docs"
        self.snapshots = {}
        for name, content in (("old", old), ("new", new)):
            self.restore("empty")
            assert run_build(content, self.docs).returncode == 0
            self.snapshots[name] = tree(self.docs)
            shutil.copytree(self.docs.parent, root / name)
        assert self.snapshots["old"] != self.snapshots["new"]

    def restore(self, name: str) -> None:
        shutil.rmtree(self.docs.parent, ignore_errors=True)
        if name == "empty":
            self.docs.mkdir(parents=True)
            (self.docs / "about.md").write_text("# About\n", encoding="utf-8")
        else:
            shutil.copytree(self.root / name, self.docs.parent)

    def state(self) -> str | None:
        now = tree(self.docs)
        return next((name for name, snapshot in self.snapshots.items() if snapshot == now), None)


@pytest.fixture(scope="module")
def real_versions(tmp_path_factory: pytest.TempPathFactory) -> Versions:
    """The real content, and a copy with every action of the improvement plan renamed and a priority removed."""
    root = tmp_path_factory.mktemp("real-versions")
    new = reworded(PROJECT / "content", root / "new-content", {
        "plans/improvement-plan-2025/plan.yml": ("commitment: Action", "commitment: Step"),
        "plans/cfp-2021-2024/plan.yml": (", family]", "]"),
    }, ["plans/cfp-2021-2024/priorities/family.yml",
        "published-addresses.txt"])  # pages removed on purpose: this test is about writing, not addresses
    return Versions(root, PROJECT / "content", new)


@pytest.fixture(scope="module")
def small_versions(tmp_path_factory: pytest.TempPathFactory) -> Versions:
    root = tmp_path_factory.mktemp("small-versions")
    new = reworded(SMALL, root / "new-content", {
        "plans/next-plan-2022-2025/plan.yml": ("Example Children and Families Plan", "Example Families Plan"),
        "plans/first-plan-2019-2022/priorities/healthy-start.yml": ("Support new parents.", "Support parents."),
    }, ["plans/next-plan-2022-2025/reflection.yml"])
    return Versions(root, SMALL, new)


def test_a_build_killed_at_20_random_moments_never_leaves_a_mixed_docs(real_versions: Versions) -> None:
    versions = real_versions
    versions.restore("old")
    started = time.monotonic()
    assert run_build(versions.new, versions.docs).returncode == 0
    duration = time.monotonic() - started
    rng = random.Random(20)
    for n in range(20):
        versions.restore("old")
        process = subprocess.Popen([*BUILD, "--content", str(versions.new), "--docs", str(versions.docs)],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.0, duration))
        process.send_signal(signal.SIGKILL)
        process.wait()
        write.recover(versions.docs)  # what the next build, check or preview does first
        assert versions.state() in ("old", "new"), f"kill {n}: docs/ is mixed"
        assert not list(write.state_dir(versions.docs).glob("staging/*"))


class Stop(BaseException):
    """Stands for the process being killed at this point."""


@pytest.mark.parametrize("moment", range(1, 100, 5))
def test_a_build_stopped_at_each_step_of_writing_is_finished_or_undone(small_versions: Versions, moment: int,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    versions = small_versions
    versions.restore("old")
    steps = {"n": 0}
    real_replace, real_unlink, real_write = os.replace, Path.unlink, write._write_synced

    def step() -> None:
        steps["n"] += 1
        if steps["n"] == moment:
            raise Stop

    def replace(a, b):
        step()
        real_replace(a, b)

    def unlink(self, missing_ok=False):
        step()
        real_unlink(self, missing_ok=missing_ok)

    def write_synced(path, data):
        step()
        path.write_bytes(data[: len(data) // 2])  # stopped half-way through a file
        step()
        real_write(path, data)

    monkeypatch.setattr(os, "replace", replace)
    monkeypatch.setattr(Path, "unlink", unlink)
    monkeypatch.setattr(write, "_write_synced", write_synced)
    try:
        build(Paths(PROJECT, versions.new, versions.docs))
    except Stop:
        pass
    monkeypatch.undo()
    write.recover(versions.docs)
    assert versions.state() in ("old", "new"), f"stopped at step {moment} of {steps['n']}"
    if moment > steps["n"]:
        assert versions.state() == "new"


def test_a_hand_written_page_that_quotes_the_generated_comment_is_kept(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    page = docs / "how-it-works.md"
    page.write_text("# How\n\n<!-- generated by scripts/build_pages.py from content/; edit those files -->\n",
                    encoding="utf-8")
    assert run_build(SMALL, docs).returncode == 0
    assert run_build(SMALL, docs, "--clean").returncode == 0
    assert page.exists()
    assert sorted(p.name for p in docs.iterdir()) == ["how-it-works.md"]


def test_a_hand_written_page_where_a_generated_one_would_go_is_an_error_naming_both(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    (docs / "glossary").mkdir(parents=True)
    (docs / "glossary" / "index.md").write_text("# My glossary\n", encoding="utf-8")
    (docs / "progress.md").write_text("# Our progress\n", encoding="utf-8")
    result = run_build(SMALL, docs)
    assert result.returncode == 1
    assert result.stderr.splitlines()[:2] == [
        f"{docs}/glossary/index.md:1:1: this hand-written file has the path, which the build makes from"
        " content/glossary.yml; rename or move the hand-written file (if an earlier build wrote it, delete it)",
        f"{docs}/progress.md:1:1: this hand-written file has the same address as {docs}/progress/index.md, which the"
        " build makes from content/plans/*/priorities/*.yml, content/plans/*/progress/*, content/plans/*/values/*,"
        " content/site.yml; rename or move the hand-written file"
        " (if an earlier"
        " build wrote it, delete it)",
    ]
    assert sorted(tree(docs)) == ["glossary/index.md", "progress.md"]


def test_a_very_long_title_does_not_block_later_builds(tmp_path: Path) -> None:
    content, docs = tmp_path / "content", tmp_path / "docs"
    shutil.copytree(SMALL, content)
    priority = content / "plans/first-plan-2019-2022/priorities/healthy-start.yml"
    priority.write_text(priority.read_text(encoding="utf-8").replace("title: A healthy start",
                                                                     "title: " + "A healthy start " * 300),
                        encoding="utf-8")
    assert run_build(content, docs).returncode == 0
    priority.write_text(priority.read_text(encoding="utf-8").replace("Support new parents.", "Support parents."),
                        encoding="utf-8")
    result = run_build(content, docs)
    assert result.returncode == 0, result.stderr
    assert "Support parents." in (docs / "plans/first-plan-2019-2022/healthy-start/2/index.md").read_text()


def test_the_preview_keeps_the_last_good_pages_whatever_the_fault(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from plansite.preview import mkdocs_hook, previewer

    project = tmp_path / "project"
    shutil.copytree(FIXTURES / "small" / "content", project / "content")
    (project / "docs").mkdir()
    config = hook_config(project)
    mkdocs_hook.on_startup("serve", dirty=False)
    mkdocs_hook.on_config(config)
    good = pages(project / "docs")
    (project / "content" / "site.yml").write_text("name: [broken\n", encoding="utf-8")
    mkdocs_hook.on_config(config)
    shown = pages(project / "docs")
    # The last good pages, each with the problems at its top (the data files as they were).
    assert {rel: previewer.without_banner(text) for rel, text in shown.items()} == good
    home = shown["index.md"]
    assert "content-problems" in home and "content/site.yml:2:1: invalid YAML" in home

    def fault(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(previewer, "build", fault)
    mkdocs_hook.on_config(config)
    shown = pages(project / "docs")
    assert {rel: previewer.without_banner(text) for rel, text in shown.items()} == good
    assert "internal error: the build stopped unexpectedly (RuntimeError: disk on fire)" in shown["index.md"]
    mkdocs_hook.on_startup("build", dirty=False)
