"""A measure's numbers checked together: each within what its unit can be (or the measure's own
`range`), and one value for each date, so that a page never shows an impossible percentage and the
status rule never compares two values for the same day."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from plansite.content.schema.parts import DataPoint, Measure
from plansite.core import dates, text, vocabulary

UNIT_RANGES: dict[str, tuple[float | None, float | None]] = {
    "percent": (0, 100),
    "count": (0, None),
    "rate-per-10000": (0, None),
    "days": (0, None),
    "ratio": (0, None),
}
"""Unit → the lowest and highest value it can take (None: no limit). A score can be anything."""

Report = Callable[[Any, tuple, str], None]
"""Reports a problem at a key below a node (resolve's `at`)."""


def limits(measure: Measure) -> tuple[float | None, float | None]:
    """The lowest and highest value the measure's numbers may take."""
    if measure.range is not None:
        return measure.range.lowest, measure.range.highest
    return UNIT_RANGES.get(measure.unit or "", (None, None))


def check(measure: Measure, report: Report) -> None:
    """Report every number out of range and every second value for the same date."""
    points = _points(measure)
    for key, point in points:
        _check_range(measure, key, point, report)
    _check_dates(measure, [(k, p) for k, p in points if k[0] != "targets"], dates.middle, "value", report)
    _check_dates(measure, [(k, p) for k, p in points if k[0] == "targets"], dates.end, "target", report)


def _points(measure: Measure) -> list[tuple[tuple, DataPoint]]:
    found: list[tuple[tuple, DataPoint]] = [(("baseline",), measure.baseline)] if measure.baseline else []
    found += [(("values", i), p) for i, p in enumerate(measure.values)]
    return found + [(("targets", i), p) for i, p in enumerate(measure.targets)]


def _check_range(measure: Measure, key: tuple, point: DataPoint, report: Report) -> None:
    lowest, highest = limits(measure)
    value = point.value
    if value is None or ((lowest is None or value >= lowest) and (highest is None or value <= highest)):
        return
    shown = vocabulary.number(value, measure.unit)
    bound = f"less than {_plain(lowest)}" if lowest is not None and value < lowest else f"more than {_plain(highest)}"
    if measure.range is not None:
        why = f"the measure's range is {_describe(lowest, highest)}"
    else:
        why = f"a measure in {vocabulary.UNIT_NAMES[measure.unit]} is {_describe(lowest, highest)}"
    report(measure, key + ("value",), f"{shown} is {bound}: {why}; check the number, or, if this measure's figures"
           " can go beyond that, give the measure a range (for example range: {lowest: -100, highest: 200})")


def _describe(lowest: float | None, highest: float | None) -> str:
    if lowest is not None and highest is not None:
        return f"from {_plain(lowest)} to {_plain(highest)}"
    return f"{_plain(lowest)} or more" if lowest is not None else f"{_plain(highest)} or less"


def _plain(value: float | None) -> str:
    return vocabulary.number(value, None) if value is not None else ""


def _check_dates(measure: Measure, points: list[tuple[tuple, DataPoint]], day_of: Callable, what: str,
                 report: Report) -> None:
    # Two values for one day: the rule could not tell which is current. A revised figure replaces
    # the old one (with its reason under changes:).
    seen: dict[Any, tuple[tuple, DataPoint]] = {}
    for key, point in points:
        if point.value is None or not point.date:
            continue
        day = day_of(point.date)
        if day in seen:
            first_key, first = seen[day]
            if first.date == point.date:
                same = f"date as the {_name(first_key)} ({first.date})"
            else:
                same = (f"day as the {_name(first_key)}: the site takes both {first.date} and {point.date} as"
                        f" {text.date(day.isoformat())}")
            report(measure, key + ("date",), f"this {what} is for the same {same}; a measure has one {what} for"
                   " each date: if the figure was revised, change the earlier one and say why under changes:,"
                   " or correct the date")
        else:
            seen[day] = (key, point)


def _name(key: tuple) -> str:
    return "baseline" if key[0] == "baseline" else f"{'value' if key[0] == 'values' else 'target'} {key[1] + 1}"
