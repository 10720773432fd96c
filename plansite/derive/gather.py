"""Items gathered across plans for the pages that help readers find things: a topic's pages, an
owner's responsibilities, the commitments of one status. Each list comes from the index the
resolver built; the newest plan comes first."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from plansite.content.read import PlanBundle
from plansite.content.schema.parts import Measure, Quote
from plansite.content.schema.plan import Plan
from plansite.content.schema.priority import Commitment, Priority
from plansite.core.text import date_key
from plansite.derive.progress import Progress
from plansite.model.index import Index, plan_of


@dataclass
class PlanShare:
    """What one plan has on a topic (or for an owner)."""

    bundle: PlanBundle
    priorities: list[Priority] = field(default_factory=list)
    commitments: list[Commitment] = field(default_factory=list)
    """Commitments named on their own (those of a listed priority are shown under it)."""
    measures: list[Measure] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    owned: bool = False
    """The plan itself is owned by, or governed with, the owner."""

    @property
    def commitment_count(self) -> int:
        return len(self.commitments) + sum(len(p.commitments) for p in self.priorities)


def newest_first(bundles: list[PlanBundle]) -> list[PlanBundle]:
    """Plans from the one that started last to the one that started first."""
    return sorted(bundles, key=lambda b: (date_key(b.plan.period.start), b.id), reverse=True)


def by_plan(items: list[Any], index: Index, under_priorities: bool = True) -> list[PlanShare]:
    """Items (priorities, commitments, measures, quotes, plans) grouped by plan, newest plan first.
    `under_priorities`: a listed priority's commitments are shown under it, not again on their own."""
    shares: dict[str, PlanShare] = {}
    listed: dict[int, set[int]] = {}  # id of a share's list → ids of the items in it (each item once)
    for item in items:
        bundle = index.plans[item.id] if isinstance(item, Plan) else plan_of(item)
        share = shares.setdefault(bundle.id, PlanShare(bundle))
        if isinstance(item, Plan):
            share.owned = True
        elif isinstance(item, Priority):
            _add(share.priorities, item, listed)
        elif isinstance(item, Commitment):
            _add(share.commitments, item, listed)
        elif isinstance(item, Measure):
            _add(share.measures, item, listed)
        elif isinstance(item, Quote):
            _add(share.quotes, item, listed)
    if under_priorities:
        for share in shares.values():
            priorities = {id(p) for p in share.priorities}
            share.commitments = [c for c in share.commitments if id(c._parent) not in priorities]
    return [shares[b.id] for b in newest_first([shares[k].bundle for k in shares])]


def _add(items: list[Any], item: Any, listed: dict[int, set[int]]) -> None:
    ids = listed.setdefault(id(items), set())
    if id(item) not in ids:
        ids.add(id(item))
        items.append(item)


def responsibilities(index: Index, progress: Progress, owner_id: str) -> list[PlanShare]:
    """What an owner owns, leads and is responsible for; in each plan, overdue commitments first."""
    shares = by_plan(index.responsible.get(owner_id, []), index, under_priorities=False)
    for share in shares:
        share.commitments.sort(key=lambda c: not progress.of(c).overdue)  # stable: document order kept
    return shares


def with_status(index: Index, progress: Progress, key: str) -> list[PlanShare]:
    """Commitments of one status ('overdue' for the overdue ones), by plan, newest plan first."""
    chosen = [c for c in index.commitments.values()
              if (progress.of(c).overdue if key == "overdue" else progress.of(c).key == key)]
    shares = by_plan(chosen, index)
    in_plan: dict[int, list[Commitment]] = {}
    for c in chosen:
        in_plan.setdefault(id(plan_of(c)), []).append(c)
    for share in shares:
        share.commitments = in_plan.get(id(share.bundle), [])
    return shares
