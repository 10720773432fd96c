"""A public record that cannot be quietly rewritten: each case a council under pressure might try,
as a fixture history built here, is refused at file:line with the reason to add, or recorded on
'What changed', on the item and in the feed with its reason."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from plansite.core.problems import ContentError
from plansite.derive import addresses, facts, history_read, versions
from plansite.preview import mkdocs_hook
from plansite.preview import server as preview
from plansite.publish.build import plan_site

from conftest import PROJECT, _only_hand_written, hook_config
from record import (
    C2,
    COMMITMENT_2,
    EDUCATION,
    MEASURE,
    PLAN,
    PREVENTION,
    change,
    commit,
    git,
    line_of,
    log,
    pages,
    paths,
    published,
    reason,
    refusal,
    words,
)

ATOM = "{http://www.w3.org/2005/Atom}"
REMOVED_2 = (COMMITMENT_2 + "    due: 2024-03\n    due_note: after consultation\n"
             "    owners: [head-of-early-help, ed-childrens]\n")


def _problem(problems: list[str], phrase: str) -> str:
    found = [p for p in problems if phrase in p]
    assert found, "\n".join(problems)
    return found[0]


def _changes_of(project: Path, page: str) -> list[tuple[str, str | None, str]]:
    return [(c.kind, c.date, c.said) for c in log(project).every if c.page == page]


# Identity across time ---------------------------------------------------------------------------


def test_deleting_a_commitment_then_adding_it_back_reworded_and_later_needs_reasons(tmp_path: Path) -> None:
    project = published(tmp_path)
    text = (project / "content" / PREVENTION).read_text(encoding="utf-8")
    block = text[text.index(COMMITMENT_2):text.index("success:")]
    change(project, PREVENTION, block, "")
    commit(project, "remove commitment 2", "2026-11-05")
    back = block.replace("Open a new family hub.", "Open a family hub when funding allows.")
    change(project, PREVENTION, "success:", back.replace("2024-03", "2027-03") + "success:")
    commit(project, "put it back", "2026-11-09")

    problems = refusal(project)
    reworded = _problem(problems, "The words changed")
    assert reworded.startswith(f"content/{PREVENTION}:{line_of(project, PREVENTION, 'funding allows')}:")
    assert "They were: “Open a new family hub.” Say why, publicly: add changes: [{date: 2026-11-09, what: wording" \
           in reworded
    later = _problem(problems, "The due date moved later, from March 2024 to March 2027.")
    assert later.startswith(f"content/{PREVENTION}:{line_of(project, PREVENTION, 'due: 2027-03')}:10:")
    assert 'what: due, why: "…"' in later

    change(project, PREVENTION, "    due_note: after consultation\n", "    due_note: after consultation\n"
           "    changes:\n      - {date: 2026-11-09, what: wording, why: The hub waits for the capital funding.}\n"
           "      - {date: 2026-11-09, what: due, why: The building work was put back to 2027.}\n")
    commit(project, "the reasons", "2026-11-10")
    kinds = [kind for kind, _, _ in _changes_of(project, C2)]
    assert sorted(kinds) == ["due", "restored", "wording"], kinds  # never "added", let alone twice
    site = pages(project)
    listed = words(site["changes/index.md"])
    assert "This commitment had been taken off the site; it is back." in listed
    assert ("The due date moved later, from March 2024 to March 2027. Why: The building work was put back"
            " to 2027.") in listed
    assert "was added" not in listed
    feed = ET.fromstring(site["changes/feed.xml"])
    summaries = [e.findtext(f"{ATOM}summary") for e in feed.findall(f"{ATOM}entry")]
    assert any("Why: The hub waits for the capital funding." in s for s in summaries), summaries


def test_a_renamed_commitment_is_compared_with_what_its_old_id_published(tmp_path: Path) -> None:
    project = published(tmp_path)
    change(project, PREVENTION, '  - id: "2"\n', '  - id: "2b"\n    aliases: ["2"]\n')
    change(project, PREVENTION, "due: 2024-03", "due: 2026-03")
    commit(project, "renamed and later", "2026-11-05")
    assert "The due date moved later, from March 2024 to March 2026." in _problem(refusal(project), "Say why")


def test_an_alias_that_swallows_another_published_commitment_needs_a_reason(tmp_path: Path) -> None:
    project = published(tmp_path)
    text = (project / "content" / PREVENTION).read_text(encoding="utf-8")
    change(project, PREVENTION, text[text.index(COMMITMENT_2):text.index("success:")], "")
    change(project, PREVENTION, '  - id: "1"\n', '  - id: "1"\n    aliases: ["2"]\n')
    commit(project, "2 now leads to 1", "2026-11-05")
    problem = _problem(refusal(project), "no longer has a page of its own")
    assert problem.startswith(f"content/{PREVENTION}:{line_of(project, PREVENTION, 'aliases')}:")
    assert "what: merged" in problem


def test_removing_a_commitment_with_its_line_in_the_address_list_is_refused(tmp_path: Path) -> None:
    project = published(tmp_path)
    added, _ = addresses.record(project / "content", plan_site(paths(project)).pages)
    assert added > 30
    commit(project, "the address list", "2026-11-02")
    text = (project / "content" / PREVENTION).read_text(encoding="utf-8")
    change(project, PREVENTION, text[text.index(COMMITMENT_2):text.index("success:")], "")
    change(project, addresses.LIST_FILE, f"/{PLAN}/prevention/2/\n", "")
    commit(project, "quietly remove commitment 2", "2026-11-05")
    problem = _problem(refusal(project), "would vanish")
    assert problem.startswith(f"content/{PREVENTION}:{line_of(project, PREVENTION, 'commitments:') + 1}:3:")
    assert "commitment '2' is gone and the published address /plans/next-plan-2022-2025/prevention/2/" in problem


def test_removing_a_whole_plan_and_the_address_list_is_refused(tmp_path: Path) -> None:
    project = published(tmp_path)
    shutil.rmtree(project / "content/plans/first-plan-2019-2022")
    (project / "content" / PLAN / "reflection.yml").unlink()
    change(project, f"{PLAN}/plan.yml", "relations:\n  - kind: supersedes\n    target: first-plan-2019-2022\n"
           "    note: This plan builds on and replaces the 2019-2022 plan.\n", "")
    commit(project, "drop the old plan", "2026-11-05")
    problems = refusal(project)
    assert problems == [
        "content/plans/first-plan-2019-2022/plan.yml:1:1: the plan 'first-plan-2019-2022' is gone and the published"
        " address /plans/first-plan-2019-2022/ would vanish: if its id was changed, add the old id to the plan's"
        " `aliases:`; if it was removed on purpose, put it back (a plan no longer in force stays, with status:"
        " archived)"]


# Every fact a reader relies on ------------------------------------------------------------------


@pytest.mark.parametrize(("rel", "old", "new", "said", "key"), [
    (PREVENTION, "direction: higher-is-better", "direction: lower-is-better",
     "Which way is better changed from higher is better to lower is better.", "direction:"),
    (PREVENTION, "unit: count", "unit: score", "The unit changed from count to score.", "unit:"),
    (PREVENTION, '      - {date: "2024", value: 200}\n', '      - {date: "2024", value: 200}\n'
     '      - {date: "2023", value: 100}\n', "A target was added: 100 (2023).", '{date: "2024", value: 200}'),
    (PREVENTION, '    values:\n      - {date: "2023", value: 150}\n', "    values: []\n",
     "A published value was removed: 150 (2023).", "values:"),
    (PREVENTION, "    text: Open a new family hub.\n", "    text: Open a new family hub.\n    title: A hub\n",
     "A heading was given: “A hub”.", "title: A hub"),
    (PREVENTION, "        status: in-progress\n", "        status: done\n",
     "The progress update of September 2023 was rewritten. It said: September 2023, In progress: “A building"
     " has been found and work has begun.”", "- date: 2023-09"),
    (PREVENTION, "      - date: 2023-09\n        status: in-progress\n        note: A building has been found and"
     " work has begun.\n", "", "A progress update was removed. It said: September 2023, In progress:",
     "- date: 2024-06-30"),
    (PREVENTION, "baseline: {date: 2022-03, value: 120}", "baseline: {date: 2022-03, value: 100}",
     "The baseline changed from 120 (March 2022) to 100 (March 2022).", "baseline:"),
    (EDUCATION, "text: Working with the *Virtual School*.", "text: Working with the school.",
     "The words changed. They were: “Working with the Virtual School.”", "text: Working"),
])
def test_a_weakening_change_to_any_fact_is_refused_where_it_is(tmp_path: Path, rel: str, old: str, new: str,
                                                                said: str, key: str) -> None:
    project = published(tmp_path)
    change(project, rel, old, new)
    commit(project, "version 2", "2026-11-05")
    problem = _problem(refusal(project), said)
    assert problem.startswith(f"content/{rel}:{line_of(project, rel, key)}:"), problem
    assert "Say why, publicly: add changes: [{date: 2026-11-05, what: " in problem


def test_a_later_harder_target_and_a_new_value_need_no_reason_and_are_listed(tmp_path: Path) -> None:
    project = published(tmp_path)
    change(project, PREVENTION, '      - {date: "2024", value: 200}\n',
           '      - {date: "2024", value: 200}\n      - {date: "2025", value: 260}\n')
    change(project, PREVENTION, '      - {date: "2023", value: 150}\n',
           '      - {date: "2023", value: 150}\n      - {date: "2024", value: 170}\n')
    commit(project, "version 2", "2026-11-05")
    said = {c.said: c.verdict for c in log(project).every if c.page == MEASURE}
    assert said == {"A target was added: 260 (2025).": "neutral", "A value was published: 170 (2024).": "neutral"}


def test_an_easier_target_with_its_reason_is_shown_on_the_item_on_what_changed_and_in_the_feed(
        tmp_path: Path) -> None:
    project = published(tmp_path)
    change(project, PREVENTION, '{date: "2024", value: 200}', '{date: "2024", value: 180}')
    reason(project, PREVENTION, "    direction: higher-is-better\n", "2026-11-05", "target",
           "Fewer families moved into the borough than forecast.")
    commit(project, "version 2", "2026-11-05")
    site = pages(project)
    said = "A target changed from 200 to 180. Why: Fewer families moved into the borough than forecast."
    assert said in words(site[MEASURE]) and said in words(site["changes/index.md"])
    entry = ET.fromstring(site["changes/feed.xml"]).find(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}summary") == said
    assert entry.findtext(f"{ATOM}updated") == "2026-11-05T00:00:00Z"


def test_the_rule_is_explained_on_what_changed_from_the_same_table(tmp_path: Path) -> None:
    from plansite.content import rule

    listed = words(pages(published(tmp_path))["changes/index.md"])
    for kind in rule.KINDS.values():
        assert (f"{kind.fact[0].upper()}{kind.fact[1:]}. Weakens the promise, so needs a reason: {kind.weakens}."
                f" Otherwise: {kind.otherwise}.") in listed


# Reasons and minor corrections -------------------------------------------------------------------


@pytest.mark.parametrize("why", ['"\\u200b\\u200b"', '"…"', '"\\u00a0\\u2003"', "'** **'", '"\\u2060."', "' '"])
def test_a_reason_must_be_words_a_reader_can_see(tmp_path: Path, why: str) -> None:
    project = published(tmp_path)
    change(project, PREVENTION, "due: 2024-03", "due: 2025-03")
    change(project, PREVENTION, "    due_note: after consultation\n", "    due_note: after consultation\n"
           f"    changes:\n      - date: 2026-11-05\n        what: due\n        why: {why}\n")
    commit(project, "version 2", "2026-11-05")
    problems = refusal(project)
    # Spaces alone are cut away first, leaving nothing; the rest are refused for holding no words.
    problem = _problem(problems, "'why' is empty" if any("is empty" in p for p in problems)
                       else "a reason must be words a reader can see")
    assert problem.startswith(f"content/{PREVENTION}:{line_of(project, PREVENTION, '        why:')}:14:"), problem


def test_minor_is_refused_for_a_due_date_moved_years_later(tmp_path: Path) -> None:
    project = published(tmp_path)
    change(project, PREVENTION, "due: 2024-03", "due: 2027-03")
    reason(project, PREVENTION, "    due_note: after consultation\n", "2026-11-05", "due", "typo", minor=True)
    commit(project, "version 2", "2026-11-05")
    problem = _problem(refusal(project), "minor: true is only for a correction of words")
    assert problem.startswith(f"content/{PREVENTION}:{line_of(project, PREVENTION, 'minor: true')}:")
    assert "a change of a commitment's due date is never minor: remove minor: true" in problem


def test_minor_is_refused_for_a_rewording_that_changes_a_number(tmp_path: Path) -> None:
    project = published(tmp_path)
    change(project, PREVENTION, "text: Open a new family hub.", "text: Open two new family hubs.")
    reason(project, PREVENTION, "    due_note: after consultation\n", "2026-11-05", "wording", "typo", minor=True)
    commit(project, "version 2", "2026-11-05")
    problem = _problem(refusal(project), "This is marked minor: true")
    assert problem.startswith(f"content/{PREVENTION}:{line_of(project, PREVENTION, 'minor: true')}:")
    assert "the numbers or dates in the words changed (none → two)" in problem


def test_a_real_minor_correction_is_still_listed_under_corrections(tmp_path: Path) -> None:
    project = published(tmp_path)
    change(project, PREVENTION, "text: Open a new family hub.", "text: Open a new famly hub.")
    commit(project, "the typo, as published", "2026-11-03")
    change(project, PREVENTION, "text: Open a new famly hub.", "text: Open a new family hub.")
    change(project, PREVENTION, "    due_note: after consultation\n", "    due_note: after consultation\n"
           "    changes:\n      - {date: 2026-11-03, what: wording, why: The typo came with the text., minor: true}\n"
           "      - {date: 2026-11-05, what: wording, why: A typo., minor: true}\n")
    commit(project, "the typo corrected", "2026-11-05")
    site = pages(project)
    every = words(site["changes/index.md"])
    corrections = every.split("## Corrections", 1)[1]
    assert "They were: “Open a new famly hub.” Why: A typo. (a correction that does not change the meaning)" \
        in corrections
    assert "famly" not in every.split("## Corrections", 1)[0]
    assert "Corrections of words that change no number or date (2)" in words(site[C2])
    assert ET.fromstring(site["changes/feed.xml"]).findall(f"{ATOM}entry") == []


# The published line ------------------------------------------------------------------------------


def test_a_branch_merged_after_another_commit_is_compared_along_the_published_line(tmp_path: Path) -> None:
    project = published(tmp_path)
    git(project, "checkout", "-q", "-b", "later")
    change(project, PREVENTION, "due: 2024-03", "due: 2025-03")
    reason(project, PREVENTION, "    due_note: after consultation\n", "2026-11-05", "due",
           "The landlord needs another year.")
    commit(project, "due later, with its reason", "2026-11-05")
    git(project, "checkout", "-q", "main")
    change(project, EDUCATION, "    text: Launching an Attendance Strategy.\n",
           "    text: Launching an Attendance Strategy.\n    owners: [ed-childrens]\n")
    commit(project, "another change on main", "2026-11-10")
    git(project, "merge", "-q", "--no-ff", "-m", "merge", "later", date="2026-11-12T12:00:00")
    found = _changes_of(project, C2)
    assert found == [("due", "2026-11-12", "The due date moved later, from March 2024 to March 2025.")]
    # A page that says when its content last changed (pages of statuses give the site's date instead):
    # the last change on the published line is the merge (the branch's own commit is of 5 November,
    # the other change on main of 10 November).
    assert "Page last updated 12 November 2026" in pages(project)["changes/index.md"]


def test_the_record_is_the_same_read_cold_or_from_the_cache(tmp_path: Path, monkeypatch) -> None:
    project = published(tmp_path)
    for old, new, day in (("2024-03", "2024-02", "2026-11-03"), ("2024-02", "2024-01", "2026-11-04"),
                          ("2024-01", "2023-12", "2026-11-05")):
        change(project, PREVENTION, f"due: {old}", f"due: {new}")
        commit(project, f"due {new}", day)
    cold = [c.said for c in log(project).every]
    assert cold == [f"The due date moved earlier, from {a} to {b}." for a, b in (
        ("January 2024", "December 2023"), ("February 2024", "January 2024"), ("March 2024", "February 2024"))]
    assert len(list((project / ".docs.build" / "history").glob("*.json"))) == 1

    def no_reading(*args: object) -> None:
        raise AssertionError("a cached version was read again")

    monkeypatch.setattr(history_read, "read_version", no_reading)
    assert [c.said for c in log(project).every] == cold
    (project / "README.md").write_text("A commit that leaves content/ alone.\n", encoding="utf-8")
    git(project, "add", "README.md")
    git(project, "commit", "-q", "-m", "not content", date="2026-11-06T12:00:00")
    assert [c.said for c in log(project).every] == cold  # a new commit without content is not read either


def test_a_long_history_read_by_several_processes_gives_the_same_record(tmp_path: Path, monkeypatch) -> None:
    project = published(tmp_path)
    dues = ["2023-06", "2023-05", "2023-04", "2023-03", "2023-02", "2023-01", "2022-12", "2022-11", "2022-10"]
    for n, (old, new) in enumerate(zip(dues, dues[1:], strict=False), 2):  # a month earlier in each version
        change(project, PREVENTION, f"due: {old}", f"due: {new}")
        commit(project, f"version {n}", f"2026-11-{n:02d}")
    monkeypatch.setattr(history_read, "PARALLEL_FROM", 2)
    now = facts.of_version(plan_site(paths(project)).index)
    one = versions.from_history(project, project / "content", tmp_path / "one", None, now, workers=1)
    two = versions.from_history(project, project / "content", tmp_path / "two", None, now, workers=2)
    assert [c.kept() for c in two.changes] == [c.kept() for c in one.changes]
    assert [c.kind for c in one.changes] == ["due"] * 8 and one.record.known == two.record.known


def test_a_link_in_an_old_commit_is_reported_never_followed(tmp_path: Path) -> None:
    project = published(tmp_path)
    secret = tmp_path / "secret.yml"
    secret.write_text('id: secret\ntitle: Not for publishing\ncommitments:\n  - id: "1"\n    text: Secret.\n',
                      encoding="utf-8")
    link = project / "content" / PLAN / "priorities" / "secret.yml"
    link.symlink_to(secret.resolve())
    (project / "content" / "outside").symlink_to("/etc")
    commit(project, "a link to an absolute path", "2026-11-03")
    link.unlink()
    (project / "content" / "outside").unlink()
    commit(project, "the link removed", "2026-11-04")
    record = log(project)
    commit_id = git(project, "rev-parse", "HEAD~1").strip()
    assert record.unreadable == [(commit_id, "2026-11-03")]
    assert not [c for c in record.every if "secret" in c.page]
    listed = words(pages(project)["changes/index.md"])
    assert f"3 November 2026 (commit {commit_id[:12]})" in listed


# Missing history ----------------------------------------------------------------------------------


def _four_changes(tmp_path: Path) -> Path:
    project = published(tmp_path / "origin")
    for n, (old, new) in enumerate([("due: 2024-03", "due: 2024-02"), ("due: 2023-06", "due: 2023-05"),
                                    ('{date: "2024", value: 200}', '{date: "2024", value: 210}'),
                                    ("owners: [head-of-early-help]\n    outcomes",
                                     "owners: [ed-childrens]\n    outcomes")], 2):
        change(project, PREVENTION, old, new)
        commit(project, f"version {n}", f"2026-11-0{n}")
    return project


def test_a_shallow_clone_says_history_is_missing_and_shows_no_dates(tmp_path: Path) -> None:
    origin = _four_changes(tmp_path)
    assert len(log(origin).every) == 4
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{origin}", str(clone)], check=True)
    (clone / "docs").mkdir()
    site = pages(clone)
    listed = words(site["changes/index.md"])
    assert "Earlier changes may be missing from this list" in listed and "this is a shallow clone" in listed
    assert not [p for p, body in site.items() if "Page last updated" in body]
    assert "Page last updated" in pages(origin)["changes/index.md"]  # with the whole history, the date is known
    with pytest.raises(ContentError) as err:
        plan_site(paths(clone), require_history=True)
    assert "publishing needs the whole history of the content, but this is a shallow clone" in str(err.value)


@pytest.mark.parametrize("how", [["--require-history"], ["ENV"]])
def test_the_publish_workflow_can_refuse_a_build_without_history(tmp_path: Path, how: list[str]) -> None:
    origin = _four_changes(tmp_path)
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{origin}", str(clone)], check=True)
    script = [sys.executable, str(PROJECT / "scripts" / "build_pages.py"), "--content", str(clone / "content"),
              "--docs", str(clone / "docs")]
    said = subprocess.run(script + ["--check"], capture_output=True, text=True, cwd=clone)
    assert said.returncode == 0, said.stderr
    env = {"PLANSITE_REQUIRE_HISTORY": "1"} if how == ["ENV"] else {}
    refused = subprocess.run(script + ["--check"] + (how if how != ["ENV"] else []), capture_output=True,
                             text=True, env={**os.environ, **env})
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    assert "publishing needs the whole history of the content" in refused.stderr


def test_a_downloaded_archive_says_history_is_missing(tmp_path: Path) -> None:
    origin = _four_changes(tmp_path)
    copy = tmp_path / "archive"
    copy.mkdir()
    tar = subprocess.run(["git", "-C", str(origin), "archive", "--format=tar", "HEAD"], capture_output=True,
                         check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(copy)], input=tar, check=True)
    (copy / "docs").mkdir()
    listed = words(pages(copy)["changes/index.md"])
    assert "this copy of the project has no git history (a downloaded archive or a copied folder)" in listed


def test_the_terminal_says_when_history_is_missing(tmp_path: Path) -> None:
    origin = _four_changes(tmp_path)
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{origin}", str(clone)], check=True)
    (clone / "mkdocs.yml").write_text((PROJECT / "mkdocs.yml").read_text(encoding="utf-8"), encoding="utf-8")
    # The hand-written pages only (whatever an earlier build left in the project's docs/ stays behind).
    shutil.copytree(PROJECT / "docs", clone / "docs", dirs_exist_ok=True, ignore=_only_hand_written)
    from plansite.publish.build import build

    result = build(paths(clone))
    assert result.history_missing and "shallow clone" in result.history_missing
    out = subprocess.run([sys.executable, str(PROJECT / "scripts" / "build_pages.py"), "--check", "--content",
                          str(clone / "content"), "--docs", str(clone / "docs")], capture_output=True, text=True)
    assert re.search(r"^Note: the history of the content is incomplete: ", out.stdout, re.MULTILINE), out.stdout


# Drafting is not blocked ---------------------------------------------------------------------------


def test_the_preview_shows_the_reason_publishing_will_need_on_the_page(tmp_path: Path) -> None:
    project = published(tmp_path)
    change(project, PREVENTION, "text: Open a new family hub.", "text: Open a new family hub in Huyton.")
    site = pages(project, preview=True)
    where = f"content/{PREVENTION}:{line_of(project, PREVENTION, 'in Huyton')}:11"
    page = words(site[C2])
    assert "Not yet published: The words changed. They were: “Open a new family hub.”" in page
    assert "Publishing will need a reason for this change" in page
    at = line_of(project, PREVENTION, 'in Huyton')
    assert f"Write it in content/{PREVENTION} at line {at}: Commitment 2:" in page
    assert 'add changes: [{date: 2025-06-30, what: wording, why: "…"}] to it' in page  # the site's as_of
    listed = words(site["changes/index.md"])
    assert "This preview shows 1 change that publishing will refuse until a reason is given" in listed
    problems = refusal(project)
    assert [p for p in problems if p.startswith(where)], problems


def test_the_preview_server_builds_with_a_change_that_needs_a_reason(tmp_path: Path, monkeypatch) -> None:

    project = published(tmp_path)
    (project / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    change(project, PREVENTION, "due: 2024-03", "due: 2025-03")
    monkeypatch.setattr(preview, "STATE", {**preview.STATE, "generated": set()})
    monkeypatch.setattr(mkdocs_hook, "_state", preview.STATE)
    mkdocs_hook.on_startup(command="serve", dirty=True)
    config = hook_config(project)
    mkdocs_hook.on_config(config)
    mkdocs_hook.on_build_error(RuntimeError("stop"))  # lets the build lock go, as MkDocs does after a build
    page = words((project / "docs" / C2).read_text(encoding="utf-8"))
    assert "content-problems" not in page  # built, not refused
    assert "The due date moved later, from March 2024 to March 2025." in page
    assert "Publishing will need a reason for this change" in page


def test_every_kind_of_change_is_named_in_the_feed_and_the_schema() -> None:
    from plansite.content import rule
    from plansite.content.schema.common import ChangeKind
    from plansite.publish import feed

    assert set(feed.KINDS) == set(rule.KINDS) | rule.RECORD_ONLY
    assert set(ChangeKind.__args__) == set(rule.KINDS)


def test_track_changes_from_can_move_earlier_never_later(tmp_path: Path) -> None:
    project = published(tmp_path)
    change(project, "site.yml", "as_of: 2025-06-30\n", "as_of: 2025-06-30\ntrack_changes_from: 2026-11-01\n")
    change(project, PREVENTION, "due: 2024-03", "due: 2025-03")
    reason(project, PREVENTION, "    due_note: after consultation\n", "2026-11-05", "due", "The landlord needs time.")
    commit(project, "published from 1 November, then a due date moved later", "2026-11-05")
    assert [c.kind for c in log(project).every] == ["due"]
    change(project, "site.yml", "track_changes_from: 2026-11-01", "track_changes_from: 2026-11-10")
    commit(project, "hide it", "2026-11-12")
    problem = _problem(refusal(project), "track_changes_from can only move earlier")
    assert problem.startswith(f"content/site.yml:{line_of(project, 'site.yml', 'track_changes_from')}:21:")
    assert "a published version set it to 2026-11-01" in problem
    change(project, "site.yml", "track_changes_from: 2026-11-10", "track_changes_from: 2026-10-01")
    assert [c.kind for c in log(project).every] == ["due"]


def test_rewording_a_published_reason_is_listed_with_its_old_words(tmp_path: Path) -> None:
    project = published(tmp_path)
    change(project, PREVENTION, "due: 2024-03", "due: 2025-03")
    reason(project, PREVENTION, "    due_note: after consultation\n", "2026-11-05", "due", "The landlord needs time.")
    commit(project, "due later, with its reason", "2026-11-05")
    change(project, PREVENTION, "The landlord needs time.", "The council changed its mind.")
    commit(project, "another reason", "2026-11-09")
    listed = words(pages(project)["changes/index.md"])
    assert ("The reason given on 5 November 2026 for a change of a commitment's due date was reworded. It said:"
            " “The landlord needs time.”") in listed
    assert "The due date moved later, from March 2024 to March 2025. Why: The council changed its mind." in listed
