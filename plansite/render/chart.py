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

from plansite.content.schema.parts import Measure
from plansite.core import dates, vocabulary
from plansite.core.text import MONTHS

WIDTH, HEIGHT = 340, 220
"""The drawing's size, in pixels: it is drawn at this size on every screen wide enough (so its type
stays the size the stylesheet sets) and shrinks only to fit a narrower one."""

LEFT, RIGHT, TOP, BOTTOM = 46, 14, 30, 30
"""Margins for the axis labels (the top one holds the unit)."""

INSET = 20
"""Space between the axes and the first and last dates, so marks and their labels clear the axis."""

CHAR = 7.0
"""About how wide one character of an axis label is, for keeping labels apart."""


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
    unit: str = ""
    """What the numbers are, over the value axis ('Percent', 'Rate per 10,000', or that the plan prints no unit)."""


LARGEST = 1e12
"""A comparator larger than this (either way) is not drawn: content numbers stay within it too."""


def _numeric(text: str) -> float | None:
    # A comparator is printed as text ('19.9%', '460.80 per 10,000'); only a plain number of a
    # size the chart can scale is drawn (the table shows every comparator as printed).
    match = re.fullmatch(r"\s*(-?[0-9,]*\.?[0-9]+)\s*%?\s*", text)
    value = float(match.group(1).replace(",", "")) if match else None
    return value if value is not None and math.isfinite(value) and abs(value) <= LARGEST else None


UNIT_CAPTIONS = {"percent": "Percent", "rate-per-10000": "Rate per 10,000", "count": "Number", "score": "Score",
                 "days": "Days", "ratio": "Ratio"}
"""The caption over the value axis, by unit."""


def unit_caption(unit: str | None) -> str:
    """What the numbers on the value axis are; for a measure without a unit, that the plan prints none."""
    return UNIT_CAPTIONS.get(unit or "", "The plan prints no unit for these numbers")


def _on_chart(value: float, unit: str | None) -> str:
    # On the chart a number carries its unit only when it is short ('82%'); other units are named
    # once, over the axis, so that labels stay narrow.
    return vocabulary.number(value, unit if unit == "percent" else None)


def points(measure: Measure) -> list[tuple[str, dt.date, float, str, str]]:
    """(kind, day, value, value as labelled, date as labelled) of everything with a number and a date."""
    found = []
    for kind, items in (("baseline", [measure.baseline] if measure.baseline else []), ("actual", measure.values),
                        ("target", measure.targets)):
        for p in items:
            if p.value is not None and p.date:
                day = dates.end(p.date) if kind == "target" else dates.middle(p.date)
                found.append((kind, day, p.value, _on_chart(p.value, measure.unit), _short_date(p.date)))
    for c in measure.comparators:
        value = _numeric(c.value)
        if value is not None and c.date:
            found.append(("comparator", dates.middle(c.date), value, f"{c.area}: {c.value}", _short_date(c.date)))
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
    first, last = min(p[1] for p in drawn), max(p[1] for p in drawn)
    # room at each end for half the date label there, clear of the value axis's labels
    before = max([INSET] + [len(p[4]) * CHAR / 2 - 4 for p in drawn if p[1] == first])
    after = max([INSET] + [len(p[4]) * CHAR / 2 - RIGHT for p in drawn if p[1] == last])

    def x(day: dt.date) -> float:
        if first == last:  # one date: in the middle
            return (LEFT + WIDTH - RIGHT) / 2
        return LEFT + before + (WIDTH - LEFT - RIGHT - before - after) * (day - first).days / (last - first).days

    def y(value: float) -> float:
        return TOP + (HEIGHT - TOP - BOTTOM) * (high - value) / (high - low)

    result = Chart()
    for kind, day, value, words, when in sorted(drawn, key=lambda p: (p[1], p[0])):
        result.marks.append(Mark(kind, round(x(day), 1), round(y(value), 1), words, when))
    result.line = [(m.x, m.y) for m in result.marks if m.kind in ("baseline", "actual")]
    result.target_lines = [(round(y(t.value), 1), _on_chart(t.value, measure.unit)) for t in undated]
    result.y_ticks = [(round(y(v), 1), _on_chart(v, measure.unit)) for v in _ticks(low, high)]
    result.x_ticks = _x_ticks(result.marks)
    result.kinds = [k for k in ("actual", "baseline", "target", "comparator")
                    if any(m.kind == k for m in result.marks) or (k == "target" and undated)]
    result.unit = unit_caption(measure.unit)
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


def _short_date(text: str) -> str:
    """A date as an axis label, as precise as the data: '2025', 'Feb 2025', '3 Feb 2025', '2014/15'."""
    parts = text.split("-")
    if len(parts) == 1:
        return text
    month = MONTHS[int(parts[1]) - 1][:3]
    return f"{month} {parts[0]}" if len(parts) == 2 else f"{int(parts[2])} {month} {parts[0]}"


def _x_ticks(marks: list[Mark]) -> list[tuple[float, str]]:
    """A date label under each date something is drawn at, in the data's own precision, leaving out
    those that would run into the one before (the first and last are kept)."""
    dated = sorted({(m.x, m.when) for m in marks if m.kind != "comparator"} or {(m.x, m.when) for m in marks})
    kept: list[tuple[float, str]] = []
    for tick in dated:
        if kept and _crowded(kept[-1], tick):
            if tick != dated[-1]:
                continue
            while len(kept) > 1 and _crowded(kept[-1], tick):
                kept.pop()  # the last date matters more than the ones just before it
        kept.append(tick)
    return kept


def _crowded(left: tuple[float, str], right: tuple[float, str]) -> bool:
    # True when two centred labels would touch (with a small gap).
    return (right[0] - left[0]) * 2 < (len(left[1]) + len(right[1])) * CHAR + 8
