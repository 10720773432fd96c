"""The preview renders again only the pages a save affects, and misses none.

After each save the preview looks up everything each page read in the last build (reads.py) and
renders only the pages whose reads changed. Over random sequences of saves to any field of any
content file (texts, ids, dates, numbers, statuses, lists shortened, reordered or repeated, keys
removed), the pages it ends with are exactly those a full build makes of the same content; a save
that breaks the content keeps the last good pages, and the saves after it still match; with a
history, some steps publish (commit) what is there, so the change log and page dates move too. On the real
content, a save to one commitment renders fewer than 5% of the pages, by the build's own count."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from plansite.core.problems import ContentError
from plansite.preview.previewer import Previewer
from plansite.publish.build import Paths, generate
from plansite.render.templating import environment

from conftest import PROJECT, SMALL
from record import C2, PREVENTION, change, commit, published, words

COMMITMENT_FILE = "plans/improvement-plan-2025/priorities/partnerships.yml"
"""The file of the real content that the one-commitment save changes (its action 5.7's text)."""


def _leaves(data: Any, path: tuple = ()) -> list[tuple]:
    # Every place in a YAML document: scalars, lists and mappings, by their path.
    found = [path]
    if isinstance(data, dict):
        for key, value in data.items():
            found += _leaves(value, (*path, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            found += _leaves(value, (*path, i))
    return found


def _at(data: Any, path: tuple) -> Any:
    for part in path:
        data = data[part]
    return data


def _edit(data: Any, path: tuple, kind: int, other: Any) -> Any:
    """The document with one change at `path` (`other`: a value taken from elsewhere in the content)."""
    if not path:
        return data
    parent, last = _at(data, path[:-1]), path[-1]
    value = parent[last]
    if isinstance(value, bool):
        parent[last] = not value
    elif isinstance(value, (int, float)):
        parent[last] = [value + 1, value * 2, -value, other][kind % 4]
    elif isinstance(value, str):
        parent[last] = [value + " changed", value[: len(value) // 2], other, value.upper()][kind % 4]
    elif isinstance(value, list) and value:
        parent[last] = [value[1:], value[::-1], value + value[:1], value[:-1]][kind % 4]
    elif isinstance(parent, dict) and kind % 3 == 0:
        del parent[last]
    else:
        parent[last] = other
    return data


TEMPLATES = {"preview": environment(), "full": environment()}
"""Compiled once for every example (the preview keeps its own the same way); one for the preview's
renders, another for the full builds it is compared with."""


class Editor:
    """A project whose content files are changed one save at a time, previewed as an editor sees it."""

    def __init__(self, root: Path, content: Path, history: bool = False) -> None:
        if history:  # a git repository with the content published once (tests/record.py)
            published(root.parent, content)
        else:
            root.mkdir()
            shutil.copytree(content, root / "content")
        shutil.copy(PROJECT / "mkdocs.yml", root)
        self.paths = Paths.for_project(root)
        self.day = 1
        self.files = sorted(self.paths.content.rglob("*.yml"))
        self.previewer = Previewer(self.paths)
        self.previewer.templates = TEMPLATES["preview"]

    def save(self, pick: int, where: int, kind: int, source: int) -> None:
        file = self.files[pick % len(self.files)]
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
        places = _leaves(data)
        donor = yaml.safe_load(self.files[source % len(self.files)].read_text(encoding="utf-8"))
        scalars = [v for p in _leaves(donor) if not isinstance(v := _at(donor, p), (dict, list))] or ["x"]
        changed = _edit(data, places[where % len(places)], kind, scalars[source % len(scalars)])
        file.write_text(yaml.safe_dump(changed, allow_unicode=True, sort_keys=False), encoding="utf-8")

    def commit(self) -> None:
        """Publish what is there now (a later day's version in the history)."""
        self.day += 1
        commit(self.paths.project, f"version {self.day}", f"2026-11-{self.day:02d}")

    def check(self) -> bool:
        """The preview after a save shows what a full build makes (or, for bad content, keeps the last
        good pages); True when the content was good."""
        refreshed = self.previewer.refresh()
        try:
            full = generate(self.paths, preview=True, templates=TEMPLATES["full"])
        except ContentError:
            assert refreshed.result is None and refreshed.problems
            return False
        assert refreshed.result is not None, refreshed.problems
        assert refreshed.result.pages.keys() == full.pages.keys()
        wrong = [p for p in full.pages if refreshed.result.pages[p] != full.pages[p]]
        assert not wrong, f"the preview kept stale pages: {wrong[:5]}"
        return True


saves = st.lists(st.tuples(*(st.integers(0, 10_000) for _ in range(4))), min_size=1, max_size=6)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(saves)
def test_the_preview_after_any_saves_equals_a_full_build(edits: list[tuple[int, int, int, int]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        editor = Editor(Path(folder) / "project", SMALL)
        assert editor.check()
        for edit in edits:
            before = {f: f.read_bytes() for f in editor.files}
            editor.save(*edit)
            good = editor.check()
            event(f"good content: {good}")
            if not good:
                for f, text in before.items():  # the editor puts it right; the next saves go on from there
                    f.write_bytes(text)
                assert editor.check()


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(saves)
def test_the_preview_with_a_history_of_published_versions_equals_a_full_build(
        edits: list[tuple[int, int, int, int]]) -> None:
    # The change log, the reasons publishing will need and each page's date come from the history
    # (git) compared with the saved files: some steps publish what is there (a commit), others save.
    with tempfile.TemporaryDirectory() as folder:
        editor = Editor(Path(folder) / "project", SMALL, history=True)
        assert editor.check()
        for edit in edits:
            if edit[0] % 4 == 3:
                editor.commit()
                assert editor.check()
                continue
            before = {f: f.read_bytes() for f in editor.files}
            editor.save(*edit)
            if not editor.check():
                for f, text in before.items():
                    f.write_bytes(text)
                assert editor.check()


def test_publishing_a_change_renders_again_the_pages_that_show_it(tmp_path: Path) -> None:
    # Nothing in the files changes when a change is published (committed), only the history: the
    # pages that show the change (first as a saved change, then as a published one, still waiting
    # for its reason) are rendered again.
    editor = Editor(tmp_path / "project", SMALL, history=True)
    assert editor.check()
    change(editor.paths.project, PREVENTION, "due: 2024-03", "due: 2025-03")
    assert editor.check()
    waiting = editor.previewer.last_result.pages[C2]
    assert "Publishing will need a reason for this change" in words(waiting)
    editor.commit()
    assert editor.check()
    published = editor.previewer.last_result.pages[C2]
    assert published != waiting
    assert 0 < editor.previewer.last_result.rendered < editor.previewer.last_result.page_count


def test_a_save_to_one_commitment_renders_under_5_percent_of_pages(tmp_path: Path) -> None:
    previewer = Editor(tmp_path / "project", PROJECT / "content").previewer
    project = previewer.paths.project
    first = previewer.refresh().result
    assert first is not None and first.rendered == first.page_count > 400
    file = project / "content" / COMMITMENT_FILE
    text = file.read_text(encoding="utf-8")
    old = "people understand their rights."
    assert text.count(old) == 1
    file.write_text(text.replace(old, "people understand their rights and how to use them."), encoding="utf-8")
    saved = previewer.refresh().result
    assert saved is not None
    assert "how to use them" in saved.pages["plans/improvement-plan-2025/partnerships/5.7/index.md"]
    assert 0 < saved.rendered < 0.05 * saved.page_count, (saved.rendered, saved.page_count)
    full = generate(previewer.paths, preview=True, templates=TEMPLATES["full"])
    assert saved.pages == full.pages


def test_a_render_that_ends_does_not_stop_another_from_noting_its_reads(real_index) -> None:
    # Two previews rendering at once in one process (threads): the one that finishes first must not
    # end the other's recording, or the other would miss reads and keep stale pages.
    import threading

    from plansite.render import reads

    commitment = next(iter(real_index.commitments.values()))
    entered, left = threading.Event(), threading.Event()

    def other() -> None:
        with reads.recording():
            entered.set()
        left.set()

    with reads.recording(), reads.page() as recorder:
        thread = threading.Thread(target=other)
        thread.start()
        assert entered.wait(10) and left.wait(10)
        thread.join()
        _ = commitment.text
    assert any(key[0] == "n" and key[-1] == "text" for key in recorder.keys)
    with reads.page() as outside:  # after the last render, nothing is noted and nothing slows down
        _ = commitment.text
    assert not outside.keys
