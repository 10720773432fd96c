"""Which file holds which part of the content, and the models of the site-wide files."""

from __future__ import annotations

from pydantic import Field

from plansite.content.schema.common import (
    AbbreviationForm,
    DateText,
    Markdown,
    Node,
    OwnerKind,
    Ref,
    SiteAddress,
    Slug,
    Text,
)
from plansite.content.schema.parts import Figure, Quote, Section
from plansite.content.schema.plan import Plan
from plansite.content.schema.statuses import TrackerStatuses


class Site(Node):
    """Site-wide settings: content/site.yml."""

    name: Text
    """The site's name, shown in every page header."""
    organisation: Text
    """The council or partnership that publishes the plans."""
    description: Text
    """One sentence about the site, for search engines and link previews."""
    vision: Markdown
    """The vision the plans share, shown on the home page."""
    vision_by: Text | None = None
    """Who holds the vision ('Our Children and Families Partnership')."""
    current_plan: Slug | None = None
    """The plan to show first when more than one plan is in force (its id). It must be in force on
    the as_of date: its period running and no later plan replacing it. Leave it out to show the
    newest plan in force first."""
    as_of: DateText
    """The date the content describes; statuses such as 'period ended' are worked out as of this date."""
    intro: Markdown | None = None
    """A few words under the site name on the home page."""
    contact: Markdown | None = None
    """How to contact the publisher, shown on the about and accessibility pages."""
    data_licence: Markdown | None = None
    """The licence of the open data files, as the publisher states it; leave empty until it does."""
    url: SiteAddress | None = None
    """The address the site is published at (https://…/), for the sitemap, each page's canonical link
    and the feed of changes: https:// (or http://), a host and a path, with no spaces, quotes, '?' or
    '#'. Leave it out until the address is decided; a deployment may set it with the PLANSITE_URL
    environment variable instead (checked by the same rule)."""
    track_changes_from: DateText | None = None
    """The day the site was first published: changes to content from this day on are found in the
    git history, listed on 'What changed' and need a reason when they weaken a promise. Once
    published it may move earlier, never later (a later day would hide published changes)."""
    tracker_statuses: TrackerStatuses = {}
    """The words the council's progress tracker uses for a commitment's status (a RAG rating, for
    example), each with the site status it means: `{Blue: done, Green: in-progress, Amber: delayed,
    Red: stopped}`. Case, spaces and hyphens do not matter. The site's own words (done, in-progress …)
    are always accepted. Leave it out until the council has published what its words mean; the
    method page shows the table."""


class Owner(Node):
    """A board, partnership, post or organisation that owns or leads something."""

    id: Slug
    """Id of the owner; plans, priorities and commitments name it."""
    name: Text
    """Its name, written out in full."""
    kind: OwnerKind
    """board, partnership, post, organisation or group."""
    short_name: Text | None = None
    """The short form the documents use ('AED (Transformation, Family Help and Protection)')."""
    description: Markdown | None = None
    """What it is, in a sentence."""


class OwnersFile(Node):
    """Everyone who owns or leads something: content/owners.yml."""

    owners: list[Owner] = []
    """The boards, partnerships and posts named anywhere in the plans."""
    notes: Markdown | None = None
    """Editors' notes."""


class Term(Node):
    """A glossary entry: a term or an abbreviation and what it means."""

    term: Text
    """The term, written out in full ('Child and Adolescent Mental Health Services')."""
    abbr: AbbreviationForm | None = None
    """Its abbreviation, if it has one ('CAMHS'); every page explains it where it appears."""
    variants: list[AbbreviationForm] = []
    """Other forms of the abbreviation the documents use ('SDQ' beside 'SDQs'); explained too."""
    definition: Markdown | None = None
    """What it means, in plain words."""
    sources: list[Slug] = []
    """Ids of the plans whose key or glossary gives this entry."""


class GlossaryFile(Node):
    """Terms and abbreviations: content/glossary.yml."""

    terms: list[Term] = []
    """Every term and abbreviation the plans use."""
    notes: Markdown | None = None
    """Editors' notes."""


class Topic(Node):
    """A topic a reader can follow across every plan."""

    id: Slug
    """Id of the topic; its page is /topics/<id>/, and items name it in their `topics`."""
    name: Text
    """Its name, as readers see it ('Children in care and care leavers')."""
    description: Markdown | None = None
    """What the topic covers, in a sentence."""
    also: list[Text] = []
    """Other words people use for it ('care leaver', 'CAMHS'); search finds the topic's pages for them too."""


class TopicsFile(Node):
    """The topics: content/topics.yml."""

    topics: list[Topic] = []
    """Every topic, in the order the topics page lists them."""
    notes: Markdown | None = None
    """Notes for readers about the topics."""


class SectionsFile(Node):
    """A plan's prose sections: content/plans/<id>/sections.yml."""

    sections: list[Section] = []
    """The sections, in the document's order."""
    notes: Markdown | None = None
    """Editors' notes about the source, shown to readers."""


class FiguresFile(Node):
    """A plan's key figures: content/plans/<id>/figures.yml."""

    title: Text = "Key figures"
    """The heading over the figures."""
    intro: Markdown | None = None
    """Text before the figures."""
    figures: list[Figure] = []
    """The figures, in the document's order."""
    notes: Markdown | None = None
    """Editors' notes, including figures left out because the source could not be read with confidence."""


class VoicesFile(Node):
    """What children, families and partners said: content/plans/<id>/voices.yml."""

    title: Text = "Voices"
    """The heading over the quotes."""
    intro: Markdown | None = None
    """Text before the quotes."""
    voices: list[Quote] = []
    """The quotes, in the document's order."""
    notes: Markdown | None = None
    """Editors' notes about the source, shown to readers."""


class ReflectionEntry(Node):
    """One row of a 'We said / What we did' table."""

    we_said: Ref
    """The earlier plan's priority (plan-id/priority-id); its own words are shown from there."""
    what_we_did: Markdown
    """The later plan's summary of what was done."""
    achievements: list[Markdown] = []
    """The achievements it lists."""


class ReflectionFile(Node):
    """A later plan looking back on an earlier one: content/plans/<id>/reflection.yml."""

    looks_back_on: Slug
    """The id of the earlier plan."""
    title: Text = "We said, we did"
    """The heading of the reflection."""
    intro: Markdown | None = None
    """Text before the table."""
    entries: list[ReflectionEntry] = Field(min_length=1)
    """The rows, in the document's order."""
    notes: Markdown | None = None
    """Editors' notes about the source, shown to readers."""


SITE_FILES = {"site.yml": Site, "owners.yml": OwnersFile, "glossary.yml": GlossaryFile, "topics.yml": TopicsFile}
"""The files at the top of content/ and the model of each."""

PLAN_FILES = {
    "plan.yml": Plan,
    "sections.yml": SectionsFile,
    "figures.yml": FiguresFile,
    "voices.yml": VoicesFile,
    "reflection.yml": ReflectionFile,
}
"""The files in a plan's folder and the model of each; priorities/<id>.yml are Priority."""
