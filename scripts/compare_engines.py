#!/usr/bin/env python3
"""Compare the site built by MkDocs (site/) with the one built by Zensical (site-zensical/).

`make zensical-check` builds both with the same build command (scripts/build_pages.py --site) and
runs this. It reports every difference a reader or a search could notice — pages, each page's side
navigation, abbreviations and text, the search index, the output check — and exits 1 if there is any.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from plansite.publish.engine_diff import compare  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mkdocs", type=Path, default=PROJECT / "site", help="MkDocs' site (default: site/)")
    parser.add_argument("--zensical", type=Path, default=PROJECT / "site-zensical",
                        help="Zensical's site (default: site-zensical/)")
    args = parser.parse_args(argv)
    for site, make in ((args.mkdocs, "make build"), (args.zensical, "make zensical")):
        if not (site / "index.html").exists():
            print(f"{site.name}/ has not been built: run `{make}` first", file=sys.stderr)
            return 2
    result = compare(args.mkdocs, args.zensical)
    compared = ", ".join(f"{n} {what}" for what, n in result.counts.items())
    print(f"Compared {args.mkdocs.name}/ (MkDocs) with {args.zensical.name}/ (Zensical): {compared}.")
    for line in result.differences[:50]:
        print(f"  {line}")
    if len(result.differences) > 50:
        print(f"  … and {len(result.differences) - 50} more")
    print(f"{len(result.differences)} difference(s).")
    return 1 if result.differences else 0


if __name__ == "__main__":
    sys.exit(main())
