"""A priority (also called workstream or objective) and its commitments."""

from __future__ import annotations

from plansite.content.schema.common import DateText, Markdown, Node, Slug, Text
from plansite.content.schema.parts import Change, Measure, ProgressUpdate, Retirement, Section


class CommitmentGroup(Node):
    """A heading that groups commitments, for example 'Improve participation and attendance by:'."""

    id: Slug
    """Id of the group, unique in the priority; commitments name it in 'group'."""
    title: Text
    """The heading as the document gives it."""
    intro: Markdown | None = None
    """Text under the heading, before its commitments."""


class Commitment(Node):
    """One promise: an action, a 'We are committed to…' or a 'How we will deliver this' item."""

    id: Slug
    """The reference the document gives it ('1.3'), or its place in the list ('3'); part of its address."""
    text: Markdown
    """The words of the commitment, exactly as the document gives them."""
    title: Text | None = None
    """A short title for headings, when the words are long; leave empty to use the words."""
    group: Slug | None = None
    """The id of the heading (in this priority's 'groups') this commitment sits under."""
    due: DateText | None = None
    """When it is due ('By When'), as a date."""
    due_note: Text | None = None
    """Words the document adds to the due date, for example 'after full consultation with partners'."""
    owners: list[Slug] = []
    """Who is responsible ('Officer(s) Responsible'): ids from content/owners.yml."""
    outcomes: list[Markdown] = []
    """How we will know it made a difference, as the document says for this commitment."""
    measures: list[Slug] = []
    """Ids of measures in this plan that track this commitment."""
    topics: list[Slug] = []
    """Ids of the topics (content/topics.yml) this is about, in its own words."""
    progress: list[ProgressUpdate] = []
    """Dated progress updates, each with its status; the latest is the commitment's status. Never
    write one the council has not published."""
    aliases: list[Slug] = []
    """Ids this commitment had before; their addresses redirect to its page. Add the old id here
    whenever you change a published id."""
    retired: Retirement | None = None
    """When and why the commitment was withdrawn; its page stays, says so and links onward."""
    changes: list[Change] = []
    """Why its published words, due date or owners were changed. Moving the due date later,
    rewording or retiring it needs one (the build says so)."""
    notes: Markdown | None = None
    """Editors' notes about the source, shown to readers (for example what was left out and why)."""


class Priority(Node):
    """A priority, workstream or objective of a plan, in its own file under priorities/."""

    id: Slug
    """Id of the priority; must match the file name; part of every address below it."""
    number: Text | None = None
    """The number the document gives it ('1', 'Priority One'), if any."""
    title: Text
    """The title as the document gives it."""
    short_title: Text | None = None
    """A shorter title for navigation, if the title is long."""
    lead: Slug | None = None
    """Who leads it (lead officer or board): an id from content/owners.yml."""
    why: Markdown | None = None
    """Why it matters ('Why is this important?'), as the document says."""
    sections: list[Section] = []
    """Other prose under this priority ('Where are we now?', 'What are the issues?' …)."""
    objectives: list[Markdown] = []
    """Its objectives, when the document lists them."""
    addresses: list[Slug] = []
    """Ids of the plan's inspection areas to improve that this priority addresses."""
    commitments_intro: Markdown | None = None
    """Text under the commitments heading, before the first commitment."""
    groups: list[CommitmentGroup] = []
    """Headings that group the commitments, when the document has them."""
    commitments: list[Commitment] = []
    """The commitments or actions, in the document's order."""
    success: list[Markdown] = []
    """What success will look like, item by item."""
    outcomes: list[Markdown] = []
    """The outcomes the document lists for this priority."""
    measures: list[Measure] = []
    """How success is measured: indicators with baselines, targets and values."""
    topics: list[Slug] = []
    """Ids of the topics (content/topics.yml) this is about, in its own words."""
    aliases: list[Slug] = []
    """Ids this priority had before; their addresses (and those of its commitments) redirect here."""
    retired: Retirement | None = None
    """When and why the priority was withdrawn; its page stays, says so and links onward."""
    changes: list[Change] = []
    """Why its published title was changed, or why it was retired."""
    notes: Markdown | None = None
    """Editors' notes about the source, shown to readers."""
