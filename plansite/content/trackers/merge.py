"""A plan's tracker rows into its commitments and measures: each update joins the commitment's
`progress` and each value the measure's `values`, beside those written in YAML, so that every page,
summary, chart and data file reads them as it reads the YAML."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from plansite.content.trackers.cells import Number
from plansite.content.trackers.places import place_of
from plansite.content.trackers.rows import Row, Table
from plansite.core import dates
from plansite.core.problems import Problem, did_you_mean


def merge(bundle: Any, tables: list[Table], locator: Any, partial: bool = False) -> list[Problem]:
    """Put the tables' rows into the plan (a read.PlanBundle) and register their places with the
    locator; a problem for each row naming nothing and each update or value given twice. `partial`:
    some of the plan's files could not be read, so a ref not found may be in them (not reported)."""
    if not tables:
        return []
    found = Found(bundle, locator)
    problems: list[Problem] = []
    for table in tables:
        locator.add(table.places)
        for row in table.rows:
            problem = found.add(table.kind.folder, row, partial)
            problems += [problem] if problem else []
    found.sort_values()
    return problems


@dataclass
class Refs:
    """Every way a tracker may name a commitment of a plan: the ids as in its address
    (priority/commitment, with or without the plan), or the commitment's id alone; old ids (aliases) too."""

    names: dict[str, list[Any]] = field(default_factory=lambda: defaultdict(list))
    """A way of naming → the commitments it names (more than one: the name is ambiguous)."""
    priority: dict[int, str] = field(default_factory=dict)
    """id() of a commitment → its priority's id."""

    def short(self, commitment: Any) -> str:
        """The shortest ref that names the commitment alone: its id, or priority/id where the id is used twice."""
        if self.names.get(commitment.id) == [commitment]:
            return commitment.id
        return f"{self.priority[id(commitment)]}/{commitment.id}"


def commitment_refs(bundle: Any) -> Refs:
    """The refs of every commitment of a plan (a read.PlanBundle)."""
    refs = Refs()
    for priority in bundle.priorities:
        for commitment in priority.commitments:
            refs.priority[id(commitment)] = priority.id
            own = (commitment.id, *commitment.aliases)
            names = [*own, *(f"{p}/{c}" for p in (priority.id, *priority.aliases) for c in own)]
            for name in [*names, *(f"{bundle.id}/{n}" for n in names if "/" in n)]:
                if commitment not in refs.names[name]:
                    refs.names[name].append(commitment)
    return refs


class Found:
    """What the plan holds already, and where each dated update or value was first given."""

    def __init__(self, bundle: Any, locator: Any) -> None:
        self.bundle, self.locator = bundle, locator
        self.refs = commitment_refs(bundle)
        self.measures = {name: m for p in bundle.priorities for m in p.measures for name in (m.id, *m.aliases)}
        self.given: dict[tuple[int, str], tuple[str, str]] = {}
        """(id() of a commitment or measure, date) → what was given for it then, and where."""
        self.changed: list[Any] = []
        for priority in bundle.priorities:
            for commitment in priority.commitments:
                for update in commitment.progress:
                    self.given[(id(commitment), update.date)] = self._yaml(update, "an update")
            for measure in priority.measures:
                for point in ([measure.baseline] if measure.baseline else []) + list(measure.values):
                    if point.date:
                        what = "a baseline" if point is measure.baseline else "a value"
                        self.given.setdefault((id(measure), point.date), self._yaml(point, what))

    def _yaml(self, node: Any, what: str) -> tuple[str, str]:
        at = self.locator.problem(node, ("date",), "")
        return what, f"in {at.file}:{at.line}:{at.column}"

    def add(self, folder: str, row: Row, partial: bool) -> Problem | None:
        """Attach one row's update or value to its commitment or measure, or say why not."""
        target, problem = (self._commitment if folder == "progress" else self._measure)(row, partial)
        if target is None or row.item is None:
            return problem
        key, place = (id(target), row.item.date), place_of(row.item)
        if key in self.given:
            name = f"commitment {self.refs.short(target)}" if folder == "progress" else f"measure '{target.id}'"
            what, where = self.given[key]
            return place.problem(f"{name} already has {what} dated {row.item.date} ({where}); keep one of them:"
                                 " delete this row, or the other")
        self.given[key] = ("an update" if folder == "progress" else "a value", f"in {place}")
        if folder == "progress":
            target.progress.append(row.item)
        else:
            target.values.append(row.item)
            self.changed.append(target)
        return None

    def _commitment(self, row: Row, partial: bool) -> tuple[Any, Problem | None]:
        if isinstance(row.key, Number):
            return self._numbered(row, partial)
        found = self.refs.names.get(row.key.strip().lower(), [])
        if len(found) == 1:
            return found[0], None
        if found:
            both = " and ".join(f"{self.refs.priority[id(c)]}/{c.id}" for c in found)
            return None, row.key_place.problem(f"'{row.key}' names more than one commitment ({both});"
                                               " write priority/commitment")
        return None, None if partial else row.key_place.problem(
            f"there is no commitment '{row.key}' in plan '{self.bundle.id}'{self._near(row.key)}")

    def _numbered(self, row: Row, partial: bool) -> tuple[Any, Problem | None]:
        # A ref typed into a number cell: 5.10 became 5.1. Accept it only when no other id reads as the same number.
        number = float(row.key)
        found = {id(c): (name, c) for name, cs in self.refs.names.items() for c in cs
                 if "/" not in name and _as_number(name) == number}
        if len(found) == 1:
            return next(iter(found.values()))[1], None
        if found:
            ids = " or ".join(sorted(name for name, _ in found.values()))
            return None, row.key_place.problem(f"the ref is stored as a number ({row.key}), which could be {ids};"
                                               " format the column as Text and type the ref again")
        return None, None if partial else row.key_place.problem(
            f"there is no commitment '{row.key}' in plan '{self.bundle.id}'{self._near(row.key)}")

    def _near(self, ref: str) -> str:
        shorts = {self.refs.short(c) for cs in self.refs.names.values() for c in cs}
        hint = did_you_mean(ref, shorts)
        return hint or "; write the commitment's id as in its address (5.7, or priority/5.7)"

    def _measure(self, row: Row, partial: bool) -> tuple[Any, Problem | None]:
        measure = self.measures.get(row.key.strip().lower())
        if measure is not None or partial:
            return measure, None
        hint = (did_you_mean(row.key, {m.id for m in self.measures.values()})
                or "; write the measure's id as in its address")
        return None, row.key_place.problem(f"there is no measure '{row.key}' in plan '{self.bundle.id}'{hint}")

    def sort_values(self) -> None:
        """Values in date order on the measures that gained some (undated ones last, as given)."""
        for measure in {id(m): m for m in self.changed}.values():
            measure.values.sort(key=lambda p: (p.date is None, dates.middle(p.date) if p.date else dt.date.min))


def _as_number(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None

