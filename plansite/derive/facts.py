"""What one version of the content says that a reader relies on, per item: reduced from the resolved
model (so facts that reach the model from any source, such as a tracker's rows, are tracked with no
extra work) to plain data that can be kept in the history cache and compared with other versions.

An item is known by its page path (made from ids, never from titles); `moved` maps the paths an item
had under its old ids (its aliases) to the path it has now."""

from __future__ import annotations

from typing import Any

from plansite.model import titles, urls
from plansite.model.index import Index
from plansite.model.page import Page, alias_paths

FORMAT = 4
"""The version of the facts' shape; raise it whenever of_version() changes, so old caches are not used."""


def of_version(index: Index, memo: Any = None) -> dict[str, Any]:
    """{'items': page path → facts, 'moved': old path → page path} for every published item. With a
    memo (read.Memo), the facts of a plan folder that has not changed are not worked out again."""
    items: dict[str, dict[str, Any]] = {}
    moved: dict[str, str] = {}
    for bundle in index.plans.values():
        key = ("facts", FORMAT, bundle.key) if memo is not None and bundle.key else None
        found = memo.get(key) if key else None
        if found is None:
            found = _plan_facts(bundle)
            if key:
                memo.put(key, found)
        items.update(found[0])
        for old, new in found[1].items():
            moved.setdefault(old, new)
    return {"format": FORMAT, "items": items, "moved": moved}


def _plan_facts(bundle: Any) -> tuple[dict[str, Any], dict[str, str]]:
    items: dict[str, Any] = {}
    moved: dict[str, str] = {}
    for path, (item, context) in _pages(bundle).items():
        items[path] = _facts(item, context)
        for old in alias_paths(Page(path, "", [], context)):
            moved.setdefault(old, path)
    return items, moved


def items_of(index: Index) -> dict[str, Any]:
    """Page path → the item it shows (a plan bundle, priority, commitment or measure)."""
    return {path: item for bundle in index.plans.values() for path, (item, _) in _pages(bundle).items()}


def _pages(bundle: Any) -> dict[str, tuple[Any, dict[str, Any]]]:
    found: dict[str, tuple[Any, dict[str, Any]]] = {urls.page_of(bundle): (bundle, {"bundle": bundle})}
    for priority in bundle.priorities:
        context = {"bundle": bundle, "priority": priority}
        found[urls.page_of(priority)] = (priority, context)
        for c in priority.commitments:
            found[urls.page_of(c)] = (c, context | {"commitment": c})
        for m in priority.measures:
            found[urls.page_of(m)] = (m, context | {"measure": m})
    return found


def _facts(item: Any, context: dict[str, Any]) -> dict[str, Any]:
    if item is context["bundle"]:
        return {"kind": "plan", "name": item.plan.title, "words": item.plan.title}
    kind = type(item).__name__.lower()
    fact: dict[str, Any] = {"kind": kind, "retired": _retired(item), "reasons": _reasons(item)}
    if kind == "priority":
        return fact | {"name": titles.priority_name(item), "words": item.title}
    if kind == "commitment":
        return fact | {"name": titles.commitment_name(item), "words": str(item.text), "title": item.title,
                       "due": item.due, "owners": list(item.owners),
                       "updates": [_update(u) for u in item.progress]}
    return fact | {"name": item.name, "words": item.name, "unit": item.unit, "direction": item.direction,
                   "baseline": _point(item.baseline), "targets": [_point(t) for t in item.targets],
                   "values": [_point(v) for v in item.values]}


def _retired(item: Any) -> str | None:
    return None if item.retired is None else item.retired.date


def _reasons(item: Any) -> list[list]:
    # [date, what, words, minor] of each reason given on the item (its retirement's too)
    given = [[c.date, c.what, str(c.why), c.minor] for c in item.changes]
    if item.retired is not None:
        given.append([item.retired.date, "retired", str(item.retired.reason), False])
    return given


def _point(point: Any) -> list | None:
    # [date, number, words, period label]
    return None if point is None else [point.date, point.value, point.text, point.label]


def _update(update: Any) -> list:
    # [date, status, words, evidence, the file it came from]
    return [update.date, update.status, str(update.note), list(update.evidence), getattr(update, "_file", "")]
