"""What changed in each published item from one version of the content to the next, in plain words.

Each version's facts (facts.py) are compared with the last published facts of every item ever
published, whether or not it was there in the version before: an item deleted in one version and
put back, reworded, in a later one is compared with what it said when it was last published.
Whether each change weakens a promise is decided by the one rule (rule.py)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from plansite.content import rule
from plansite.core import text
from plansite.derive.differences import differences, kind_word, words_of
from plansite.model import urls
from plansite.model.index import plan_of


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
        return [Change(path, "added", f"{text.first_upper(kind_word(after))} was added.", date)]
    found = []
    if base != path:
        found.append(Change(path, "renamed", f"Its address changed from {urls.url(base)} to {urls.url(path)};"
                            " the old address still leads here.", date))
    elif path not in present:
        found.append(Change(path, "restored", f"{text.first_upper(kind_word(after))} had been taken off the site;"
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
            words = words_of(was["kind"], was["words"])
            found.append(Change(new, "merged", f"{text.first_upper(kind_word(was))} at {urls.url(old)} (“{words}”)"
                                " no longer has a page of its own: its address now leads here.", date, rule.WEAKENS,
                                was["words"], None))
    return found


def _source(kind: str, fact: Any) -> str:
    # The file a progress update came from, when that is not a YAML file (a tracker's rows).
    if kind == "update" and isinstance(fact, list) and len(fact) > 4 and not fact[4].endswith((".yml", ".yaml")):
        return fact[4]
    return ""


def from_kept(kept: dict[str, Any]) -> Change:
    """A change as the history cache kept it."""
    return Change(**kept)
