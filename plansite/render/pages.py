"""Which pages the site has, each with its template and the items it shows."""

from __future__ import annotations

from typing import Any

from plansite.content import trackers
from plansite.content.read import PlanBundle
from plansite.content.schema.priority import Commitment, Priority
from plansite.core.text import date_key
from plansite.derive import gather, measure_status, overview, progress
from plansite.derive.overview import Overview
from plansite.derive.progress import Progress, measures_of
from plansite.model import urls
from plansite.model.index import Index
from plansite.model.page import Page

EVERY_PRIORITY = ["content/plans/*/priorities/*.yml", "content/plans/*/progress/*", "content/plans/*/values/*"]
"""The files every commitment and measure is made from: priorities, and the trackers' updates and values."""


def chronological_plans(index: Index) -> list[PlanBundle]:
    """Plans in the order they started, for the timeline."""
    return sorted(index.plans.values(), key=lambda b: (date_key(b.plan.period.start), b.plan.id))


def all_pages(index: Index, derived: Progress, seen: Overview | None = None) -> list[Page]:
    """Every page of the site (`seen`: what readers meet first, derived here when not given)."""
    seen = seen or overview.derive(index, derived)
    glossary_file = ["content/glossary.yml"]
    everything = seen.summary(list(index.commitments.values()))
    featured = seen.featured
    pages = [
        Page(urls.HOME, "home.md.j2", ["content/site.yml", "content/plans/*/plan.yml"],
             {"featured": featured, "summary": seen.summary(_commitments(featured)) if featured else None}),
        Page(urls.PLANS, "plans.md.j2", ["content/plans/*/plan.yml"]),
        Page(urls.PROMISES, "promises.md.j2", EVERY_PRIORITY, {"summary": everything}),
        Page(urls.PROGRESS, "progress.md.j2", [*EVERY_PRIORITY, "content/site.yml"], {"summary": everything}),
        Page(urls.METHOD, "method.md.j2", ["plansite/derive/measure_status.py", *EVERY_PRIORITY, "content/site.yml"],
             {"examples": measure_status.examples(measures_of(index), derived.measures),
              "sample": measure_status.worked_example()}),
        Page(urls.DATA, "data.md.j2", ["content/site.yml"]),
        Page(urls.SEARCH, "search.md.j2", ["plansite/render/templates/search.md.j2"]),
        Page(urls.GLOSSARY, "glossary.md.j2", glossary_file),
        Page(urls.ABBREVIATIONS, "abbreviations.md.j2", glossary_file),
        Page(urls.FIELDS, "fields.md.j2", ["plansite/content/schema/"]),
    ]
    pages += _finding_pages(index, derived, seen)
    for bundle in index.plans.values():
        pages += _plan_pages(bundle, seen)
    return pages


def _commitments(item: PlanBundle | Any) -> list[Commitment]:
    """Every commitment of a plan or a priority, or those a topic's or owner's shares list."""
    if isinstance(item, PlanBundle):
        return [c for p in item.priorities for c in p.commitments]
    if isinstance(item, list):  # plan shares
        return [c for s in item for c in [*s.commitments, *(c for p in s.priorities for c in p.commitments)]]
    return list(item.commitments)


def change_pages(index: Index) -> list[Page]:
    """'What changed': every public change, and the changes of each plan."""
    every = ["content/"]
    pages = [Page(urls.CHANGES, "changes.md.j2", every, {"bundle": None})]
    for bundle in index.plans.values():
        pages.append(Page(urls.changes_of_plan(bundle.id), "changes.md.j2", every, {"bundle": bundle}))
    return pages


def _finding_pages(index: Index, derived: Progress, seen: Overview) -> list[Page]:
    # Pages that gather across plans: topics, owners, and commitments by plan and by status. Each
    # lists the plans in force first, and opens with its summary.
    every_priority = EVERY_PRIORITY
    pages = [Page(urls.TOPICS, "topics.md.j2", ["content/topics.yml"]),
             Page(urls.OWNERS, "owners.md.j2", ["content/owners.yml"])]
    for topic_id, topic in index.topics.items():
        shares = _in_order(gather.by_plan(index.tagged.get(topic_id, []), index), seen)
        pages.append(Page(urls.topic_page(topic_id), "topic.md.j2", ["content/topics.yml", *every_priority],
                          {"topic": topic, "shares": shares, "summary": seen.summary(_commitments(shares))}))
    for owner_id, owner in index.owners.items():
        shares = _in_order(gather.responsibilities(index, derived, owner_id), seen)
        pages.append(Page(urls.owner_page(owner_id), "owner.md.j2", ["content/owners.yml", *every_priority],
                          {"owner": owner, "shares": shares, "summary": seen.summary(_commitments(shares))}))
    for bundle in index.plans.values():
        pages.append(Page(urls.promises_of_plan(bundle.id), "promises_plan.md.j2",
                          [f"{bundle.folder}/{part}" for part in ("priorities/*.yml", "progress/*", "values/*")],
                          {"bundle": bundle, "summary": seen.summary(_commitments(bundle))}))
    for key in [*progress.COMMITMENT_STATUSES, "overdue"]:
        shares = _in_order(gather.with_status(index, derived, key), seen)
        pages.append(Page(urls.promises_by_status(key), "promises_status.md.j2", every_priority,
                          {"key": key, "shares": shares, "summary": seen.summary(_commitments(shares))}))
    return pages


def _in_order(shares: list[gather.PlanShare], seen: Overview) -> list[gather.PlanShare]:
    # Plans in force first, then the rest newest first: the order of seen.ordered.
    rank = {bundle.id: n for n, bundle in enumerate(seen.ordered)}
    return sorted(shares, key=lambda share: rank[share.bundle.id])


def _plan_pages(bundle: PlanBundle, seen: Overview) -> list[Page]:
    plan_id = bundle.plan.id
    files = [f"{bundle.folder}/plan.yml"]
    pages = [Page(urls.plan_page(plan_id), "plan.md.j2", files,
                  {"bundle": bundle, "summary": seen.summary(_commitments(bundle))})]
    if bundle.sections:
        pages.append(Page(urls.plan_subpage(plan_id, "background"), "background.md.j2",
                          [bundle.sections._file], {"bundle": bundle}))
    if bundle.reflection:
        pages.append(Page(urls.plan_subpage(plan_id, "reflection"), "reflection.md.j2",
                          [bundle.reflection._file], {"bundle": bundle}))
    measures = [m for p in bundle.priorities for m in p.measures]
    if measures:
        pages.append(Page(urls.plan_subpage(plan_id, "measures"), "measures.md.j2",
                          [p._file for p in bundle.priorities if p.measures], {"bundle": bundle}))
    for priority in bundle.priorities:
        pages += _priority_pages(bundle, priority, seen)
    return pages


def _priority_pages(bundle: PlanBundle, priority: Priority, seen: Overview) -> list[Page]:
    # A page made from a tracker's rows names the tracker among its sources ('Page last updated').
    source = [priority._file]
    updates = [u for c in priority.commitments for u in c.progress]
    values = [v for m in priority.measures for v in m.values]
    pages = [Page(urls.page_of(priority), "priority.md.j2", source + trackers.sources(updates + values),
                  {"bundle": bundle, "priority": priority, "summary": seen.summary(_commitments(priority))})]
    for commitment in priority.commitments:
        pages.append(Page(urls.page_of(commitment), "commitment.md.j2", source + trackers.sources(commitment.progress),
                          {"bundle": bundle, "priority": priority, "commitment": commitment}))
    for measure in priority.measures:
        pages.append(Page(urls.page_of(measure), "measure.md.j2", source + trackers.sources(measure.values),
                          {"bundle": bundle, "priority": priority, "measure": measure}))
    return pages
