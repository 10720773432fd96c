"""Reading an old version straight from git obeys every loading rule of the working folder: the
same content, committed, gives the same model and the same located problems (size limit, UTF-8,
byte order mark, hidden and backup files, folders named like files); a link in a commit is reported,
never followed; nothing is written to disk."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plansite.content.git_tree import Git, GitTree
from plansite.content.read import Memo, read_tree
from plansite.content.tree import FolderTree

from conftest import PRIORITY, SMALL
from record import commit, published


def _both(project: Path) -> tuple[list[str], list[str]]:
    """The problems of reading content/ from the folder, and from the commit just made."""
    commit(project, "this version", "2026-11-05")
    folder = read_tree(FolderTree(project / "content"), "content")
    with Git(project) as git:
        tree = GitTree(git, git.folder_id("HEAD", "content"))
        committed = read_tree(tree, "content", Memo())
    return sorted(map(str, folder.problems)), sorted(map(str, committed.problems))


CASES = {
    "a nul byte": (PRIORITY, lambda b: b.replace(b"Support new", b"Support\x00new")),
    "not UTF-8": (PRIORITY, lambda b: b.replace(b"Support new", "Support né".encode("latin-1"))),
    "a byte order mark and CRLF": (PRIORITY, lambda b: b"\xef\xbb\xbf" + b.replace(b"\n", b"\r\n")),
    "a huge file": (PRIORITY, lambda b: b"id: healthy-start\nnotes: " + b"x" * 2_000_000 + b"\n"),
    "an alias": (PRIORITY, lambda b: b"id: &loop [*loop]\n"),
    "a misspelt key": (PRIORITY, lambda b: b.replace(b"title: A healthy", b"titel: A healthy")),
    "an empty file": (PRIORITY, lambda b: b""),
    "an unknown file": ("plans/first-plan-2019-2022/extra.yml", lambda b: b"id: x\n"),
    "backup and hidden files": ("plans/first-plan-2019-2022/priorities/.draft.yml", lambda b: b"[broken"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_committed_version_is_read_by_the_same_rules(tmp_path: Path, case: str) -> None:
    project = published(tmp_path)
    rel, damage = CASES[case]
    path = project / "content" / rel
    path.write_bytes(damage(path.read_bytes() if path.exists() else b""))
    if case == "backup and hidden files":
        (path.parent / "healthy-start.yml~").write_bytes(b"[broken")
    folder, committed = _both(project)
    assert committed == folder
    assert bool(folder) == (case not in ("a byte order mark and CRLF", "backup and hidden files")), folder


def test_a_folder_named_like_a_file_in_a_commit(tmp_path: Path) -> None:
    project = published(tmp_path)
    (project / "content/plans/first-plan-2019-2022/priorities/extra.yml").mkdir()
    (project / "content/plans/first-plan-2019-2022/priorities/extra.yml/keep").write_text("x", encoding="utf-8")
    folder, committed = _both(project)
    assert committed == folder and "is a folder, but its name ends like a content file" in folder[0]


def test_a_link_in_a_commit_is_reported_never_followed(tmp_path: Path) -> None:
    project = published(tmp_path)
    inside = project / "content/plans/first-plan-2019-2022/voices.yml"
    inside.symlink_to("../../site.yml")  # allowed in the working folder: it stays inside content/
    folder, committed = _both(project)
    assert folder and not [p for p in folder if "link" in p]  # the working folder follows it (to site.yml)
    assert committed == ["content/plans/first-plan-2019-2022/voices.yml:1:1: this is a link, and a link in a"
                         " committed version is never followed; copy the file into content/ instead"]


def test_a_huge_file_in_a_commit_is_never_read(tmp_path: Path, monkeypatch) -> None:
    project = published(tmp_path)
    (project / "content" / PRIORITY).write_bytes(b"x" * 3_000_000)
    commit(project, "huge", "2026-11-05")
    asked = []
    with Git(project) as git:
        tree = GitTree(git, git.folder_id("HEAD", "content"))
        real = git.object
        monkeypatch.setattr(git, "object", lambda name: asked.append(name) or real(name))
        content = read_tree(tree, "content")
    assert any("larger than 1000 kB" in str(p) for p in content.problems)
    assert tree.entry(PRIORITY).key not in asked


BYTES = st.one_of(st.binary(max_size=200), st.text(max_size=60).map(lambda t: t.encode("utf-8", "surrogatepass")))


@settings(max_examples=int(os.environ.get("HYPOTHESIS_EXAMPLES", "25")), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=BYTES)
def test_any_bytes_give_the_same_problems_from_a_commit_as_from_the_folder(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        project = published(Path(tmp), SMALL)
        (project / "content" / PRIORITY).write_bytes(data)
        folder, committed = _both(project)
        assert committed == folder
