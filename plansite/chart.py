"""The geometry of a measure's chart: where each value, target and comparator is drawn.

The chart itself is drawn by templates/chart.svg.j2 (inline SVG: no JavaScript, no request).
Values, the baseline, targets and comparators each have their own marker shape and a word in the
legend, so the chart does not rely on colour; the same numbers are in the table beside it.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, field

from . import dates, vocabulary
from .schema.parts import Measure

WIDTH, HEIGHT = 320, 200
"""The drawing's size in its own units: at 320 px wide (a small phone) one unit is one pixel."""

LEFT, RIGHT, TOP, BOTTOM = 46, 14, 14, 30
"""Margins for the axis labels."""


@dataclass(frozen=True)
class Mark:
    """One thing drawn: a value, the baseline, a target or a comparator."""

    kind: str
    """actual, baseline, target or comparator."""
    x: float
    y: float
    label: str
    """The value in words, as the table gives it ('82%')."""
    when: str
    """The date in words."""


@dataclass
class Chart:
    """Everything the template needs to draw one measure."""

    marks: list[Mark] = field(default_factory=list)
    line: list[tuple[float, float]] = field(default_factory=list)
    """The path through the baseline and actual values, oldest first."""
    y_ticks: list[tuple[float, str]] = field(default_factory=list)
    x_ticks: list[tuple[float, str]] = field(default_factory=list)
    target_lines: list[tuple[float, str]] = field(default_factory=list)
    """Targets without a date: a dashed line across the chart at this height, with its words."""
    width: int = WIDTH
    height: int = HEIGHT
    kinds: list[str] = field(default_factory=list)
    """The kinds of mark present, for the legend."""


LARGEST = 1e12
"""A comparator larger than this (either way) is not drawn: content numbers stay within it too."""


def _numeric(text: str) -> float | None:
    # A comparator is printed as text ('19.9%', '460.80 per 10,000'); only a plain number of a
    # size the chart can scale is drawn (the table shows every comparator as printed).
    match = re.fullmatch(r"\s*(-?[0-9,]*\.?[0-9]+)\s*%?\s*", text)
    value = float(match.group(1).replace(",", "")) if match else None
    return value if value is not None and math.isfinite(value) and abs(value) <= LARGEST else None


def points(measure: Measure) -> list[tuple[str, dt.date, float, str, str]]:
    """(kind, day, value, value in words, date in words) of everything with a number and a date."""
    from .text import date

    found = []
    for kind, items in (("baseline", [measure.baseline] if measure.baseline else []), ("actual", measure.values),
                        ("target", measure.targets)):
        for p in items:
            if p.value is not None and p.date:
                day = dates.end(p.date) if kind == "target" else dates.middle(p.date)
                found.append((kind, day, p.value, vocabulary.number(p.value, measure.unit), date(p.date)))
    for c in measure.comparators:
        value = _numeric(c.value)
        if value is not None and c.date:
            found.append(("comparator", dates.middle(c.date), value, f"{c.area}: {c.value}", date(c.date)))
    return found


def chartable(measure: Measure) -> bool:
    """True when there is something to draw: at least two numbers with dates (or one and an undated target)."""
    drawn = points(measure)
    undated = [t for t in measure.targets if t.value is not None and not t.date]
    return len(drawn) >= 2 or (len(drawn) == 1 and bool(undated))


def chart(measure: Measure) -> Chart:
    """Lay out a measure's chart (call only when chartable)."""
    drawn = points(measure)
    undated = [t for t in measure.targets if t.value is not None and not t.date]
    values = [p[2] for p in drawn] + [t.value for t in undated]
    low, high = _value_range(values, measure.unit)
    first, last = _date_range([p[1] for p in drawn])

    def x(day: dt.date) -> float:
        return LEFT + (WIDTH - LEFT - RIGHT) * (day - first).days / max((last - first).days, 1)

    def y(value: float) -> float:
        return TOP + (HEIGHT - TOP - BOTTOM) * (high - value) / (high - low)

    result = Chart()
    for kind, day, value, words, when in sorted(drawn, key=lambda p: (p[1], p[0])):
        result.marks.append(Mark(kind, round(x(day), 1), round(y(value), 1), words, when))
    result.line = [(m.x, m.y) for m in result.marks if m.kind in ("baseline", "actual")]
    result.target_lines = [(round(y(t.value), 1), vocabulary.number(t.value, measure.unit)) for t in undated]
    result.y_ticks = [(round(y(v), 1), vocabulary.number(v, measure.unit)) for v in _ticks(low, high)]
    result.x_ticks = [(round(x(dt.date(year, 7, 1)), 1), str(year)) for year in _years(first, last)]
    result.kinds = [k for k in ("actual", "baseline", "target", "comparator")
                    if any(m.kind == k for m in result.marks) or (k == "target" and undated)]
    return result


def _value_range(values: list[float], unit: str | None) -> tuple[float, float]:
    low, high = min(values), max(values)
    pad = (high - low) * 0.15 or abs(high) * 0.1 or 1  # one value (or all equal): a band around it
    low, high = low - pad, high + pad
    if min(values) >= 0:
        low = max(low, 0)
    if unit == "percent" and max(values) <= 100:
        high = min(high, 100)
    step = _step(low, high)
    return math.floor(low / step) * step, math.ceil(high / step) * step


def _step(low: float, high: float) -> float:
    raw = (high - low) / 4
    magnitude = 10 ** math.floor(math.log10(raw)) if raw > 0 else 1
    return next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)


def _ticks(low: float, high: float) -> list[float]:
    step = _step(low, high)
    count = round((high - low) / step)
    decimals = max(0, 1 - math.floor(math.log10(step)))  # enough for the step, so 0.1 * 3 is 0.3
    return [round(low + i * step, decimals) for i in range(count + 1)]


def _date_range(days: list[dt.date]) -> tuple[dt.date, dt.date]:
    first, last = min(days), max(days)
    if (last - first).days < 300:  # one year or less: widen, so the marks do not sit on the edges
        first, last = first - dt.timedelta(days=200), last + dt.timedelta(days=200)
    return first, last


def _years(first: dt.date, last: dt.date) -> list[int]:
    years = list(range(first.year if first.month <= 7 else first.year + 1, last.year + 1))
    every = max(1, math.ceil(len(years) / 6))  # at most six year labels, so they fit at 320 px
    return [y for y in years if (y - years[0]) % every == 0 and dt.date(y, 7, 1) <= last] if years else []
