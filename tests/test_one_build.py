"""One build at a time in a project folder, and no write fault that stops every later build: two
builds started together take turns; a build that cannot finish writing says so, records what it
wrote, and the next build finishes the set."""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from plansite.publish import lock, write
from plansite.publish.build import Paths, build

from conftest import PROJECT, SMALL, run_build

BUILD = [sys.executable, str(PROJECT / "scripts" / "build_pages.py")]
PRIORITY = "plans/first-plan-2019-2022/priorities/healthy-start.yml"


def tree(docs: Path) -> dict[str, str]:
    return {p.relative_to(docs).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(docs.rglob("*")) if p.is_file()}


def fresh(content: Path, root: Path) -> dict[str, str]:
    """docs/ as a build from nothing makes it."""
    docs = root / "docs"
    docs.mkdir(parents=True)
    assert run_build(content, docs).returncode == 0
    return tree(docs)


@pytest.mark.parametrize("apart", [0.1, 0.3])
def test_two_builds_started_together_take_turns_and_later_builds_work(tmp_path: Path, apart: float) -> None:
    content, docs = tmp_path / "content", tmp_path / "docs"
    shutil.copytree(SMALL, content)
    docs.mkdir()
    first = subprocess.Popen([*BUILD, "--content", str(content), "--docs", str(docs)], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    time.sleep(apart)
    path = content / PRIORITY
    path.write_text(path.read_text(encoding="utf-8").replace("Support new parents.", "Support parents."),
                    encoding="utf-8")  # an editor saves while the first build runs
    second = subprocess.Popen([*BUILD, "--content", str(content), "--docs", str(docs)], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True)
    results = [(p.wait(timeout=300), *p.communicate()) for p in (first, second)]
    assert [code for code, _, _ in results] == [0, 0], results
    assert "Traceback" not in "".join(err for _, _, err in results)
    later = run_build(content, docs)
    assert later.returncode == 0, later.stderr
    assert tree(docs) == fresh(content, tmp_path / "fresh")


def test_a_build_waits_for_the_one_running_and_says_so(tmp_path: Path) -> None:
    content, docs = tmp_path / "content", tmp_path / "docs"
    shutil.copytree(SMALL, content)
    docs.mkdir()
    holder = _hold_elsewhere(write.state_dir(docs))
    waiting = subprocess.Popen([*BUILD, "--content", str(content), "--docs", str(docs)], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    said = waiting.stderr.readline()  # the build says it waits …
    holder.stdin.close()  # … and goes on once the other build ends
    holder.wait()
    out, err = waiting.communicate(timeout=300)
    assert waiting.returncode == 0, err
    assert said.startswith("plansite: waiting for another build in this folder to finish")
    assert out.splitlines()[-1].startswith("Built ")  # (after a note that this folder has no git history)


def test_a_build_that_waited_too_long_stops_with_a_message_and_writes_nothing(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    holder = _hold_elsewhere(write.state_dir(docs))
    try:
        with pytest.raises(lock.LockError) as raised, lock.hold(write.state_dir(docs), wait=0.5):
            pytest.fail("the lock was taken twice")
    finally:
        holder.stdin.close()
        holder.wait()
    assert raised.value.report().endswith("another build in this folder has been running for more than 0 s, so this"
                                          " one stopped without writing anything; let it finish (or stop it), then"
                                          " build again")
    assert list(docs.iterdir()) == []


def _hold_elsewhere(state: Path) -> subprocess.Popen:
    # Another process holding the lock, as another build would, until its input is closed.
    code = ("import sys; sys.path.insert(0, sys.argv[1]); from pathlib import Path; from plansite.publish import lock\n"
            "with lock.hold(Path(sys.argv[2])):\n    print('held', flush=True); sys.stdin.read()\n")
    process = subprocess.Popen([sys.executable, "-c", code, str(PROJECT), str(state)], stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, text=True)
    held = process.stdout.readline().strip()
    process.stdout.close()
    assert held == "held"
    return process


def test_a_folder_where_a_page_must_go_is_reported_and_does_not_stop_later_builds(tmp_path: Path) -> None:
    # Once, a page path that was a folder (a plan with the id feed.xml) crashed the build after its
    # journal was committed, and every later build with it, until the journal was deleted by hand.
    content, docs = tmp_path / "content", tmp_path / "docs"
    shutil.copytree(SMALL, content)
    (docs / "changes" / "feed.xml").mkdir(parents=True)
    result = run_build(content, docs)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.splitlines()[0].startswith(f"{docs}/changes/feed.xml:1:1: the build could not write this"
                                                    " file (Is a directory)")
    assert not (write.state_dir(docs) / write.JOURNAL).exists()
    (docs / "changes" / "feed.xml").rmdir()
    assert run_build(content, docs).returncode == 0
    assert tree(docs) == fresh(content, tmp_path / "fresh")


def test_a_write_that_fails_half_way_is_finished_by_the_next_build(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    content, docs = tmp_path / "content", tmp_path / "docs"
    shutil.copytree(SMALL, content)
    docs.mkdir()
    real_replace, calls = os.replace, {"n": 0}

    def replace(source, target):
        calls["n"] += 1
        if calls["n"] == 20:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(write.WriteError) as raised:
        build(Paths(PROJECT, content, docs))
    monkeypatch.undo()
    assert "No space left on device" in raised.value.report()
    assert not (write.state_dir(docs) / write.JOURNAL).exists()
    build(Paths(PROJECT, content, docs))
    assert tree(docs) == fresh(content, tmp_path / "fresh")
