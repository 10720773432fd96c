"""Where a measure stands, by one published rule (explained on the site's methodology page).

After Open SDG's progress methodology (Statistics Canada, Eurostat): compare the yearly rate of
change since the starting value with the rate needed to reach the target by its date, taking the
direction that is better into account. Everything is worked out from the published values as of
the site's 'as of' date; nothing is typed by hand or guessed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from plansite.content.schema.parts import DataPoint, Measure
from plansite.core import dates

RECENT_YEARS = 3
"""A latest value older than this (as of the site's date) is not recent enough to judge by."""

ON_TRACK = 0.95
"""The observed rate must be at least this share of the needed rate to be on track (Open SDG)."""

LITTLE_CHANGE = 0.005
"""Without a target, a yearly change smaller than 0.5% of the value counts as little change."""

STATUSES = {
    "met": ("Target met", "✔", "The latest value meets or beats the target."),
    "on-track": ("On track", "↗", "At the rate of change since the start, the target will be reached by its date."),
    "too-slow": ("Improving, too slowly", "◔", "Moving the right way, but too slowly to reach the target by its date."),
    "improving": ("Improving", "↑", "Moving the right way; the target has no date (or there is no target) to judge"
                  " the pace against."),
    "little-change": ("Little change", "→", "No target, and the value has barely changed."),
    "worse": ("Getting worse", "✖", "Moving away from the target (or the wrong way)."),
    "missed": ("Target missed", "✖", "The target's date has passed and the value published since does not meet it."),
    "no-value-since": ("Not known", "○", "The target's date has passed and no value has been published since, so"
                       " whether it was met is not known."),
    "one-value": ("One value only", "•", "Only one value is published: there is no change to judge, and one value is"
                  " not judged against the target, whichever side of it the value is."),
    "not-recent": ("No recent data", "○", f"The latest value is more than {RECENT_YEARS} years old."),
    "no-data": ("No data", "○", "No value has been published."),
    "no-direction": ("Direction not stated", "○", "The plan does not say whether higher or lower is better."),
    "target-in-words": ("Target in words", "○", "The target is not a number, so the data cannot be compared"
                        " with it."),
}
"""Status → (label, shape, what it means). The shape and the words say it, not colour alone."""

JUDGED = ("met", "on-track", "too-slow", "improving", "little-change", "worse", "missed")
"""Statuses that judge the data; the others say why there is no judgement."""


@dataclass(frozen=True)
class Point:
    """A numeric value at a day."""

    day: dt.date
    value: float
    source: DataPoint


@dataclass(frozen=True)
class MeasureStatus:
    """The outcome of the rule for one measure, with the numbers it used."""

    key: str
    start: Point | None = None
    latest: Point | None = None
    target: DataPoint | None = None
    target_day: dt.date | None = None
    observed_rate: float | None = None
    """Yearly rate of change since the start (a share: 0.02 is 2% a year)."""
    needed_rate: float | None = None
    """Yearly rate needed from the start to reach the target by its date."""

    @property
    def label(self) -> str:
        return STATUSES[self.key][0]

    @property
    def shape(self) -> str:
        return STATUSES[self.key][1]

    @property
    def meaning(self) -> str:
        return STATUSES[self.key][2]

    @property
    def judged(self) -> bool:
        return self.key in JUDGED


def series(measure: Measure, as_of: dt.date) -> list[Point]:
    """The measure's numeric values (the baseline first) up to the site's date, oldest first; one per
    day (the content check refuses two values for one date; should two reach here, the one listed
    later replaces the earlier, as a revised figure does)."""
    points = [p for p in ([measure.baseline] if measure.baseline else []) + list(measure.values)
              if p.value is not None and p.date]
    by_day = {dates.middle(p.date): Point(dates.middle(p.date), p.value, p) for p in points}
    return sorted((p for p in by_day.values() if p.day <= as_of), key=lambda p: p.day)


def status(measure: Measure, as_of: dt.date) -> MeasureStatus:
    """Where the measure stands as of the site's date."""
    points = series(measure, as_of)
    if not points:
        return MeasureStatus("no-data")
    start, latest = points[0], points[-1]
    if not measure.direction:
        return MeasureStatus("no-direction", start, latest)
    if dates.years_between(latest.day, as_of) > RECENT_YEARS:
        return MeasureStatus("not-recent", start, latest)
    better = 1 if measure.direction == "higher-is-better" else -1
    target = _target(measure, latest.day)
    if target is None and any(t.value is None for t in measure.targets):
        return MeasureStatus("target-in-words", start, latest)
    deadline = _deadline(target) if target else None
    if latest is start:  # one value shows no change, and is never held up against the target alone
        passed = deadline is not None and deadline < as_of and latest.day < deadline
        return MeasureStatus("no-value-since" if passed else "one-value", start, latest, target, deadline)
    if target is not None and (latest.value - target.value) * better >= 0:
        return MeasureStatus("met", start, latest, target, deadline)
    if deadline is not None and deadline < as_of:
        return MeasureStatus("missed" if latest.day >= deadline else "no-value-since", start, latest, target, deadline)
    observed = _rate(start, latest.value, latest.day)
    if target is None:
        key = "little-change" if abs(observed) < LITTLE_CHANGE else "improving" if observed * better > 0 else "worse"
        return MeasureStatus(key, start, latest, None, None, observed)
    if observed * better <= 0:
        return MeasureStatus("worse", start, latest, target, deadline, observed)
    if deadline is None or deadline <= start.day:
        return MeasureStatus("improving", start, latest, target, deadline, observed)
    needed = _rate(start, target.value, deadline)
    key = "on-track" if observed / needed >= ON_TRACK else "too-slow"
    return MeasureStatus(key, start, latest, target, deadline, observed, needed)


def _target(measure: Measure, after: dt.date) -> DataPoint | None:
    # The first numeric target due on or after the latest value; else the last one.
    numeric = [t for t in measure.targets if t.value is not None]
    dated = sorted((t for t in numeric if t.date), key=lambda t: dates.end(t.date))
    upcoming = [t for t in dated if dates.end(t.date) >= after]
    if upcoming:
        return upcoming[0]
    undated = [t for t in numeric if not t.date]
    return undated[0] if undated else (dated[-1] if dated else None)


def _deadline(target: DataPoint) -> dt.date | None:
    return dates.end(target.date) if target.date else None


def _rate(start: Point, value: float, day: dt.date) -> float:
    """Yearly rate of change from the start to `value` at `day`: compound when both values are
    positive (as Open SDG does), otherwise the yearly change relative to the size of the start."""
    years = dates.years_between(start.day, day)
    if years <= 0:
        return 0.0
    if start.value > 0 and value > 0:
        return (value / start.value) ** (1 / years) - 1
    return (value - start.value) / years / max(abs(start.value), 1.0)


def worked_example() -> dict:
    """A made-up measure, run through the rule, for the methodology page's example of the rates."""
    example = Measure(id="example", name="Example", unit="percent", direction="higher-is-better",
                      baseline=DataPoint(date="2022", value=60), values=[DataPoint(date="2024", value=66)],
                      targets=[DataPoint(date="2027", value=75)])
    result = status(example, dt.date(2025, 1, 1))
    return {"start": 60, "start_date": "2022", "latest": 66, "latest_date": "2024", "target": 75,
            "target_date": "2027", "observed": f"{result.observed_rate:.1%}", "needed": f"{result.needed_rate:.1%}",
            "share": f"{result.observed_rate / result.needed_rate:.0%}", "label": result.label}


def examples(measures: list[Measure], statuses: dict[int, MeasureStatus]) -> list[tuple[str, Measure]]:
    """The first measure of each status, in the order the statuses are explained."""
    first: dict[str, Measure] = {}
    for measure in measures:
        first.setdefault(statuses[id(measure)].key, measure)
    return [(key, first[key]) for key in STATUSES if key in first]
