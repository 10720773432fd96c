"""Where every plan, commitment and measure stands as of the site's date, worked out once from the
resolved content, so that pages, summaries, charts and data files all show the same thing."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from plansite.content.read import PlanBundle
from plansite.content.schema.parts import Measure, ProgressUpdate
from plansite.content.schema.priority import Commitment, Priority
from plansite.core import dates
from plansite.derive import measure_status
from plansite.derive.measure_status import MeasureStatus
from plansite.model.index import Index

COMMITMENT_STATUSES = {
    "done": ("Done", "✔", "The commitment has been delivered, as a published update says."),
    "partly-done": ("Partly done", "◑", "Some of it was delivered, not all."),
    "in-progress": ("In progress", "▶", "Work has begun and is going on."),
    "delayed": ("Delayed", "⏸", "It is behind the date it was due, as a published update says."),
    "not-started": ("Not started", "○", "Work has not begun, as a published update says."),
    "stopped": ("Stopped", "■", "Work on it has stopped; the update says why."),
    "retired": ("Retired", "✕", "It no longer stands; its page says when, why and what replaces it."),
    "no-update": ("No update published", "?", "No progress update has been published for it."),
}
"""Commitment status → (label, shape, what it means). Every status but the last comes from the latest
dated progress update (or its retirement); the site never guesses one."""

FINISHED = ("done", "stopped", "retired")
"""Statuses after which a passed due date is no longer 'overdue'."""

PLAN_STATES = {
    "draft": ("Draft", "Not yet agreed; it may change."),
    "current": ("In force", "Its period is running and no later plan replaces it."),
    "ended": ("Period ended", "The years this plan covers are over, and no later plan on this site replaces it."),
    "superseded": ("Replaced", "A later plan has replaced this one."),
    "archived": ("Archived", "Kept for the record; no longer in force."),
}
"""What a plan's state is called and means. The state comes from the plan's dates and relations."""


@dataclass(frozen=True)
class CommitmentProgress:
    """Where a commitment stands: its latest update, and whether it is overdue."""

    key: str
    latest: ProgressUpdate | None
    updates: tuple[ProgressUpdate, ...]
    """Every update, newest first."""
    overdue: bool

    @property
    def label(self) -> str:
        return COMMITMENT_STATUSES[self.key][0]

    @property
    def shape(self) -> str:
        return COMMITMENT_STATUSES[self.key][1]

    @property
    def meaning(self) -> str:
        return COMMITMENT_STATUSES[self.key][2]


@dataclass(frozen=True)
class PlanState:
    """What a plan is, as of the site's date."""

    key: str
    replaced_by: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        return PLAN_STATES[self.key][0]

    @property
    def meaning(self) -> str:
        return PLAN_STATES[self.key][1]


@dataclass
class Summary:
    """Counts of commitments and measures by status, for a plan, a priority or the whole site."""

    commitments: Counter = field(default_factory=Counter)
    measures: Counter = field(default_factory=Counter)
    overdue: list[Commitment] = field(default_factory=list)

    def add(self, other: Summary) -> None:
        self.commitments.update(other.commitments)
        self.measures.update(other.measures)
        self.overdue += other.overdue

    @property
    def commitment_count(self) -> int:
        return sum(self.commitments.values())

    @property
    def measure_count(self) -> int:
        return sum(self.measures.values())

    def commitment_rows(self) -> list[tuple[str, int]]:
        """(status, count) in the order the statuses are explained, leaving out those at zero."""
        return [(k, self.commitments[k]) for k in COMMITMENT_STATUSES if self.commitments[k]]

    def measure_rows(self) -> list[tuple[str, int]]:
        return [(k, self.measures[k]) for k in measure_status.STATUSES if self.measures[k]]


@dataclass
class Progress:
    """Every derived status, by item."""

    as_of: dt.date
    commitments: dict[int, CommitmentProgress] = field(default_factory=dict)
    measures: dict[int, MeasureStatus] = field(default_factory=dict)
    plans: dict[str, PlanState] = field(default_factory=dict)
    summaries: dict[int, Summary] = field(default_factory=dict)
    everything: Summary = field(default_factory=Summary)

    def of(self, item: Any) -> Any:
        """The derived status of a commitment, measure or plan (bundle)."""
        if isinstance(item, PlanBundle):
            return self.plans[item.id]
        table = self.commitments if isinstance(item, Commitment) else self.measures
        return table[id(item)]

    def summary(self, item: PlanBundle | Priority | None = None) -> Summary:
        """The counts for a plan, a priority, or (None) every plan."""
        return self.everything if item is None else self.summaries[id(item)]


def derive(index: Index) -> Progress:
    """Work out every status from the content, as of content/site.yml's as_of."""
    progress = Progress(dates.as_of(index.content.site.as_of))
    for bundle in sorted(index.plans.values(), key=lambda b: b.id):
        progress.plans[bundle.id] = plan_state(bundle, index, progress.as_of)
        plan_summary = Summary()
        for priority in bundle.priorities:
            summary = _priority(progress, priority)
            progress.summaries[id(priority)] = summary
            plan_summary.add(summary)
        progress.summaries[id(bundle)] = plan_summary
        progress.everything.add(plan_summary)
    return progress


def _priority(progress: Progress, priority: Priority) -> Summary:
    summary = Summary()
    for commitment in priority.commitments:
        state = commitment_progress(commitment, progress.as_of)
        progress.commitments[id(commitment)] = state
        summary.commitments[state.key] += 1
        if state.overdue:
            summary.overdue.append(commitment)
    for measure in priority.measures:
        state = measure_status.status(measure, progress.as_of)
        progress.measures[id(measure)] = state
        summary.measures[state.key] += 1
    return summary


def commitment_progress(commitment: Commitment, as_of: dt.date) -> CommitmentProgress:
    """A commitment's status from its latest dated update, and whether its due date has passed."""
    updates = tuple(sorted(commitment.progress, key=lambda u: dates.end(u.date), reverse=True))
    published = tuple(u for u in updates if dates.start(u.date) <= as_of)
    latest = published[0] if published else None
    key = latest.status if latest else "no-update"
    retired = commitment.retired or getattr(commitment._parent, "retired", None)
    if retired and dates.start(retired.date) <= as_of:
        key = "retired"
    overdue = bool(commitment.due) and dates.end(commitment.due) < as_of and key not in FINISHED
    return CommitmentProgress(key, latest, updates, overdue)


def plan_state(bundle: PlanBundle, index: Index, as_of: dt.date) -> PlanState:
    """A plan's state from its relations and dates: replaced, archived, draft, period ended or current."""
    plan = bundle.plan
    later = tuple(index.superseded_by.get(plan.id, []))
    if later:
        return PlanState("superseded", later)
    if plan.status in ("archived", "draft"):
        return PlanState(plan.status)
    if plan.period.end and dates.end(plan.period.end) < as_of:
        return PlanState("ended")
    return PlanState("current")


def measures_of(index: Index) -> list[Measure]:
    """Every measure, in plan and document order."""
    return [m for b in index.plans.values() for p in b.priorities for m in p.measures]
