"""The one rule: whether a change to a published fact weakens the promise, strengthens it, or is
neutral; and which changes may be marked minor. Written once here: the build asks for a reason for
every weakening change by this rule, and the site explains it in plain words from the same table
(KINDS), so the explanation cannot drift from the rule.

A difference (changes.py finds them) is given as the kind of fact, the item's kind, the value
before and after (None when there was none), and what else the judgement needs (`context`)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from plansite.core import dates

WEAKENS, STRENGTHENS, NEUTRAL = "weakens", "strengthens", "neutral"


@dataclass(frozen=True)
class Kind:
    """One kind of change an editor names in `what:`, and the rule for it in plain words."""

    fact: str
    """The fact, in words."""
    weakens: str
    """When a change of it weakens a promise (and so needs a public reason)."""
    otherwise: str
    """What the other changes of it are."""
    minor: bool = False
    """Whether a correction of its words that changes no number or date may be marked minor."""


KINDS: dict[str, Kind] = {
    "wording": Kind("the words of a commitment, or the name of a measure",
                    "any change of the words (people have read and quoted them)",
                    "a change of a plan's or a priority's title is neutral", minor=True),
    "title": Kind("a commitment's heading", "any change, addition or removal of it", "none", minor=True),
    "due": Kind("a commitment's due date", "moved later, or removed",
                "moved earlier, or set where there was none: strengthens"),
    "owners": Kind("who is responsible", "never", "any change is neutral"),
    "retired": Kind("whether an item still stands", "retiring it (the retirement's own reason counts)",
                    "bringing it back: strengthens"),
    "merged": Kind("an item's own page", "making its address lead to another item that already had a page"
                   " (an alias), so it no longer has one", "none"),
    "update": Kind("a published progress update", "rewriting one (its date, status, words or evidence), or"
                   " removing it", "publishing a new one is neutral", minor=True),
    "unit": Kind("a measure's unit", "changing or removing it (the numbers would mean something else)",
                 "setting one where there was none is neutral"),
    "direction": Kind("which way is better for a measure", "turning it round, or removing it",
                      "setting it where there was none is neutral"),
    "baseline": Kind("a measure's baseline (its starting value)", "changing or removing it",
                     "setting one where there was none is neutral"),
    "value": Kind("a measure's published values", "revising or removing one", "publishing a new one is neutral"),
    "target": Kind("a measure's targets", "making one easier (given which way is better; any change of its"
                   " number when that is not stated), removing one, or adding one that is easier than a target"
                   " already set or comes before all of them",
                   "making one harder: strengthens; adding a later and no easier one, or the first: neutral"),
    "target-date": Kind("the date of a target", "moved later, or removed", "moved earlier, or set: strengthens"),
}
"""Every kind of change, in the order the site explains them."""

RECORD_ONLY = {"added", "renamed", "restored", "reason"}
"""Changes the record lists that an editor never explains: an item added, given a new address
(its old one still leads to it), put back after it was missing, or a published reason reworded or
withdrawn (listed with its old words)."""


def verdict(what: str, item_kind: str, before: Any, after: Any, context: dict[str, Any] | None = None) -> str:
    """WEAKENS, STRENGTHENS or NEUTRAL for one difference."""
    context = context or {}
    if what in RECORD_ONLY or what == "owners":
        return NEUTRAL
    if what == "wording":
        return WEAKENS if item_kind in ("commitment", "measure") else NEUTRAL
    if what in ("title", "merged"):
        return WEAKENS
    if what in ("due", "target-date"):
        return _date_verdict(before, after)
    if what == "retired":
        return WEAKENS if after else STRENGTHENS
    if what in ("update", "value"):
        return NEUTRAL if before is None else WEAKENS
    if what in ("unit", "direction", "baseline"):
        return NEUTRAL if before is None else WEAKENS
    if what == "target":
        return _target_verdict(before, after, context)
    raise ValueError(f"no rule for a change of kind {what!r}")


def _date_verdict(before: str | None, after: str | None) -> str:
    if before == after:
        return NEUTRAL
    if after is None:
        return WEAKENS
    if before is None:
        return STRENGTHENS
    return WEAKENS if _end(after) > _end(before) else STRENGTHENS


def _end(day: str) -> Any:
    try:
        return dates.end(day)
    except (ValueError, IndexError):  # a date this code cannot place: the latest possible, so never flattering
        return dates.end("9999")


def _target_verdict(before: list | None, after: list | None, context: dict[str, Any]) -> str:
    # A target is [date, number, words, label]; context: 'directions' (before and after) and, for an
    # added target, 'others' (the targets it joins).
    directions = context.get("directions", ())
    if after is None:
        return WEAKENS
    if before is not None:
        if before[1:3] == after[1:3]:
            return NEUTRAL
        return WEAKENS if easier(before, after, directions) else STRENGTHENS
    others = context.get("others", [])
    if not others:
        return NEUTRAL
    if any(easier(other, after, directions) for other in others):
        return WEAKENS
    dated = [o[0] for o in others if o[0]]
    if after[0] is None or (dated and all(_end(after[0]) < _end(d) for d in dated)):
        return WEAKENS  # it comes before every target already set: the status is judged against it first
    return NEUTRAL


def easier(old: list, new: list, directions: tuple[str | None, ...]) -> bool:
    """Whether target `new` is easier to meet than `old`: judged by every direction the measure had,
    and always so when a number is missing or which way is better is not stated."""
    if old[1] is None or new[1] is None or not directions or None in directions:
        return old[1:3] != new[1:3]
    return any((new[1] < old[1]) if d == "higher-is-better" else (new[1] > old[1]) for d in directions)


# Minor corrections ------------------------------------------------------------------------------

_MONTHS = ("january february march april may june july august september october november december"
           " jan feb mar apr jun jul aug sep sept oct nov dec")
_NUMBER_WORDS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen"
                 " fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty"
                 " ninety hundred thousand million billion half quarter third double twice triple once"
                 " first second fourth fifth sixth seventh eighth ninth tenth dozen none all every")
_COUNTED = re.compile(r"\d+(?:[.,]\d+)*|\b(?:" + "|".join((_MONTHS + " " + _NUMBER_WORDS).split()) + r")\b",
                      re.IGNORECASE)


def figures(words: str | None) -> list[str]:
    """The numbers and dates in some words, in order: digits, month names and number words."""
    return [m.group().lower().replace(",", "") for m in _COUNTED.finditer(words or "")]


def not_minor(what: str, before: Any, after: Any) -> str | None:
    """Why a change cannot be marked minor, or None when it can: only a correction of words that
    leaves every number and date alone is minor."""
    kind = KINDS.get(what)
    if kind is None or not kind.minor:
        return f"a change of {kind.fact if kind else what} is never a minor correction"
    if what == "update":
        if before is None or after is None:
            return "publishing or removing a progress update is never a minor correction"
        if before[:2] != after[:2] or before[3] != after[3]:
            return "its date, status or evidence changed, which is never a minor correction"
        before, after = before[2], after[2]
    if figures(before) != figures(after):
        return (f"the numbers or dates in the words changed ({', '.join(figures(before)) or 'none'} →"
                f" {', '.join(figures(after)) or 'none'})")
    return None
