"""A measure's chart reads at every size: each value sits over its own date label (a single value in
the middle; monthly and quarterly values at their months), no label runs into another or into the
value axis, and the unit is always named."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from plansite.content.schema.parts import DataPoint, Measure
from plansite.render import chart

MONTHLY = st.builds(lambda y, m: f"{y}-{m:02d}", st.integers(2015, 2026), st.integers(1, 12))
YEARLY = st.builds(str, st.integers(2010, 2026))
UNITS = st.sampled_from(["percent", "count", "rate-per-10000", "score", "days", "ratio", None])


def measure(days: list[str], unit: str | None, targets: list[DataPoint] = ()) -> Measure:
    values = [DataPoint(date=d, value=50 + i) for i, d in enumerate(days)]
    return Measure(id="m", name="M", unit=unit, direction="higher-is-better", values=values, targets=list(targets))


def label_box(x: float, words: str) -> tuple[float, float]:
    half = len(words) * chart.CHAR / 2
    return x - half, x + half


@settings(max_examples=200, deadline=None)
@example(days=["2022-04", "2025-07", "2010", "2025"], unit="percent", undated_target=False)  # two labels at the end
@given(days=st.lists(st.one_of(MONTHLY, YEARLY), min_size=1, max_size=8, unique=True), unit=UNITS,
       undated_target=st.booleans())
def test_every_date_label_sits_under_its_value_and_clear_of_the_others(days, unit, undated_target) -> None:
    targets = [DataPoint(value=60)] if undated_target else []
    drawn = measure(days, unit, targets)
    if not chart.chartable(drawn):
        return
    c = chart.chart(drawn)
    assert c.unit == chart.unit_caption(unit) and c.unit
    marks = {(m.x, m.when) for m in c.marks}
    for x, words in c.x_ticks:
        assert (x, words) in marks  # a label is only ever under something drawn at that date
        left, right = label_box(x, words)
        assert left >= chart.LEFT - 4 and right <= c.width, (x, words)  # never under the value axis's labels
    for (x1, w1), (x2, w2) in zip(c.x_ticks, c.x_ticks[1:], strict=False):
        assert label_box(x1, w1)[1] <= label_box(x2, w2)[0] + 4, c.x_ticks  # labels do not overlap
    assert c.x_ticks[0][0] == min(m.x for m in c.marks) and c.x_ticks[-1][0] == max(m.x for m in c.marks)


def test_a_single_value_is_drawn_in_the_middle_over_its_month() -> None:
    c = chart.chart(measure(["2025-02"], "percent", [DataPoint(value=90)]))
    (mark,) = c.marks
    assert mark.x == (chart.LEFT + chart.WIDTH - chart.RIGHT) / 2
    assert c.x_ticks == [(mark.x, "Feb 2025")]  # not before a '2025' tick, and no '2024' under the axis


def test_quarterly_values_sit_over_their_months_in_order() -> None:
    c = chart.chart(measure(["2025-03", "2025-06", "2025-09", "2025-12"], "percent"))
    assert [w for _, w in c.x_ticks] == ["Mar 2025", "Jun 2025", "Sep 2025", "Dec 2025"]
    assert [x for x, _ in c.x_ticks] == sorted(m.x for m in c.marks)


def test_the_unit_is_named_over_the_axis_and_long_units_stay_off_the_labels() -> None:
    c = chart.chart(measure(["2023", "2024"], "rate-per-10000"))
    assert c.unit == "Rate per 10,000"
    assert all("per 10,000" not in words for _, words in c.y_ticks)
    assert chart.chart(measure(["2023", "2024"], None)).unit == "The plan prints no unit for these numbers"
    assert all(words.endswith("%") for _, words in chart.chart(measure(["2023", "2024"], "percent")).y_ticks)
