"""The whole site, built by one command: generate the pages → run the engine (MkDocs or Zensical)
→ check the output → index it for search → write the sitemap. Each step is a function of what the
step before produced. The engine writes into a staging folder beside the site; only a site that
passes every step replaces the last good one, so a failed build never leaves a half-written site."""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from plansite.model import urls
from plansite.publish import engines, guard, search_index, sitemap
from plansite.publish.build import Paths, Result, build
from plansite.render.nav import site_nav

SITE = "site"
"""The folder the site is built into, inside the project."""


class OutputRefused(Exception):
    """The built site failed the output check or could not be indexed; nothing was published."""


@dataclass(frozen=True)
class SiteBuild:
    """What a whole-site build produced."""

    result: Result
    """The generation: pages, statuses, sources."""
    engine: str
    site: Path
    pages: int
    """HTML pages in the built site."""


def build_site(paths: Paths, engine: str = engines.ENGINES[0], site: Path | None = None,
               workers: int | None = None, require_history: bool = False) -> SiteBuild:
    """Build the site into `site` (default: site/ in the project) with the given engine (with
    `require_history`, refuse a build that cannot see the whole history of the content)."""
    target = site or paths.project / SITE
    result = build(paths, workers=workers or os.cpu_count() or 1, require_history=require_history)
    staging = target.with_name(f".{target.name}.new")
    shutil.rmtree(staging, ignore_errors=True)
    try:
        _engine(paths, result, engine, staging)
        _after_engine(result, staging, target.name)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    _swap(staging, target)
    return SiteBuild(result, engine, target, sum(1 for _ in target.rglob("*.html")))


def _engine(paths: Paths, result: Result, engine: str, staging: Path) -> None:
    # The engine's configuration: mkdocs.yml, the navigation and the address the build worked out.
    folders = (os.path.relpath(paths.docs, paths.project), os.path.relpath(staging, paths.project))
    config = engines.configuration(engines.settings(paths.project), engine, site_nav(result.index, result.progress),
                                   folders, urls.site_address(result.index.content.site))
    engines.run(paths.project, engine, engines.write_config(paths.project, engine, config), staging)


def _after_engine(result: Result, site: Path, name: str) -> None:
    """The steps after the engine: the output check, the search index and the sitemap (`name`: the
    site folder's name in messages)."""
    check_output(result.sources, site, name)
    try:
        search_index.build_index(site)
    except search_index.SearchIndexError as err:
        raise OutputRefused(f"the search index could not be built: {err}") from None
    write_sitemap(result, site)


def check_output(sources: dict[str, list[str]], site: Path, name: str) -> None:
    """Refuse a site with anything that could run script or fetch from another host (guard.py),
    naming the page and the content it is made from (`sources`: page in docs/ → content files)."""
    findings = guard.check_site(site)
    if findings:
        raise OutputRefused(output_report(sources, name, findings))


def output_report(sources: dict[str, list[str]], name: str, findings: list[guard.Finding]) -> str:
    """The output check's findings, one per line, each naming where to look (`name`: the site folder)."""
    built = {urls.built_file(page): files for page, files in sources.items()}
    lines = [f"{name}/{f.page}: {f.what}; {_origin(built.get(f.page))}" for f in findings]
    return "\n".join(lines) + f"\nThe output check refused {len(findings)} thing(s) in the built pages."


def _origin(sources: list[str] | None) -> str:
    if sources:
        return (f"the page is made from {', '.join(sources)}: check the text there (if it looks right,"
                " the fault is in a template)")
    return "the page is not made from content: check its hand-written source in docs/ or the theme"


def write_sitemap(result: Result, site: Path) -> None:
    """Our sitemap at the site's address, or none when the address is not known (a sitemap needs full
    addresses; the engines' own would carry the build's date)."""
    for name in ("sitemap.xml", "sitemap.xml.gz"):
        (site / name).unlink(missing_ok=True)
    address = urls.site_address(result.index.content.site)
    if address:
        sitemap.write(site, address, {urls.built_file(page) for page in result.redirects})


def _swap(staging: Path, target: Path) -> None:
    # Two renames: the old site is replaced only once the new one is complete.
    old = target.with_name(f".{target.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    staging.rename(target)
    shutil.rmtree(old, ignore_errors=True)
