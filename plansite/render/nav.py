"""The site navigation: the sections, then the plans in force and their priorities. Commitments,
measures and older plans stay out of it (mkdocs.yml lists plan pages under `not_in_nav`), so the
navigation stays small however many plans and promises there are."""

from __future__ import annotations

from typing import Any

from plansite.content.read import PlanBundle
from plansite.core.escape import html_text
from plansite.derive.overview import derive as overview_of
from plansite.derive.progress import Progress
from plansite.model import titles, urls
from plansite.model.index import Index

HAND_WRITTEN = [
    {"About this site": "about.md"},
    {"Accessibility": "accessibility.md"},
    {"Editing the plans": ["editing/index.md", {"Every field": urls.FIELDS}]},
]
"""Hand-written pages in docs/, in the order they appear after the generated ones."""


IN_NAVIGATION = ("current", "draft")
"""Plan states shown in the side navigation; every other plan is on the plans page (so the
navigation, which is on every page, stays the same size however many plans the years bring)."""


def site_nav(index: Index, progress: Progress) -> list[Any]:
    """The navigation in mkdocs.yml's `nav` form."""
    shown = [b for b in overview_of(index, progress).ordered if progress.of(b).key in IN_NAVIGATION]
    return [
        {"Home": urls.HOME},
        {"Search": urls.SEARCH},
        {"What was promised": urls.PROMISES},
        {"How are we doing?": [urls.PROGRESS, {"How a status is worked out": urls.METHOD}]},
        {"Plans": [urls.PLANS, *[_plan_nav(b) for b in shown]]},
        {"Topics": urls.TOPICS},
        {"Who is responsible": urls.OWNERS},
        {"What changed": urls.CHANGES},
        {"Glossary": urls.GLOSSARY},
        {"Open data": urls.DATA},
        *HAND_WRITTEN,
    ]


def _plan_nav(bundle: PlanBundle) -> dict[str, list[Any]]:
    # MkDocs prints navigation titles into HTML as they are, so each is escaped here.
    plan = bundle.plan
    children: list[Any] = [urls.plan_page(plan.id)]
    for priority in bundle.priorities:
        children.append({html_text(titles.short(priority)): urls.page_of(priority)})
    if bundle.reflection:
        children.append({html_text(bundle.reflection.title): urls.plan_subpage(plan.id, "reflection")})
    if any(p.measures for p in bundle.priorities):
        children.append({html_text(plan.labels.measures): urls.plan_subpage(plan.id, "measures")})
    if bundle.sections:
        children.append({"Background": urls.plan_subpage(plan.id, "background")})
    return {html_text(titles.short(bundle)): children}
