"""What each item is called: page titles, link titles, short names and citations, as plain text.

Templates and the navigation take titles from here and escape them for their context, so a title
is the same words everywhere it appears. Names never depend on where they are shown from: where a
plan numbers its commitments from 1 within each priority (found from the data), a commitment's name
outside its priority says which priority ("Prevention, commitment 7"), so that no two pages share a
title or a citation.
"""

from __future__ import annotations

from typing import Any

from plansite.content.read import PlanBundle
from plansite.content.schema.parts import Measure
from plansite.content.schema.priority import Commitment, Priority
from plansite.core.escape import isolated as _v
from plansite.core.text import date, plain


def short(item: Any) -> str:
    """The short name used in the navigation and breadcrumbs."""
    if isinstance(item, PlanBundle):
        return item.plan.short_title or item.plan.title
    if isinstance(item, Priority):
        return item.short_title or item.title
    return page(item)


def plan(bundle: PlanBundle) -> str:
    """A plan's full title (for headings of pages about one plan)."""
    return bundle.plan.title


def restarts(bundle: PlanBundle) -> bool:
    """True when the plan numbers its commitments within each priority, so that one id (such as '7')
    names a commitment in more than one priority (the resolver worked it out)."""
    return bundle.numbers_restart


def commitment_name(commitment: Commitment) -> str:
    """'Action 5.7': what the document calls a commitment, and its reference within its priority."""
    return f"{_v(_plan(commitment).labels.commitment)} {commitment.id}"


def commitment_label(commitment: Commitment) -> str:
    """How a commitment is named outside its priority: 'action 5.7', or with its priority where the
    plan's numbers restart in each priority: 'Prevention, commitment 7'."""
    name = commitment_name(commitment)
    name = name[:1].lower() + name[1:]
    bundle = commitment._parent._parent
    return f"{_v(short(commitment._parent))}, {name}" if restarts(bundle) else name


def commitment_title(commitment: Commitment) -> str:
    """The commitment's label at the start of a line of a list that mixes priorities: 'Action 5.7',
    'Prevention, commitment 7'."""
    label = commitment_label(commitment)
    return label[:1].upper() + label[1:]


LONG = 150
"""A commitment whose words are longer than this is not used whole as its page's heading."""


def commitment_heading(commitment: Commitment) -> str | None:
    """The words a commitment's heading shows after its name: its short title, or its words when
    they are short enough; None when they are long (the page then shows them in full below)."""
    if commitment.title:
        return commitment.title
    words = plain(commitment.text)
    return words if len(words) <= LONG else None


def priority_name(priority: Priority) -> str:
    """'Priority 2: Education – to improve life chances', or the title alone when it has no number.
    (Each content value in a name composed here is isolated, _v, so that one written right to left
    cannot reorder the words around it; text written left to right is left as it is.)"""
    label = priority._parent.plan.labels.priority
    return f"{_v(label)} {_v(priority.number)}: {_v(priority.title)}" if priority.number else priority.title


def page(item: Any) -> str:
    """The title of an item's own page (its heading)."""
    if isinstance(item, PlanBundle):
        return item.plan.title
    if isinstance(item, Priority):
        return priority_name(item)
    if isinstance(item, Commitment):
        heading = commitment_heading(item)
        label = commitment_label(item)
        if heading:
            return f"{label[:1].upper()}{label[1:]}: {_v(heading)}"
        return f"{_v(short(item._parent._parent))}, {label}"
    if isinstance(item, Measure):
        return measure_name(item)
    raise TypeError(f"no title for {type(item).__name__}")


def measure_name(measure: Measure) -> str:
    """A measure's name; with its priority when another measure of the plan has the same name."""
    bundle = measure._parent._parent
    twins = [m for p in bundle.priorities for m in p.measures if m.name == measure.name]
    return f"{_v(measure.name)} ({_v(short(measure._parent))})" if len(twins) > 1 else measure.name


def head(item: Any) -> str:
    """The title of an item's page in the browser's tab and in search results: its heading, with its
    plan where the heading does not already name it (so that no two pages share a title)."""
    title = page(item)
    if isinstance(item, PlanBundle):
        return title
    plan_name = short(_bundle(item))
    return title if plan_name in title else f"{_v(title)} – {_v(plan_name)}"


def link(item: Any) -> str:
    """How an item is named in a link from another plan: its title, with its plan when needed."""
    if isinstance(item, PlanBundle):
        return item.plan.title
    if isinstance(item, Priority):
        return f"{_v(item.title)} ({_v(short(item._parent))})"
    if isinstance(item, Commitment):
        return f"{_v(short(item._parent._parent))}, {commitment_label(item)}"
    raise TypeError(f"no link title for {type(item).__name__}")


def cite(item: Any) -> str:
    """How to cite an item: 'Children and Families Plan 2021-2024, Prevention, commitment 7
    (Knowsley Children and Families Board).' The source document's publisher and date are added
    where the plan names them."""
    bundle = _bundle(item)
    parts = [_v(bundle.plan.title)]
    if isinstance(item, Priority):
        parts.append(priority_name(item))
    elif isinstance(item, Commitment):
        parts.append(commitment_label(item))
    elif isinstance(item, Measure):
        parts.append(f"measure “{_v(measure_name(item))}”")
    source = bundle.plan.source
    said = [_v(w) for w in (source.publisher, date(source.date) if source.date else None) if w] if source else []
    return ", ".join(parts) + (f" ({', '.join(said)})" if said else "") + "."


def words_differ(commitment: Commitment) -> bool:
    """True when a commitment's heading does not already show all of its words."""
    return commitment_heading(commitment) != plain(commitment.text)


def _bundle(item: Any) -> PlanBundle:
    while not isinstance(item, PlanBundle):
        item = item._parent
    return item


def _plan(item: Any) -> Any:
    return _bundle(item).plan
