"""Content dates (2025, 2025-06, 2025-06-30, 2014/15) as calendar days, for the progress rules.

A content date names a period. A value is taken to be for the middle of its period; a deadline
("by 2025-06", "target for 2020") falls at the end of its period. The site says so on its
methodology page.
"""

from __future__ import annotations

import calendar
import datetime as dt


def _bounds(text: str) -> tuple[dt.date, dt.date]:
    if "/" in text:  # a school or financial year, 2014/15: from the first year into the second
        first = int(text.split("/")[0])
        return dt.date(first, 4, 1), dt.date(first + 1, 3, 31)
    parts = [int(p) for p in text.split("-")]
    if len(parts) == 1:
        return dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31)
    if len(parts) == 2:
        last = calendar.monthrange(parts[0], parts[1])[1]
        return dt.date(parts[0], parts[1], 1), dt.date(parts[0], parts[1], last)
    day = dt.date(*parts)
    return day, day


def start(text: str) -> dt.date:
    """The first day of the period a content date names."""
    return _bounds(text)[0]


def end(text: str) -> dt.date:
    """The last day of the period a content date names (a deadline)."""
    return _bounds(text)[1]


def middle(text: str) -> dt.date:
    """The middle of the period a content date names (when a value was measured)."""
    first, last = _bounds(text)
    return first + (last - first) / 2


def years_between(earlier: dt.date, later: dt.date) -> float:
    """The time between two days, in years."""
    return (later - earlier).days / 365.25


def as_of(text: str) -> dt.date:
    """The site's 'as of' date: the last day of the period it names."""
    return end(text)
