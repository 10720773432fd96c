"""A tracker's rows → progress updates and values, the same model objects as YAML gives, checked by the
schema's own types (so a date or a number a YAML file refuses, a tracker refuses too)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from plansite.content import validate
from plansite.content.schema.common import DATE_PATTERN, PATTERN_HELP
from plansite.content.schema.parts import DataPoint, ProgressUpdate
from plansite.content.schema.statuses import SITE_STATUSES, status_table, status_word
from plansite.content.trackers.cells import Refused, Sheet, read_sheets
from plansite.content.trackers.columns import KINDS, PROGRESS, Header, Kind, find_header, no_header
from plansite.content.trackers.places import Place, Places, mark
from plansite.core.problems import Problem, did_you_mean

MODELS = {"progress": ProgressUpdate, "values": DataPoint}
NUMBER_ERRORS = {"float_parsing", "float_type", "int_parsing", "int_type", "finite_number"}


@dataclass
class Row:
    """One row that gives a progress update or a value."""

    key: str
    """The commitment's ref or the measure's id, as typed."""
    key_place: Place
    item: Any
    """The ProgressUpdate or DataPoint, remembering its place; None when the row has problems (its ref
    or measure is still checked)."""


@dataclass
class Table:
    """Everything one tracker file gives."""

    file: str
    kind: Kind
    rows: list[Row] = field(default_factory=list)
    places: Places = field(init=False)

    def __post_init__(self) -> None:
        self.places = Places(self.file)


def read_table(label: str, folder: str, data: bytes, statuses: dict[str, str] | None) -> tuple[Table, list[Problem]]:
    """Read one tracker file kept in `folder` (progress or values). `statuses` is the council's table of
    status words (site.yml's tracker_statuses); None when the site's settings could not be read (rows
    with words other than the site's own are then left out: that problem is reported already)."""
    kind = KINDS[folder]
    table = Table(label, kind)
    sheets, problems = read_sheets(label, data)
    headed = 0
    for sheet in sheets:
        header = find_header(sheet, kind)
        if header is None:
            continue
        headed += 1
        problems += header.problems
        table.places.columns[sheet.name] = {kind.fields[name]: (column, header.texts[column])
                                            for name, column in header.columns.items() if name in kind.fields}
        if header.complete:
            for number, cells in sheet.rows:
                if number > header.row:
                    problems += _row(table, sheet, header, number, cells, statuses)
    if not headed and not problems:
        problems.append(no_header(label, sheets, kind))
    return table, problems


def _row(table: Table, sheet: Sheet, header: Header, number: int, cells: list, statuses: dict | None) -> list[Problem]:
    kind, place = table.kind, sheet.place(number)

    def cell(name: str) -> tuple[Any, Place]:
        column = header.columns.get(name, 0)
        value = cells[column - 1] if 0 < column <= len(cells) else None
        return value, place.at(column, header.text(name))

    problems = [place.at(column).problem("a value in a column with no header; give the column its header or clear"
                                         " the cell") for column, value in enumerate(cells, start=1)
                if value is not None and column not in header.texts]
    given = {name: cell(name) for name in kind.read}
    if all(value is None for value, _ in given.values()):
        return problems  # nothing to publish in this row (a commitment without an update this time)
    key, key_place = cell(kind.key)
    problems += [p.problem(v.reason) for v, p in [(key, key_place), *given.values()] if isinstance(v, Refused)]
    problems += [p.problem(f"the cell is empty; {kind.hints[name]}") for name, (v, p) in given.items()
                 if v is None and name in kind.required]
    data, status_problem = _data(kind, given, statuses)
    problems += [status_problem] if status_problem else []
    if data is None:
        return problems
    item, cell_problems = _validated(kind, given, data)
    problems += cell_problems
    if isinstance(key, str):  # the ref or measure is still checked when the row has other problems
        table.rows.append(Row(key, key_place, None if problems else item))
    elif key is None:
        problems.append(key_place.problem(f"this row gives a {kind.what} but no {kind.key}; {kind.hints[kind.key]}"))
    if item is not None:
        mark(item, place)
    return problems


def _validated(kind: Kind, given: dict[str, tuple[Any, Place]], data: dict) -> tuple[Any, list[Problem]]:
    # The schema's own checks, on every cell given; a cell that is empty or refused is reported already.
    model = MODELS[kind.folder]
    try:
        return model.model_validate(data), []
    except ValidationError as err:
        given_fields = {kind.fields[name] for name, (value, _) in given.items() if isinstance(value, str)}
        errors = [e for e in err.errors(include_url=False) if e["loc"] and e["loc"][0] in given_fields]
        return None, [_cell_problem(kind, given, model, e) for e in errors]


def _data(kind: Kind, given: dict[str, tuple[Any, Place]], statuses: dict | None) -> tuple[dict | None, Problem | None]:
    data = {kind.fields[name]: value for name, (value, _) in given.items() if isinstance(value, str)}
    if kind is not PROGRESS:
        return data, None
    if "evidence" in data:
        data["evidence"] = data["evidence"].split()  # one address or several, each on its own line
    if "status" not in data:
        return data, None
    value, place = given["status"]
    status = status_table(statuses or {}).get(status_word(value))
    if status is None:  # without the site's settings the council's words are not known: leave the row out
        data["status"] = SITE_STATUSES[0]  # so that the other cells are still checked
        return (None, None) if statuses is None else (data, place.problem(_status_message(value, statuses)))
    data["status"] = status
    return data, None


def _status_message(value: str, statuses: dict[str, str]) -> str:
    own = {status_word(s) for s in SITE_STATUSES}
    words = [w for w in statuses if status_word(w) not in own] + list(SITE_STATUSES)
    near = did_you_mean(status_word(value), {status_word(w) for w in words})
    hint = next((f"; did you mean '{w}'?" for w in words if near and f"'{status_word(w)}'" in near), "")
    message = f"'{value}' is not a status{hint} The words are: {', '.join(words)}" if hint else \
        f"'{value}' is not a status; use one of: {', '.join(words)}"
    if len(words) == len(SITE_STATUSES):
        message += " (to use the council's own words, map them to these in content/site.yml, under tracker_statuses)"
    return message


def _cell_problem(kind: Kind, given: dict[str, tuple[Any, Place]], model: type, error: dict) -> Problem:
    loc = tuple(error["loc"])
    column = next((name for name, f in kind.fields.items() if loc and f == loc[0]), kind.key)
    value, place = given.get(column, (None, None))
    place = place or Place("", None, 0)
    kind_of_error, shown = error["type"], str(error.get("input", value))
    if kind_of_error in NUMBER_ERRORS:
        return place.problem(f"'{_short(shown)}' is not a number; write digits only (82, not 82% or 1,234)")
    if kind_of_error == "string_pattern_mismatch":
        pattern = error.get("ctx", {}).get("pattern", "")
        what = "a date" if pattern == DATE_PATTERN else "valid here"
        return place.problem(f"'{_short(shown)}' is not {what}; {PATTERN_HELP.get(pattern, 'check how it is written')}")
    if kind_of_error == "value_error":
        return place.problem(error["msg"].removeprefix("Value error, "))
    return place.problem(validate.value_message(model, (column,), error))


def _short(text: str) -> str:
    text = text.replace("\n", " ")
    return text if len(text) <= 40 else text[:37] + "…"
