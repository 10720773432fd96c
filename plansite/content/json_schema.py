"""JSON Schemas for editors, exported from the one schema in code: one per kind of content file, in
schemas/, so an editor's YAML extension (VS Code with Red Hat's YAML) completes keys, explains each
field on hover and underlines a typo before the file is saved. Each content file names its schema
in a modeline on its first line. `make schemas` rewrites both; a test checks they are current."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from plansite.content.reference import field_rows, models_in
from plansite.content.schema import PLAN_FILES, SITE_FILES, Priority

FOLDER = "schemas"
"""Where the schemas are kept, at the top of the project."""

DRAFT = "https://json-schema.org/draft/2020-12/schema"
"""The JSON Schema version pydantic writes (with $defs); the YAML extension reads it."""

KINDS: dict[str, type[BaseModel]] = {
    **{name.removesuffix(".yml"): model for name, model in SITE_FILES.items()},
    **{name.removesuffix(".yml"): model for name, model in PLAN_FILES.items()},
    "priority": Priority,
}
"""Kind of content file → the model that checks it (the schema is schemas/<kind>.schema.json)."""

MODELINE = "# yaml-language-server: $schema="


def kind_of(rel: str) -> str | None:
    """The kind of a content file from its path inside content/ ('plans/x/priorities/y.yml' → priority)."""
    parts = rel.split("/")
    if len(parts) == 1:
        return parts[0].removesuffix(".yml") if parts[0] in SITE_FILES else None
    if parts[0] == "plans" and len(parts) == 3 and parts[2] in PLAN_FILES:
        return parts[2].removesuffix(".yml")
    if parts[0] == "plans" and len(parts) == 4 and parts[2] == "priorities" and parts[3].endswith(".yml"):
        return "priority"
    return None


def modeline(rel: str) -> str:
    """The first line a content file needs: its schema, by a path relative to the file."""
    depth = rel.count("/") + 1  # content/ itself, then each folder
    return f"{MODELINE}{'../' * depth}{FOLDER}/{kind_of(rel)}.schema.json"


def schema(kind: str) -> dict[str, Any]:
    """The JSON Schema of one kind of file: every object closed (additionalProperties: false), and
    every field's description with what it holds, as the field reference says it."""
    model = KINDS[kind]
    out = model.model_json_schema(mode="validation")
    described = {m.__name__: {row.name: row for row in field_rows(m)} for m in models_in(model)}
    for name, part in [(model.__name__, out), *out.get("$defs", {}).items()]:
        for field, prop in part.get("properties", {}).items():
            row = described.get(name, {}).get(field)
            if row:
                words = " ".join(row.description.split())
                prop["description"] = f"{words} ({row.type}{', required' if row.required else ''})"
            prop.pop("title", None)
    return {"$schema": DRAFT, "$id": f"{kind}.schema.json", **out}


def files() -> dict[str, str]:
    """schemas/<kind>.schema.json → its text."""
    return {f"{FOLDER}/{kind}.schema.json": json.dumps(schema(kind), indent=2, ensure_ascii=False) + "\n"
            for kind in KINDS}


def write(project: Path) -> int:
    """Write every schema into the project; how many changed."""
    changed = 0
    for rel, text in files().items():
        path = project / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            changed += 1
    return changed


def add_modelines(content: Path) -> int:
    """Put the right modeline first in every content file (replacing a wrong one); how many changed."""
    changed = 0
    for path in sorted(content.rglob("*.yml")):
        rel = path.relative_to(content).as_posix()
        if kind_of(rel) is None:
            continue
        text = path.read_text(encoding="utf-8")
        lines = text.split("\n", 1)
        rest = lines[1] if lines[0].startswith(MODELINE) and len(lines) > 1 else ("" if lines[0].startswith(MODELINE)
                                                                                  else text)
        new = modeline(rel) + "\n" + rest
        if new != text:
            path.write_text(new, encoding="utf-8")
            changed += 1
    return changed
