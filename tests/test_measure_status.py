"""The measure status rule at its edges, and where commitment and plan statuses come from."""

from __future__ import annotations

import datetime as dt

import pytest

from plansite import progress
from plansite.measure_status import status
from plansite.schema.parts import DataPoint, Measure, ProgressUpdate
from plansite.schema.priority import Commitment

AS_OF = dt.date(2026, 11, 22)


def measure(direction="higher-is-better", baseline=None, values=(), targets=()) -> Measure:
    def point(item):
        date, value = item
        return DataPoint(date=date, value=value) if not isinstance(value, str) else DataPoint(date=date, text=value)
    return Measure(id="m", name="M", unit="percent", direction=direction,
                   baseline=point(baseline) if baseline else None,
                   values=[point(v) for v in values], targets=[point(t) for t in targets])


@pytest.mark.parametrize("kwargs, expected", [
    ({}, "no-data"),
    ({"direction": None, "baseline": ("2025-02", 15)}, "no-direction"),
    ({"baseline": ("2020", 50), "targets": [("2027", 60)]}, "not-recent"),
    ({"baseline": ("2025-02", 50), "targets": [("2027", "Continually increasing")]}, "target-in-words"),
    # the value equal to the target meets it, both ways round
    ({"baseline": ("2025-02", 90), "targets": [(None, 90)]}, "met"),
    ({"direction": "lower-is-better", "baseline": ("2025-02", 20), "targets": [(None, 20)]}, "met"),
    # lower is better: a value under the ceiling meets it, over it does not
    ({"direction": "lower-is-better", "baseline": ("2025-02", 15), "targets": [(None, 20)]}, "met"),
    ({"direction": "lower-is-better", "baseline": ("2025-02", 25), "targets": [(None, 20)]}, "one-value"),
    # one value only, target not met: nothing to judge
    ({"baseline": ("2025-02", 73), "targets": [(None, 95)]}, "one-value"),
    # a target without a date: the pace cannot be judged, only the way it moves
    ({"baseline": ("2025-02", 73), "values": [("2026-06", 80)], "targets": [(None, 95)]}, "improving"),
    ({"baseline": ("2025-02", 73), "values": [("2026-06", 70)], "targets": [(None, 95)]}, "worse"),
    # baseline missing: the first value is the start
    ({"values": [("2025", 60), ("2026", 66)], "targets": [("2027", 70)]}, "on-track"),
    ({"values": [("2025", 60), ("2026", 61)], "targets": [("2027", 70)]}, "too-slow"),
    ({"direction": "lower-is-better", "values": [("2025", 30), ("2026", 20)], "targets": [("2027", 15)]},
     "on-track"),
    ({"direction": "lower-is-better", "values": [("2025", 30), ("2026", 33)], "targets": [("2027", 15)]}, "worse"),
    # the target's date has passed
    ({"values": [("2023", 60), ("2025", 64)], "targets": [("2024", 70)]}, "missed"),
    ({"values": [("2023", 60), ("2024-03", 62)], "targets": [("2025", 70)]}, "no-value-since"),
    # no target: the way it moves, by fixed thresholds
    ({"values": [("2025", 60), ("2026", 66)]}, "improving"),
    ({"values": [("2025", 60), ("2026", 60.1)]}, "little-change"),
    # values at zero: the yearly change instead of compound growth
    ({"direction": "lower-is-better", "values": [("2025", 24), ("2026", 0)], "targets": [("2027", 0)]}, "met"),
    ({"values": [("2025", 0), ("2026", 2)], "targets": [("2027", 3)]}, "on-track"),
    # a value after the site's date is not yet published
    ({"values": [("2025", 60), ("2027", 99)], "targets": [("2028", 90)]}, "one-value"),
])
def test_the_rule_at_its_edges(kwargs: dict, expected: str) -> None:
    assert status(measure(**kwargs), AS_OF).key == expected


def test_the_target_used_is_the_next_one_due() -> None:
    result = status(measure(values=[("2025", 60), ("2026", 66)], targets=[("2024", 50), ("2027", 70), ("2030", 90)]),
                    AS_OF)
    assert result.target.value == 70
    assert result.observed_rate == pytest.approx(0.1, abs=0.002)
    assert result.needed_rate == pytest.approx((70 / 60) ** (1 / 2.5) - 1, abs=0.002)


def commitment(due=None, updates=()) -> Commitment:
    return Commitment(id="1", text="Do it.", due=due,
                      progress=[ProgressUpdate(date=d, status=s, note="Said so.") for d, s in updates])


@pytest.mark.parametrize("due, updates, key, overdue", [
    ("2025-06", [], "no-update", True),
    ("2027-06", [], "no-update", False),
    (None, [], "no-update", False),
    ("2025-06", [("2025-03", "in-progress")], "in-progress", True),
    ("2025-06", [("2025-03", "in-progress"), ("2025-09", "done")], "done", False),
    ("2025-06", [("2025-09", "done"), ("2025-03", "in-progress")], "done", False),  # order in the file does not matter
    ("2025-06", [("2026-01", "stopped")], "stopped", False),
    ("2025-06", [("2025-03", "in-progress"), ("2027-01", "done")], "in-progress", True),  # not yet published
    ("2026-11-22", [], "no-update", False),  # due today is not yet overdue
])
def test_a_commitment_status_comes_from_its_latest_update(due, updates, key, overdue) -> None:
    state = progress.commitment_progress(commitment(due, updates), AS_OF)
    assert (state.key, state.overdue) == (key, overdue)


def test_updates_are_listed_newest_first() -> None:
    state = progress.commitment_progress(commitment("2025-06", [("2025-01", "not-started"), ("2025-09", "done"),
                                                                ("2025-04", "in-progress")]), AS_OF)
    assert [u.date for u in state.updates] == ["2025-09", "2025-04", "2025-01"]
