#!/usr/bin/env python3
"""Compare the site built by MkDocs (site/) with the one built by Zensical (site-zensical/).

Run after `make build` and `make zensical` (`make zensical-check` runs all three). Lists every
HTML page of site/ that Zensical did not build (exit code 1 if there is any), then what differs:
the side navigation and the abbreviations of one commitment page, search (Pagefind is run by our
MkDocs hook; Zensical has no hooks, so this script indexes site-zensical/ the same way), the
content-problems banner (added by the hook, in the preview only) and the output check
(plansite.guard) on Zensical's pages.
"""

from __future__ import annotations

import argparse
import sys
from html.parser import HTMLParser
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from plansite import guard, search_index  # noqa: E402

PAGE = "plans/improvement-plan-2025/partnerships/5.7/index.html"
"""A commitment page: not in the side navigation itself, so its navigation is the plans' own."""

BANNER = "content-problems"
"""The class of the hook's banner listing content problems (see mkdocs_hook.on_page_content)."""


class _Links(HTMLParser):
    """The links inside the primary (side) navigation, and the <abbr title> elements, of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.nav_links: list[str] = []
        self.abbrs: list[str] = []
        self._depth = 0  # how many <nav> elements deep inside the primary navigation

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "nav":
            if self._depth or "md-nav--primary" in values.get("class", "").split():
                self._depth += 1
        elif tag == "a" and self._depth and "href" in values:
            self.nav_links.append(values["href"])
        elif tag == "abbr" and "title" in values:
            self.abbrs.append(values["title"])

    def handle_endtag(self, tag: str) -> None:
        if tag == "nav" and self._depth:
            self._depth -= 1


def _read(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def _pages(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*.html")}


def _indexed(site: Path) -> int:
    """How many pages the Pagefind index of a site holds (one fragment file per page)."""
    return len(list((site / "pagefind" / "fragment").glob("*.pf_fragment")))


def _size(path: Path) -> str:
    return f"{path.stat().st_size / 1024:.0f} KiB" if path.exists() else "none"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mkdocs", type=Path, default=PROJECT / "site", help="MkDocs' site (default: site/)")
    parser.add_argument("--zensical", type=Path, default=PROJECT / "site-zensical",
                        help="Zensical's site (default: site-zensical/)")
    parser.add_argument("--page", default=PAGE, help=f"the page whose navigation is compared (default: {PAGE})")
    parser.add_argument("--no-index", action="store_true", help="do not run Pagefind on Zensical's site")
    args = parser.parse_args(argv)
    mkdocs, zensical = args.mkdocs, args.zensical
    for site, make in ((mkdocs, "make build"), (zensical, "make zensical")):
        if not (site / "index.html").exists():
            print(f"{site.name}/ has not been built: run `{make}` first", file=sys.stderr)
            return 2

    # Pages
    theirs, ours = _pages(mkdocs), _pages(zensical)
    missing, extra = sorted(theirs - ours), sorted(ours - theirs)
    print(f"Pages: {len(theirs)} HTML pages in {mkdocs.name}/, {len(ours)} in {zensical.name}/; "
          f"{len(missing)} missing from {zensical.name}/, {len(extra)} only in {zensical.name}/")
    for page in missing:
        print(f"  missing: {page}")
    for page in extra:
        print(f"  only in {zensical.name}/: {page}")

    # Navigation and abbreviations on one commitment page
    if args.page in theirs and args.page in ours:
        a, b = _read(mkdocs / args.page), _read(zensical / args.page)
        print(f"Navigation on {args.page}: {len(a.nav_links)} links in the side navigation with MkDocs, "
              f"{len(b.nav_links)} with Zensical")
        common = set(a.nav_links) & set(b.nav_links)
        same = [h for h in a.nav_links if h in common] == [h for h in b.nav_links if h in common]
        print(f"  links in both, in the same order: {'yes' if same else 'no'}")
        for href in sorted(set(a.nav_links) - set(b.nav_links)):
            print(f"  only with MkDocs: {href}")
        for href in sorted(set(b.nav_links) - set(a.nav_links)):
            print(f"  only with Zensical: {href}")
        print(f"Abbreviations on {args.page}: {len(a.abbrs)} <abbr title> with MkDocs, {len(b.abbrs)} with Zensical")
    else:
        print(f"Navigation, abbreviations: {args.page} is not in both sites; not compared")
    shared = sorted(theirs & ours)
    total_a = sum(len(_read(mkdocs / p).abbrs) for p in shared)
    total_b = sum(len(_read(zensical / p).abbrs) for p in shared)
    print(f"Abbreviations on all {len(shared)} shared pages: {total_a} with MkDocs, {total_b} with Zensical")

    # Search
    print(f"Search: Pagefind index in {mkdocs.name}/: {'yes' if (mkdocs / 'pagefind').is_dir() else 'no'} "
          f"({_indexed(mkdocs)} pages); in {zensical.name}/ as Zensical built it: "
          f"{'yes' if (zensical / 'pagefind').is_dir() else 'no'}")
    if not args.no_index:
        try:
            search_index.build_index(zensical)
        except search_index.SearchIndexError as err:
            print(f"  Pagefind failed on {zensical.name}/: {err}")
        else:
            print(f"  after running Pagefind as the hook does (search_index.build_index): "
                  f"{_indexed(zensical)} pages indexed")
    print(f"  the theme's own whole-site index search.json: {_size(mkdocs / 'search.json')} with MkDocs, "
          f"{_size(zensical / 'search.json')} with Zensical (MkDocs' config has plugins: [])")

    # The content-problems banner
    with_banner = [sum(BANNER in (site / p).read_text(encoding="utf-8") for p in shared) for site in (mkdocs, zensical)]
    print(f"Content-problems banner: on {with_banner[0]} pages with MkDocs, {with_banner[1]} with Zensical "
          "(the hook adds it only in the preview, `mkdocs serve`; Zensical runs no hooks, so never)")

    # The output check
    for site in (mkdocs, zensical):
        findings = guard.check_site(site)
        print(f"Output check (plansite.guard.check_site) on {site.name}/: {len(findings)} finding(s)")
        for finding in findings[:10]:
            print(f"  {finding.page}: {finding.what}")
        if len(findings) > 10:
            print(f"  … and {len(findings) - 10} more")

    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
