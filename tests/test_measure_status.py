"""The measure status rule at its edges, and where commitment and plan statuses come from."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from plansite.content.schema.parts import DataPoint, Measure, ProgressUpdate
from plansite.content.schema.priority import Commitment
from plansite.core import vocabulary
from plansite.derive import progress, sentences
from plansite.derive.measure_status import status

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
    # one value only: never judged, whichever side of the target it is (the Improvement Plan's
    # starting values from February 2025 were shown as "Target met" when above it)
    ({"baseline": ("2025-02", 92), "targets": [(None, 90)]}, "one-value"),
    ({"baseline": ("2025-02", 90), "targets": [(None, 90)]}, "one-value"),
    ({"direction": "lower-is-better", "baseline": ("2025-02", 15), "targets": [(None, 20)]}, "one-value"),
    ({"direction": "lower-is-better", "baseline": ("2025-02", 25), "targets": [(None, 20)]}, "one-value"),
    ({"baseline": ("2025-02", 73), "targets": [(None, 95)]}, "one-value"),
    ({"values": [("2025", 99)], "targets": [("2027-06", 90)]}, "one-value"),
    # one value, and the target's date has passed with nothing since: not known, not missed
    ({"baseline": ("2024-02", 50), "targets": [("2025", 90)]}, "no-value-since"),
    ({"values": [("2026-03", 40)], "targets": [("2025", 90)]}, "one-value"),  # after the date: not "missed"
    # the latest of two values equal to the target meets it, both ways round
    ({"baseline": ("2025-02", 80), "values": [("2026-02", 90)], "targets": [(None, 90)]}, "met"),
    ({"direction": "lower-is-better", "baseline": ("2025-02", 30), "values": [("2026-02", 20)],
      "targets": [(None, 20)]}, "met"),
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


DATES = st.builds(lambda y, m: f"{y}-{m:02d}" if m else str(y), st.integers(2014, 2026), st.integers(0, 12))
NUMBERS = st.floats(-1000, 1000, allow_nan=False, allow_infinity=False).map(lambda x: round(x, 3))
"""Numbers as a plan prints them (the schema takes at most 6 decimals)."""
TARGETS = st.lists(st.one_of(
    st.builds(lambda d, v: DataPoint(date=d, value=v), st.none() | DATES, NUMBERS),
    st.builds(lambda d: DataPoint(date=d, text="Continually increasing"), st.none() | DATES)), max_size=3)


@settings(max_examples=300, deadline=None)
@given(direction=st.sampled_from(["higher-is-better", "lower-is-better", None]), day=DATES, value=NUMBERS,
       as_baseline=st.booleans(), targets=TARGETS, printed=st.lists(DATES, max_size=2))
def test_a_measure_with_one_value_is_never_judged(direction, day, value, as_baseline, targets, printed) -> None:
    """Whichever side of its targets a single value is, and whatever else the measure holds (values
    as words, targets with or without dates), the rule gives no judgement; the page's sentence shows
    the value and the target side by side instead."""
    point = DataPoint(date=day, value=value)
    words = [DataPoint(date=d, text="Data not available") for d in printed]
    m = Measure(id="m", name="M", unit="percent", direction=direction, baseline=point if as_baseline else None,
                values=words + ([] if as_baseline else [point]), targets=targets)
    result = status(m, AS_OF)
    assert not result.judged, result.key
    said = sentences.measure_sentence(m, result)
    if result.latest is not None:
        assert said.startswith("Only the starting value: " if as_baseline else "Only one value: ")
        assert vocabulary.number(point.value, "percent") in said  # the value as typed
        for target in targets:
            assert sentences.aim(m, target) in said


def test_the_sentence_says_what_happened_in_words() -> None:
    rose = measure(direction="lower-is-better", values=[("2016", 20.5), ("2017", 22.5)], targets=[("2020", 13)])
    assert sentences.measure_sentence(rose, status(rose, AS_OF)) == (
        "It rose from 20.5% in 2016 to 22.5% in 2017; lower is better; target no more than 13% by 2020;"
        " no value published since 2017.")
    one = measure(baseline=("2025-02", 92), targets=[(None, 90)])
    assert sentences.measure_sentence(one, status(one, AS_OF)) == (
        "Only the starting value: 92% in February 2025; target at least 90%; no value published since.")
    none = measure(targets=[("2027", 60)])
    assert sentences.measure_sentence(none, status(none, AS_OF)) == (
        "No value has been published; target at least 60% by 2027.")


@pytest.mark.parametrize("due, updates, said", [
    ("2025-06", [], "Due June 2025 · no update published since then"),
    ("2027-06", [], "Due June 2027"),
    ("2025-06", [("2025-09", "done")], "Due June 2025"),
    ("2025-06", [("2025-03", "in-progress")],
     "Due June 2025 · no update published since then (the last, March 2025, said: in progress)"),
    ("2025-06", [("2025-09", "delayed")], "Due June 2025 · latest update September 2025: delayed"),
])
def test_a_passed_due_date_says_what_was_published_not_that_it_failed(due, updates, said) -> None:
    c = commitment(due, updates)
    words = sentences.due(c, progress.commitment_progress(c, AS_OF), AS_OF)
    assert str(words) == said
    assert "overdue" not in str(words).lower()
