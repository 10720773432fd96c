"""What each page reads while it is rendered, so that the preview can render again only the pages a
save affects, and know it missed none.

While a page renders, every read of the content is noted as a key: a field of a content node (by its
file and place in the file, which stay the same from one build to the next), an attribute or a call
of the build's other objects (the index, the statuses, the change log ...) with its arguments, a
[[reference]], or a name the templates take from the build. `Inputs` finds what a key names in a
later build, and `token` sums up the value there; a page needs rendering again exactly when one of
its keys has a different token (or cannot be found). Anything this module cannot name the same way
in the next build gets a token equal to nothing, so the page is rendered again: when unsure, render.

The recording swaps `__getattribute__` on the content and build classes for the length of a render
(see `recording`), and notes reads only in the thread that renders (a context variable holds the
recorder), so a build that does not record runs at full speed."""

from __future__ import annotations

import contextlib
import contextvars
import dataclasses
import datetime as dt
import threading
import types
from collections.abc import Iterator, Mapping
from typing import Any

import jinja2
from pydantic import BaseModel

from plansite.content.read import Content, PlanBundle
from plansite.content.schema.common import Node
from plansite.derive.history import Updated
from plansite.derive.log import Log
from plansite.derive.overview import Overview
from plansite.derive.progress import Progress
from plansite.model.index import Index

ROLES: dict[type, str] = {Index: "index", Content: "content", Progress: "progress", Overview: "overview",
                          Log: "changes", Updated: "updated"}
"""The build's objects that pages read through, each by the name it has in every build."""

Key = tuple
"""What a page read: ('n', class, file, path, field or '*' for the whole node) | ('a', role, name)
| ('c', role, method, args, keyword args) | ('x', reference) | ('r', name)."""


class Recorder:
    """The keys one page read."""

    def __init__(self) -> None:
        self.keys: set[Key] = set()
        self.paused = 0
        """Above 0 inside a call whose result is noted whole: what it reads itself is not noted."""


_RECORDER: contextvars.ContextVar[Recorder | None] = contextvars.ContextVar("reads", default=None)


def _unknown(kind: str) -> tuple:
    # Equal to no other token (not even one made the same way): a page that read it renders again.
    return ("?", kind, object())


def _identity(obj: Any) -> tuple | None:
    # How a node, a plan's folder or one of the build's objects is named in every build.
    if isinstance(obj, Node):
        private = object.__getattribute__(obj, "__pydantic_private__") or {}
        file = private.get("_file")
        return ("n", type(obj).__name__, file, tuple(private.get("_path", ()))) if file else None
    if isinstance(obj, PlanBundle):
        return ("b", object.__getattribute__(obj, "folder"))
    role = ROLES.get(type(obj))
    return ("o", role) if role else None


def token(value: Any) -> Any:
    """The value as plain, comparable data: content nodes and the build's objects by their names (what
    a page then reads from them is a key of its own); a value it cannot name is unequal to any other."""
    kind = type(value)
    if kind is str:
        return value
    if value is None or kind in (int, bool, float):
        return (kind.__name__, value)
    if isinstance(value, (Node, PlanBundle)) or kind in ROLES:
        return _identity(value) or _unknown(kind.__name__)
    if isinstance(value, str):  # Markup, MarkdownText: the kind matters to how it is printed
        return (kind.__name__, str(value))
    if isinstance(value, (int, float)):  # a number kept as typed
        return (kind.__name__, repr(value), getattr(value, "text", None))
    if isinstance(value, (list, tuple)):
        return (kind.__name__, *(token(v) for v in value))
    if isinstance(value, dict):
        return (kind.__name__, *((token(k), token(v)) for k, v in value.items()))
    if isinstance(value, (set, frozenset)):
        return (kind.__name__, *sorted((token(v) for v in value), key=repr))
    if isinstance(value, (dt.date, dt.datetime)):
        return (kind.__name__, value.isoformat())
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return (kind.__qualname__, *(token(getattr(value, f.name)) for f in dataclasses.fields(value)))
    if isinstance(value, types.SimpleNamespace):
        return ("namespace", token(vars(value)))
    if isinstance(value, (types.ModuleType, types.FunctionType, types.BuiltinFunctionType, type)):
        return ("code", getattr(value, "__module__", ""), getattr(value, "__qualname__", value.__name__))
    if isinstance(value, BaseModel):  # a node made by code, not read from a file: its whole value
        return (kind.__name__, token(value.__dict__))
    return _unknown(kind.__name__)


# Reading a content node: each field by name; anything that reads the node whole ('*').
_WHOLE = frozenset({"__dict__", "model_dump", "model_dump_json", "model_copy", "model_fields_set",
                    "__pydantic_fields_set__", "__pydantic_extra__"})


def _node_read(self: Any, name: str, _get: Any = object.__getattribute__) -> Any:
    recorder = _RECORDER.get()
    if recorder is None or recorder.paused:
        return _get(self, name)
    fields = type(self).__pydantic_fields__
    if name in fields or name in _WHOLE or name == "_parent":
        identity = _identity(self)
        if identity is not None:  # (a node made by code is read whole as part of the page's context)
            recorder.keys.add((*identity, name if name in fields or name == "_parent" else "*"))
    return _get(self, name)


def _object_read(self: Any, name: str, _get: Any = object.__getattribute__) -> Any:
    recorder = _RECORDER.get()
    if recorder is None or recorder.paused or name.startswith("__"):
        return _get(self, name)
    role = _identity(self)
    recorder.paused += 1
    try:
        value = _get(self, name)
    finally:
        recorder.paused -= 1
    if isinstance(value, types.MethodType) and value.__self__ is self:
        return _noted_call(recorder, role, name, value)
    recorder.keys.add(("a", role, name))
    return value


def _noted_call(recorder: Recorder, role: tuple, name: str, method: Any) -> Any:
    # A call of a build object's method is noted with its arguments; what it reads itself is not,
    # since its result is compared whole.
    def call(*args: Any, **kwargs: Any) -> Any:
        recorder.keys.add(("c", role, name, token(args), token(kwargs)))
        recorder.paused += 1
        try:
            return method(*args, **kwargs)
        finally:
            recorder.paused -= 1
    return call


class RecordingContext(jinja2.runtime.Context):
    """A template context that notes each name a template takes from the build (e.g. `glossary`)."""

    def resolve_or_missing(self, key: str) -> Any:
        recorder = _RECORDER.get()
        if recorder is not None and not recorder.paused:
            recorder.keys.add(("r", key))
        return super().resolve_or_missing(key)


class RecordingTargets(Mapping):
    """The [[reference]] targets of a build, noting each one a page looks up."""

    def __init__(self, targets: Mapping[str, tuple[str, str]]) -> None:
        self._targets = dict(targets)

    def __getitem__(self, ref: str) -> tuple[str, str]:
        self._note(ref)
        return self._targets[ref]

    def get(self, ref: str, default: Any = None) -> Any:
        self._note(ref)
        return self._targets.get(ref, default)

    def _note(self, ref: str) -> None:
        recorder = _RECORDER.get()
        if recorder is not None and not recorder.paused:
            recorder.keys.add(("x", ref))

    def __iter__(self) -> Iterator[str]:
        recorder = _RECORDER.get()
        if recorder is not None and not recorder.paused:
            recorder.keys.add(("x", "*"))
        return iter(self._targets)

    def __len__(self) -> int:
        return len(self._targets)


_SWAPPED: dict[str, Any] = {"renders": 0, "lock": threading.Lock()}
"""How many renders are noting reads now, in any thread: the classes' lookups stay swapped while
one is (classes are shared by every thread)."""


@contextlib.contextmanager
def recording() -> Iterator[None]:
    """While inside, reads of content nodes and of the build's objects can be noted (see `page`).
    The classes' attribute lookup is swapped back when the last render leaves; other threads note
    nothing of their own."""
    swapped = [(cls, _object_read) for cls in (*ROLES, PlanBundle)] + [(Node, _node_read)]
    with _SWAPPED["lock"]:
        if _SWAPPED["renders"] == 0:
            for cls, read in swapped:
                cls.__getattribute__ = read
        _SWAPPED["renders"] += 1
    try:
        yield
    finally:
        with _SWAPPED["lock"]:
            _SWAPPED["renders"] -= 1
            if _SWAPPED["renders"] == 0:
                for cls, _ in swapped:
                    del cls.__getattribute__


@contextlib.contextmanager
def page() -> Iterator[Recorder]:
    """Note what is read inside (within `recording`) into a new Recorder."""
    recorder = Recorder()
    handle = _RECORDER.set(recorder)
    try:
        yield recorder
    finally:
        _RECORDER.reset(handle)


class Inputs:
    """What a build's pages can read, found by the names `token` gives."""

    def __init__(self, common: Mapping[str, Any], targets: Mapping[str, tuple[str, str]]) -> None:
        self.common = common
        self.targets = targets
        index = common["index"]
        self.objects: dict[tuple, Any] = {("o", role): common[name] for name, role in _COMMON_ROLES.items()
                                          if name in common}
        self.objects[("o", "index")] = index
        self.objects[("o", "content")] = index.content
        self.nodes: dict[tuple, Any] = {}
        content = index.content
        for bundle in content.plans:
            self.objects[("b", bundle.folder)] = bundle
            for part in (bundle.plan, *bundle.priorities, bundle.sections, bundle.figures, bundle.voices,
                         bundle.reflection):
                self._add(part)
        for part in (content.site, content.owners, content.glossary, content.topics):
            self._add(part)

    def _add(self, node: Any) -> None:
        if isinstance(node, Node):
            identity = _identity(node)
            if identity is not None:
                self.nodes[identity] = node
            for name in type(node).model_fields:
                self._add(node.__dict__.get(name))
        elif isinstance(node, list):
            for item in node:
                self._add(item)

    def value(self, key: Key) -> Any:
        """The token of what `key` names in this build (one equal to nothing when it is not there)."""
        try:
            return self._value(key)
        except Exception:  # noqa: BLE001 - not there, or not callable the same way: render again
            return _unknown("missing")

    def _value(self, key: Key) -> Any:
        kind = key[0]
        if kind == "a":
            return token(getattr(self.objects[key[1]], key[2]))
        if kind == "c":
            args, kwargs = self._object(key[3]), self._object(key[4])
            return token(getattr(self.objects[key[1]], key[2])(*args, **kwargs))
        if kind == "x":
            return token(dict(self.targets) if key[1] == "*" else self.targets.get(key[1]))
        if kind == "r":  # a name the build gives every page; others (the page's own, globals) are not the build's
            return token(self.common[key[1]]) if key[1] in self.common else "not the build's"
        node = self.nodes.get(key[:4])
        if node is None:
            return _unknown("gone")
        name = key[4]
        if name == "*":
            return token(node.__dict__), token(node._parent)
        return token(getattr(node, name))

    def _object(self, tok: Any) -> Any:
        # The value in this build that a token (of an argument) names.
        if isinstance(tok, str):
            return tok
        head = tok[0]
        if head == "n":
            return self.nodes[tok]
        if head in ("b", "o"):
            return self.objects[tok]
        if head in ("NoneType", "int", "bool", "float"):
            return tok[1]
        if head in ("list", "tuple"):
            items = [self._object(t) for t in tok[1:]]
            return items if head == "list" else tuple(items)
        if head == "dict":
            return {self._object(k): self._object(v) for k, v in tok[1:]}
        raise LookupError(tok)


_COMMON_ROLES = {"progress": "progress", "overview": "overview", "changes": "changes", "updated": "updated"}
"""The names under which the templates get the build's objects."""
