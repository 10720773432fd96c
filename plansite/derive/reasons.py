"""Reasons for changes: each change found in the history is paired with the item's `changes:` entry
of the same kind, in date order. A weakening change without one, or explained only by an entry
marked minor that is not a minor correction, needs a reason: publishing refuses it at the item's
file and line with the entry to add; the preview shows it on the page with the same words."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from plansite.content import rule
from plansite.core import text
from plansite.core.problems import Problem
from plansite.derive.changes import Change
from plansite.model import titles

WHERE = {"wording": ("text",), "title": ("title",), "due": ("due",), "owners": ("owners",),
         "retired": ("retired",), "merged": ("aliases",), "update": ("progress",), "unit": ("unit",),
         "direction": ("direction",), "baseline": ("baseline",), "value": ("values",), "target": ("targets",),
         "target-date": ("targets",)}
"""The key of the item a missing reason is reported at."""

_NAME_KEY = {"measure": ("name",), "priority": ("title",), "plan": ("title",)}


@dataclass
class _Given:
    # A reason given other than in `changes:` (a retirement's own reason).
    date: str
    what: str
    why: Any
    minor: bool = False


def explain(found: list[Change], items: dict[str, Any], locator: Any, as_of: str) -> tuple[list[Change],
                                                                                          list[Problem]]:
    """The changes to show (each with its reason, if given, and every entry that explains no change
    found), and a problem for each change that needs a reason it does not have (also set as the
    change's `needs`)."""
    by_kind: dict[tuple[str, str], list[Change]] = defaultdict(list)
    shown = []
    for change in found:
        change.item = items.get(change.page)
        if change.item is not None:  # an item that is gone now is the published-address check's
            by_kind[(change.page, change.kind)].append(change)
            shown.append(change)
    problems = []
    for page, item in items.items():
        entries = _entries(item)
        kinds = {e.what for e in entries} | {k for (p, k) in by_kind if p == page}
        for kind in sorted(kinds):
            detected = sorted(by_kind.get((page, kind), []), key=lambda c: c.date or "9999")
            given = sorted((e for e in entries if e.what == kind), key=lambda e: text.date_key(e.date))
            problems += _pair(detected, given, locator, as_of)
            for entry in given[len(detected):]:
                shown.append(Change(page, kind, _entry_said(kind), entry.date, rule.NEUTRAL, why=entry.why,
                                    minor=entry.minor, item=item, entry=entry))
    return shown, problems


def _entries(item: Any) -> list[Any]:
    entries = list(getattr(item, "changes", []))
    if getattr(item, "retired", None) is not None:  # a retirement carries its own reason
        entries.append(_Given(item.retired.date, "retired", item.retired.reason))
    return entries


def _pair(detected: list[Change], given: list[Any], locator: Any, as_of: str) -> list[Problem]:
    # With fewer entries than changes, the weakening changes are explained first.
    order = detected if len(given) >= len(detected) else (
        [c for c in detected if c.weakens] + [c for c in detected if not c.weakens])
    problems = []
    for change, entry in zip(order, given, strict=False):
        change.why, change.entry = entry.why, entry
        if change.date is None:
            change.date = entry.date
        if entry.minor:
            problems += _minor(change, entry, locator)
    for change in order[len(given):]:
        if change.weakens:
            change.needs = _missing(change, locator, as_of)
            problems.append(change.needs)
    return problems


def _minor(change: Change, entry: Any, locator: Any) -> list[Problem]:
    why_not = rule.not_minor(change.kind, change.before, change.after)
    if why_not is None:
        change.minor = True
        return []
    if not change.weakens:
        return []  # a change that needs no reason is not held up by a wrong mark; it is listed as not minor
    change.needs = locator.problem(entry, ("minor",), f"{_name(change.item)}: {change.said} This is marked"
                                   f" minor: true, but {why_not}, so it is not a minor correction; remove"
                                   " minor: true and say why, publicly")
    return [change.needs]


def _missing(change: Change, locator: Any, as_of: str) -> Problem:
    day = change.date or as_of
    entry = f'changes: [{{date: {day}, what: {change.kind}, why: "…"}}]'
    minor = ("; for a correction of words that changes no number or date, add minor: true"
             if rule.not_minor(change.kind, change.before, change.after) is None else "")
    return locator.problem(_node(change.item), _key(change), f"{_name(change.item)}: {change.said} Say why,"
                           f" publicly: add {entry} to it (or one more entry to its changes), with the reason in"
                           f" place of …{minor}")


def _key(change: Change) -> tuple:
    kind = type(change.item).__name__.lower()
    if change.kind == "wording":
        return _NAME_KEY.get(kind, ("text",))
    if change.kind == "title" and change.after is None:
        return ("text",)
    return WHERE.get(change.kind, ())


def _node(item: Any) -> Any:
    return item.plan if hasattr(item, "plan") else item


def _name(item: Any) -> str:
    if hasattr(item, "plan"):
        return item.plan.title
    if type(item).__name__ == "Commitment":
        return titles.commitment_name(item)
    if type(item).__name__ == "Priority":
        return titles.priority_name(item)
    return f"measure '{item.name}'"


def _entry_said(kind: str) -> str:
    return {"wording": "The words changed.", "title": "The heading changed.", "due": "The due date changed.",
            "target": "A target changed.", "target-date": "A target's date changed.", "retired": "It was retired.",
            "owners": "Who is responsible changed.", "baseline": "The baseline was revised.",
            "value": "A published value was revised.", "update": "A progress update was revised.",
            "unit": "The unit changed.", "direction": "Which way is better changed.",
            "merged": "Another item's address now leads here."}.get(kind, "It changed.")
