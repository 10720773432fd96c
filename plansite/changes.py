"""What changed in each published item from one version of the content to the next, in plain words.

Each version's facts (facts.py) are compared with the last published facts of every item ever
published, whether or not it was there in the version before: an item deleted in one version and
put back, reworded, in a later one is compared with what it said when it was last published.
Whether each change weakens a promise is decided by the one rule (rule.py)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from . import markup, rule, text, urls, vocabulary
from .index import plan_of


@dataclass
class Change:
    """One change to one item, found in the history, with the reason given for it (if any)."""

    page: str
    """The page of the item, as it is now."""
    kind: str
    """What changed: one of rule.KINDS, or added, renamed or restored."""
    said: str
    """What changed, in plain words ('The due date moved later, from November 2025 to November 2026.')."""
    date: str | None
    """The date (YYYY-MM-DD) of the commit on the published line that made it; None while not committed."""
    verdict: str = rule.NEUTRAL
    before: Any = None
    """The fact before and after, as facts.py keeps them (to check a minor correction)."""
    after: Any = None
    source: str = ""
    """The file the changed fact came from, when it is not the item's own file (a tracker)."""
    why: Any = None
    """The reason (Markdown) from the item's `changes:` entry."""
    minor: bool = False
    item: Any = None
    """The item now (a plan bundle, priority, commitment or measure)."""
    entry: Any = None
    """The `changes:` entry that explains it."""
    needs: Any = None
    """In the preview, the problem publishing will report until a reason is given (a Problem)."""

    @property
    def weakens(self) -> bool:
        return self.verdict == rule.WEAKENS

    @property
    def plan(self) -> Any:
        return plan_of(self.item)

    def kept(self) -> dict[str, Any]:
        """The change as the history cache keeps it."""
        return {k: v for k, v in asdict(self).items() if k in _KEPT}


_KEPT = ("page", "kind", "said", "date", "verdict", "before", "after", "source")


@dataclass
class Record:
    """What the history says after some versions: the last published facts of every item ever
    published, which items the latest version had, the old addresses that led on, and the changes."""

    known: dict[str, dict[str, Any]] = field(default_factory=dict)
    present: list[str] = field(default_factory=list)
    moved: dict[str, str] = field(default_factory=dict)
    changes: list[dict[str, Any]] = field(default_factory=list)
    started: bool = False

    def addresses(self) -> set[str]:
        """Every page path the history has published: items and the old addresses that redirected."""
        return set(self.known) | set(self.moved)


def step(record: Record, version: dict[str, Any], date: str | None) -> list[Change]:
    """Compare one version with the record, add it to the record, and give its changes. The first
    version is where the record starts: it has no changes."""
    items, moved = version["items"], version["moved"]
    found: list[Change] = []
    if record.started:
        present = set(record.present)
        aliases: dict[str, list[str]] = {}
        for old, new in moved.items():
            aliases.setdefault(new, []).append(old)
        for path, after in items.items():
            if path in present and record.known.get(path) == after:
                continue  # unchanged since the version before: the common case, kept quick
            found += _changes_of(record, path, after, aliases.get(path, []), present, date)
        found += _merged(record, items, moved, date)
    record.known.update(items)
    record.present = sorted(items)
    record.moved.update(moved)
    record.started = True
    record.changes += [c.kept() for c in found]
    return found


def _changes_of(record: Record, path: str, after: dict[str, Any], old_paths: list[str], present: set[str],
                date: str | None) -> list[Change]:
    base = path if path in record.known else next((old for old in sorted(old_paths) if old in record.known), None)
    if base is None:
        return [Change(path, "added", f"{text.first_upper(_kind_word(after))} was added.", date)]
    found = []
    if base != path:
        found.append(Change(path, "renamed", f"Its address changed from {urls.url(base)} to {urls.url(path)};"
                            " the old address still leads here.", date))
    elif path not in present:
        found.append(Change(path, "restored", f"{text.first_upper(_kind_word(after))} had been taken off the site;"
                            " it is back.", date))
    before = record.known[base]
    for kind, said, old, new, context in differences(before, after):
        verdict = rule.verdict(kind, after["kind"], old, new, context)
        source = _source(kind, new if new is not None else old)
        found.append(Change(path, kind, said, date, verdict, old, new, source))
    return found


def _merged(record: Record, items: dict, moved: dict, date: str | None) -> list[Change]:
    # An item published with its own page whose address now leads to another item, published before.
    found = []
    for old, new in sorted(moved.items()):
        if old in record.present and old not in items and new in record.known and new != old:
            was = record.known[old]
            found.append(Change(new, "merged", f"{text.first_upper(_kind_word(was))} at {urls.url(old)}"
                                f" (“{_words(was['kind'], was['words'])}”) no longer has a page of its own: its address"
                                " now leads here.", date, rule.WEAKENS, was["words"], None))
    return found


def _source(kind: str, fact: Any) -> str:
    # The file a progress update came from, when that is not a YAML file (a tracker's rows).
    if kind == "update" and isinstance(fact, list) and len(fact) > 4 and not fact[4].endswith((".yml", ".yaml")):
        return fact[4]
    return ""


def _words(kind: str, words: str | None) -> str:
    # A commitment's words are Markdown: shown as a reader saw them, without the marks.
    return markup.plain(words or "") if kind == "commitment" else text.plain(words)


def _kind_word(fact: dict[str, Any]) -> str:
    return {"plan": "this plan", "priority": "this priority", "commitment": "this commitment",
            "measure": "this measure"}.get(fact["kind"], "this item")


# Differences between two versions of one item ---------------------------------------------------

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
                    f" “{_words(kind, before.get('words'))}”", before.get("words"), after.get("words"), {}))
    if kind == "commitment":
        out += _title(before.get("title"), after.get("title"))
        out += _due(before.get("due"), after.get("due"))
        if before.get("owners") != after.get("owners"):
            out.append(("owners", "Who is responsible changed.", before.get("owners"), after.get("owners"), {}))
        out += _updates(before.get("updates") or [], after.get("updates") or [])
    if kind == "measure":
        out += _measure(before, after)
    if kind != "plan" and bool(before.get("retired")) != bool(after.get("retired")):
        said = (f"{text.first_upper(_kind_word(after))} was retired." if after.get("retired")
                else f"{text.first_upper(_kind_word(after))} is no longer retired.")
        out.append(("retired", said, before.get("retired"), after.get("retired"), {}))
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
    from .progress import COMMITMENT_STATUSES

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


def from_kept(kept: dict[str, Any]) -> Change:
    """A change as the history cache kept it."""
    return Change(**kept)
