"""The preview's renderer: after a save, render again only the pages whose reads changed.

Each page is rendered once with its reads noted (reads.py). After the next save, every key any page
read is looked up in the new build; a page is rendered again when one of its keys has a different
value, when its template, context or sources differ, or when any template file changed. Every other
page keeps its text, which is what a full render would give it (tests/test_incremental.py checks
this over random edits)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import jinja2

from plansite.content.parsed import Parsed
from plansite.model.page import Page
from plansite.render import reads
from plansite.render.templating import TEMPLATES, render_page


@dataclass(frozen=True)
class _Rendered:
    signature: Any
    text: str
    keys: frozenset


@dataclass
class Incremental:
    """What the last render made of each page, what each page read, and the value of each read."""

    pages: dict[str, _Rendered] = field(default_factory=dict)
    values: dict[reads.Key, Any] = field(default_factory=dict)
    templates: tuple = ()
    rendered: int = 0
    """Pages rendered by the last call (the others kept their text)."""
    parsed: Parsed = field(default_factory=Parsed)
    """The content files the last build parsed, by their text (only changed files are parsed again)."""
    digests: dict[str, tuple] = field(default_factory=dict)
    """The digest of each generated file in docs/ by its size and time of change (see write.check_writable)."""

    def render(self, pages: list[Page], common: dict[str, Any], env: jinja2.Environment,
               inputs: reads.Inputs) -> dict[str, str]:
        """Every page's text by path, rendering only the pages whose inputs changed."""
        stamp = _stamp()
        if stamp != self.templates:
            self.pages, self.values, self.templates = {}, {}, stamp
        changed = self._changed(inputs)
        out, todo = {}, []
        for page in pages:
            signature = reads.token((page.template, page.context, page.sources))
            kept = self.pages.get(page.path)
            if kept is not None and kept.signature == signature and changed.isdisjoint(kept.keys):
                out[page.path] = kept.text
            else:
                todo.append((page, signature))
        env.context_class = reads.RecordingContext
        with reads.recording():
            for page, signature in todo:
                with reads.page() as recorder:
                    text = render_page(env, page, common)
                self.pages[page.path] = _Rendered(signature, text, frozenset(recorder.keys))
                out[page.path] = text
        for page, _ in todo:
            for key in self.pages[page.path].keys:
                if key not in self.values:
                    self.values[key] = inputs.value(key)
        gone = set(self.pages) - set(out)
        for path in gone:
            del self.pages[path]
        if gone:
            used = set().union(*(p.keys for p in self.pages.values()))
            self.values = {k: v for k, v in self.values.items() if k in used}
        self.rendered = len(todo)
        return dict(sorted(out.items()))

    def _changed(self, inputs: reads.Inputs) -> set[reads.Key]:
        # The keys whose value differs in this build; the new values are kept.
        changed = set()
        for key, old in self.values.items():
            new = inputs.value(key)
            if new != old:
                changed.add(key)
                self.values[key] = new
        return changed


def _stamp() -> tuple:
    # Every template file's name, size and time of change: a changed template renders every page again.
    return tuple(sorted((p.relative_to(TEMPLATES).as_posix(), p.stat().st_mtime_ns, p.stat().st_size)
                        for p in TEMPLATES.rglob("*") if p.is_file()))
