"""Read YAML files into plain data, keeping the line and column of every key and item."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from plansite.content.tree import FolderTree, Tree
from plansite.core.problems import Problem

if TYPE_CHECKING:
    from plansite.content.parsed import Parsed

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
    seen: set[int] = field(default_factory=set, repr=False)
    """The lists and mappings already read (a second visit would be an alias)."""
    references: bool = True
    """Whether the text could hold a [[cross-reference]] ('[[', or an escape that could write one), so
    that files without one need not be searched for them."""

    def where(self, path: Path_, value: bool = False) -> tuple[int, int]:
        """Line and column of `path` (its value when `value` is set), or of its nearest parent."""
        if value and path in self.values:
            return self.values[path]
        while path and path not in self.positions:
            path = path[:-1]
        return self.positions.get(path, (1, 1))


MAX_BYTES = 1_000_000
"""The largest content file read: far above any real plan file (the largest is about 30 kB)."""

MAX_DEPTH = 30
"""The deepest nesting of lists and keys allowed (real files go five or six levels deep)."""

# Characters no text needs and that break pages or the YAML reader: control characters (tab, line
# feed and carriage return are fine), lone surrogates and the Unicode non-characters.
_BMP_BAD = "\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f-\\x9f\\ud800-\\udfff\\ufdd0-\\ufdef\\ufffe\\uffff"
_ASTRAL_BAD = "".join(f"{chr(p * 0x10000 + 0xFFFE)}{chr(p * 0x10000 + 0xFFFF)}" for p in range(1, 17))
BAD_CHARACTER = re.compile(f"[{_BMP_BAD}{_ASTRAL_BAD}]")
_BMP_BAD_CHARACTER = re.compile(f"[{_BMP_BAD}]")  # the same without the rare astral ones: much faster

# Signs that a file might hold an alias (*name) or nest deeply; only such files get the slower
# event-by-event check before parsing (ordinary Markdown emphasis also matches, which is fine).
_MAYBE_ALIAS = re.compile(r"(?:^|[\s\[{,])\*[^\s*,\]}]", re.MULTILINE)
_MAYBE_DEEP = re.compile(r"^[ \t-]{30,}", re.MULTILINE)

try:  # libyaml's reader, when PyYAML was built with it: the same nodes and marks, about ten times faster
    _LOADER: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - every wheel on PyPI has it
    _LOADER = yaml.SafeLoader


def load_file(tree: Tree, path: str, rel: str, parsed: Parsed | None = None) -> tuple[Loaded | None, list[Problem]]:
    """Load one file of a content tree (`rel`: how messages name it); on any fault return no data
    and the problems, never raise. `parsed`: the files the last build parsed (the preview's)."""
    text, problems = read_text(tree, path, rel)
    if text is None:
        return None, problems
    return parsed.parse(text, rel) if parsed is not None else parse_text(text, rel)


def parse_text(text: str, rel: str) -> tuple[Loaded | None, list[Problem]]:
    """Parse a file's text, keeping where every key and item starts; problems instead of raising."""
    problems = _scan(text, rel)
    if problems:
        return None, problems
    try:
        node = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as err:
        return None, [_syntax_problem(rel, _clearer_error(text, err))]
    except yaml.YAMLError as err:
        return None, [Problem(rel, 1, 1, f"the YAML cannot be read ({err}); check the file")]
    if node is None:
        return None, [Problem(rel, 1, 1, "the file is empty; add its content or delete the file")]
    loaded = Loaded(rel, None, references="[[" in text or "\\" in text)
    loaded.data = _build(node, (), loaded, problems)
    loaded.positions[()] = _mark(node)
    return loaded, problems


def read_text(tree: Tree, path: str, rel: str) -> tuple[str | None, list[Problem]]:
    """A file's text: refused when it is too large (before it is read), unreadable or not UTF-8."""
    entry = tree.entry(path)
    if entry is not None and entry.size > MAX_BYTES:
        return None, [Problem(rel, 1, 1, f"the file is larger than {MAX_BYTES // 1000} kB; split it"
                              " (a plan's priorities each have their own file) or check it is the right file")]
    try:
        raw = tree.read(path)
    except OSError as err:
        return None, [Problem(rel, 1, 1, f"the file cannot be read ({err.strerror or err}); check that it"
                              " exists and that you may open it")]
    return decode(raw, rel)


def _read_text(path: Path, rel: str) -> tuple[str | None, list[Problem]]:
    # One file on disk, by the same rules as the content folder's (a link may not leave its folder).
    return read_text(FolderTree(path.parent), path.name, rel)


def decode(raw: bytes, rel: str) -> tuple[str | None, list[Problem]]:
    """Bytes as UTF-8 text (a byte order mark is dropped), or the problem with its line and column."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line, col = _position(raw[: err.start].decode("utf-8", "replace"))
        return None, [Problem(rel, line, col, f"the file is not UTF-8 text (byte {raw[err.start]:#04x} here);"
                              " save it as UTF-8 in your editor")]
    return text.removeprefix("\ufeff"), []  # a byte order mark is harmless; the YAML reader need not see it


def _position(before: str) -> tuple[int, int]:
    lines = before.replace("\r\n", "\n").split("\n")
    return len(lines), len(lines[-1]) + 1


def _scan(text: str, rel: str) -> list[Problem]:
    """Refuse, before parsing, what makes the YAML reader slow, deep or unsafe: hidden characters,
    aliases (an alias bomb grows a few lines into gigabytes) and very deep nesting."""
    problems = _hidden_characters(text, rel)
    if problems:
        return problems
    risky = (_MAYBE_ALIAS.search(text) or _MAYBE_DEEP.search(text)
             or text.count("[") + text.count("{") > MAX_DEPTH)
    return _scan_events(text, rel) if risky else []


def _hidden_characters(text: str, rel: str) -> list[Problem]:
    pattern = BAD_CHARACTER if text and max(text) >= "\U0001fffe" else _BMP_BAD_CHARACTER
    found = itertools.islice(pattern.finditer(text), 5)  # five are enough to show what is wrong
    return [_character_problem(rel, *_position(text[: m.start()]), m.group()) for m in found]


def load_text(path: Path, rel: str, content: Path) -> tuple[str | None, list[Problem]]:
    """A content file that is not YAML (the published-address list), read by the same rules as the
    YAML files: not a link out of content/ (read.py has the same rule), at most MAX_BYTES, UTF-8 (a
    byte order mark is fine), no hidden characters; the text, or no text and the problems."""
    if path.is_symlink():
        try:
            target = path.resolve(strict=True)
        except (OSError, RuntimeError):
            return None, [Problem(rel, 1, 1, "this is a link to a file that does not exist; delete the link or"
                                  " restore the file")]
        if not target.is_relative_to(content.resolve()):
            return None, [Problem(rel, 1, 1, "this is a link to a file outside content/; copy the file into"
                                  " content/ instead")]
    text, problems = _read_text(path, rel)
    if text is None:
        return None, problems
    problems = _hidden_characters(text, rel)
    return (None, problems) if problems else (text, [])


def _scan_events(text: str, rel: str) -> list[Problem]:
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_LOADER):
            if isinstance(event, yaml.AliasEvent):
                line, col = event.start_mark.line + 1, event.start_mark.column + 1
                return [Problem(rel, line, col, f"'*{event.anchor}' repeats a value from elsewhere in the file"
                                " (a YAML alias), which content files do not allow; write the value out in full")]
            if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    line, col = event.start_mark.line + 1, event.start_mark.column + 1
                    return [Problem(rel, line, col, f"the lists and keys here are nested more than {MAX_DEPTH}"
                                    " levels deep; check the indentation and brackets")]
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                depth -= 1
    except yaml.MarkedYAMLError as err:
        return [_syntax_problem(rel, _clearer_error(text, err))]
    except yaml.YAMLError as err:
        return [Problem(rel, 1, 1, f"the YAML cannot be read ({err}); check the file")]
    return []


def _clearer_error(text: str, err: yaml.MarkedYAMLError) -> yaml.MarkedYAMLError:
    # The pure-Python reader words its errors better ("found character '\t' …"); ask it again.
    try:
        for _ in yaml.parse(text, Loader=yaml.SafeLoader):
            pass
    except yaml.MarkedYAMLError as clearer:
        return clearer
    return err


def _bad_character(text: str) -> str | None:
    pattern = BAD_CHARACTER if text and max(text) >= "\U0001fffe" else _BMP_BAD_CHARACTER
    found = pattern.search(text)
    return found.group() if found else None


def _character_problem(rel: str, line: int, col: int, char: str) -> Problem:
    return Problem(rel, line, col, f"the text holds an invisible character (U+{ord(char):04X}) that pages cannot"
                   " show; delete it (it often comes with text copied from a PDF or a word processor)")


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _build(node: yaml.Node, path: Path_, loaded: Loaded, problems: list[Problem]) -> Any:
    # Scalars stay strings (ids like 1.10 must not become the number 1.1);
    # the schema converts them where it expects numbers or dates.
    if isinstance(node, yaml.ScalarNode):
        if node.tag == NULL_TAG:
            return None
        bad = _bad_character(node.value)
        if bad:  # written as an escape ("\x00", "\ud800") inside double quotes
            problems.append(_character_problem(loaded.file, *_mark(node), bad))
        if node.tag.startswith("!") and not node.tag.startswith("!!"):
            line, col = _mark(node)
            problems.append(Problem(loaded.file, line, col, f"unknown YAML tag '{node.tag}'; remove it"))
        return node.value
    if id(node) in loaded.seen:  # an alias the quick check let through: never expand it
        problems.append(Problem(loaded.file, *_mark(node), "this value is repeated elsewhere in the file by a YAML"
                                " alias (*name), which content files do not allow; write the value out in full"))
        return None
    loaded.seen.add(id(node))
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

    def add(self, loaded: Any) -> None:
        """Remember a loaded file's positions (a Loaded, or a tracker's places)."""
        self.files[loaded.file] = loaded

    def problem(self, node: Any, key: Path_, message: str) -> Problem:
        """A Problem at `key` (a path below the node) inside the node's file."""
        file, path = getattr(node, "_file", ""), getattr(node, "_path", ())
        loaded = self.files.get(file)
        if hasattr(loaded, "problem"):  # a tracker spreadsheet: it names its own sheet, row and column
            return loaded.problem(tuple(path) + tuple(key), message)
        line, col = loaded.where(tuple(path) + tuple(key), value=True) if loaded else (1, 1)
        return Problem(file, line, col, message)
