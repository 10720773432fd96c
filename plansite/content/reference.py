"""The schema described for people: the editor's field reference."""

from __future__ import annotations

import types
import typing
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel

from plansite.content.schema import PLAN_FILES, SITE_FILES, Priority
from plansite.content.schema.common import (
    DATE_PATTERN,
    REF_PATTERN,
    SLUG_PATTERN,
    abbreviation_form,
    restricted_markdown,
    site_address,
    web_address,
)
from plansite.content.schema.source import email_address, phone_number, title_only

TYPE_NAMES = {SLUG_PATTERN: "id", DATE_PATTERN: "date", REF_PATTERN: "reference"}
"""How constrained strings are named in the field reference."""

FUNC_NAMES = {restricted_markdown: "Markdown text", web_address: "web address", site_address: "web address",
              abbreviation_form: "abbreviation", email_address: "email address", phone_number: "phone number",
              title_only: "SourceDocument, or its title"}
"""How checked strings are named in the field reference."""

FILES: list[tuple[str, type[BaseModel]]] = [
    *((f"content/{name}", model) for name, model in SITE_FILES.items()),
    *((f"content/plans/<plan-id>/{name}", model) for name, model in PLAN_FILES.items()),
    ("content/plans/<plan-id>/priorities/<priority-id>.yml", Priority),
]
"""Every kind of content file and the model that checks it."""


@dataclass
class FieldRow:
    """One field of a model, as the editor's guide lists it."""

    name: str
    type: str
    required: bool
    description: str


def field_rows(model: type[BaseModel]) -> list[FieldRow]:
    """The fields of one model, in declaration order."""
    return [
        FieldRow(name, _named(info.metadata) or describe_type(info.annotation), info.is_required(),
                 info.description or "")
        for name, info in model.model_fields.items()
    ]


def _named(metadata: list[Any]) -> str | None:
    # Constrained strings (ids, dates, references, Markdown) are named by what they hold.
    for item in metadata:
        pattern = getattr(item, "pattern", None)
        if pattern in TYPE_NAMES:
            return TYPE_NAMES[pattern]
        func = getattr(item, "func", None)
        if func in FUNC_NAMES:
            return FUNC_NAMES[func]
    return None


def models_in(model: type[BaseModel]) -> list[type[BaseModel]]:
    """The model and every model nested inside it, each once, in the order met."""
    found: list[type[BaseModel]] = []

    def visit(annotation: Any) -> None:
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            if annotation not in found:
                found.append(annotation)
                for info in annotation.model_fields.values():
                    visit(info.annotation)
        for arg in typing.get_args(annotation):
            visit(arg)

    visit(model)
    return found


def describe_type(annotation: Any) -> str:
    """A type in an editor's words: 'text', 'list of commitment', 'one of: a, b'."""
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin in (typing.Union, types.UnionType):
        return " or ".join(describe_type(a) for a in args if a is not type(None))
    if origin is list:
        return f"list of {describe_type(args[0])}"
    if origin is dict:
        return f"table: each {describe_type(args[0])} with {describe_type(args[1])}"
    if origin is Literal:
        return "one of: " + ", ".join(str(a) for a in args)
    if origin is typing.Annotated:
        return _named(list(args[1:])) or describe_type(args[0])
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation.__name__
    return {str: "text", float: "number", int: "whole number", bool: "yes/no"}.get(annotation, str(annotation))

