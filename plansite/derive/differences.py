"""The differences between two versions of one item's facts, each in plain words, with what the one
rule (rule.py) needs to judge it. Lists (progress updates, values, targets) are paired up first:
equal entries drop out, the rest are paired by date (targets then in order); what is left was
added or removed."""

from __future__ import annotations

from typing import Any

from plansite.content import rule
from plansite.core import markup, text, vocabulary

Difference = tuple[str, str, Any, Any, dict]
"""(kind, what changed in words, before, after, what the rule needs to judge it)."""


def differences(before: dict[str, Any], after: dict[str, Any]) -> list[Difference]:
    """Every difference between two versions of one item's facts, in plain words."""
    kind = after["kind"]
    out: list[Difference] = []
    if before.get("words") != after.get("words"):
        noun = {"commitment": "The words", "measure": "The name"}.get(kind, "The title")
        verb = "were" if noun == "The words" else "was"
        out.append(("wording", f"{noun} changed. {'They' if verb == 'were' else 'It'} {verb}:"
                    f" “{words_of(kind, before.get('words'))}”", before.get("words"), after.get("words"), {}))
    if kind == "commitment":
        out += _title(before.get("title"), after.get("title"))
        out += _due(before.get("due"), after.get("due"))
        if before.get("owners") != after.get("owners"):
            out.append(("owners", "Who is responsible changed.", before.get("owners"), after.get("owners"), {}))
        out += _updates(before.get("updates") or [], after.get("updates") or [])
    if kind == "measure":
        out += _measure(before, after)
    if kind != "plan" and bool(before.get("retired")) != bool(after.get("retired")):
        said = (f"{text.first_upper(kind_word(after))} was retired." if after.get("retired")
                else f"{text.first_upper(kind_word(after))} is no longer retired.")
        out.append(("retired", said, before.get("retired"), after.get("retired"), {}))
    return out + _reasons(before.get("reasons") or [], after.get("reasons") or [])


def _reasons(old: list[list], new: list[list]) -> list[Difference]:
    # A published reason reworded or withdrawn is listed with its old words (giving one is not a change).
    out: list[Difference] = []
    for was, now in pair(old, new, key=lambda r: tuple(r[:2]), same=lambda r: r):
        if was is None:
            continue
        fact = rule.KINDS[was[1]].fact if was[1] in rule.KINDS else was[1]
        done = "was withdrawn" if now is None else "was reworded"
        out.append(("reason", f"The reason given on {text.date(was[0])} for a change of {fact} {done}. It said:"
                    f" “{markup.plain(was[2])}”", was, now, {}))
    return out


def _title(old: str | None, new: str | None) -> list[Difference]:
    if old == new:
        return []
    if old is None:
        said = f"A heading was given: “{new}”."
    elif new is None:
        said = f"The heading “{old}” was removed; the words are the heading now."
    else:
        said = f"The heading changed. It was: “{old}”"
    return [("title", said, old, new, {})]


def _due(old: str | None, new: str | None) -> list[Difference]:
    if old == new:
        return []
    if new is None:
        said = f"The due date ({text.date(old)}) was removed."
    elif old is None:
        said = f"A due date was set: {text.date(new)}."
    else:
        way = "later" if rule.verdict("due", "commitment", old, new) == rule.WEAKENS else "earlier"
        said = f"The due date moved {way}, from {text.date(old)} to {text.date(new)}."
    return [("due", said, old, new, {})]


def _updates(old: list[list], new: list[list]) -> list[Difference]:
    out: list[Difference] = []
    for was, now in pair(old, new, key=lambda u: u[0], same=lambda u: u[:4]):
        if was is None:
            out.append(("update", f"A progress update was published: {_update(now)}.", None, now, {}))
        elif now is None:
            out.append(("update", f"A progress update was removed. It said: {_update(was)}.", was, None, {}))
        else:
            out.append(("update", f"The progress update of {text.date(now[0])} was rewritten. It said:"
                        f" {_update(was)}.", was, now, {}))
    return out


def _update(update: list) -> str:
    from plansite.derive.progress import COMMITMENT_STATUSES

    status = COMMITMENT_STATUSES.get(update[1], (update[1],))[0]
    return f"{text.date(update[0])}, {status}: “{markup.plain(update[2])}”"


def _measure(before: dict[str, Any], after: dict[str, Any]) -> list[Difference]:
    unit = after.get("unit") or before.get("unit")
    out: list[Difference] = []
    for key, noun, shown in (("unit", "The unit", vocabulary.UNIT_NAMES), ("direction", "Which way is better",
                                                                          _DIRECTIONS)):
        old, new = before.get(key), after.get(key)
        if old == new:
            continue
        if old is None:
            said = f"{noun} was set: {shown.get(new, new)}."
        elif new is None:
            said = f"{noun} ({shown.get(old, old)}) was removed."
        else:
            said = f"{noun} changed from {shown.get(old, old)} to {shown.get(new, new)}."
        out.append((key, said, old, new, {}))
    old, new = before.get("baseline"), after.get("baseline")
    if (old and old[:3]) != (new and new[:3]):
        out.append(("baseline", f"The baseline changed from {_said(old, unit)} to {_said(new, unit)}.", old, new, {}))
    for was, now in pair(before.get("values") or [], after.get("values") or [], key=lambda p: p[0],
                         same=lambda p: p[:3]):
        if was is None:
            out.append(("value", f"A value was published: {_said(now, unit)}.", None, now, {}))
        elif now is None:
            out.append(("value", f"A published value was removed: {_said(was, unit)}.", was, None, {}))
        else:
            out.append(("value", f"The value for {_when(now)} was revised from {_value(was, unit)} to"
                        f" {_value(now, unit)}.", was, now, {}))
    return out + _targets(before, after, unit)


_DIRECTIONS = {"higher-is-better": "higher is better", "lower-is-better": "lower is better"}


def _targets(before: dict[str, Any], after: dict[str, Any], unit: str | None) -> list[Difference]:
    directions = tuple(dict.fromkeys((before.get("direction"), after.get("direction"))))
    old_targets = before.get("targets") or []
    out: list[Difference] = []
    kept = [t for t in old_targets if t[:3] in [n[:3] for n in after.get("targets") or []]]
    for was, now in pair(old_targets, after.get("targets") or [], key=lambda p: p[0], same=lambda p: p[:3],
                         by_order=True):
        context = {"directions": directions, "others": kept if was is None else []}
        if was is None:
            out.append(("target", f"A target was added: {_said(now, unit)}.", None, now, context))
            continue
        if now is None:
            out.append(("target", f"A target was removed: {_said(was, unit)}.", was, None, context))
            continue
        if was[1:3] != now[1:3]:
            out.append(("target", f"A target changed from {_value(was, unit)} to {_value(now, unit)}.", was, now,
                        context))
        if was[0] != now[0]:
            out.append(("target-date", f"A target's date moved from {_when(was)} to {_when(now)}.", was[0], now[0],
                        {}))
    return out


def pair(old: list, new: list, key: Any, same: Any, by_order: bool = False) -> list[tuple[Any, Any]]:
    """The entries of two lists paired up: equal ones drop out, then the rest are paired by key (and,
    with by_order, what is left in order); (old, None) for one removed, (None, new) for one added."""
    old_left, new_left = list(old), list(new)
    for item in list(new_left):
        match = next((o for o in old_left if same(o) == same(item)), None)
        if match is not None:
            old_left.remove(match)
            new_left.remove(item)
    pairs = []
    for item in list(new_left):
        match = next((o for o in old_left if key(o) == key(item)), None)
        if match is not None:
            old_left.remove(match)
            new_left.remove(item)
            pairs.append((match, item))
    if by_order:
        pairs += list(zip(old_left, new_left, strict=False))
        count = min(len(old_left), len(new_left))
        old_left, new_left = old_left[count:], new_left[count:]
    return pairs + [(o, None) for o in old_left] + [(None, n) for n in new_left]


def _value(point: list | None, unit: str | None) -> str:
    if point is None:
        return "none"
    if point[2]:
        return point[2]
    return vocabulary.number(point[1], unit) if point[1] is not None else "none"


def _when(point: list) -> str:
    return text.date(point[0]) if point[0] else (point[3] if len(point) > 3 and point[3] else "no date")


def _said(point: list | None, unit: str | None) -> str:
    if point is None:
        return "none"
    return f"{_value(point, unit)} ({_when(point)})"


def words_of(kind: str, words: str | None) -> str:
    """An item's words as a reader saw them: a commitment's are Markdown, shown without the marks."""
    return markup.plain(words or "") if kind == "commitment" else text.plain(words)


def kind_word(fact: dict[str, Any]) -> str:
    """'this commitment', 'this measure' …"""
    return {"plan": "this plan", "priority": "this priority", "commitment": "this commitment",
            "measure": "this measure"}.get(fact["kind"], "this item")
