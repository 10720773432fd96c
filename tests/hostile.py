"""Content whose every text field holds hostile text: markup, script, Markdown and YAML marks."""

from __future__ import annotations

import shutil
import types
import typing
from pathlib import Path

import yaml
from pydantic import BaseModel

from plansite.content.reference import FILES
from plansite.content.schema.common import restricted_markdown

from conftest import FIXTURES

PLAIN = ('<img src=x onerror=alert(1)> "The Knowsley Offer" 7*7 {: onclick="alert(1)" } [x](javascript:alert(1))'
         ' --8<-- "about.md" `tick` #7 &amp; &#123; {{ jinja }} </title><script>alert(2)</script> \u200fRTL')
"""Typed into every plain-text field (titles, names, labels)."""

MARKDOWN = ('<script>alert(3)</script> *[X]: y {: onclick="alert(4)" }\n\n--8<-- "about.md"\n\n'
            '[x][1]\n\n[1]: javascript:alert(5)\n\n# not a heading\n\n> not a quote\n\n??? note "not a box"')
"""Added to every Markdown field (it stays valid: no forbidden link or image)."""


def _kind(annotation: typing.Any, metadata: list) -> str | None:
    funcs = {getattr(m, "func", None) for m in metadata}
    if restricted_markdown in funcs:
        return "markdown"
    if annotation is str and not any(getattr(m, "pattern", None) for m in metadata) and len(funcs - {None}) == 0:
        return "plain"
    return None


def make_hostile(value: typing.Any, annotation: typing.Any, metadata: list | None = None) -> typing.Any:
    """The value with hostile text added to every text field the schema declares."""
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is typing.Annotated:
        return make_hostile(value, args[0], list(args[1:]))
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in args if a is not type(None)]
        return make_hostile(value, inner[0], metadata) if len(inner) == 1 else value
    if origin is list and isinstance(value, list):
        return [make_hostile(v, args[0]) for v in value]
    if isinstance(annotation, type) and issubclass(annotation, BaseModel) and isinstance(value, dict):
        return {k: make_hostile(v, annotation.model_fields[k].annotation, annotation.model_fields[k].metadata)
                if k in annotation.model_fields else v for k, v in value.items()}
    kind = _kind(annotation, metadata or [])
    if kind == "plain" and isinstance(value, str):
        return f"{value} {PLAIN}"
    if kind == "markdown" and isinstance(value, str):
        return f"{value}\n\n{MARKDOWN}"
    return value


def hostile_content(root: Path) -> Path:
    content = root / "content"
    shutil.copytree(FIXTURES / "small" / "content", content)
    models = {pattern: model for pattern, model in FILES}
    for path in sorted(content.rglob("*.yml")):
        rel = path.relative_to(content.parent).as_posix()
        model = next(m for pattern, m in models.items() if _matches(pattern, rel))
        data = make_hostile(yaml.safe_load(path.read_text(encoding="utf-8")), model)
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return content


def _matches(pattern: str, rel: str) -> bool:
    p, r = pattern.split("/"), rel.split("/")
    return len(p) == len(r) and all(a == b or a.startswith("<") for a, b in zip(p, r, strict=True))
