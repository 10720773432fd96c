#!/usr/bin/env python3
"""Build the site's Markdown pages in docs/ from the YAML in content/.

`mkdocs build` and `mkdocs serve` run this themselves (through plansite/mkdocs_hook.py); run it
directly to check content (--check) or before another engine such as Zensical builds docs/.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from plansite import addresses, json_schema, progress  # noqa: E402
from plansite.build import Paths, build, check, plan_site  # noqa: E402
from plansite.index import Index  # noqa: E402
from plansite.problems import ContentError  # noqa: E402
from plansite.trackers import workbook  # noqa: E402
from plansite.write import remove_generated  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    """Parse the arguments, run the build, print problems; return the exit code."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--check", action="store_true", help="check the content; write nothing")
    mode.add_argument("--clean", action="store_true", help="remove every generated page from docs/")
    mode.add_argument("--schemas", action="store_true",
                      help="write the JSON Schemas for editors into schemas/ and the modeline into each content file")
    mode.add_argument("--record-addresses", action="store_true",
                      help=f"add every address the site now publishes to content/{addresses.LIST_FILE}")
    mode.add_argument("--tracker", action="store_true",
                      help=f"write a progress tracker (XLSX) for each plan in force into {workbook.FOLDER}/")
    parser.add_argument("--content", type=Path, help="the content folder (default: content/)")
    parser.add_argument("--docs", type=Path, help="the folder to write pages into (default: docs/)")
    parser.add_argument("--out", type=Path, help=f"with --tracker: where to write (default: {workbook.FOLDER}/)")
    args = parser.parse_args(argv)
    default = Paths.for_project(PROJECT)
    paths = Paths(PROJECT, (args.content or default.content).resolve(), (args.docs or default.docs).resolve())
    if args.clean:
        print(f"removed {remove_generated(paths.docs)} generated pages from {paths.label(paths.docs)}/")
        return 0
    try:
        if args.check:
            index = plan_site(paths).index
            print(f"The content is valid: {_counts(index)}.")
        elif args.schemas:
            written = json_schema.write(PROJECT)
            lined = json_schema.add_modelines(paths.content)
            print(f"{written} schemas written in {json_schema.FOLDER}/; {lined} content files given their modeline.")
        elif args.tracker:
            _trackers(paths, (args.out or PROJECT / workbook.FOLDER).resolve())
        elif args.record_addresses:
            added, total = addresses.record(paths.content, plan_site(paths).pages)
            print(f"{paths.label(paths.content)}/{addresses.LIST_FILE}: {added} addresses added, {total} in all.")
        else:
            result = build(paths, workers=os.cpu_count() or 1)
            print(f"Built {len(result.pages)} pages from {_counts(result.index)}:"
                  f" {result.written} written, {result.deleted} removed.")
    except ContentError as err:
        print(err.report(), file=sys.stderr)
        return 1
    return 0


def _trackers(paths: Paths, folder: Path) -> None:
    index = check(paths)
    written = workbook.write(folder, index, progress.derive(index))
    for path, rows in written:
        print(f"{paths.label(path)}: {rows} commitments; fill in Date, Status and Update, then save it in the"
              f" plan's progress/ folder")
    if not written:
        print(f"No plan is in force as of {index.content.site.as_of}; no tracker written.")


def _counts(index: Index) -> str:
    return (f"{len(index.plans)} plans, {len(index.priorities)} priorities,"
            f" {len(index.commitments)} commitments, {len(index.measures)} measures")


if __name__ == "__main__":
    sys.exit(main())
