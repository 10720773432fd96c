"""Plain sentences saying what is known about a measure or a commitment, worked out once from the
derived statuses. Pages, the chart's text alternative and the summaries print them as they are.

A sentence states facts from the record (values, dates, targets, what was published) and never a
verdict the data cannot carry: a single value is shown beside its target, not judged against it;
a passed due date with nothing published says that nothing was published, not that it failed.
They are plain text: templates escape them where they print them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from plansite.content.schema.parts import DataPoint, Measure
from plansite.content.schema.priority import Commitment
from plansite.core import dates, vocabulary
from plansite.core.text import date
from plansite.derive.measure_status import MeasureStatus, Point
from plansite.derive.progress import FINISHED, CommitmentProgress


def when(point: DataPoint) -> str:
    """A value's date in words ('February 2025'), or its label as printed when it has no date."""
    return date(point.date) if point.date else (point.label or "date not given")


def value(point: DataPoint, unit: str | None) -> str:
    """A value as the pages show it: its number with its unit, or its words as printed."""
    return point.text if point.value is None and point.text else vocabulary.number(point.value, unit)


def aim(measure: Measure, target: DataPoint) -> str:
    """A target in words: 'at least 90% by 2020', 'no more than 20%', or its words as printed."""
    if target.value is None:
        words = f"“{target.text}”"
    else:
        bound = {"higher-is-better": "at least ", "lower-is-better": "no more than "}.get(measure.direction or "", "")
        words = bound + vocabulary.number(target.value, measure.unit)
    return words + (f" by {date(target.date)}" if target.date else "")


def targets(measure: Measure) -> str | None:
    """Every target in one phrase: 'target at least 69% by 2019, then at least 71% by 2020'."""
    if not measure.targets:
        return None
    return "target " + ", then ".join(aim(measure, t) for t in measure.targets)


def direction(measure: Measure) -> str:
    """Which way is better, in words."""
    return {"higher-is-better": "higher is better", "lower-is-better": "lower is better"}.get(
        measure.direction or "", "the plan does not say whether higher or lower is better")


def story(measure: Measure, state: MeasureStatus) -> str:
    """What the published values show: 'It rose from 20.5% in 2015 to 22.5% in 2017'."""
    start, latest = state.start, state.latest
    if start is None:
        printed = [p for p in ([measure.baseline] if measure.baseline else []) + list(measure.values) if p.text]
        return "No value has been published as a number" if printed else "No value has been published"
    if latest is start:
        first = "Only the starting value" if start.source is measure.baseline else "Only one value"
        return f"{first}: {_at(start, measure.unit)}"
    moved = "rose" if latest.value > start.value else "fell" if latest.value < start.value else None
    if moved is None:
        return (f"It stayed at {vocabulary.number(start.value, measure.unit)} from {when(start.source)}"
                f" to {when(latest.source)}")
    return f"It {moved} from {_at(start, measure.unit)} to {_at(latest, measure.unit)}"


def _at(point: Point, unit: str | None) -> str:
    return f"{vocabulary.number(point.value, unit)} in {when(point.source)}"


def measure_sentence(measure: Measure, state: MeasureStatus) -> str:
    """What is known about a measure, in one sentence: its values, which way is better, its target,
    and that nothing was published after the latest value (so old data reads as old)."""
    parts = [story(measure, state)]
    if state.latest is not None and state.latest is not state.start:
        parts.append(direction(measure))
    aims = targets(measure)
    if aims:
        parts.append(aims)
    if state.latest is not None:
        parts.append("no value published since" if state.latest is state.start
                     else f"no value published since {when(state.latest.source)}")
    return "; ".join(parts) + "."


@dataclass(frozen=True)
class Due:
    """When a commitment is due, and (once that date has passed without an update saying it was
    done) what was published since: 'June 2025' and 'no update published since then'."""

    when: str
    since: str | None = None

    def __str__(self) -> str:
        return f"Due {self.when}" + (f" · {self.since}" if self.since else "")


def due(commitment: Commitment, state: CommitmentProgress, as_of: dt.date) -> Due | None:
    """The due words of a commitment; None when the plan gives no due date."""
    if not commitment.due:
        return None
    when = date(commitment.due) + (f" ({commitment.due_note})" if commitment.due_note else "")
    if dates.end(commitment.due) >= as_of or state.key in FINISHED:
        return Due(when)
    latest = state.latest
    if latest is None:
        return Due(when, "no update published since then")
    if dates.start(latest.date) <= dates.end(commitment.due):
        return Due(when, f"no update published since then (the last, {date(latest.date)}, said: {state.label.lower()})")
    return Due(when, f"latest update {date(latest.date)}: {state.label.lower()}")
