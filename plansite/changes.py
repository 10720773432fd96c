"""Changes in the open: what changed in each published item, found from the content's own git
history, and the reasons editors gave.

Each version of content/ in git since `site.track_changes_from` (and the working copy, for the
preview; versions.py reads them) is reduced to facts per item page: its words, due date, owners,
targets, baseline, values and whether it is retired. Consecutive versions are compared. A change that weakens a promise
(a due date moved later, a target lowered or moved later, a commitment reworded or retired) needs
a `changes:` entry on the item saying why, or the build stops with a copy-ready entry to add."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from . import addresses, dates, text, titles, urls, vocabulary
from .index import Index, plan_of
from .problems import Problem
from .render import Page

FORMAT = 1
"""The version of the facts kept in the cache; raise it when facts() changes."""

ITEM_TEMPLATES = {"plan.md.j2": "bundle", "priority.md.j2": "priority", "commitment.md.j2": "commitment",
                  "measure.md.j2": "measure"}
"""The pages whose items are tracked, and the context key of each page's item."""

NEEDS_REASON = {"wording", "due", "target", "target-date", "retired"}
"""Kinds of change that weaken a promise when they go the wrong way, and so need a reason."""

WHERE = {"wording": ("text",), "due": ("due",), "target": ("targets",), "target-date": ("targets",),
         "retired": ("retired",)}
"""The key of the item a missing reason is reported at."""


@dataclass
class Change:
    """One change to one item, found in the history, with the reason given for it (if any)."""

    page: str
    """The page of the item as it is now."""
    kind: str
    """added, renamed, wording, due, owners, target, target-date, baseline, value or retired."""
    said: str
    """What changed, in plain words ('The due date moved from November 2025 to November 2026.')."""
    date: str | None
    """The date of the commit that made it (YYYY-MM-DD); None while it is not yet committed."""
    weakens: bool = False
    why: Any = None
    """The reason (Markdown) from the item's `changes:` entry."""
    minor: bool = False
    item: Any = None
    """The item now (a plan bundle, priority, commitment or measure)."""

    @property
    def plan(self) -> Any:
        return plan_of(self.item)


# Facts ------------------------------------------------------------------------------------------


def facts(index: Index, pages: list[Page]) -> dict[str, Any]:
    """What each item page says that a change could matter in, and the old addresses that lead to it."""
    items: dict[str, dict[str, Any]] = {}
    moved: dict[str, str] = {}
    for page in pages:
        key = ITEM_TEMPLATES.get(page.template)
        if key is None:
            continue
        items[page.path] = _fact(page.context[key])
        for old in addresses.alias_paths(page):
            moved[old] = page.path
    return {"format": FORMAT, "items": items, "moved": moved}


def _fact(item: Any) -> dict[str, Any]:
    if hasattr(item, "plan"):  # a plan bundle
        return {"kind": "plan", "name": item.plan.title, "words": item.plan.title}
    kind = type(item).__name__.lower()
    fact: dict[str, Any] = {"kind": kind, "retired": item.retired is not None}
    if kind == "priority":
        fact |= {"name": titles.priority_name(item), "words": item.title}
    elif kind == "commitment":
        fact |= {"name": titles.commitment_name(item), "words": str(item.text), "due": item.due,
                 "owners": list(item.owners)}
    else:
        fact |= {"name": item.name, "words": item.name, "unit": item.unit, "direction": item.direction,
                 "baseline": _point(item.baseline), "targets": [_point(t) for t in item.targets],
                 "values": [_point(v) for v in item.values]}
    return fact


def _point(point: Any) -> list | None:
    return None if point is None else [point.date, point.value, point.text]


# Comparing two versions --------------------------------------------------------------------------


def compare(old: dict[str, Any], new: dict[str, Any], date: str | None) -> list[Change]:
    """The changes from one version's facts to the next, dated `date`."""
    found: list[Change] = []
    reached = set()
    for path, before in old["items"].items():
        now_at = path if path in new["items"] else new["moved"].get(path)
        if now_at is None:
            continue  # a vanished address is refused by the published-address check
        reached.add(now_at)
        after = new["items"][now_at]
        if now_at != path:
            found.append(Change(now_at, "renamed", f"Its address changed from {urls.url(path)} to"
                                f" {urls.url(now_at)}; the old address still leads here.", date))
        found += [Change(now_at, kind, said, date, weakens) for kind, said, weakens in _differences(before, after)]
    for path, after in new["items"].items():
        if path not in reached and path not in old["items"]:
            found.append(Change(path, "added", f"{text.first_upper(_kind_word(after))} was added.", date))
    return found


def _kind_word(fact: dict[str, Any]) -> str:
    return {"plan": "this plan", "priority": "this priority", "commitment": "this commitment",
            "measure": "this measure"}[fact["kind"]]


def _differences(before: dict[str, Any], after: dict[str, Any]) -> list[tuple[str, str, bool]]:
    out: list[tuple[str, str, bool]] = []
    if before["words"] != after["words"]:
        out.append(("wording", f"The words changed. They were: “{text.plain(before['words'])}”",
                    after["kind"] == "commitment"))
    if after["kind"] == "commitment":
        out += _due(before.get("due"), after.get("due"))
        if before.get("owners") != after.get("owners"):
            out.append(("owners", "Who is responsible changed.", False))
    if after["kind"] == "measure":
        out += _measure(before, after)
    if not before.get("retired") and after.get("retired"):
        out.append(("retired", f"{text.first_upper(_kind_word(after))} was retired.", True))
    return out


def _due(old: str | None, new: str | None) -> list[tuple[str, str, bool]]:
    if old == new:
        return []
    if new is None:
        return [("due", f"The due date ({text.date(old)}) was removed.", True)]
    if old is None:
        return [("due", f"A due date was set: {text.date(new)}.", False)]
    later = dates.end(new) > dates.end(old)
    return [("due", f"The due date moved {'later' if later else 'earlier'}, from {text.date(old)} to"
             f" {text.date(new)}.", later)]


def _measure(before: dict[str, Any], after: dict[str, Any]) -> list[tuple[str, str, bool]]:
    unit, direction = after.get("unit"), after.get("direction")
    out = []
    old_targets, new_targets = before.get("targets") or [], after.get("targets") or []
    for i in range(max(len(old_targets), len(new_targets))):
        old = old_targets[i] if i < len(old_targets) else None
        new = new_targets[i] if i < len(new_targets) else None
        if old is None:
            out.append(("target", f"A target was added: {_said(new, unit)}.", False))
        elif new is None:
            out.append(("target", f"A target ({_said(old, unit)}) was removed.", True))
        else:
            if old[1:] != new[1:]:
                easier = _easier(old[1], new[1], direction)
                out.append(("target", f"A target changed from {_value(old, unit)} to {_value(new, unit)}.", easier))
            if old[0] != new[0]:
                later = bool(old[0] and new[0] and dates.end(new[0]) > dates.end(old[0])) or not new[0]
                out.append(("target-date", f"A target's date moved from {_when(old)} to {_when(new)}.", later))
    if before.get("baseline") != after.get("baseline"):
        out.append(("baseline", f"The baseline was revised from {_said(before.get('baseline'), unit)} to"
                    f" {_said(after.get('baseline'), unit)}.", False))
    old_values = {tuple(v[:1]): v for v in before.get("values") or []}
    for value in after.get("values") or []:
        was = old_values.get(tuple(value[:1]))
        if was is None:
            out.append(("value", f"A value was published: {_said(value, unit)}.", False))
        elif was != value:
            out.append(("value", f"The value for {_when(value)} was revised from {_value(was, unit)} to"
                        f" {_value(value, unit)}.", False))
    return out


def _easier(old: float | None, new: float | None, direction: str | None) -> bool:
    # A target made easier to meet; without a direction any change to a number could be.
    if old is None or new is None or direction is None:
        return True
    return new < old if direction == "higher-is-better" else new > old


def _value(point: list | None, unit: str | None) -> str:
    if point is None:
        return "none"
    return point[2] if point[2] else vocabulary.number(point[1], unit)


def _when(point: list) -> str:
    return text.date(point[0]) if point[0] else "no date"


def _said(point: list | None, unit: str | None) -> str:
    if point is None:
        return "none"
    return f"{_value(point, unit)} ({_when(point)})"


# Reasons -----------------------------------------------------------------------------------------


def with_reasons(found: list[Change], items: dict[str, Any]) -> tuple[list[Change], list[Change]]:
    """Pair each change with the item's `changes:` entry of the same kind, in date order; a
    problem for each weakening change without one. Entries with no change found are kept too."""
    by_item: dict[tuple[str, str], list[Change]] = defaultdict(list)
    for change in found:
        change.item = items.get(change.page)
        if change.item is not None:
            by_item[(change.page, change.kind)].append(change)
    missing = []
    shown = [c for c in found if c.item is not None]
    for page, item in items.items():
        entries = sorted(getattr(item, "changes", []), key=lambda e: text.date_key(e.date))
        if getattr(item, "retired", None) is not None:  # a retirement carries its own reason
            entries.append(_Given(item.retired.date, "retired", item.retired.reason))
        kinds = {e.what for e in entries} | {k for (p, k) in by_item if p == page}
        for kind in sorted(kinds):
            detected = sorted(by_item.get((page, kind), []), key=lambda c: c.date or "9999")
            given = [e for e in entries if e.what == kind]
            for change, entry in zip(detected, given, strict=False):
                change.why, change.minor = entry.why, entry.minor
                if change.date is None:
                    change.date = entry.date
            missing += [c for c in detected[len(given):] if c.weakens]
            for entry in given[len(detected):]:
                shown.append(Change(page, kind, _entry_said(kind), entry.date, False, entry.why, entry.minor, item))
    return shown, missing


@dataclass
class _Given:
    # A reason given other than in `changes:` (a retirement's own reason).
    date: str
    what: str
    why: Any
    minor: bool = False


def _entry_said(kind: str) -> str:
    return {"wording": "The words changed.", "due": "The due date changed.", "target": "A target changed.",
            "target-date": "A target's date changed.", "retired": "It was retired.",
            "owners": "Who is responsible changed.", "baseline": "The baseline was revised.",
            "value": "A published value was revised."}[kind]


def problems_for(missing: list[Change], locator: Any, as_of: str) -> list[Problem]:
    """A problem for each weakening change without a reason, with the entry to add."""
    out = []
    for change in missing:
        name = _name(change.item)
        day = change.date or as_of
        entry = f'changes: [{{date: {day}, what: {change.kind}, why: "…"}}]'
        out.append(locator.problem(change.item, WHERE.get(change.kind, ()),
                   f"{name}: {change.said} Say why, publicly: add {entry} to it (or"
                   " one more entry to its changes), with the reason in place of …; for a correction that"
                   " does not change the meaning, add minor: true"))
    return out


def _name(item: Any) -> str:
    if hasattr(item, "plan"):
        return item.plan.title
    if type(item).__name__ == "Commitment":
        return titles.commitment_name(item)
    if type(item).__name__ == "Priority":
        return titles.priority_name(item)
    return f"measure '{item.name}'"


def newest_first(changes: list[Change]) -> list[Change]:
    """Changes newest first (those not yet committed first of all), then by page."""
    return sorted(changes, key=lambda c: (c.date is None, c.date or ""), reverse=True)


class Log:
    """The changes the pages show: every one on its item's page, the public ones on 'What changed'."""

    def __init__(self, shown: list[Change], unreadable: list[str], since: str | None) -> None:
        self.every = newest_first(shown)
        self.public = [c for c in self.every if not c.minor]
        self.unreadable = unreadable
        self.since = since
        self._by_page: dict[str, list[Change]] = defaultdict(list)
        for change in self.every:
            self._by_page[change.page].append(change)

    def of(self, item: Any) -> list[Change]:
        """Every change to one item (corrections marked minor included), newest first."""
        return self._by_page.get(urls.page_of(item), [])

    def of_plan(self, bundle: Any) -> list[Change]:
        """The public changes in one plan, newest first."""
        return [c for c in self.public if c.plan is bundle]
