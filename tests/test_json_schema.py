"""The JSON Schemas editors' YAML extensions read: current with the code, named by every content
file's modeline, passed by every real file, and refusing what the build refuses (a typo'd key, a
wrong kind of value). Files are read as the extension reads them: YAML 1.2 (no dates, only
true/false), so the test sees what an editor's screen would underline."""

from __future__ import annotations

import re
from pathlib import Path

import jsonschema
import pytest
import yaml

from plansite.content import json_schema

from conftest import PROJECT, SMALL, edit, run_build

CONTENT = PROJECT / "content"


class Yaml12(yaml.SafeLoader):
    """The YAML 1.2 core schema (as the Red Hat YAML extension reads files)."""


Yaml12.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}
Yaml12.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
                             list("tTfF"))


def schema_named_by(path: Path) -> dict:
    first = path.read_text(encoding="utf-8").split("\n", 1)[0]
    assert first.startswith(json_schema.MODELINE), f"{path}: the first line must be the schema modeline"
    target = (path.parent / first[len(json_schema.MODELINE):]).resolve()
    return yaml.safe_load(target.read_text(encoding="utf-8"))  # JSON is YAML


def errors(schema: dict, data: object) -> list[str]:
    return [f"{list(e.absolute_path)}: {e.message}" for e in jsonschema.Draft202012Validator(schema).iter_errors(data)]


def content_files() -> list[Path]:
    return [p for p in sorted(CONTENT.rglob("*.yml"))
            if json_schema.kind_of(p.relative_to(CONTENT).as_posix())]


def test_the_committed_schemas_are_current() -> None:
    for rel, text in json_schema.files().items():
        assert (PROJECT / rel).read_text(encoding="utf-8") == text, f"{rel} is out of date: run `make schemas`"


def test_every_schema_is_valid_and_closed() -> None:
    for kind in json_schema.KINDS:
        schema = json_schema.schema(kind)
        jsonschema.Draft202012Validator.check_schema(schema)
        objects = [schema, *schema.get("$defs", {}).values()]
        assert all(o.get("additionalProperties") is False for o in objects if o.get("type") == "object"), kind
        for part in objects:
            for name, prop in part.get("properties", {}).items():
                assert prop.get("description"), f"{kind}: {name} has no description for editors"


@pytest.mark.parametrize("path", content_files(), ids=lambda p: p.relative_to(CONTENT).as_posix())
def test_every_real_content_file_passes_the_schema_its_modeline_names(path: Path) -> None:
    rel = path.relative_to(CONTENT).as_posix()
    assert path.read_text(encoding="utf-8").startswith(json_schema.modeline(rel) + "\n")
    assert errors(schema_named_by(path), yaml.load(path.read_text(encoding="utf-8"), Loader=Yaml12)) == []


def test_a_typo_in_a_key_is_underlined_and_refused_by_the_build(site) -> None:
    path = CONTENT / "plans/improvement-plan-2025/priorities/partnerships.yml"
    data = yaml.load(path.read_text(encoding="utf-8").replace("\ntitle:", "\ntitel:", 1), Loader=Yaml12)
    found = errors(schema_named_by(path), data)
    assert any("'titel' was unexpected" in e for e in found), found
    content, docs = site
    edit(content, "plans/next-plan-2022-2025/priorities/prevention.yml", "\ntitle:", "\ntitel:")
    assert "unknown key 'titel'" in run_build(content, docs).stderr


@pytest.mark.parametrize("bad", [
    ("    due: 2025-06\n", "    due: June 2025\n"),                    # not a date
    ("    owners: [domestic-abuse-lead]\n", "    owners: {lead: domestic-abuse-lead}\n"),  # not a list
    ('  - id: "5.8"\n', '  - id: "5.8"\n    changes: [{date: 2026-01, what: moved, why: x}]\n'),  # not a kind
])
def test_a_wrong_value_is_refused_by_the_schema_and_the_build(tmp_path: Path, bad: tuple[str, str]) -> None:
    import shutil

    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    path = content / "plans/improvement-plan-2025/priorities/partnerships.yml"
    text = path.read_text(encoding="utf-8")
    assert bad[0] in text
    path.write_text(text.replace(bad[0], bad[1], 1), encoding="utf-8")
    assert errors(schema_named_by(CONTENT / "plans/improvement-plan-2025/priorities/partnerships.yml"),
                  yaml.load(path.read_text(encoding="utf-8"), Loader=Yaml12))
    result = run_build(content, tmp_path / "docs")
    assert result.returncode == 1, result.stdout


def test_make_schemas_gives_a_new_file_its_modeline(tmp_path: Path) -> None:
    import shutil

    content = tmp_path / "content"
    shutil.copytree(SMALL, content)
    assert json_schema.add_modelines(content) > 0
    first = (content / "plans/next-plan-2022-2025/priorities/prevention.yml").read_text(encoding="utf-8")
    assert first.startswith("# yaml-language-server: $schema=../../../../schemas/priority.schema.json\n")
    assert json_schema.add_modelines(content) == 0  # once is enough
