#!/usr/bin/env python3
"""Build the site from the YAML in content/.

With --site, the whole site: the pages in docs/, then the engine (MkDocs or Zensical) into site/,
then the output check, the search index and the sitemap (`make build`). Without it, only the pages
in docs/. `mkdocs serve` runs the same steps through plansite/preview/mkdocs_hook.py for the preview.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from plansite.content import json_schema  # noqa: E402
from plansite.core.problems import ContentError  # noqa: E402
from plansite.derive import addresses, history, progress  # noqa: E402
from plansite.model.index import Index  # noqa: E402
from plansite.preview import zensical_preview  # noqa: E402
from plansite.publish import engines, lock, workbook  # noqa: E402
from plansite.publish.build import Paths, build, check, plan_site  # noqa: E402
from plansite.publish.site_build import OutputRefused, build_site  # noqa: E402
from plansite.publish.write import remove_generated, state_dir  # noqa: E402


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
    mode.add_argument("--site", action="store_true",
                      help="build the whole site: pages, engine, output check, search index, sitemap")
    mode.add_argument("--serve", action="store_true",
                      help="preview the site with --engine zensical (MkDocs' preview is `mkdocs serve`: make serve)")
    parser.add_argument("--dev-addr", default="127.0.0.1:8000", help="with --serve: where the preview answers")
    parser.add_argument("--engine", choices=engines.ENGINES, default=engines.ENGINES[0],
                        help=f"with --site: the engine that turns pages into HTML (default: {engines.ENGINES[0]})")
    parser.add_argument("--site-dir", type=Path, help="with --site: the folder to build into (default: site/)")
    parser.add_argument("--require-history", action="store_true",
                        help="refuse to build (or check) when the whole git history of the content cannot be read,"
                        f" as in a shallow clone; {history.REQUIRE}=1 does the same (the publish workflow sets it)")
    mode.add_argument("--tracker", action="store_true",
                      help=f"write a progress tracker (XLSX) for each plan in force into {workbook.FOLDER}/")
    parser.add_argument("--content", type=Path, help="the content folder (default: content/)")
    parser.add_argument("--docs", type=Path, help="the folder to write pages into (default: docs/)")
    parser.add_argument("--out", type=Path, help=f"with --tracker: where to write (default: {workbook.FOLDER}/)")
    args = parser.parse_args(argv)
    default = Paths.for_project(PROJECT)
    paths = Paths(PROJECT, (args.content or default.content).resolve(), (args.docs or default.docs).resolve())
    if args.serve:
        if args.engine != "zensical":
            print("--serve is the preview with Zensical; MkDocs' is `make serve` (mkdocs serve)", file=sys.stderr)
            return 2
        return zensical_preview.serve(paths, args.dev_addr)  # each regeneration takes the build lock itself
    try:
        with lock.hold(state_dir(paths.docs)):  # one build at a time in this folder (see plansite/publish/lock.py)
            return _run(args, paths)
    except ContentError as err:
        print(err.report(), file=sys.stderr)
        return 1
    except (engines.EngineError, OutputRefused) as err:
        print(f"{err}\nThe site was not built; the last good site is unchanged.", file=sys.stderr)
        return 1


def _run(args: argparse.Namespace, paths: Paths) -> int:
    if args.clean:
        print(f"removed {remove_generated(paths.docs)} generated pages from {paths.label(paths.docs)}/")
        return 0
    require = history.required(args.require_history)
    if args.check:
        site = plan_site(paths, require_history=require, workers=os.cpu_count() or 1)
        _say_history(site.history.missing)
        print(f"The content is valid: {_counts(site.index)}.")
    elif args.schemas:
        written = json_schema.write(PROJECT)
        lined = json_schema.add_modelines(paths.content)
        print(f"{written} schemas written in {json_schema.FOLDER}/; {lined} content files given their modeline.")
    elif args.tracker:
        _trackers(paths, (args.out or PROJECT / workbook.FOLDER).resolve())
    elif args.record_addresses:
        added, total = addresses.record(paths.content, plan_site(paths).pages)
        print(f"{paths.label(paths.content)}/{addresses.LIST_FILE}: {added} addresses added, {total} in all.")
    elif args.site:
        done = build_site(paths, args.engine, args.site_dir.resolve() if args.site_dir else None,
                          require_history=require)
        _say_history(done.result.history_missing)
        print(f"Built the site with {done.engine} into {paths.label(done.site)}/: {done.pages} HTML pages"
              f" from {_counts(done.result.index)}.")
    else:
        result = build(paths, workers=os.cpu_count() or 1, require_history=require)
        _say_history(result.history_missing)
        print(f"Built {len(result.pages)} pages from {_counts(result.index)}:"
              f" {result.written} written, {result.deleted} removed.")
    return 0


def _say_history(missing: str | None) -> None:
    if missing:
        print(history.note(missing))


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
