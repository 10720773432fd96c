"""A plan's own file (plan.yml): what the plan is, who owns it, how it relates to others."""

from __future__ import annotations

from pydantic import Field

from plansite.content.schema.common import (
    DateText,
    Markdown,
    Node,
    PlanKind,
    PlanStatus,
    Ref,
    RelationKind,
    Slug,
    Text,
)
from plansite.content.schema.parts import Foreword, StatementList
from plansite.content.schema.source import Contact, Source


class Period(Node):
    """The years a plan covers."""

    start: DateText
    """When the plan starts."""
    end: DateText | None = None
    """When it ends; leave empty if the document does not say."""


class Relation(Node):
    """How this plan relates to another plan or priority; shown on both pages."""

    kind: RelationKind
    """supersedes (this plan replaced the target), supports (this plan helps deliver the target) or
    sits-under (this plan is part of the target)."""
    target: Ref
    """The plan (plan-id) or priority (plan-id/priority-id) this plan relates to."""
    note: Markdown | None = None
    """What the document says about the relation."""


class Labels(Node):
    """The words this document uses for its parts, so pages speak its language."""

    priority: Text = "Priority"
    """What one priority is called ('Priority', 'Workstream', 'Objective')."""
    priorities: Text = "Priorities"
    """The heading for the list of priorities."""
    commitment: Text = "Commitment"
    """What one commitment is called ('Commitment', 'Action')."""
    commitments: Text = "Commitments"
    """The heading over the commitments ('We are committed to…', 'How we will deliver this')."""
    success: Text = "What will success look like?"
    """The heading over the success items."""
    measures: Text = "How will we measure success?"
    """The heading over the measures."""
    outcomes: Text = "Outcomes"
    """The heading over a priority's outcomes."""


class Judgement(Node):
    """One line of an inspection's judgements table."""

    area: Text
    """What was judged."""
    grade: Text
    """The grade given, as printed ('Inadequate', 'Requires improvement to be good')."""


class ImprovementArea(Node):
    """Something an inspection said must improve."""

    id: Slug
    """Id of the area (its number in the report, e.g. '3'); priorities name it in 'addresses'."""
    text: Markdown
    """The area as the report words it."""


class Inspection(Node):
    """The inspection a plan answers: its judgements and what must improve."""

    by: Text
    """Who inspected ('Ofsted')."""
    title: Text
    """The name of the inspection or report."""
    date: DateText | None = None
    """When the inspection took place."""
    report_date: DateText | None = None
    """When the report was published."""
    judgements: list[Judgement] = []
    """The judgements table, line by line."""
    areas_to_improve: list[ImprovementArea] = []
    """What the report says must improve."""
    notes: Markdown | None = None
    """Editors' notes about how the inspection's part of the document was encoded; shown in a labelled
    box ("About the source of this inspection summary"), never among the plan's own words."""


class BoardRole(Node):
    """A board or partnership in the plan's governance."""

    board: Slug
    """The board: an id from content/owners.yml."""
    role: Markdown | None = None
    """Its part in the plan, as the document says."""


class Governance(Node):
    """Who owns, drives and oversees the plan."""

    title: Text = "Governance"
    """The heading ('Delivering the plan', 'Governance')."""
    body: Markdown | None = None
    """The text, as the document gives it."""
    boards: list[BoardRole] = []
    """The boards and partnerships involved."""


class Plan(Node):
    """A plan or strategy: content/plans/<id>/plan.yml."""

    id: Slug
    """Id of the plan; must match its folder name; the start of every address in the plan."""
    aliases: list[Slug] = []
    """Ids this plan had before; every address under them redirects to the same page under the
    plan's id."""
    title: Text
    """The full title as the document gives it."""
    short_title: Text | None = None
    """A short title for navigation and lists."""
    kind: PlanKind
    """plan, strategy, improvement-plan or action-plan."""
    period: Period
    """The years the plan covers."""
    published: DateText | None = None
    """When the document was published, if it says."""
    status: PlanStatus
    """draft, current, ended (its period is over), superseded (a later plan replaced it) or archived."""
    owner: Slug | None = None
    """The board or partnership that owns the plan: an id from content/owners.yml."""
    source: Source | None = None
    """The published document this content was encoded from: its title, publisher, date and address
    (`source: Its title` alone also works). Shown on the plan's pages and in every citation."""
    contact: Contact | None = None
    """Whom readers can ask about the plan and its promises (an email, a phone number or a page), as
    the document gives it; shown on every page of the plan. Leave it out if the document gives none."""
    in_short: Markdown | None = None
    """A few plain sentences saying what the plan is about, for residents."""
    vision: Markdown | None = None
    """The plan's vision, as the document words it."""
    outcomes: list[Markdown] = []
    """The plan-wide outcomes it aims for."""
    priorities: list[Slug] = []
    """The ids of the plan's priorities, in the document's order (one file each under priorities/)."""
    relations: list[Relation] = []
    """How this plan relates to other plans and priorities."""
    forewords: list[Foreword] = []
    """Forewords and endorsements, in the document's order."""
    inspection: Inspection | None = None
    """The inspection this plan answers, if any."""
    charters: list[StatementList] = []
    """Charters: statements written by or for a group (for example a children in care council)."""
    principles: list[StatementList] = []
    """Sets of principles the plan works by."""
    governance: Governance | None = None
    """Who owns, drives and oversees the plan."""
    labels: Labels = Field(default_factory=Labels)
    """The words this document uses for its parts."""
    notes: Markdown | None = None
    """Editors' notes about the source, shown to readers (for example what was left out and why)."""
