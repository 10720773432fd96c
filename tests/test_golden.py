"""The generated Markdown for the small fixture site, compared with reviewed expected pages.

Regenerate the expected pages with `make update-goldens` (pytest --update-goldens), then read the
diff before committing it."""

from __future__ import annotations

import shutil
from pathlib import Path

from plansite.publish.build import Paths, generate

from conftest import FIXTURES

SMALL = FIXTURES / "small"
EXPECTED = SMALL / "expected"


def test_generated_pages_match_the_goldens(update_goldens: bool) -> None:
    pages = generate(Paths(SMALL, SMALL / "content", SMALL / "docs")).pages
    if update_goldens:
        shutil.rmtree(EXPECTED, ignore_errors=True)
        for rel, body in pages.items():
            (EXPECTED / rel).parent.mkdir(parents=True, exist_ok=True)
            (EXPECTED / rel).write_text(body, encoding="utf-8")
    expected = {p.relative_to(EXPECTED).as_posix(): p.read_text(encoding="utf-8")
                for p in sorted(EXPECTED.rglob("*")) if p.is_file()}
    assert sorted(pages) == sorted(expected), "pages added or removed; run `make update-goldens` and review"
    for rel, body in pages.items():
        assert body == expected[rel], f"{rel} differs from its golden; run `make update-goldens` and review"


def test_same_content_builds_the_same_bytes(tmp_path: Path) -> None:
    first = generate(Paths(SMALL, SMALL / "content", tmp_path)).pages
    second = generate(Paths(SMALL, SMALL / "content", tmp_path)).pages
    assert first == second
    assert all(body.endswith("\n") and "\r" not in body for body in first.values())
