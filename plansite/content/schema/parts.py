"""Parts that plans and priorities share: people, prose, figures, quotes, lists of statements."""

from __future__ import annotations

from pydantic import Field, ValidationInfo, field_validator, model_validator

from plansite.content import rule
from plansite.content.schema.common import (
    ChangeKind,
    CommitmentStatus,
    DateText,
    Direction,
    ForewordKind,
    Markdown,
    Node,
    Number,
    Reason,
    Ref,
    Slug,
    Text,
    Unit,
    WebAddress,
)


class Person(Node):
    """Someone who signed or said something, as the document names them."""

    name: Text
    """Their name as printed, for example 'Councillor Joan Lilly'."""
    role: Text | None = None
    """Their role as printed, for example 'Children's Services Cabinet Member'."""


class Foreword(Node):
    """A foreword or endorsement: words and who signed them."""

    kind: ForewordKind = "foreword"
    """'foreword' (introduces the plan) or 'endorsement' (a partner's statement of support)."""
    title: Text | None = None
    """A heading, if the document gives one."""
    words: Markdown
    """The words, exactly as the document gives them."""
    by: list[Person] = Field(min_length=1)
    """Who signed or said them (one or more people)."""
    date: DateText | None = None
    """When it was signed, if the document says."""


class Section(Node):
    """A piece of prose from the document (strengths, challenges, policy landscape …)."""

    id: Slug
    """Id of the section; it becomes the anchor in the page address (#id)."""
    title: Text
    """The heading."""
    body: Markdown | None = None
    """The text, in Markdown; lists and emphasis as in the document."""
    sections: list[Section] = []
    """Sub-sections, in the document's order."""


class Statement(Node):
    """One statement in a charter or one principle."""

    title: Text | None = None
    """A short name for the statement, if it has one."""
    text: Markdown | None = None
    """The statement's words."""

    @model_validator(mode="after")
    def _has_words(self) -> Statement:
        if not self.title and not self.text:
            raise ValueError("a statement needs a title, a text, or both")
        return self


class StatementList(Node):
    """A named list of statements: a charter, a set of principles, a pledge."""

    id: Slug
    """Id of the list; it becomes the anchor on the plan page."""
    title: Text
    """The heading, for example 'Children's Charter'."""
    by: Text | None = None
    """Who wrote or set the statements, for example a children in care council or an Act."""
    intro: Markdown | None = None
    """Text before the statements."""
    items: list[Statement] = Field(min_length=1)
    """The statements, in the document's order."""
    outro: Markdown | None = None
    """Text after the statements."""


class Comparator(Node):
    """A figure for another place, to compare with."""

    area: Text
    """The place compared with, as the document says: 'national', 'North West', 'statistical neighbours'."""
    value: Text
    """The value as printed, for example '19.9%'."""
    date: DateText | None = None
    """The date of the comparison figure, if it differs from the main figure's."""


class Figure(Node):
    """A key figure from the document, with its comparators."""

    id: Slug
    """Id of the figure, unique in the plan."""
    group: Text | None = None
    """The heading it appears under, for example 'Education'."""
    label: Markdown
    """What the figure counts, for example 'children in low income families'."""
    value: Text
    """The value as printed, for example '30.6%' or '460.80 per 10,000'."""
    date: DateText | None = None
    """When the figure was measured, if the document says."""
    comparators: list[Comparator] = []
    """The same figure elsewhere (national, North West …)."""
    source: Text | None = None
    """Where the figure comes from, if the document says."""


class Quote(Node):
    """Words someone said, with who said them as far as the document tells."""

    words: Markdown
    """The words, exactly as quoted."""
    who: Text | None = None
    """Who said them, as the document describes them ('Secondary School Student'); empty if it does not say."""
    asked: Text | None = None
    """The question they were answering, if the document gives it."""
    about: list[Ref] = []
    """Priorities or commitments these words informed (references)."""
    topics: list[Slug] = []
    """Ids of the topics (content/topics.yml) this is about, in its own words."""


class ProgressUpdate(Node):
    """A dated report on how a commitment is going."""

    date: DateText
    """When this update was published."""
    status: CommitmentStatus
    """The status on that date: not-started, in-progress, done, partly-done, delayed or stopped."""
    note: Markdown
    """What happened, in plain words."""
    evidence: list[WebAddress] = []
    """Web addresses of documents that show it."""


class Change(Node):
    """Why something published was changed: shown on the item's page, on 'What changed' and in the feed."""

    date: DateText
    """When the change was agreed or made."""
    what: ChangeKind
    """What changed: wording, title, due, owners, retired, merged, update, unit, direction, baseline, value,
    target or target-date."""
    why: Reason
    """The reason, in words a resident understands (for example 'the contract was re-tendered')."""
    minor: bool = False
    """true only for a correction of words (wording, title, or a progress update's words) that changes no
    number or date, such as a typo; it is listed under 'Corrections' on 'What changed' and on the item."""

    @field_validator("minor")
    @classmethod
    def _minor_only_for_words(cls, minor: bool, info: ValidationInfo) -> bool:
        kind = rule.KINDS.get(info.data.get("what", ""))
        if minor and kind is not None and not kind.minor:
            raise ValueError(f"minor: true is only for a correction of words that changes no number or date;"
                             f" a change of {kind.fact} is never minor: remove minor: true")
        return minor


class Retirement(Node):
    """An item that no longer stands: its page stays, says so and links onward."""

    date: DateText
    """When it was retired."""
    reason: Reason
    """Why, in words a resident understands."""
    instead: Ref | None = None
    """What replaces it, if anything: plan, plan/priority or plan/priority/commitment."""


class DataPoint(Node):
    """One value of a measure: a baseline, a target or an actual value."""

    date: DateText | None = None
    """The date or period the value is for."""
    label: Text | None = None
    """The period as the document prints it, when that differs from the date ('Feb 25', '2016/2017').
    Pages show the date in words; this is shown when there is no date, and kept in the data files."""
    value: Number | None = None
    """The number, when there is one (82 for 82%), written with the digits 0-9; kept as typed."""
    text: Text | None = None
    """The value as printed when it is not a plain number ('Continually increasing', 'Data not available')."""
    note: Text | None = None
    """A short note on this value, as the source gives it ('provisional'); shown beside the value."""

    @model_validator(mode="after")
    def _has_value(self) -> DataPoint:
        if self.value is None and self.text is None:
            raise ValueError("give a value (a number) or a text (the value as printed)")
        return self


class ValueRange(Node):
    """The lowest and highest value a measure's numbers can take."""

    lowest: Number | None = None
    """The lowest value, if there is one."""
    highest: Number | None = None
    """The highest value, if there is one."""

    @model_validator(mode="after")
    def _in_order(self) -> ValueRange:
        if self.lowest is not None and self.highest is not None and self.lowest >= self.highest:
            raise ValueError("the lowest value must be less than the highest")
        return self


class Measure(Node):
    """An indicator or KPI: how success is measured."""

    id: Slug
    """Id of the measure, unique in the plan; part of its page address."""
    name: Text
    """The measure's name as the document gives it."""
    unit: Unit | None = None
    """percent, count, rate-per-10000, score, days or ratio."""
    range: ValueRange | None = None
    """The values its numbers can take, when they differ from its unit's: a percent is from 0 to 100,
    and a count, rate, number of days or ratio is 0 or more. Give it when the document's figures go
    beyond, for example range: {lowest: -100, highest: 200} for a change in percent."""
    direction: Direction | None = None
    """higher-is-better or lower-is-better, where the document makes it clear; without it the site
    shows no status for the measure."""
    direction_basis: Text | None = None
    """Where the direction comes from, when the document does not print it in so many words
    ('read from the measure's name and its target'); shown beside it."""
    baseline: DataPoint | None = None
    """The starting value the document gives."""
    targets: list[DataPoint] = []
    """Target values, each with its date."""
    values: list[DataPoint] = []
    """Actual values over time (history given by the document, later updates)."""
    comparators: list[Comparator] = []
    """The same measure elsewhere (national, North West …)."""
    topics: list[Slug] = []
    """Ids of the topics (content/topics.yml) this is about, in its own words."""
    source: Text | None = None
    """Where the data comes from."""
    aliases: list[Slug] = []
    """Ids this measure had before; their addresses redirect to its page. Add the old id here
    whenever you change a published id."""
    retired: Retirement | None = None
    """When and why the measure stopped being used; its page stays and says so."""
    changes: list[Change] = []
    """Why a published target, target date, baseline or value was changed."""
    notes: Markdown | None = None
    """Anything a reader should know about this measure, including what was left out and why."""
