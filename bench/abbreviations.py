#!/usr/bin/env python3
"""Why the abbreviation list has a blank line between definitions: Python-Markdown's abbr extension
reads one definition per pass over a block, so a block of N definitions costs about N² work on
every page. Renders the real commitment page 5.7 with the real list both ways.

Usage: python bench/abbreviations.py   (after a build has written docs/)
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import markdown

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from plansite.publish.build import Paths, build  # noqa: E402

EXTENSIONS = ["abbr", "attr_list", "md_in_html", "tables", "toc", "admonition", "def_list", "pymdownx.details"]


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        docs = Path(tmp) / "docs"
        build(Paths(PROJECT, PROJECT / "content", docs))
        page = (docs / "plans/improvement-plan-2025/partnerships/5.7/index.md").read_text().split("---", 2)[2]
        spaced = (docs / "includes/abbreviations.md").read_text()
    tight = "\n".join(line for line in spaced.split("\n") if line.strip())
    for name, listing in (("a blank line between definitions", spaced), ("no blank lines", tight)):
        md = markdown.Markdown(extensions=EXTENSIONS)
        started = time.perf_counter()
        for _ in range(20):
            md.reset()
            md.convert(page + "\n\n" + listing)
        each = (time.perf_counter() - started) / 20 * 1000
        print(f"{name}: {each:.1f} ms per commitment page ({listing.count('*[')} definitions)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
