"""One index of every id in the content, and the links between items in both directions."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from plansite.content.read import Content, PlanBundle
from plansite.content.schema.files import Owner, ReflectionEntry, Topic
from plansite.content.schema.parts import Measure
from plansite.content.schema.plan import Relation
from plansite.content.schema.priority import Commitment, Priority
from plansite.core.problems import did_you_mean


@dataclass
class Index:
    """Every plan, priority, commitment, measure and owner by id, plus backlinks."""

    content: Content
    plans: dict[str, PlanBundle] = field(default_factory=dict)
    priorities: dict[tuple[str, str], Priority] = field(default_factory=dict)
    commitments: dict[tuple[str, str, str], Commitment] = field(default_factory=dict)
    measures: dict[tuple[str, str], Measure] = field(default_factory=dict)
    owners: dict[str, Owner] = field(default_factory=dict)
    topics: dict[str, Topic] = field(default_factory=dict)
    tagged: dict[str, list[Any]] = field(default_factory=lambda: defaultdict(list))
    """topic id → the commitments, priorities, measures and quotes tagged with it, in content order."""
    responsible: dict[str, list[Any]] = field(default_factory=lambda: defaultdict(list))
    """owner id → the plans it owns, priorities it leads and commitments it is responsible for."""
    superseded_by: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    """plan id → ids of the plans that supersede it."""
    relations_in: dict[str, list[tuple[str, Relation]]] = field(default_factory=lambda: defaultdict(list))
    """target reference → (plan id, relation) of every plan that points at it."""
    reflections_on: dict[tuple[str, str], list[tuple[str, ReflectionEntry]]] = field(
        default_factory=lambda: defaultdict(list))
    """(plan, priority) → (reflecting plan id, entry) of every 'We said' that names it."""
    commitments_by_measure: dict[tuple[str, str], list[Commitment]] = field(
        default_factory=lambda: defaultdict(list))
    addressed_by: dict[tuple[str, str], list[Priority]] = field(default_factory=lambda: defaultdict(list))
    """(plan, inspection area) → priorities that address it."""

    def lookup(self, ref: str) -> tuple[Any, str]:
        """The plan bundle, priority or commitment a reference names, or None and what is wrong."""
        parts = ref.split("/")
        if parts[0] not in self.plans:
            return None, f"there is no plan '{parts[0]}'{did_you_mean(parts[0], self.plans)}"
        if len(parts) == 1:
            return self.plans[parts[0]], ""
        key2 = (parts[0], parts[1])
        if key2 not in self.priorities:
            known = [p for (plan, p) in self.priorities if plan == parts[0]]
            return None, f"plan '{parts[0]}' has no priority '{parts[1]}'{did_you_mean(parts[1], known)}"
        if len(parts) == 2:
            return self.priorities[key2], ""
        key3 = (parts[0], parts[1], parts[2])
        if key3 not in self.commitments:
            known = [c for (pl, pr, c) in self.commitments if (pl, pr) == key2]
            return None, (f"priority '{parts[0]}/{parts[1]}' has no commitment '{parts[2]}'"
                          f"{did_you_mean(parts[2], known)}")
        return self.commitments[key3], ""


def ref_of(item: Any) -> str:
    """The reference string (plan[/priority[/commitment]]) of a plan bundle, priority or commitment."""
    if isinstance(item, PlanBundle):
        return item.plan.id
    if isinstance(item, Priority):
        return f"{item._parent.id}/{item.id}"
    if isinstance(item, Commitment):
        return f"{ref_of(item._parent)}/{item.id}"
    raise TypeError(f"no reference for {type(item).__name__}")


def plan_of(item: Any) -> PlanBundle:
    """The plan bundle an item belongs to."""
    while not isinstance(item, PlanBundle):
        item = item._parent
    return item
