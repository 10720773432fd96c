"""Check loaded YAML against the schema; turn every schema error into a located Problem."""

from __future__ import annotations

import re
import types
import typing
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from plansite.content.load import Loaded
from plansite.content.schema.common import PATTERN_HELP, Node
from plansite.core.problems import Problem, did_you_mean, one_of

M = TypeVar("M", bound=Node)

# How a model is named in messages, where its class name does not read well.
THING = {
    "DataPoint": "value",
    "OwnersFile": "owners file",
    "GlossaryFile": "glossary file",
    "SectionsFile": "sections file",
    "FiguresFile": "figures file",
    "VoicesFile": "voices file",
    "ReflectionFile": "reflection file",
    "ReflectionEntry": "reflection entry",
    "StatementList": "list of statements",
    "BoardRole": "board",
    "Site": "site settings file",
}


def validate(loaded: Loaded, model: type[M]) -> tuple[M | None, list[Problem]]:
    """The validated model, or None and one Problem per schema error."""
    if not isinstance(loaded.data, dict):
        line, col = loaded.where(())
        return None, [Problem(loaded.file, line, col, f"expected keys and values (a {thing(model)}); "
                              "start each line with 'name: value'")]
    try:
        result = model.model_validate(loaded.data)
    except ValidationError as err:
        errors = _drop_misspelt_missing(model, err.errors(include_url=False))
        return None, [_problem(loaded, model, e) for e in errors]
    _mark_sources(result, loaded.file, ())
    return result, []


def _drop_misspelt_missing(root: type[BaseModel], errors: list) -> list:
    # 'titel' reported as unknown (did you mean 'title'?) already explains the missing 'title'.
    meant = set()
    for e in errors:
        if e["type"] == "extra_forbidden":
            parent = model_at(root, tuple(e["loc"][:-1]))
            hint = did_you_mean(e["loc"][-1], parent.model_fields if parent else [])
            if hint:
                meant.add((tuple(e["loc"][:-1]), hint.split("'")[1]))
    return [e for e in errors
            if not (e["type"] == "missing" and (tuple(e["loc"][:-1]), e["loc"][-1]) in meant)]


def thing(model: type[BaseModel]) -> str:
    """How a model is called in messages: 'commitment', 'figures file'."""
    name = model.__name__
    return THING.get(name) or re.sub(r"(?<!^)(?=[A-Z])", " ", name).lower()


def _mark_sources(node: Any, file: str, path: tuple) -> None:
    # Each node remembers its file and path so later stages can report where it is.
    if isinstance(node, Node):
        node._file, node._path = file, path
        for name in type(node).model_fields:
            _mark_sources(getattr(node, name), file, path + (name,))
    elif isinstance(node, list):
        for i, item in enumerate(node):
            _mark_sources(item, file, path + (i,))


def _problem(loaded: Loaded, root: type[BaseModel], error: Any) -> Problem:
    loc = tuple(error["loc"])
    kind = error["type"]
    if kind == "missing":
        line, col = loaded.where(loc[:-1])
        parent = model_at(root, loc[:-1])
        what = f"a {thing(parent)}" if parent else "this item"
        message = f"{what} is missing the required key '{loc[-1]}'; add '{loc[-1]}: …'"
    elif kind == "extra_forbidden":
        line, col = loaded.where(loc)
        message = _unknown_key(root, loc)
    else:
        line, col = loaded.where(loc, value=True)
        message = _wrong_value(root, loc, error)
    return Problem(loaded.file, line, col, message)


def _unknown_key(root: type[BaseModel], loc: tuple) -> str:
    parent = model_at(root, loc[:-1])
    allowed = list(parent.model_fields) if parent else []
    where = f" in a {thing(parent)}" if parent else ""
    hint = did_you_mean(loc[-1], allowed)
    if hint:
        return f"unknown key '{loc[-1]}'{where}{hint}"
    return f"unknown key '{loc[-1]}'{where}; remove it or use one of: {one_of(allowed, 30)}"


def _field_name(loc: tuple) -> str:
    names = [str(p) for p in loc if isinstance(p, str)]
    last = names[-1] if names else "value"
    if loc and isinstance(loc[-1], int):
        return f"item {loc[-1] + 1} of '{last}'"
    return f"'{last}'"


def _shape(value: Any) -> str:
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "keys and values"
    return f"'{_short(value)}'"


def _short(value: Any) -> str:
    text = str(value).replace("\n", " ")
    return text if len(text) <= 40 else text[:37] + "…"


def _wrong_value(root: type[BaseModel], loc: tuple, error: dict) -> str:
    kind, value, ctx, name = error["type"], error.get("input"), error.get("ctx", {}), _field_name(loc)
    if kind == "string_type":
        return f"{name} should be text, not {_shape(value)}; write it on one line, or as a block after '|'"
    if kind == "list_type":
        return f"{name} should be a list, not {_shape(value)}; put each item on its own line starting with '- '"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"{name} should be keys and values, not {_shape(value)}; write 'name: value' lines indented under it"
    if kind in ("float_parsing", "float_type", "int_parsing", "int_type", "finite_number"):
        return (f"{name} should be a number, not {_shape(value)}; write digits only (82, not 82%),"
                " and put the value as printed in 'text'")
    if kind == "literal_error":
        allowed = re.findall(r"'([^']*)'", ctx.get("expected", ""))
        hint = did_you_mean(value, allowed) or f"; use one of: {', '.join(allowed)}"
        return f"'{_short(value)}' is not allowed in {name}{hint}"
    if kind == "string_pattern_mismatch":
        help_text = PATTERN_HELP.get(ctx.get("pattern", ""), "check how it is written")
        return f"'{_short(value)}' is not valid in {name}; {help_text}"
    if kind == "string_too_short":
        return f"{name} is empty; write the text, or remove the key"
    if kind == "too_short":
        return f"{name} needs at least {ctx.get('min_length', 1)} item(s); add them, or remove the key"
    if kind == "value_error":
        return f"{name}: {error['msg'].removeprefix('Value error, ')}"
    return f"{name}: {error['msg']}; check this value"


def value_message(root: type[BaseModel], loc: tuple, error: dict) -> str:
    """What is wrong with one value the schema refused, as for a YAML key (a tracker's cells too)."""
    return _wrong_value(root, loc, error)


def model_at(root: type[BaseModel], path: tuple) -> type[BaseModel] | None:
    """The model class found by following `path` (keys and list positions) from `root`."""
    current: Any = root
    for part in path:
        current = _unwrap(current)
        if isinstance(part, int):
            args = typing.get_args(current)
            current = args[0] if args else None
        elif isinstance(current, type) and issubclass(current, BaseModel) and part in current.model_fields:
            current = current.model_fields[part].annotation
        else:
            return None
    current = _unwrap(current)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _unwrap(annotation: Any) -> Any:
    # X | None → X, so that the path can continue into X.
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        rest = [a for a in typing.get_args(annotation) if a is not type(None)]
        return rest[0] if len(rest) == 1 else annotation
    return annotation
