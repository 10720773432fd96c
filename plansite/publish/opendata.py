"""The open data files, written from the same resolved content and derived statuses as the pages:
the whole model as JSON (with its JSON Schema), every commitment and every measure value as CSV,
and a CSV per measure."""

from __future__ import annotations

import csv
import functools
import io
import json
from typing import Any

from pydantic import BaseModel, Field

from plansite.content.schema.common import Number
from plansite.content.schema.files import (
    FiguresFile,
    Owner,
    ReflectionFile,
    SectionsFile,
    Site,
    Term,
    VoicesFile,
)
from plansite.content.schema.plan import Plan
from plansite.content.schema.priority import Commitment, Priority
from plansite.core import escape
from plansite.core.text import plain
from plansite.derive.progress import Progress
from plansite.model import titles, urls
from plansite.model.index import Index


class Status(BaseModel):
    """A status the site worked out, as of its date."""

    key: str
    """The status as a word for machines ('met', 'no-update', 'ended')."""
    label: str
    """The status as the site shows it."""


class PlanData(BaseModel):
    """One plan, as its files give it, with the state the site worked out."""

    plan: Plan
    state: Status
    priorities: list[Priority]
    sections: SectionsFile | None = None
    figures: FiguresFile | None = None
    voices: VoicesFile | None = None
    reflection: ReflectionFile | None = None
    address: str
    """The plan's page, relative to the site's root."""


class CommitmentStatus(BaseModel):
    """Where one commitment stands."""

    reference: str
    """plan/priority/commitment ids."""
    status: Status
    overdue: bool
    """True when its due date has passed and no update says it was done."""
    latest_update: str | None = None
    """The date of its latest progress update."""
    address: str


class MeasureStatus(BaseModel):
    """Where one measure stands, with the numbers the rule used."""

    reference: str
    """plan/measure ids."""
    status: Status
    latest_value: Number | None = None
    """As typed in the content (a whole number stays whole)."""
    latest_date: str | None = None
    target_value: Number | None = None
    target_date: str | None = None
    observed_rate: float | None = None
    """Yearly rate of change since the first value (0.02 is 2% a year)."""
    needed_rate: float | None = None
    """Yearly rate needed to reach the target by its date."""
    address: str


class SiteData(BaseModel):
    """Everything the site publishes, as data: content/plans.json."""

    site: Site
    as_of: str = Field(description="The date every status is worked out for.")
    owners: list[Owner]
    glossary: list[Term]
    plans: list[PlanData]
    commitments: list[CommitmentStatus]
    measures: list[MeasureStatus]


@functools.cache
def _schema() -> str:
    # The same for every build (it describes the file, not the content): worked out once.
    return json.dumps(SiteData.model_json_schema(), indent=1, ensure_ascii=False) + "\n"


def files(index: Index, progress: Progress) -> dict[str, str]:
    """Every data file by its path in docs/."""
    data = site_data(index, progress)
    by_measure = measure_rows(index, progress)
    out = {
        urls.DATA_JSON: data.model_dump_json(indent=1, exclude_none=True) + "\n",
        urls.DATA_SCHEMA: _schema(),
        urls.COMMITMENTS_CSV: _csv(COMMITMENT_COLUMNS, commitment_rows(index, progress)),
        urls.MEASURES_CSV: _csv(MEASURE_COLUMNS, [row for rows in by_measure.values() for row in rows]),
    }
    for (plan_id, measure_id), rows in by_measure.items():
        out[urls.measure_csv(plan_id, measure_id)] = _csv(MEASURE_COLUMNS, rows)
    return out


def site_data(index: Index, progress: Progress) -> SiteData:
    """The whole resolved model, with every derived status."""
    content = index.content
    return SiteData(
        site=content.site, as_of=content.site.as_of,
        owners=list(content.owners.owners if content.owners else []),
        glossary=list(content.glossary.terms if content.glossary else []),
        plans=[_plan(bundle, progress) for bundle in sorted(index.plans.values(), key=lambda b: b.id)],
        commitments=[_commitment(c, progress) for c in _commitments(index)],
        measures=[_measure(key, m, progress) for key, m in sorted(index.measures.items())],
    )


def _plan(bundle: Any, progress: Progress) -> PlanData:
    state = progress.of(bundle)
    return PlanData(plan=bundle.plan, state=Status(key=state.key, label=state.label), priorities=bundle.priorities,
                    sections=bundle.sections, figures=bundle.figures, voices=bundle.voices,
                    reflection=bundle.reflection, address=urls.url(urls.page_of(bundle)))


def _commitments(index: Index) -> list[Commitment]:
    return [c for b in sorted(index.plans.values(), key=lambda b: b.id) for p in b.priorities for c in p.commitments]


def _commitment(c: Commitment, progress: Progress) -> CommitmentStatus:
    state = progress.of(c)
    return CommitmentStatus(reference=urls.ref(c), status=Status(key=state.key, label=state.label),
                            overdue=state.overdue, latest_update=state.latest.date if state.latest else None,
                            address=urls.url(urls.page_of(c)))


def _measure(key: tuple[str, str], measure: Any, progress: Progress) -> MeasureStatus:
    state = progress.of(measure)
    return MeasureStatus(
        reference="/".join(key), status=Status(key=state.key, label=state.label),
        latest_value=state.latest.value if state.latest else None,
        latest_date=state.latest.source.date if state.latest else None,
        target_value=state.target.value if state.target else None,
        target_date=state.target.date if state.target else None,
        observed_rate=_round(state.observed_rate), needed_rate=_round(state.needed_rate),
        address=urls.url(urls.page_of(measure)))


def _round(rate: float | None) -> float | None:
    return None if rate is None else round(rate, 6)


COMMITMENT_COLUMNS = ["plan", "priority", "commitment", "name", "text", "due", "responsible", "status",
                      "status_label", "overdue", "latest_update", "address"]
MEASURE_COLUMNS = ["plan", "measure", "name", "unit", "direction", "kind", "date", "date_as_printed", "value",
                   "value_as_printed", "note", "measure_status", "measure_status_label", "source", "address"]


def commitment_rows(index: Index, progress: Progress) -> list[list[Any]]:
    """One row per commitment."""
    rows = []
    for c in _commitments(index):
        state, priority = progress.of(c), c._parent
        rows.append([priority._parent.id, priority.id, c.id, titles.commitment_name(c), plain(c.text), c.due,
                     "; ".join(index.owners[o].name for o in c.owners), state.key, state.label,
                     "yes" if state.overdue else "no", state.latest.date if state.latest else None,
                     urls.url(urls.page_of(c))])
    return rows


def measure_rows(index: Index, progress: Progress) -> dict[tuple[str, str], list[list[Any]]]:
    """For each measure (by plan and measure id), one row per baseline, value, target and comparator."""
    rows = {}
    for (plan_id, measure_id), m in sorted(index.measures.items()):
        state = progress.of(m)
        common = [plan_id, measure_id, m.name, m.unit, m.direction]
        tail = [state.key, state.label, m.source, urls.url(urls.page_of(m))]
        points = [("baseline", m.baseline)] if m.baseline else []
        points += [("value", p) for p in m.values] + [("target", p) for p in m.targets]
        own = [common + [kind, p.date, p.label, p.value, p.text, p.note] + tail for kind, p in points]
        own += [common + [f"comparator: {c.area}", c.date, None, None, c.value, None] + tail for c in m.comparators]
        rows[(plan_id, measure_id)] = own
    return rows


def _csv(columns: list[str], rows: list[list[Any]]) -> str:
    out = io.StringIO()
    # Every cell in quotes: a spreadsheet whose list separator is ';' (or a tab) keeps each cell whole.
    writer = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_ALL)
    writer.writerow(columns)
    writer.writerows([[escape.csv_cell(v) for v in row] for row in rows])
    return out.getvalue()
