"""Anchors made from ids, checked where they are typed: on one page, the ids of a priority's sections
and groups, or of a plan's charters and principles, become anchors (#id) beside the page's own
(#why, #commitments …), so two alike would send a link to the wrong place. The output check
refuses a page with a duplicate id too; this says which id to change, and `make check` says it."""

from __future__ import annotations

import re
from typing import Any

from plansite.content.read import PlanBundle

PRIORITY_PAGE = {"why", "objectives", "addresses", "commitments", "success", "outcomes", "measures", "elsewhere",
                 "changes"}
"""The anchors a priority's page has of its own (templates/priority.md.j2)."""

PLAN_PAGE = {"in-short", "vision", "outcomes", "priorities", "progress", "relations", "forewords", "inspection",
             "areas-to-improve", "figures", "voices", "governance", "more", "changes"}
"""The anchors a plan's page has of its own (templates/plan.md.j2)."""

_OWN = {"priority": re.compile(r"success-[0-9]+"), "plan": re.compile(r"area-.+")}
"""Anchors a page numbers or names itself (#success-1, #area-3)."""


def check(bundle: PlanBundle, report: Any) -> None:
    """Report each id that would give its page a second anchor of the same name."""
    plan = bundle.plan
    if plan is not None:
        _unique(report, "plan", PLAN_PAGE, [(lst, ("id",), lst.id) for lst in [*plan.charters, *plan.principles]])
    for priority in bundle.priorities:
        found = [(s, ("id",), s.id) for s in priority.sections]
        found += [(sub, ("id",), sub.id) for s in priority.sections for sub in s.sections]
        found += [(g, ("id",), g.id) for g in priority.groups]
        _unique(report, "priority", PRIORITY_PAGE, found)
    if bundle.reflection is not None:
        entries = enumerate(bundle.reflection.entries)
        said = [(bundle.reflection, ("entries", i, "we_said"), entry.we_said) for i, entry in entries]
        _unique(report, "reflection", set(), said, what="priority")


def _unique(report: Any, page: str, own: set[str], found: list[tuple[Any, tuple, str]], what: str = "id") -> None:
    seen: set[str] = set()
    for node, key, name in found:
        if name in own or (page in _OWN and _OWN[page].fullmatch(name)):
            report(node, key, f"'{name}' cannot be used here: the {page} page has a part of that name already,"
                   f" so a link to #{name} would be ambiguous; choose another id")
        elif name in seen:
            report(node, key, f"the {what} '{name}' is used twice on the {page} page; each needs its own"
                   + (" entry" if what == "priority" else " id"))
        seen.add(name)
