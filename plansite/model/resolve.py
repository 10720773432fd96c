"""Cross-check the content: unique ids, every reference found, backlinks computed."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from plansite.content.read import Content, PlanBundle
from plansite.content.schema.priority import Priority
from plansite.core import dates, weburl
from plansite.core.problems import ContentError, Problem, did_you_mean, one_of, then
from plansite.model import anchors, measure_values, xrefs
from plansite.model.index import Index

RESERVED_IDS = {"measures", "background", "reflection"}
"""Priority ids that would clash with a plan's own pages."""


class _Resolver:
    def __init__(self, content: Content) -> None:
        self.content = content
        self.index = Index(content)
        self.problems: list[Problem] = list(content.problems)

    def at(self, node: Any, key: tuple, message: str) -> None:
        self.problems.append(self.content.locator.problem(node, key, message))

    def unreadable(self, ref: str) -> bool:
        """True when the reference points into a file that failed to load (already reported)."""
        parts = ref.split("/")
        return any("/".join(parts[:n]) in self.content.broken for n in range(1, len(parts) + 1))

    def ref_problem(self, node: Any, key: tuple, ref: str, message: str) -> None:
        if not self.unreadable(ref):
            self.at(node, key, then(message, "fix the reference"))

    def unique(self, items: Iterable[Any], attr: str, what: str, where: str) -> dict[str, Any]:
        """Items by id; a problem for each id used twice."""
        seen: dict[str, Any] = {}
        for item in items:
            key = getattr(item, attr)
            if key in seen:
                line = self.content.locator.problem(seen[key], (attr,), "").line
                self.at(item, (attr,), f"duplicate {what} '{key}' {where} (first on line {line});"
                        f" give each {what.split()[0]} its own {attr}")
            else:
                seen[key] = item
        return seen

    def tags(self, node: Any) -> None:
        """Index the node under each topic it names; a problem for a topic not in topics.yml."""
        for i, topic in enumerate(getattr(node, "topics", [])):
            if topic in self.index.topics:
                self.index.tagged[topic].append(node)
            elif "topics.yml" not in self.content.broken:
                self.at(node, ("topics", i), then(f"there is no topic '{topic}' in content/topics.yml"
                        f"{did_you_mean(topic, self.index.topics)}", "add it there or fix the id"))

    def instead(self, node: Any) -> None:
        """A problem when a retired item's replacement is not found."""
        if node.retired is None or node.retired.instead is None:
            return
        target, message = self.index.lookup(node.retired.instead)
        if target is None:
            self.ref_problem(node, ("retired", "instead"), node.retired.instead, message)

    def owner(self, node: Any, key: tuple, owner_id: str | None) -> None:
        """A problem when an owner id is not in owners.yml (unless that file failed to load)."""
        if owner_id in self.index.owners:
            self.index.responsible[owner_id].append(node)
        if owner_id is None or owner_id in self.index.owners or "owners.yml" in self.content.broken:
            return
        self.at(node, key, then(f"there is no owner '{owner_id}' in content/owners.yml"
                f"{did_you_mean(owner_id, self.index.owners)}", "add it there or fix the id"))


def resolve(content: Content) -> Index:
    """Check every id and reference; raise ContentError with all problems, or return the index."""
    r = _Resolver(content)
    r.index.owners = r.unique(content.owners.owners if content.owners else [], "id", "owner id",
                              "in owners.yml")
    r.index.topics = r.unique(content.topics.topics if content.topics else [], "id", "topic id", "in topics.yml")
    # Their names are their pages' titles: two alike would give two pages one title.
    r.unique(content.owners.owners if content.owners else [], "name", "owner name", "in owners.yml")
    r.unique(content.topics.topics if content.topics else [], "name", "topic name", "in topics.yml")
    for bundle in content.plans:
        r.index.plans[bundle.id] = bundle
        _index_plan(r, bundle)
    for bundle in content.plans:
        _check_plan(r, bundle)
    _check_site(r)
    if not r.problems:  # references are checked once every id is known
        xrefs.check(r, r.index)
    if r.problems:
        raise ContentError(r.problems)
    return r.index


def _index_plan(r: _Resolver, bundle: PlanBundle) -> None:
    plan = bundle.plan
    files = r.unique(bundle.priorities, "id", "priority id", f"in plan '{bundle.id}'")
    if plan is None:  # plan.yml failed (already reported): check its priorities in file order
        bundle.priorities = list(files.values())
        for priority in bundle.priorities:
            _index_priority(r, bundle, priority)
        return
    order = []
    for i, pid in enumerate(plan.priorities):
        if pid in order:
            r.at(plan, ("priorities", i), f"priority '{pid}' is listed twice; list it once")
        elif pid not in files:
            if r.unreadable(f"{plan.id}/{pid}"):
                continue
            r.at(plan, ("priorities", i), then(f"there is no file priorities/{pid}.yml"
                 f"{did_you_mean(pid, files)}", "create it or fix the id"))
        else:
            order.append(pid)
    for pid, priority in files.items():
        if pid not in plan.priorities:
            r.at(priority, ("id",), f"priority '{pid}' is not listed in {bundle.folder}/plan.yml;"
                 " add it to 'priorities' there, in the document's order")
        if pid in RESERVED_IDS:
            r.at(priority, ("id",), f"'{pid}' cannot be a priority id (the plan has a page of that name);"
                 " choose another id")
    bundle.priorities = [files[pid] for pid in order]
    for priority in bundle.priorities:
        _index_priority(r, bundle, priority)
    bundle.numbers_restart = _numbers_restart(bundle)


def _numbers_restart(bundle: PlanBundle) -> bool:
    # One commitment id in two priorities: the plan numbers its commitments within each priority.
    seen: set[str] = set()
    for priority in bundle.priorities:
        ids = {c.id for c in priority.commitments}
        if seen & ids:
            return True
        seen |= ids
    return False


def _index_priority(r: _Resolver, bundle: PlanBundle, priority: Priority) -> None:
    plan_id = bundle.id
    priority._parent = bundle
    r.index.priorities[(plan_id, priority.id)] = priority
    commitments = r.unique(priority.commitments, "id", "commitment id", f"in priority '{priority.id}'")
    for cid, commitment in commitments.items():
        commitment._parent = priority
        r.index.commitments[(plan_id, priority.id, cid)] = commitment
    for measure in priority.measures:
        key = (plan_id, measure.id)
        if key in r.index.measures:
            first = r.index.measures[key]
            r.at(measure, ("id",), f"duplicate measure id '{measure.id}' in plan '{plan_id}' (first in"
                 f" priority '{first._parent.id}'); give each measure its own id")
        else:
            measure._parent = priority
            r.index.measures[key] = measure


def _check_plan(r: _Resolver, bundle: PlanBundle) -> None:
    plan, plan_id = bundle.plan, bundle.id
    if plan is None:
        for priority in bundle.priorities:
            _check_priority(r, bundle, priority, None)
        _check_plan_files(r, bundle)
        return
    r.owner(plan, ("owner",), plan.owner)
    for i, relation in enumerate(plan.relations):
        target, message = r.index.lookup(relation.target)
        if target is None:
            r.ref_problem(plan, ("relations", i, "target"), relation.target, message)
        elif target is bundle or getattr(target, "_parent", None) is bundle:
            r.at(plan, ("relations", i, "target"), "a plan cannot relate to itself; name another plan")
        elif relation.kind == "supersedes" and target is not r.index.plans.get(relation.target):
            r.at(plan, ("relations", i, "target"), "a plan can only supersede a whole plan;"
                 " name the plan's id alone (for example cypp-2017-2020)")
        else:
            r.index.relations_in[relation.target].append((plan_id, relation))
            if relation.kind == "supersedes":
                r.index.superseded_by[relation.target].append(plan_id)
    if plan.governance:
        for i, board in enumerate(plan.governance.boards):
            r.owner(plan, ("governance", "boards", i, "board"), board.board)
    areas = r.unique(plan.inspection.areas_to_improve if plan.inspection else [], "id",
                     "area id", "in the inspection")
    r.unique([*plan.charters, *plan.principles], "id", "list id", f"in plan '{plan_id}'")
    for priority in bundle.priorities:
        _check_priority(r, bundle, priority, areas)
    _check_plan_files(r, bundle)


def _check_priority(r: _Resolver, bundle: PlanBundle, priority: Priority, areas: dict | None) -> None:
    plan_id = bundle.id
    r.owner(priority, ("lead",), priority.lead)
    r.tags(priority)
    r.instead(priority)
    for measure in priority.measures:
        r.tags(measure)
        r.instead(measure)
        measure_values.check(measure, r.at)
    for commitment in priority.commitments:
        r.instead(commitment)
    for i, area in enumerate(priority.addresses if areas is not None else []):
        if area not in areas:
            r.at(priority, ("addresses", i), then(f"the plan's inspection has no area '{area}'"
                 f"{did_you_mean(area, areas)}", f"use one of: {one_of(areas)}"))
        else:
            r.index.addressed_by[(plan_id, area)].append(priority)
    groups = r.unique(priority.groups, "id", "group id", f"in priority '{priority.id}'")
    for c in priority.commitments:
        r.tags(c)
        if c.group and c.group not in groups:
            r.at(c, ("group",), then(f"there is no group '{c.group}' in this priority"
                 f"{did_you_mean(c.group, groups)}", "add it under 'groups' or fix the id"))
        for i, owner in enumerate(c.owners):
            r.owner(c, ("owners", i), owner)
        for i, mid in enumerate(c.measures):
            if (plan_id, mid) not in r.index.measures:
                if any(b.startswith(f"{plan_id}/") for b in r.content.broken):
                    continue  # the measure may be in a priority file that failed to load
                r.at(c, ("measures", i), then(f"there is no measure '{mid}' in plan '{plan_id}'"
                     f"{did_you_mean(mid, [m for (p, m) in r.index.measures if p == plan_id])}", "fix the id"))
            else:
                r.index.commitments_by_measure[(plan_id, mid)].append(c)


def _check_plan_files(r: _Resolver, bundle: PlanBundle) -> None:
    anchors.check(bundle, r.at)
    if bundle.sections:
        _unique_sections(r, bundle.sections.sections, set())
    if bundle.figures:
        r.unique(bundle.figures.figures, "id", "figure id", "in figures.yml")
    for voice in bundle.voices.voices if bundle.voices else []:
        voice._parent = bundle
        r.tags(voice)
        for i, ref in enumerate(voice.about):
            target, message = r.index.lookup(ref)
            if target is None:
                r.ref_problem(voice, ("about", i), ref, message)
    if bundle.reflection:
        _check_reflection(r, bundle)


def _unique_sections(r: _Resolver, sections: list, seen: set) -> None:
    for section in sections:
        if section.id in seen:
            r.at(section, ("id",), f"duplicate section id '{section.id}'; give each section its own id")
        seen.add(section.id)
        _unique_sections(r, section.sections, seen)


def _check_reflection(r: _Resolver, bundle: PlanBundle) -> None:
    reflection, plan_id = bundle.reflection, bundle.id
    earlier = reflection.looks_back_on
    if earlier not in r.index.plans:
        if r.unreadable(earlier):
            return
        r.at(reflection, ("looks_back_on",), then(f"there is no plan '{earlier}'"
             f"{did_you_mean(earlier, r.index.plans)}", "fix the id"))
        return
    for i, entry in enumerate(reflection.entries):
        target, message = r.index.lookup(entry.we_said)
        if target is None:
            r.ref_problem(reflection, ("entries", i, "we_said"), entry.we_said, message)
        elif not isinstance(target, Priority) or target._parent.id != earlier:
            r.at(reflection, ("entries", i, "we_said"), f"'we_said' must name a priority of"
                 f" '{earlier}' (written {earlier}/priority-id); fix the reference")
        else:
            r.index.reflections_on[(earlier, target.id)].append((plan_id, entry))


def _check_site(r: _Resolver) -> None:
    site, index = r.content.site, r.index
    r.problems += weburl.environment_problems()
    if site and site.current_plan and site.current_plan not in index.plans and not r.unreadable(site.current_plan):
        r.at(site, ("current_plan",), then(f"there is no plan '{site.current_plan}'"
             f"{did_you_mean(site.current_plan, index.plans)}", "fix the id"))
    _distinct_names(r)
    some_plan_unreadable = any("/" not in b and not b.endswith(".yml") for b in r.content.broken)
    for bundle in r.content.plans:
        plan = bundle.plan
        if plan is None:
            continue
        replaced = plan.id in index.superseded_by
        if plan.status == "superseded" and not replaced and not some_plan_unreadable:
            r.at(plan, ("status",), "the status is 'superseded' but no plan says it supersedes this one;"
                 " add a 'supersedes' relation to the later plan, or change the status")
        elif replaced and plan.status not in ("superseded", "archived"):
            later = index.superseded_by[plan.id][0]
            r.at(plan, ("status",), f"plan '{later}' supersedes this plan, so its status should be"
                 f" 'superseded' (or 'archived'), not '{plan.status}'")
        elif plan.status == "ended" and site and not _period_over(plan, site):
            until = f"runs to {plan.period.end}" if plan.period.end else "has no end date"
            r.at(plan, ("status",), f"the status is 'ended' but the plan's period {until}, after the site's"
                 f" as_of date ({site.as_of}); write 'current' (the site shows 'period ended' by itself once"
                 " the period is over)")
    terms = r.content.glossary.terms if r.content.glossary else []
    r.unique([t for t in terms if t.abbr], "abbr", "abbreviation", "in glossary.yml")
    forms: dict[str, Any] = {t.abbr: t for t in terms if t.abbr}
    for term in terms:
        for i, form in enumerate(term.variants):
            if form in forms and forms[form] is not term:
                r.at(term, ("variants", i), f"'{form}' is already the abbreviation of '{forms[form].term}';"
                     " list each form once")
            forms[form] = term
    r.unique(terms, "term", "term", "in glossary.yml")
    for term in terms:
        for i, source in enumerate(term.sources):
            if source not in index.plans and not r.unreadable(source):
                r.at(term, ("sources", i), then(f"there is no plan '{source}'"
                     f"{did_you_mean(source, index.plans)}", "fix the id"))


def _distinct_names(r: _Resolver) -> None:
    # Every page title and citation starts from a plan's title or short title: two plans named
    # alike would give two pages one name.
    seen: dict[str, Any] = {}
    for bundle in r.content.plans:
        plan = bundle.plan
        if plan is None:
            continue
        for key, name in (("title", plan.title), ("short_title", plan.short_title or plan.title)):
            first = seen.setdefault(name, bundle)
            if first is not bundle:
                field = key if key == "title" or plan.short_title else "title"
                r.at(plan, (field,), f"plan '{first.id}' ({first.folder}/plan.yml) is also called '{name}';"
                     " give each plan its own title and short_title (its years tell them apart)")
                break


def _period_over(plan: Any, site: Any) -> bool:
    return bool(site and plan.period.end) and dates.end(plan.period.end) < dates.as_of(site.as_of)
