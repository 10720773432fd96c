"""Addresses that last: the committed list of every address the site has published, the redirect
pages that keep old ids working, and the check that no published address silently disappears.

A page's address is made from ids. When an editor changes a published id, the item keeps the old
one in `aliases:` and the old address becomes a page that sends readers on. An item that no longer
stands keeps its page with `retired:`. Anything else that would make a published address vanish
is a problem naming the address and the content file, so a link in a board paper never breaks."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from plansite.content.load import load_text
from plansite.core.problems import ContentError, Problem
from plansite.model import urls
from plansite.model.index import Index
from plansite.model.page import Page, alias_paths

LIST_FILE = "published-addresses.txt"
"""The list, inside content/: one address per line, kept in git."""

HEADER = """\
# Every address this site has published. The build fails when one of them would vanish: give the
# item its old id in `aliases:` (the old address then redirects) or mark it `retired:` (its page
# stays and says so). After adding pages, update this list with `make addresses`; never delete a
# line by hand.
"""


def redirects(pages: list[Page], index: Index) -> list[Page]:
    """A page at each old address, sending readers to the page it became; a problem when an old id's
    address is taken by another page."""
    real = {page.path for page in pages}
    made: dict[str, Page] = {}
    problems = []
    for page in pages:
        for old in alias_paths(page):
            if old in real:
                problems.append(_alias_problem(index, page, old))
            elif old not in made:
                made[old] = Page(old, "redirect.md.j2", page.sources, {"target": page.path, "item": _item(page)})
    if problems:
        raise ContentError(problems)
    return [made[path] for path in sorted(made)]


def _item(page: Page) -> Any:
    # The item a page shows: its commitment, measure or priority, else its plan.
    return next((page.context[k] for k in ("commitment", "measure", "priority") if k in page.context),
                page.context.get("bundle"))


def _alias_problem(index: Index, page: Page, old: str) -> Problem:
    item = _item(page)
    return index.content.locator.problem(
        item.plan if hasattr(item, "plan") else item, ("aliases",),
        f"the old address {urls.url(old)} is the address of another page now, so it cannot redirect"
        " here; remove the alias, or give the other item a different id")


def read_list(content: Path, label: str = "content") -> list[str] | None:
    """The published addresses, or None when the site has no list yet (ContentError when the file
    cannot be read by the rules every content file follows; `label`: content/ as messages name it)."""
    lines = _lines(content, label)
    return None if lines is None else [address for _, address in lines]


def _lines(content: Path, label: str) -> list[tuple[int, str]] | None:
    # (line number, address) for each address in the list.
    path = content / LIST_FILE
    if not path.exists() and not path.is_symlink():
        return None
    text, problems = load_text(path, f"{label}/{LIST_FILE}", content)
    if text is None:
        raise ContentError(problems)
    return [(n, line.strip()) for n, line in enumerate(text.splitlines(), 1)
            if line.strip() and not line.startswith("#")]


def vanished(content: Path, label: str, pages: list[Page], index: Index,
             history: set[str] = frozenset()) -> list[Problem]:
    """A problem for every published address that no page (or redirect) would answer any more: every
    address in the list, and every page the content's history has published (`history`, page paths),
    so that removing a line from the list hides nothing."""
    listed = _lines(content, label) or []
    line_of = {address: line for line, address in listed}
    answered = {urls.url(page.path) for page in pages}
    published = dict.fromkeys(a for _, a in listed) | dict.fromkeys(sorted(urls.url(path) for path in history))
    gone = [address for address in published if address not in answered]
    # The addresses under a vanished one (a removed plan's commitments) are not listed one by one.
    gone = [a for a in gone if not any(a != b and a.startswith(b) for b in gone)]
    return [_vanished(index, address, label, line_of.get(address)) for address in gone]


def _vanished(index: Index, address: str, label: str, line: int | None) -> Problem:
    # Name the content file the address was made from, where it still exists.
    parts = address.strip("/").split("/")
    what = ("if its id was changed, add the old id to the item's `aliases:`; if it was removed on"
            " purpose, put it back with `retired:` (date, reason, instead)")
    message = f"the published address {address} would vanish: {what}"
    locator = index.content.locator
    if parts[0] == "plans" and len(parts) > 1 and parts[1] in index.plans:
        bundle = index.plans[parts[1]]
        if len(parts) > 3 and parts[2] != "measures" and (bundle.id, parts[2]) in index.priorities:
            priority = index.priorities[(bundle.id, parts[2])]
            return locator.problem(priority, ("commitments",), f"commitment '{parts[3]}' is gone and {message}")
        if len(parts) > 3 and parts[2] == "measures":
            return Problem(f"{bundle.folder}/priorities", 1, 1, f"measure '{parts[3]}' is gone and {message}")
        if bundle.plan is not None:
            return locator.problem(bundle.plan, ("priorities",), f"'{parts[2]}' is gone and {message}")
    if line is not None:
        return Problem(f"{label}/{LIST_FILE}", line, 1, message)
    if parts[0] == "plans" and len(parts) == 2:
        return Problem(f"{label}/plans/{parts[1]}/plan.yml", 1, 1, f"the plan '{parts[1]}' is gone and the"
                       f" published address {address} would vanish: if its id was changed, add the old id to"
                       " the plan's `aliases:`; if it was removed on purpose, put it back (a plan no longer in"
                       " force stays, with status: archived)")
    return Problem(f"{label}/plans", 1, 1, f"{message} (the content's history published it)")


def record(content: Path, pages: list[Page]) -> tuple[int, int]:
    """Add every address the site now publishes to the list (never removing one); (added, total)."""
    published = read_list(content) or []
    current = {urls.url(page.path) for page in pages if page.path != urls.ABBREVIATIONS}  # a snippet, not a page
    every = sorted(set(published) | current)
    (content / LIST_FILE).write_text(HEADER + "".join(f"{a}\n" for a in every), encoding="utf-8")
    return len(every) - len(set(published)), len(every)
