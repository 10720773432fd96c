"""The editor's guide, run: every YAML block marked `<!-- tested edit: NAME -->` in
docs/editing/index.md is applied, exactly as written, to a copy of the real content in its own git
repository, and the result the guide promises is checked. Every message in its table of messages
is produced by the mistake it names. So the guide cannot drift from the code."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest

from plansite.core.problems import ContentError
from plansite.publish.build import Paths, build

from conftest import PROJECT, make_project, run_build

GUIDE = PROJECT / "docs" / "editing" / "index.md"
PARTNERSHIPS = "content/plans/improvement-plan-2025/priorities/partnerships.yml"
CHILDREN_FIRST = "content/plans/improvement-plan-2025/priorities/children-first.yml"
FIVE_EIGHT = '  - id: "5.8"\n'

# Where each edit goes: (file, the line it goes after, the text it replaces there, or None to insert).
WHERE = {
    "progress-update": (PARTNERSHIPS, FIVE_EIGHT, None),
    "measure-value": (CHILDREN_FIRST, "  - id: re-referrals\n", None),
    "rename-id": (PARTNERSHIPS, "", FIVE_EIGHT + "    text: Relaunch and embed the 16-17 homeless protocol.\n"),
    "retire": (PARTNERSHIPS, FIVE_EIGHT, None),
    "due-later": (PARTNERSHIPS, "", FIVE_EIGHT + "    text: Relaunch and embed the 16-17 homeless protocol.\n"
                  "    due: 2025-09\n"),
    "add-topic": ("content/topics.yml", "topics:\n", None),
    "tag-topic": (PARTNERSHIPS, FIVE_EIGHT, "    topics: [homes-and-housing, children-in-care]\n"),
    "add-commitment": (PARTNERSHIPS, "commitments:\n", None),
    "reword": (PARTNERSHIPS, "", FIVE_EIGHT + "    text: Relaunch and embed the 16-17 homeless protocol.\n"),
    "published-typo": (PARTNERSHIPS, "", FIVE_EIGHT + "    text: Relaunch and embed the 16-17 homeless protocol.\n"),
    "minor-correction": (PARTNERSHIPS, "", FIVE_EIGHT + "    text: Relaunch and embed the 16-17 homless protocol.\n"),
    "cross-reference": (PARTNERSHIPS, '  - id: "5.7"\n', "    outcomes:\n      - Increased number of successful"
                        " interventions that prevent homelessness.\n"),
    "tracker-words": ("content/site.yml", "as_of: 2026-11-22\n", None),
}
PAGE_5_8 = "plans/improvement-plan-2025/partnerships/5.8/index.md"


def guide_edits() -> dict[str, tuple[str, str]]:
    """NAME → (the file named in the marker or '', the YAML block under it)."""
    found = re.findall(r"<!-- tested edit: (\S+)(?: (\S+))? -->\n```yaml\n(.*?)```", GUIDE.read_text(encoding="utf-8"),
                       re.DOTALL)
    return {name: (file, block) for name, file, block in found}


def guide_trackers() -> dict[str, str]:
    """The file named in each `<!-- tested tracker: FILE -->` marker → the CSV block under it."""
    text = GUIDE.read_text(encoding="utf-8")
    return dict(re.findall(r"<!-- tested tracker: (\S+) -->\n```csv\n(.*?)```", text, re.DOTALL))


def _git(project: Path, *args: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Editor", "GIT_AUTHOR_EMAIL": "e@example.org",
           "GIT_COMMITTER_NAME": "Editor", "GIT_COMMITTER_EMAIL": "e@example.org",
           "GIT_AUTHOR_DATE": "2026-11-30T12:00:00", "GIT_COMMITTER_DATE": "2026-11-30T12:00:00"}
    subprocess.run(["git", "-C", str(project), *args], check=True, capture_output=True, env=env)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The real content as published: a project in its own git repository, committed."""
    root = make_project(tmp_path / "project", PROJECT / "content")
    _git(root, "init", "-q", "-b", "main")
    _git(root, "add", "content")
    _git(root, "commit", "-q", "-m", "published")
    return root


def apply(project: Path, name: str) -> None:
    """Put the guide's block for `name` into the content, as an editor following the guide would."""
    file, block = guide_edits()[name]
    if file:
        path = project / file
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(block, encoding="utf-8")
        return
    rel, after, old = WHERE[name]
    path = project / rel
    text = path.read_text(encoding="utf-8")
    start = text.index(after) + len(after) if after else 0
    if old is None:
        text = text[:start] + block + text[start:]
    else:
        at = text.index(old, start)
        text = text[:at] + block + text[at + len(old):]
    path.write_text(text, encoding="utf-8")


def built(project: Path) -> Path:
    """Build the project's pages (with its git history); its docs/ folder."""
    build(Paths.for_project(project))
    return project / "docs"


def refused(project: Path) -> str:
    with pytest.raises(ContentError) as err:
        build(Paths.for_project(project))
    return err.value.report()


def test_every_marked_edit_in_the_guide_is_run_here() -> None:
    assert set(guide_edits()) == set(WHERE) | {"new-plan", "new-priority"}


def test_publish_a_progress_update_with_evidence(project: Path) -> None:
    apply(project, "progress-update")
    page = (built(project) / PAGE_5_8).read_text(encoding="utf-8")
    assert "In progress" in page and "The training programme has started" in page
    assert "https://www.example.gov.uk/board-papers/2026-03" in page
    # in progress, past its due date: what is known, not a verdict
    assert "**Due:** September 2025 · latest update 31 March 2026: in progress" in page


def test_add_this_years_value_of_a_measure(project: Path) -> None:
    apply(project, "measure-value")
    page = (built(project) / "plans/improvement-plan-2025/measures/re-referrals/index.md").read_text(encoding="utf-8")
    assert "| March 2026 | 88% |" in page or "88% in March 2026" in page, page


def test_rename_an_id_safely(project: Path) -> None:
    apply(project, "rename-id")
    docs = built(project)
    assert "template: redirect.html" in (docs / PAGE_5_8).read_text(encoding="utf-8")
    assert (docs / "plans/improvement-plan-2025/partnerships/5.8a/index.md").exists()


def test_renaming_without_the_alias_is_refused(project: Path) -> None:
    apply(project, "rename-id")
    path = project / PARTNERSHIPS
    path.write_text(path.read_text(encoding="utf-8").replace('    aliases: ["5.8"]\n', ""), encoding="utf-8")
    assert "the published address /plans/improvement-plan-2025/partnerships/5.8/ would vanish" in refused(project)


def test_retire_an_item(project: Path) -> None:
    apply(project, "retire")
    page = (built(project) / PAGE_5_8).read_text(encoding="utf-8")
    assert "**Retired 1 December 2026.**" in page
    assert "The protocol was replaced by the joint housing pathway." in page
    assert "Instead, see [Action 5.9" in page


def test_move_a_due_date_later_with_its_reason(project: Path) -> None:
    path = project / PARTNERSHIPS
    path.write_text(path.read_text(encoding="utf-8").replace(FIVE_EIGHT + "    text: Relaunch and embed the 16-17"
                    " homeless protocol.\n    due: 2025-09\n", FIVE_EIGHT + "    text: Relaunch and embed the"
                    " 16-17 homeless protocol.\n    due: 2026-09\n"), encoding="utf-8")
    message = refused(project)
    assert "The due date moved later, from September 2025 to September 2026. Say why, publicly" in message
    _git(project, "checkout", "--", "content")
    apply(project, "due-later")
    docs = built(project)
    reason = "The housing provider asked for more time to agree the protocol."
    assert reason in (docs / PAGE_5_8).read_text(encoding="utf-8")
    assert reason in (docs / "changes/index.md").read_text(encoding="utf-8")
    assert reason in (docs / "changes/feed.xml").read_text(encoding="utf-8")


def test_reword_a_commitment_with_its_reason(project: Path) -> None:
    apply(project, "reword")
    page = (built(project) / PAGE_5_8).read_text(encoding="utf-8")
    assert "The housing providers asked to be named in the action." in page
    assert "They were: “Relaunch and embed the 16-17 homeless protocol.”" in page


def test_rewording_without_a_reason_is_refused(project: Path) -> None:
    apply(project, "reword")
    path = project / PARTNERSHIPS
    text = path.read_text(encoding="utf-8")
    reason = r"    changes:\n      - date: 2026-12-01\n        what: wording\n        why: .*\n"
    path.write_text(re.sub(reason, "", text), encoding="utf-8")
    assert "The words changed." in refused(project)


@pytest.fixture
def with_typo(tmp_path: Path) -> Path:
    """The real content as published, with the guide's typo in action 5.8's words."""
    root = make_project(tmp_path / "project", PROJECT / "content")
    apply(root, "published-typo")
    _git(root, "init", "-q", "-b", "main")
    _git(root, "add", "content")
    _git(root, "commit", "-q", "-m", "published")
    return root


def test_a_minor_correction_is_listed_under_corrections(with_typo: Path) -> None:
    project = with_typo
    apply(project, "minor-correction")
    docs = built(project)
    page = (docs / PAGE_5_8).read_text(encoding="utf-8")
    assert '??? note "Corrections of words that change no number or date (1)"' in page
    assert "They were: “Relaunch and embed the 16-17 homless protocol.” *Why:* The word homeless was misspelt." in page
    listed = (docs / "changes/index.md").read_text(encoding="utf-8")
    assert "homless" in listed.split("## Corrections", 1)[1] and "homless" not in listed.split("## Corrections", 1)[0]
    assert "homless" not in (docs / "changes/feed.xml").read_text(encoding="utf-8")


def test_a_minor_mark_on_a_rewording_that_changes_a_number_is_refused(with_typo: Path) -> None:
    project = with_typo
    apply(project, "minor-correction")
    path = project / PARTNERSHIPS
    path.write_text(path.read_text(encoding="utf-8").replace("16-17 homeless", "16-18 homeless"), encoding="utf-8")
    assert "This is marked minor: true, but the numbers or dates in the words changed (16, 17 → 16, 18)" in \
        refused(project)


def test_link_to_another_item_by_its_id(project: Path) -> None:
    apply(project, "cross-reference")
    page = (built(project) / "plans/improvement-plan-2025/partnerships/5.7/index.md").read_text(encoding="utf-8")
    assert "(see [Action 5.8: Relaunch and embed the 16-17 homeless protocol.](../5.8/index.md) and" \
           " [re-referrals](../../measures/re-referrals/index.md))" in page


def test_add_a_topic_and_tag_an_item_with_it(project: Path) -> None:
    apply(project, "add-topic")
    apply(project, "tag-topic")
    page = (built(project) / "topics/youth-justice/index.md").read_text(encoding="utf-8")
    assert "# Youth justice" in page and "5.8" in page


def test_add_a_commitment_then_record_its_address(project: Path) -> None:
    from plansite.derive import addresses
    from plansite.publish.build import plan_site

    apply(project, "add-commitment")
    assert (built(project) / "plans/improvement-plan-2025/partnerships/5.14/index.md").exists()
    added, _ = addresses.record(project / "content", plan_site(Paths.for_project(project)).pages)
    assert added == 1
    assert "/plans/improvement-plan-2025/partnerships/5.14/\n" in (
        project / "content" / addresses.LIST_FILE).read_text(encoding="utf-8")


def test_start_a_new_plan(project: Path) -> None:
    apply(project, "new-plan")
    apply(project, "new-priority")
    docs = built(project)
    assert "# Example Plan 2027-2030" in (docs / "plans/example-plan-2027-2030/index.md").read_text(encoding="utf-8")
    assert (docs / "plans/example-plan-2027-2030/early-help/1/index.md").exists()
    assert "Example Plan 2027-2030" in (docs / "plans/index.md").read_text(encoding="utf-8")


# The quarterly update ----------------------------------------------------------------------------

PROGRESS_CSV = "content/plans/improvement-plan-2025/progress/2026-q1.csv"
VALUES_CSV = "content/plans/improvement-plan-2025/values/2026-q2.csv"


def test_every_tracker_in_the_guide_is_run_here() -> None:
    assert set(guide_trackers()) == {PROGRESS_CSV, VALUES_CSV}


def test_the_quarterly_update_from_make_tracker_to_the_published_site(project: Path) -> None:
    import subprocess
    import sys

    import openpyxl

    apply(project, "tracker-words")
    made = subprocess.run([sys.executable, str(PROJECT / "scripts" / "build_pages.py"), "--tracker", "--content",
                           str(project / "content"), "--out", str(project / "trackers")],
                          capture_output=True, text=True)
    assert "improvement-plan-2025.xlsx: 53 commitments" in made.stdout, made.stderr
    book = openpyxl.load_workbook(project / "trackers" / "improvement-plan-2025.xlsx")
    sheet = book["Tracker"]
    row = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == "5.7")
    row[7].value, row[8].value, row[9].value = "2026-03-31", "Green", "The pathway has been drafted."
    saved = project / "content/plans/improvement-plan-2025/progress/2026-q1.xlsx"
    saved.parent.mkdir()  # the plan's progress/ folder, made for its first tracker
    book.save(saved)
    docs = built(project)
    page = (docs / "plans/improvement-plan-2025/partnerships/5.7/index.md").read_text(encoding="utf-8")
    assert "In progress</span> (update of 31 March 2026)" in page and "The pathway has been drafted." in page
    method = (docs / "progress/method/index.md").read_text(encoding="utf-8")
    assert "| Amber | <span class=\"status status--delayed\">" in method


def test_a_csv_tracker_and_a_values_table_as_the_guide_shows_them(project: Path) -> None:
    for rel, block in guide_trackers().items():
        path = project / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(block, encoding="utf-8")
    docs = built(project)
    seven = (docs / "plans/improvement-plan-2025/partnerships/5.7/index.md").read_text(encoding="utf-8")
    assert "The homelessness pathway has been drafted with the housing team." in seven
    assert "https://www.example.gov.uk/board-papers/2026-03" in seven and "In progress" in seven
    assert "Done</span> (update of 31 March 2026)" in (docs / PAGE_5_8).read_text(encoding="utf-8")
    values = (docs / "plans/improvement-plan-2025/measures/re-referrals/index.md").read_text(encoding="utf-8")
    assert "| Value | June 2026 | 18% (provisional) |" in values


# The table of messages ---------------------------------------------------------------------------

PREVENTION = "plans/next-plan-2022-2025/priorities/prevention.yml"
MISTAKES = {  # a phrase of the table → the mistake in the small fixture that gives it (old, new)
    "unknown key 'titel' in a priority; did you mean 'title'?": ("title: Prevention", "titel: Prevention"),
    "is not a real date: February 2023 has 28 days": ("due: 2023-06", "due: 2023-02-30"),
    "there is no owner 'head-of-erly-help' in content/owners.yml": ("owners: [head-of-early-help]\n    outcomes",
                                                                   "owners: [head-of-erly-help]\n    outcomes"),
    "there is no topic 'earl-years' in content/topics.yml": ("success:\n", "topics: [earl-years]\nsuccess:\n"),
    "duplicate commitment id '1' in priority 'prevention'": ('  - id: "2"', '  - id: "1"'),
    "the link to 'javascript:alert(1)' is not allowed": ("Open a new family hub.",
                                                          "Open a [hub](javascript:alert(1))."),
    "found character '\\t' that cannot start any token": ("outcomes:\n  - More", "outcomes:\n\t- More"),
    "is not a date the site can use: the year must be from 1900 to 2100": ("due: 2023-06", "due: 0202-06"),
    "should be a number, not 'nan'": ("{date: 2022-03, value: 120}", "{date: 2022-03, value: nan}"),
    "is more than 100: a measure in percent is from 0 to 100": ("unit: count", "unit: percent"),
    "this value is for the same date as the value 1": ('      - {date: "2023", value: 150}',
                                                       '      - {date: "2023", value: 150}\n'
                                                       '      - {date: "2023", value: 160}'),
    "the lists here are nested more than 10 levels deep": (
        "text: Open a new family hub.", "text: |" + "".join(f"\n      {'  ' * i}- level {i}" for i in range(11))),
    "a reason must be words a reader can see": ("    due_note: after consultation\n", "    due_note: after"
                                                " consultation\n    changes: [{date: 2026-11-01, what: due,"
                                                " why: '...'}]\n"),
    "minor: true is only for a correction of words": ("    due_note: after consultation\n", "    due_note: after"
                                                      " consultation\n    changes: [{date: 2026-11-01, what: due,"
                                                      " why: Later., minor: true}]\n"),
}
TRACKER_MISTAKES = {  # a phrase of the table → a row of a tracker in the small fixture that gives it
    "is not a status; use one of:": "prevention/1,2024-01,Amber-ish,Late.",
    "there is no commitment 'prevnetion/1'": "prevnetion/1,2024-01,done,Done.",
}
HISTORY_MESSAGES = {  # phrases that come from comparing with the published version; tested above
    "would vanish: if its id was changed, add the old id to the item's",  # test_renaming_without_the_alias…
    "The due date moved later",  # test_move_a_due_date_later_with_its_reason
    "The words changed",  # test_rewording_without_a_reason_is_refused
    "A target changed from",  # tests/test_links_that_last.py: lowering a target needs a reason
    "This is marked minor: true, but",  # test_a_minor_mark_on_a_rewording_that_changes_a_number_is_refused
}


def guide_messages() -> list[str]:
    table = GUIDE.read_text(encoding="utf-8").split("## Messages and what to do", 1)[1]
    return [re.findall(r"`([^`]+)`", row.split("|")[1])[0]
            for row in table.splitlines() if row.startswith("| `")]


def test_every_message_in_the_guide_is_one_the_build_gives() -> None:
    assert set(guide_messages()) == set(MISTAKES) | set(TRACKER_MISTAKES) | set(HISTORY_MESSAGES)


@pytest.mark.parametrize("phrase", sorted(MISTAKES))
def test_the_mistake_gives_the_message_the_guide_lists(site, phrase: str) -> None:
    content, docs = site
    old, new = MISTAKES[phrase]
    path = content / PREVENTION
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    result = run_build(content, docs)
    assert result.returncode == 1 and phrase in result.stderr, result.stderr



@pytest.mark.parametrize("phrase", sorted(TRACKER_MISTAKES))
def test_the_tracker_mistake_gives_the_message_the_guide_lists(site, phrase: str) -> None:
    content, docs = site
    tracker = content / "plans/next-plan-2022-2025/progress/2024-q1.csv"
    tracker.parent.mkdir()
    tracker.write_text("ref,date,status,update\n" + TRACKER_MISTAKES[phrase] + "\n", encoding="utf-8")
    result = run_build(content, docs)
    assert result.returncode == 1 and phrase in result.stderr, result.stderr
