"""What each item is called: page titles, link titles and short names, as plain text.

Templates and the navigation take titles from here and escape them for their context, so a title
is the same words everywhere it appears.
"""

from __future__ import annotations

from typing import Any

from .read import PlanBundle
from .schema.parts import Measure
from .schema.priority import Commitment, Priority
from .text import plain


def short(item: Any) -> str:
    """The short name used in the navigation and breadcrumbs."""
    if isinstance(item, PlanBundle):
        return item.plan.short_title or item.plan.title
    if isinstance(item, Priority):
        return item.short_title or item.title
    return page(item)


def commitment_name(commitment: Commitment) -> str:
    """'Action 5.7': what the document calls a commitment, and its reference."""
    return f"{_plan(commitment).labels.commitment} {commitment.id}"


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
    """'Priority 2: Education – to improve life chances', or the title alone when it has no number."""
    label = priority._parent.plan.labels.priority
    return f"{label} {priority.number}: {priority.title}" if priority.number else priority.title


def page(item: Any) -> str:
    """The title of an item's own page."""
    if isinstance(item, PlanBundle):
        return item.plan.title
    if isinstance(item, Priority):
        return priority_name(item)
    if isinstance(item, Commitment):
        heading = commitment_heading(item)
        if heading:
            return f"{commitment_name(item)}: {heading}"
        return f"{commitment_name(item)} of {short(item._parent._parent)}"
    if isinstance(item, Measure):
        return item.name
    raise TypeError(f"no title for {type(item).__name__}")


def link(item: Any) -> str:
    """How an item is named in a link from another plan: its title, with its plan when needed."""
    if isinstance(item, PlanBundle):
        return item.plan.title
    if isinstance(item, Priority):
        return f"{item.title} ({short(item._parent)})"
    if isinstance(item, Commitment):
        return f"{commitment_name(item)} of {short(item._parent._parent)}"
    raise TypeError(f"no link title for {type(item).__name__}")


def words_differ(commitment: Commitment) -> bool:
    """True when a commitment's heading does not already show all of its words."""
    return commitment_heading(commitment) != plain(commitment.text)


def _plan(item: Any) -> Any:
    while not isinstance(item, PlanBundle):
        item = item._parent
    return item.plan
