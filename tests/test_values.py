"""Numbers, dates and ids are checked by kind where they are typed: a value the site could not show
truthfully, or that would collide with the site's own files, is refused at file:line by `make check`
and by the build alike, and never crashes a later step or reaches a page, the CSV or the feed."""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import json
import os
import re
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from plansite.content.schema.common import SLUG_PATTERN
from plansite.content.schema.parts import DataPoint, Measure
from plansite.content.schema.priority import Commitment
from plansite.content.schema.values import RESERVED_IDS, TypedNumber, number_json
from plansite.core import dates, escape, text, vocabulary
from plansite.derive import measure_status
from plansite.render import chart

from conftest import SMALL, assert_rejected, edit, run_build

EDUCATION = "plans/next-plan-2022-2025/priorities/education.yml"
PREVENTION = "plans/next-plan-2022-2025/priorities/prevention.yml"
PROPERTIES = settings(max_examples=int(os.environ.get("HYPOTHESIS_EXAMPLES", "200")), deadline=None,
                      suppress_health_check=[HealthCheck.too_slow])


def refused_by_check_and_build(content: Path, docs: Path, expected: list[str]) -> None:
    """`make check` and the build both refuse the content with exactly these lines."""
    check = run_build(content, docs, "--check")
    assert check.returncode == 1 and "Traceback" not in check.stderr, check.stderr
    assert check.stderr.splitlines()[:-1] == [line.replace("CONTENT", str(content)) for line in expected]
    assert_rejected(content, docs, expected)


# Numbers --------------------------------------------------------------------------------------

@pytest.mark.parametrize("typed", ["nan", "inf"])
def test_a_value_that_is_not_a_finite_number_is_refused_where_it_is_typed(site, typed: str) -> None:
    content, docs = site
    edit(content, EDUCATION, "value: 94.1}", f"value: {typed}}}")
    refused_by_check_and_build(content, docs, [
        f"CONTENT/{EDUCATION}:18:53: 'value' should be a number, not '{typed}'; write digits only (82, not 82%),"
        " and put the value as printed in 'text'"])


def test_a_number_too_large_to_hold_is_refused(site) -> None:
    content, docs = site
    edit(content, EDUCATION, "value: 94.1}", "value: 1e309}")
    refused_by_check_and_build(content, docs, [
        f"CONTENT/{EDUCATION}:18:53: 'value': 1e309 is larger than the site shows (at most 1,000,000,000,000"
        " either way); check the number, or give it in a bigger unit"])


def test_a_percentage_over_100_is_refused_unless_the_measure_says_it_can_be(site) -> None:
    content, docs = site
    edit(content, EDUCATION, "value: 94.1}", "value: 120}")
    refused_by_check_and_build(content, docs, [
        f"CONTENT/{EDUCATION}:18:53: 120% is more than 100: a measure in percent is from 0 to 100; check the"
        " number, or, if this measure's figures can go beyond that, give the measure a range (for example"
        " range: {lowest: -100, highest: 200})"])
    edit(content, EDUCATION, "    unit: percent\n", "    unit: percent\n    range: {lowest: 0, highest: 200}\n")
    assert run_build(content, docs).returncode == 0
    assert "120%" in (docs / "plans/next-plan-2022-2025/measures/attendance-primary/index.md").read_text()


def test_two_values_for_the_same_date_are_refused(site) -> None:
    # The rule once read 50 then 70 (higher is better) on one date as "Getting worse".
    content, docs = site
    edit(content, EDUCATION, "    baseline: {date: 2022-02, label: Feb 22, value: 94.1}\n",
         "    direction: higher-is-better\n    values:\n      - {date: 2026-03, value: 50}\n"
         "      - {date: 2026-03, value: 70}\n")
    refused_by_check_and_build(content, docs, [
        f"CONTENT/{EDUCATION}:21:16: this value is for the same date as the value 1 (2026-03); a measure has one"
        " value for each date: if the figure was revised, change the earlier one and say why under changes:,"
        " or correct the date"])


def test_should_two_values_share_a_day_the_later_listed_replaces_the_earlier() -> None:
    measure = Measure(id="m", name="M", unit="percent", direction="higher-is-better",
                      values=[DataPoint(date="2026-03", value=50), DataPoint(date="2026-03", value=70)],
                      targets=[DataPoint(date="2027", value=90)])
    points = measure_status.series(measure, dt.date(2026, 11, 22))
    assert [p.value for p in points] == [70]
    assert measure_status.status(measure, dt.date(2026, 11, 22)).key == "one-value"


def test_a_large_count_is_written_as_typed_in_the_csv_and_the_json(site) -> None:
    content, docs = site
    edit(content, EDUCATION, "    unit: percent\n    baseline: {date: 2022-02, label: Feb 22, value: 94.1}",
         "    unit: count\n    baseline: {date: 2022-02, label: Feb 22, value: 123456789012}")
    assert run_build(content, docs).returncode == 0
    rows = list(csv.DictReader(io.StringIO((docs / "data/measures.csv").read_text(encoding="utf-8"))))
    assert [r["value"] for r in rows if r["measure"] == "attendance-primary"] == ["123456789012", ""]
    data = json.loads((docs / "data/plans.json").read_text(encoding="utf-8"))
    measure = next(m for plan in data["plans"] for p in plan["priorities"] for m in p.get("measures", [])
                   if m["id"] == "attendance-primary")
    assert measure["baseline"]["value"] == 123456789012 and isinstance(measure["baseline"]["value"], int)
    assert "123,456,789,012" in (docs / "plans/next-plan-2022-2025/measures/attendance-primary/index.md").read_text()


def test_a_huge_comparator_is_shown_as_printed_and_left_out_of_the_chart(site) -> None:
    content, docs = site
    edit(content, EDUCATION, "    baseline: {date: 2022-02, label: Feb 22, value: 94.1}\n",
         "    baseline: {date: 2022-02, label: Feb 22, value: 94.1}\n    values:\n      - {date: 2024, value: 95}\n"
         f"    comparators:\n      - {{area: national, value: '{'9' * 400}', date: 2023}}\n")
    result = run_build(content, docs)
    assert result.returncode == 0, result.stderr
    page = (docs / "plans/next-plan-2022-2025/measures/attendance-primary/index.md").read_text(encoding="utf-8")
    assert "9" * 400 in page and "<svg" in page


NUMBERS = st.one_of(
    st.decimals(allow_nan=False, allow_infinity=False).map(lambda d: format(d, "f")),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.from_regex(r"[+-]?[0-9]{0,16}(\.[0-9]{0,8})?([eE][+-]?[0-9]{1,3})?", fullmatch=True),
    st.sampled_from(["nan", "inf", "1e309", "１２", "1_000", "٣", "", "82%", "0x10", "1,000", " 5 ", "-0", "+7"]),
)


@PROPERTIES
@given(typed=NUMBERS)
@example(typed="123456789012")
@example(typed="39.00")
@example(typed="0.000001")
def test_every_number_is_refused_or_shown_exactly_as_typed(typed: str) -> None:
    try:
        point = DataPoint(value=typed)
    except ValidationError:
        assert not _acceptable(typed)
        return
    assert _acceptable(typed)
    value = point.value
    assert Decimal(value.typed) == Decimal(typed.strip()) == Decimal(repr(float(value)))
    shown = vocabulary.number(value, None).replace(",", "")
    assert Decimal(shown) == Decimal(typed.strip()) and "e" not in shown.lower()
    assert json.loads(json.dumps(number_json(value))) == float(value)
    assert escape.csv_cell(value) == value.typed
    low, high = chart._value_range([value, 1.0], "count")
    ticks = chart._ticks(low, high)
    assert low <= min(value, 1.0) and high >= max(value, 1.0) and ticks == sorted(ticks) and len(ticks) < 20


def _acceptable(typed: str) -> bool:
    text_ = typed.strip()
    if not re.fullmatch(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?", text_):
        return False
    number = Decimal(text_)
    exact = number.normalize()
    return (abs(number) <= 10 ** 12 and (not number or -exact.as_tuple().exponent <= 6)
            and len("".join(map(str, exact.as_tuple().digits)).strip("0")) <= 15)


@PROPERTIES
@given(values=st.lists(st.decimals(min_value=-10 ** 12, max_value=10 ** 12, places=6, allow_nan=False), min_size=1,
                       max_size=6), unit=st.sampled_from([None, "percent", "count", "score"]))
def test_the_chart_scales_any_numbers_the_content_can_hold(values: list[Decimal], unit: str | None) -> None:
    numbers = [TypedNumber(format(v, "f")) for v in values]
    low, high = chart._value_range(numbers, unit)
    ticks = chart._ticks(low, high)
    assert low < high and low <= min(numbers) and high >= max(numbers)
    assert all(a < b for a, b in zip(ticks, ticks[1:], strict=False)) and 2 <= len(ticks) < 20
    labels = [vocabulary.number(t, unit) for t in ticks]
    assert len(set(labels)) == len(labels) and not any("e" in label for label in labels)


# Dates ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("typed, message", [
    ('"0000"', "'0000' is not a date the site can use: the year must be from 1900 to 2100; check the year"),
    ('"9999/15"', "'9999/15' is not a date the site can use: the year must be from 1900 to 2100; check the year"),
    ('"2014/16"', "'2014/16' is not a school or financial year: the second year must follow the first, as in"
                  " 2014/15"),
    ('"２０２６-11"', "'２０２６-11' is not valid in 'due'; a date is written with the digits 0-9 as 2025, 2025-06,"
                   " 2025-06-30, or 2014/15 for a financial or school year, from 1900 to 2100"),
])
def test_a_due_date_the_site_cannot_count_with_is_refused_where_it_is_typed(site, typed: str, message: str) -> None:
    content, docs = site
    edit(content, PREVENTION, "due: 2024-03", f"due: {typed}")
    prefix = "" if message.startswith("'２") else "'due': "
    refused_by_check_and_build(content, docs, [f"CONTENT/{PREVENTION}:18:10: {prefix}{message}"])


def test_a_value_dated_in_year_one_is_refused(site) -> None:
    content, docs = site
    edit(content, EDUCATION, "date: 2022-02, label", 'date: "0001", label')
    refused_by_check_and_build(content, docs, [
        f"CONTENT/{EDUCATION}:18:22: 'date': '0001' is not a date the site can use: the year must be from 1900 to"
        " 2100; check the year"])


DATES = st.one_of(
    st.builds(lambda y, m, d, form: form.format(y=y, m=m, d=d), st.integers(0, 9999), st.integers(0, 13),
              st.integers(0, 32), st.sampled_from(["{y:04d}", "{y:04d}-{m:02d}", "{y:04d}-{m:02d}-{d:02d}",
                                                   "{y:04d}/{m:02d}", "{y}-{m}-{d}"])),
    st.text(st.sampled_from("0123456789-/２０٣ "), max_size=11),
)


@PROPERTIES
@given(typed=DATES)
@example(typed="2024-02-29")
@example(typed="2099/00")
@example(typed="２０２６-11")
def test_every_date_is_refused_or_is_a_real_day_the_site_can_count_with(typed: str) -> None:
    try:
        Commitment(id="1", text="Do it.", due=typed)
    except ValidationError:
        assert not _real(typed)
        return
    assert _real(typed)
    first, last = dates.start(typed), dates.end(typed)
    assert first <= dates.middle(typed) <= last and 1900 <= first.year <= last.year <= 2100
    assert text.date(typed)


def _real(typed: str) -> bool:
    if not re.fullmatch(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?|/[0-9]{2})?", typed):
        return False
    year = int(typed[:4])
    if "/" in typed:
        return 1900 <= year < 2100 and int(typed[5:]) == (year + 1) % 100
    parts = [int(p) for p in typed.split("-")] + [1, 1]
    try:
        dt.date(parts[0], parts[1], parts[2])
    except ValueError:
        return False
    return 1900 <= year <= 2100


# Ids ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("plan_id, message", [
    ("feed.xml", "'feed.xml' looks like a file name: in an id a dot may only stand between numbers (1.3, 5.10);"
                 " use a hyphen instead"),
    ("index.md", "'index.md' looks like a file name: in an id a dot may only stand between numbers (1.3, 5.10);"
                 " use a hyphen instead"),
    ("search", "'search' cannot be an id: the site uses that name for its own pages and files (404, assets, data,"
               " includes, index, pagefind, search, status); choose another id"),
])
def test_an_id_that_would_collide_with_the_sites_own_files_is_refused(site, plan_id: str, message: str) -> None:
    content, docs = site
    folder = content / "plans" / plan_id
    folder.mkdir()
    (folder / "plan.yml").write_text(f"id: {plan_id}\ntitle: A plan\nkind: plan\nperiod: {{start: '2020'}}\n"
                                     "status: draft\n", encoding="utf-8")
    refused_by_check_and_build(content, docs, [f"CONTENT/plans/{plan_id}/plan.yml:1:5: 'id': {message}"])
    assert not (docs.parent / ".docs.build" / "journal.json").exists()
    shutil.rmtree(folder)
    assert run_build(content, docs).returncode == 0


IDS = st.one_of(st.from_regex(r"[a-z0-9]{1,6}(?:[-.][a-z0-9]{1,6}){0,3}", fullmatch=True),
                st.sampled_from(sorted(RESERVED_IDS) + ["feed.xml", "sitemap.xml", "index.html", "a.b", "5.8a"]))


@PROPERTIES
@given(typed=IDS)
def test_an_accepted_id_never_names_a_file_or_a_folder_the_site_uses(typed: str) -> None:
    try:
        Commitment(id=typed, text="Do it.")
    except ValidationError:
        assert typed in RESERVED_IDS or re.search(r"[^0-9]\.|\.[^0-9]", typed)
        return
    assert re.fullmatch(SLUG_PATTERN, typed) and typed not in RESERVED_IDS
    assert not re.search(r"\.[a-z]", typed), "a file extension"


# make check and the build agree ---------------------------------------------------------------

FIELDS = {
    "a date": ("plans/next-plan-2022-2025/priorities/prevention.yml", "due: 2024-03", "due: {}", DATES),
    "a number": (EDUCATION, "value: 94.1}", "value: {}}}", NUMBERS),
    "an id": (PREVENTION, 'id: "2"', "id: {}", IDS),
    "the site's address": ("site.yml", "url: https://plans.example.org/", "url: {}",
                           st.one_of(st.sampled_from(["https://plans.example.org/x/", 'https://a.org/"><x>',
                                                      "http://a.b:99999/", "https://a.org/?q", "ftp://a.org/"]),
                                     st.text(max_size=12).map(lambda t: "https://a.org/" + t))),
}


@pytest.mark.parametrize("field", FIELDS)
def test_make_check_and_the_build_accept_and_refuse_the_same_values(field: str, tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from plansite.core.problems import ContentError
    from plansite.publish.build import Paths, generate, plan_site
    from plansite.render import templating as render

    monkeypatch.setattr(render, "environment", functools.cache(render.environment))  # compile templates once
    rel, old, new, values = FIELDS[field]
    content = tmp_path / "content"
    shutil.copytree(SMALL, content)
    original = (content / rel).read_text(encoding="utf-8")
    paths = Paths(tmp_path, content, tmp_path / "docs")

    @settings(max_examples=int(os.environ.get("HYPOTHESIS_EXAMPLES", "25")), deadline=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
    @given(value=values)
    def agree(value: str) -> None:
        (content / rel).write_text(original.replace(old, new.format(escape.yaml_string(value)), 1), encoding="utf-8")
        outcomes = []
        for step in (plan_site, generate):
            try:
                step(paths)
                outcomes.append("accepted")
            except ContentError as err:
                outcomes.append(sorted(str(p) for p in err.problems))
        assert outcomes[0] == outcomes[1], value  # never a crash, never a different verdict

    agree()
