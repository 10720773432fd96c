"""Loading cannot be broken: whatever is in content/ (bad bytes, links, folders, aliases, deep
nesting, huge files, impossible dates), the build says file:line:col, what is wrong and what to
do, exits 1 within seconds, leaves docs/ unchanged, and never shows a traceback."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plansite.content.read import read_content
from plansite.core.problems import ContentError
from plansite.model.resolve import resolve

from conftest import PRIORITY, PROJECT, assert_rejected, edit, run_build

PLAN = "plans/first-plan-2019-2022"


def write(content: Path, rel: str, data: bytes) -> None:
    (content / rel).write_bytes(data)


def test_a_nul_byte(site: tuple[Path, Path]) -> None:
    content, docs = site
    text = (content / PRIORITY).read_bytes().replace(b"Support new", b"Support\x00new")
    write(content, PRIORITY, text)
    assert_rejected(content, docs, [
        f"CONTENT/{PRIORITY}:8:18: the text holds an invisible character (U+0000) that pages cannot show;"
        " delete it (it often comes with text copied from a PDF or a word processor)",
    ])


def test_a_control_character_written_as_an_escape(site: tuple[Path, Path]) -> None:
    content, docs = site
    edit(content, PRIORITY, "text: Support new parents.", 'text: "Support\\x07 new parents."')
    assert_rejected(content, docs, [
        f"CONTENT/{PRIORITY}:8:11: the text holds an invisible character (U+0007) that pages cannot show;"
        " delete it (it often comes with text copied from a PDF or a word processor)",
    ])


def test_text_that_is_not_utf8(site: tuple[Path, Path]) -> None:
    content, docs = site
    write(content, PRIORITY, (content / PRIORITY).read_bytes().replace(b"Support new", "Support né".encode("latin-1")))
    assert_rejected(content, docs, [
        f"CONTENT/{PRIORITY}:8:20: the file is not UTF-8 text (byte 0xe9 here); save it as UTF-8 in your editor",
    ])


def test_a_byte_order_mark_and_windows_line_endings_are_fine(site: tuple[Path, Path]) -> None:
    content, docs = site
    text = (content / PRIORITY).read_text(encoding="utf-8")
    write(content, PRIORITY, b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode())
    result = run_build(content, docs)
    assert result.returncode == 0, result.stderr
    assert "Support new parents." in (docs / f"{PLAN}/healthy-start/2/index.md").read_text(encoding="utf-8")
    write(content, PRIORITY, text.replace("\n", "\r\n").replace("title: A healthy", "titel: A healthy").encode())
    assert_rejected(content, docs, [
        f"CONTENT/{PRIORITY}:2:1: unknown key 'titel' in a priority; did you mean 'title'?",
    ])


def test_a_link_that_leaves_content(site: tuple[Path, Path], tmp_path: Path) -> None:
    content, docs = site
    secret = tmp_path / "secret.yml"
    secret.write_text("id: secret\ntitle: Not for publishing\n", encoding="utf-8")
    (content / f"{PLAN}/priorities/secret.yml").symlink_to(secret)
    assert_rejected(content, docs, [
        f"CONTENT/{PLAN}/priorities/secret.yml:1:1: this is a link to a file outside content/;"
        " copy the file into content/ instead",
    ])


def test_a_broken_link(site: tuple[Path, Path]) -> None:
    content, docs = site
    (content / f"{PLAN}/voices.yml").symlink_to(content / "nowhere.yml")
    assert_rejected(content, docs, [
        f"CONTENT/{PLAN}/voices.yml:1:1: this is a link to a file that does not exist;"
        " delete the link or restore the file",
    ])


def test_a_folder_named_like_a_file(site: tuple[Path, Path]) -> None:
    content, docs = site
    (content / f"{PLAN}/priorities/extra.yml").mkdir()
    assert_rejected(content, docs, [
        f"CONTENT/{PLAN}/priorities/extra.yml:1:1: 'extra.yml' is a folder, but its name ends like a content file;"
        " rename the folder (or move its files out)",
    ])


def test_hidden_backup_and_lock_files_are_ignored(site: tuple[Path, Path]) -> None:
    content, docs = site
    folder = content / f"{PLAN}/priorities"
    for name in (".healthy-start.yml.swp", "healthy-start.yml~", "#healthy-start.yml#", ".draft.yml"):
        (folder / name).write_text("this: [is not: valid", encoding="utf-8")
    (folder / ".#healthy-start.yml").symlink_to("user@host.1234")  # how Emacs marks a file it has open
    result = run_build(content, docs)
    assert result.returncode == 0, result.stderr


def test_an_alias_bomb_is_refused_at_once(site: tuple[Path, Path]) -> None:
    content, docs = site
    bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    bomb += [f"{chr(98 + i)}: &{chr(98 + i)} [{','.join([f'*{chr(97 + i)}'] * 9)}]" for i in range(9)]
    write(content, PRIORITY, ("\n".join(bomb) + "\n").encode())
    started = time.monotonic()
    assert_rejected(content, docs, [
        f"CONTENT/{PRIORITY}:2:8: '*a' repeats a value from elsewhere in the file (a YAML alias), which content"
        " files do not allow; write the value out in full",
    ])
    assert time.monotonic() - started < 10


def test_a_recursive_alias(site: tuple[Path, Path]) -> None:
    content, docs = site
    write(content, PRIORITY, b"id: &loop [*loop]\n")
    assert_rejected(content, docs, [
        f"CONTENT/{PRIORITY}:1:12: '*loop' repeats a value from elsewhere in the file (a YAML alias), which"
        " content files do not allow; write the value out in full",
    ])


def test_deep_nesting(site: tuple[Path, Path]) -> None:
    content, docs = site
    write(content, PRIORITY, b"id: " + b"[" * 100_000 + b"]" * 100_000 + b"\n")
    assert_rejected(content, docs, [
        f"CONTENT/{PRIORITY}:1:34: the lists and keys here are nested more than 30 levels deep;"
        " check the indentation and brackets",
    ])


def test_a_huge_file(site: tuple[Path, Path]) -> None:
    content, docs = site
    write(content, PRIORITY, b"id: healthy-start\nnotes: " + b"x" * 2_000_000 + b"\n")
    assert_rejected(content, docs, [
        f"CONTENT/{PRIORITY}:1:1: the file is larger than 1000 kB; split it (a plan's priorities each have"
        " their own file) or check it is the right file",
    ])


def test_an_impossible_date(site: tuple[Path, Path]) -> None:
    content, docs = site
    edit(content, PRIORITY, "text: Support new parents.", "text: Support new parents.\n    due: 2025-02-30")
    assert_rejected(content, docs, [
        f"CONTENT/{PRIORITY}:9:10: 'due': '2025-02-30' is not a real date: February 2025 has 28 days;"
        " check the day",
    ])


def test_schema_and_reference_problems_are_reported_together(site: tuple[Path, Path]) -> None:
    content, docs = site
    edit(content, PRIORITY, "title: A healthy start", "titel: A healthy start")
    edit(content, "plans/next-plan-2022-2025/reflection.yml", "first-plan-2019-2022/healthy-start",
         "first-plan-2019-2022/healthy-strat")
    result = run_build(content, docs)
    assert result.returncode == 1
    assert "unknown key 'titel'" in result.stderr
    assert "has no priority 'healthy-strat'" in result.stderr or "healthy-strat" in result.stderr


PIECES = st.one_of(st.text(st.sampled_from(list("abc:-[]{}&*!|>'\"#%@` \t\\,?é")), max_size=6), st.sampled_from(
    ["id: x", "title: T", "commitments:", "  - id: \"1\"", "    text: x", "due: 2025-02-30", "&a ", "*a", "!!str ",
     "---", "...", "%YAML 1.1", "? x", ": y", "\ufeff", "  ", "    "]))
LINES = st.lists(st.lists(PIECES, max_size=6).map("".join), max_size=15)


@settings(max_examples=int(os.environ.get("HYPOTHESIS_EXAMPLES", "150")), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lines=LINES)
def test_random_yaml_never_gives_a_traceback(site: tuple[Path, Path], lines: list[str]) -> None:
    content, _ = site
    (content / PRIORITY).write_text("\n".join(lines), encoding="utf-8")
    try:
        resolve(read_content(content, content.parent))
    except ContentError as err:
        assert all(p.line >= 1 and p.column >= 1 and p.message for p in err.problems)


def test_a_broken_site_file_is_reported_alone_with_the_real_content(tmp_path: Path) -> None:
    # Checks that need the site's date (a plan marked 'ended') must wait, not fail, when site.yml is broken.
    content = tmp_path / "content"
    shutil.copytree(PROJECT / "content", content)
    (content / "site.yml").write_text("name: [broken\n", encoding="utf-8")
    result = run_build(content, tmp_path / "docs")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.splitlines()[0].startswith(f"{content}/site.yml:2:1: invalid YAML")


# The published-address list is content too: the same loading rules -------------------------------

def _record(content: Path, docs: Path) -> Path:
    assert run_build(content, docs, "--record-addresses").returncode == 0
    return content / "published-addresses.txt"


def test_the_address_list_with_a_byte_order_mark_and_windows_line_ends_is_read(site: tuple[Path, Path]) -> None:
    content, docs = site
    listed = _record(content, docs)
    addresses = [line for line in listed.read_text(encoding="utf-8").splitlines() if line.startswith("/")]
    listed.write_bytes(b"\xef\xbb\xbf" + "\r\n".join(addresses).encode())  # an address on the first line
    result = run_build(content, docs)
    assert result.returncode == 0, result.stderr


def test_an_address_list_that_is_not_utf8_is_a_located_problem(site: tuple[Path, Path]) -> None:
    content, docs = site
    listed = _record(content, docs)
    listed.write_bytes(listed.read_bytes().replace(b"/glossary/", "/glossaire-é/".encode("latin-1")))
    line = next(n for n, text in enumerate(listed.read_bytes().split(b"\n"), 1) if b"glossaire" in text)
    assert_rejected(content, docs, [
        f"CONTENT/published-addresses.txt:{line}:12: the file is not UTF-8 text (byte 0xe9 here); save it as UTF-8"
        " in your editor"])
    assert run_build(content, docs, "--check").returncode == 1


def test_an_address_list_linked_from_outside_content_is_refused(site: tuple[Path, Path], tmp_path: Path) -> None:
    content, docs = site
    outside = tmp_path / "elsewhere.txt"
    outside.write_text("/secret/\n", encoding="utf-8")
    (content / "published-addresses.txt").symlink_to(outside)
    assert_rejected(content, docs, [
        "CONTENT/published-addresses.txt:1:1: this is a link to a file outside content/; copy the file into content/"
        " instead"])


def test_an_address_list_too_large_or_with_hidden_characters_is_refused(site: tuple[Path, Path]) -> None:
    content, docs = site
    listed = content / "published-addresses.txt"
    listed.write_text("/\n/glossary/\x07\n", encoding="utf-8")
    assert_rejected(content, docs, [
        "CONTENT/published-addresses.txt:2:11: the text holds an invisible character (U+0007) that pages cannot show;"
        " delete it (it often comes with text copied from a PDF or a word processor)"])
    listed.write_text("/\n" * 600_000, encoding="utf-8")
    assert_rejected(content, docs, [
        "CONTENT/published-addresses.txt:1:1: the file is larger than 1000 kB; split it (a plan's priorities each have"
        " their own file) or check it is the right file"])
