"""Read YAML files into plain data, keeping the line and column of every key and item."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .problems import Problem

Path_ = tuple[str | int, ...]
NULL_TAG = "tag:yaml.org,2002:null"


@dataclass
class Loaded:
    """One YAML file: its data, and where each part of it starts."""

    file: str
    data: Any
    positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    """Where each key (or list item) starts."""
    values: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    """Where each key's value starts."""

    def where(self, path: Path_, value: bool = False) -> tuple[int, int]:
        """Line and column of `path` (its value when `value` is set), or of its nearest parent."""
        if value and path in self.values:
            return self.values[path]
        while path and path not in self.positions:
            path = path[:-1]
        return self.positions.get(path, (1, 1))


def load_file(path: Path, rel: str) -> tuple[Loaded | None, list[Problem]]:
    """Load one file; on a syntax error return no data and the problem."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as err:
        return None, [Problem(rel, 1, 1, f"the file is not UTF-8 text ({err.reason}); save it as UTF-8")]
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as err:
        return None, [_syntax_problem(rel, err)]
    if node is None:
        return None, [Problem(rel, 1, 1, "the file is empty; add its content or delete the file")]
    loaded = Loaded(rel, None)
    problems: list[Problem] = []
    loaded.data = _build(node, (), loaded, problems)
    loaded.positions[()] = _mark(node)
    return loaded, problems


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _build(node: yaml.Node, path: Path_, loaded: Loaded, problems: list[Problem]) -> Any:
    # Scalars stay strings (ids like 1.10 must not become the number 1.1);
    # the schema converts them where it expects numbers or dates.
    if isinstance(node, yaml.ScalarNode):
        if node.tag == NULL_TAG:
            return None
        if node.tag.startswith("!") and not node.tag.startswith("!!"):
            line, col = _mark(node)
            problems.append(Problem(loaded.file, line, col, f"unknown YAML tag '{node.tag}'; remove it"))
        return node.value
    if isinstance(node, yaml.SequenceNode):
        items = []
        for i, child in enumerate(node.value):
            loaded.positions[path + (i,)] = _mark(child)
            items.append(_build(child, path + (i,), loaded, problems))
        return items
    return _build_mapping(node, path, loaded, problems)


def _build_mapping(node: yaml.MappingNode, path: Path_, loaded: Loaded, problems: list[Problem]) -> dict:
    result: dict[str, Any] = {}
    for key_node, value_node in node.value:
        line, col = _mark(key_node)
        if not isinstance(key_node, yaml.ScalarNode):
            problems.append(Problem(loaded.file, line, col, "a key must be a plain word; write 'name: value'"))
            continue
        key = key_node.value
        if key in result:
            first = loaded.positions[path + (key,)][0]
            problems.append(
                Problem(
                    loaded.file, line, col,
                    f"duplicate key '{key}' (first given on line {first}); keep one of them",
                )
            )
            continue
        loaded.positions[path + (key,)] = (line, col)
        loaded.values[path + (key,)] = _mark(value_node)
        result[key] = _build(value_node, path + (key,), loaded, problems)
    return result


def _syntax_problem(rel: str, err: yaml.MarkedYAMLError) -> Problem:
    mark = err.problem_mark or err.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    what = err.problem or "the YAML cannot be read"
    if "'\\t'" in what or "\t" in what:
        hint = "indent with spaces, not tabs"
    elif "mapping values are not allowed" in what:
        hint = "put text that contains ': ' in quotes, or check the indentation"
    else:
        hint = "check the indentation, quotes and dashes on this line and the one before"
    context = f" ({err.context})" if err.context else ""
    return Problem(rel, line, col, f"invalid YAML: {what}{context}; {hint}")


class Locator:
    """Finds the line and column of any part of a validated node, for later stages' problems."""

    def __init__(self) -> None:
        self.files: dict[str, Loaded] = {}

    def add(self, loaded: Loaded) -> None:
        """Remember a loaded file's positions."""
        self.files[loaded.file] = loaded

    def problem(self, node: Any, key: Path_, message: str) -> Problem:
        """A Problem at `key` (a path below the node) inside the node's file."""
        file, path = getattr(node, "_file", ""), getattr(node, "_path", ())
        loaded = self.files.get(file)
        line, col = loaded.where(tuple(path) + tuple(key), value=True) if loaded else (1, 1)
        return Problem(file, line, col, message)
