"""Cross-references in prose: `[[ref]]` or `[[ref|own words]]` in any Markdown field links to another
item by id, with the item's title as the link's words.

A reference is the item's ids joined by '/', as in its address: `plan`, `plan/priority`,
`plan/priority/commitment` or `plan/measures/measure`. Inside a plan the plan's id may be left
out (`priority/commitment`, `measures/measure`), and inside a priority a commitment's id alone will
do (`5.7`); the nearest match wins: the same priority, then the same plan, then the whole site.
Every reference is checked when the content is resolved, and written in its full form, so a page
renders it the same wherever it appears."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from plansite.core import markup
from plansite.core.markup import MarkdownText
from plansite.core.problems import did_you_mean
from plansite.model import titles, urls
from plansite.model.index import Index


def check(resolver: Any, index: Index) -> None:
    """Find every reference in the content; a problem for each that names nothing; rewrite the rest
    in their full form."""
    content = index.content
    files = content.locator.files
    for node in (content.site, content.owners, content.glossary, content.topics):
        if _could_refer(files, node):
            _walk(resolver, index, node, None, None)
    for bundle in index.plans.values():
        for node in (bundle.plan, bundle.sections, bundle.figures, bundle.voices, bundle.reflection):
            if _could_refer(files, node):
                _walk(resolver, index, node, bundle, None)
        for priority in bundle.priorities:
            if _could_refer(files, priority) or any(_could_refer(files, row) for row in _merged_rows(priority)):
                _walk(resolver, index, priority, bundle, priority)


def _merged_rows(priority: Any) -> list[Any]:
    # Updates and values merged in from the plan's trackers come from files of their own.
    rows = [u for c in priority.commitments for u in c.progress] + [v for m in priority.measures for v in m.values]
    return [row for row in rows if getattr(row, "_file", "") != priority._file]


def _could_refer(files: dict, node: Any) -> bool:
    # A file whose text has no '[[' (nor an escape that could write one) holds no reference.
    if node is None:
        return False
    loaded = files.get(getattr(node, "_file", ""))
    return loaded is None or getattr(loaded, "references", True)  # (a tracker: always looked at)


def targets(index: Index) -> dict[str, tuple[str, str]]:
    """Every item a reference can name, in full form → (its page, its title)."""
    found = {}
    for bundle in index.plans.values():
        found[bundle.id] = bundle
    for (plan, priority), item in index.priorities.items():
        found[f"{plan}/{priority}"] = item
    for (plan, priority, commitment), item in index.commitments.items():
        found[f"{plan}/{priority}/{commitment}"] = item
    for (plan, measure), item in index.measures.items():
        found[f"{plan}/measures/{measure}"] = item
    return {ref: (urls.page_of(item), titles.page(item)) for ref, item in found.items()}


def _walk(resolver: Any, index: Index, node: BaseModel, bundle: Any, priority: Any) -> None:
    for name in type(node).model_fields:
        value = getattr(node, name)
        if isinstance(value, MarkdownText):
            new = _rewrite(resolver, index, node, (name,), value, bundle, priority)
            if new is not value:
                setattr(node, name, new)
        elif isinstance(value, BaseModel):
            _walk(resolver, index, value, bundle, priority)
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, MarkdownText):
                    value[i] = _rewrite(resolver, index, node, (name, i), item, bundle, priority)
                elif isinstance(item, BaseModel):
                    _walk(resolver, index, item, bundle, priority)


def _rewrite(resolver: Any, index: Index, node: Any, key: tuple, text: MarkdownText, bundle: Any,
             priority: Any) -> MarkdownText:
    if "[[" not in text:
        return text
    known = targets_cache(index)
    out, at = [], 0
    for found in markup.reference_matches(text):  # a [[…]] in a code span is shown as typed
        ref = found.group(1)
        full = next((c for c in _candidates(ref, bundle, priority) if c in known), None)
        if full is None:
            resolver.at(node, key, f"the reference [[{ref}]] names nothing{did_you_mean(ref, known)}; write"
                        " plan/priority/commitment ids (or plan/measures/measure) as in the item's address")
            continue
        out += [text[at:found.start(1)], full]
        at = found.end(1)
    out.append(text[at:])
    return MarkdownText("".join(out))


def _candidates(ref: str, bundle: Any, priority: Any) -> list[str]:
    # The nearest first: this priority's commitment, this plan's item, then the whole site.
    near = []
    if priority is not None and "/" not in ref:
        near.append(f"{bundle.id}/{priority.id}/{ref}")
    if bundle is not None:
        near.append(f"{bundle.id}/{ref}")
    return [*near, ref]


def targets_cache(index: Index) -> dict[str, tuple[str, str]]:
    """The targets, worked out once per index."""
    cached = getattr(index, "_xref_targets", None)
    if cached is None:
        cached = targets(index)
        index._xref_targets = cached
    return cached
