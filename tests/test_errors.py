"""Bad content gets one clear line per problem (file:line:col: what is wrong; what to do),
exit code 1, no traceback, and docs/ left exactly as it was."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import PRIORITY, SMALL, assert_rejected, edit, run_build, snapshot


def test_invalid_yaml(site: tuple[Path, Path]) -> None:
    content, docs = site
    edit(content, PRIORITY, "why: Health in the early years", "why: Health: in the early years")
    assert_rejected(content, docs, [
        f"CONTENT/{PRIORITY}:3:12: invalid YAML: mapping values are not allowed here;"
        " put text that contains ': ' in quotes, or check the indentation",
    ])


def test_tab_indentation(site: tuple[Path, Path]) -> None:
    content, docs = site
    edit(content, PRIORITY, "  - id: \"2\"", "\t- id: \"2\"")
    assert_rejected(content, docs, [
        f"CONTENT/{PRIORITY}:7:1: invalid YAML: found character '\\t' that cannot start any token"
        " (while scanning for the next token); indent with spaces, not tabs",
    ])


def test_missing_required_field(site: tuple[Path, Path]) -> None:
    content, docs = site
    edit(content, PRIORITY, "title: A healthy start\n", "")
    assert_rejected(content, docs, [
        f"CONTENT/{PRIORITY}:1:1: a priority is missing the required key 'title'; add 'title: …'",
    ])


def test_wrong_type(site: tuple[Path, Path]) -> None:
    content, docs = site
    edit(content, PRIORITY, "success:\n  - Fewer children are overweight.", "success: Fewer children are overweight.")
    assert_rejected(content, docs, [
        f"CONTENT/{PRIORITY}:9:10: 'success' should be a list, not 'Fewer children are overweight.';"
        " put each item on its own line starting with '- '",
    ])


def test_wrong_number(site: tuple[Path, Path]) -> None:
    content, docs = site
    rel = "plans/next-plan-2022-2025/priorities/education.yml"
    edit(content, rel, "value: 94.1}", "value: 94.1%}")
    assert_rejected(content, docs, [
        f"CONTENT/{rel}:18:53: 'value' should be a number, not '94.1%'; write digits only (82, not 82%),"
        " and put the value as printed in 'text'",
    ])


def test_unknown_key_suggests_the_near_miss(site: tuple[Path, Path]) -> None:
    content, docs = site
    edit(content, PRIORITY, "title: A healthy start", "titel: A healthy start")
    assert_rejected(content, docs, [
        f"CONTENT/{PRIORITY}:2:1: unknown key 'titel' in a priority; did you mean 'title'?",
    ])


def test_wrong_choice_suggests_the_near_miss(site: tuple[Path, Path]) -> None:
    content, docs = site
    rel = "plans/next-plan-2022-2025/plan.yml"
    edit(content, rel, "status: current", "status: curent")
    assert_rejected(content, docs, [f"CONTENT/{rel}:6:9: 'curent' is not allowed in 'status'; did you mean 'current'?"])


def test_duplicate_key(site: tuple[Path, Path]) -> None:
    content, docs = site
    edit(content, PRIORITY, "why: Health", "title: Again\nwhy: Health")
    assert_rejected(content, docs, [
        f"CONTENT/{PRIORITY}:3:1: duplicate key 'title' (first given on line 2); keep one of them",
    ])


def test_duplicate_id(site: tuple[Path, Path]) -> None:
    content, docs = site
    edit(content, PRIORITY, '  - id: "2"', '  - id: "1"')
    assert_rejected(content, docs, [
        f"CONTENT/{PRIORITY}:7:9: duplicate commitment id '1' in priority 'healthy-start' (first on line 5);"
        " give each commitment its own id",
    ])


def test_reference_to_missing_id(site: tuple[Path, Path]) -> None:
    content, docs = site
    rel = "plans/next-plan-2022-2025/reflection.yml"
    edit(content, rel, "we_said: first-plan-2019-2022/healthy-start", "we_said: first-plan-2019-2022/healthy-strat")
    assert_rejected(content, docs, [
        f"CONTENT/{rel}:5:14: plan 'first-plan-2019-2022' has no priority 'healthy-strat';"
        " did you mean 'healthy-start'?",
    ])


def test_missing_owner(site: tuple[Path, Path]) -> None:
    content, docs = site
    rel = "plans/next-plan-2022-2025/priorities/prevention.yml"
    edit(content, rel, "    owners: [head-of-early-help]", "    owners: [head-of-early-hlp]")
    assert_rejected(content, docs, [
        f"CONTENT/{rel}:13:14: there is no owner 'head-of-early-hlp' in content/owners.yml;"
        " did you mean 'head-of-early-help'?",
    ])


def test_unknown_file(site: tuple[Path, Path]) -> None:
    content, docs = site
    shutil.copy(content / "plans/next-plan-2022-2025/figures.yml", content / "plans/next-plan-2022-2025/figure.yml")
    assert_rejected(content, docs, [
        "CONTENT/plans/next-plan-2022-2025/figure.yml:1:1: unknown file 'figure.yml'; did you mean 'figures.yml'?",
    ])


def test_all_problems_come_in_one_run(site: tuple[Path, Path]) -> None:
    content, docs = site
    edit(content, PRIORITY, "title: A healthy start", "titel: A healthy start")
    edit(content, "plans/next-plan-2022-2025/plan.yml", "status: current", "status: curent")
    edit(content, "plans/next-plan-2022-2025/priorities/prevention.yml", "owners: [head-of-early-help]",
         "owners: [nobody]")
    before = snapshot(docs)
    result = run_build(content, docs)
    assert result.returncode == 1
    assert len(result.stderr.splitlines()) == 4
    assert result.stderr.splitlines()[-1] == "3 errors in 3 files; nothing in docs/ was changed."
    assert snapshot(docs) == before


def test_a_generated_page_changed_by_hand_is_not_overwritten(site: tuple[Path, Path]) -> None:
    content, docs = site
    (docs / "glossary" / "index.md").write_text("# My own glossary\n", encoding="utf-8")
    before = snapshot(docs)
    result = run_build(content, docs)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (
        f"{docs}/glossary/index.md:1:1: this page was changed by hand after the build wrote it; it is made from"
        " content/glossary.yml, so make the change there (or move your page to a new name), then delete this file")
    assert snapshot(docs) == before


def test_check_writes_nothing(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    result = run_build(SMALL, docs, "--check")
    assert result.returncode == 0
    assert result.stdout == "The content is valid: 2 plans, 3 priorities, 6 commitments, 3 measures.\n"
    assert not docs.exists()
