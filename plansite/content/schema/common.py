"""Building blocks shared by every content file: the base node and the value types."""

from __future__ import annotations

import re
import unicodedata
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    PlainSerializer,
    PrivateAttr,
    StringConstraints,
    WrapValidator,
)

from plansite.content import rule
from plansite.content.schema.values import (
    DATE_PATTERN,
    FIRST_YEAR,
    LAST_YEAR,
    TypedNumber,
    number_json,
    real_date,
    site_address,
    typed_number,
    usable_id,
    web_address,
)
from plansite.core import markup
from plansite.core.markup import MarkdownText

__all__ = ["TypedNumber", "real_date", "site_address", "usable_id", "web_address"]

SLUG_PATTERN = r"^[a-z0-9]+(?:[-.][a-z0-9]+)*$"
REF_PATTERN = r"^[a-z0-9]+(?:[-.][a-z0-9]+)*(?:/[a-z0-9]+(?:[-.][a-z0-9]+)*){0,2}$"

# How each pattern is explained to an editor when a value does not match it.
PATTERN_HELP = {
    SLUG_PATTERN: "an id is lowercase letters, digits and hyphens, with dots between numbers"
    " (for example best-start, 1.3 or cypp-2017-2020)",
    REF_PATTERN: "a reference is ids joined by '/': plan, plan/priority or plan/priority/commitment"
    " (for example cypp-2017-2020/best-start)",
    DATE_PATTERN: "a date is written with the digits 0-9 as 2025, 2025-06, 2025-06-30, or 2014/15 for a"
    f" financial or school year, from {FIRST_YEAR} to {LAST_YEAR}",
}


def restricted_markdown(text: str) -> MarkdownText:
    """Check a Markdown value's links and images; mark it as Markdown for the templates."""
    found = markup.problems(text)
    if found:
        raise ValueError("; ".join(found))
    return MarkdownText(text)


def visible_words(text: str) -> str:
    """Refuse a reason a reader could not read: blank, or only spaces, marks or invisible characters."""
    words = markup.plain(text)
    if not any(unicodedata.category(ch)[0] in "LN" for ch in words):
        raise ValueError("a reason must be words a reader can see, but this one is blank or holds only spaces,"
                         " punctuation or invisible characters; write the reason in plain words")
    return text


def abbreviation_form(text: str) -> str:
    """An abbreviation as the site explains it: letters and digits, with spaces and - ' ’ . / ( ) +."""
    if len(text) > 40 or not re.fullmatch(r"(?:[^\W_]|[ \-'’./()+])+", text):
        raise ValueError(f"'{text[:40]}' cannot be an abbreviation: it may hold letters, digits, spaces and"
                         " - ' ’ . / ( ) + (at most 40 characters); write the short form alone")
    return text


class Node(BaseModel):
    """Every content object: unknown keys are errors, each field documented."""

    model_config = ConfigDict(
        extra="forbid",
        use_attribute_docstrings=True,
        str_strip_whitespace=True,
        validate_default=False,
    )

    _file: str = PrivateAttr(default="")
    _path: tuple[Any, ...] = PrivateAttr(default=())
    _parent: Any = PrivateAttr(default=None)


Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN), AfterValidator(usable_id)]
"""A short lowercase id chosen by editors; it becomes part of the page address, so it may not look
like a file name or take a name the site uses for its own files."""

Ref = Annotated[str, StringConstraints(pattern=REF_PATTERN)]
"""A reference to a plan, priority or commitment by ids: plan[/priority[/commitment]]."""

DateText = Annotated[str, StringConstraints(pattern=DATE_PATTERN), AfterValidator(real_date)]
"""A date as precise as the source gives it: 2025, 2025-06, 2025-06-30 or 2014/15, in the years
1900 to 2100."""

Number = Annotated[float, WrapValidator(typed_number), PlainSerializer(number_json, when_used="json")]
"""A number written with the digits 0-9 (82, 82.5, -0.89, 1.5e6): finite, at most 10^12 either way,
at most 6 digits after the decimal point and 15 significant digits; kept as typed."""

Markdown = Annotated[str, StringConstraints(min_length=1), AfterValidator(restricted_markdown)]
"""Text that may use restricted Markdown: paragraphs, lists, *emphasis*, **bold**, `code` and links
to web addresses. Anything else (HTML, headings, attribute lists) is shown exactly as typed."""

WebAddress = Annotated[str, StringConstraints(min_length=1), AfterValidator(web_address)]
"""A web address, starting https:// (or http://), with a host and no spaces, quotes or hidden characters."""

SiteAddress = Annotated[str, StringConstraints(min_length=1), AfterValidator(site_address)]
"""The address the site is published at: https:// (or http://), a host and a path, nothing else."""

AbbreviationForm = Annotated[str, StringConstraints(min_length=1), AfterValidator(abbreviation_form)]
"""An abbreviation as written in the documents ('CAMHS')."""

Reason = Annotated[str, StringConstraints(min_length=1), AfterValidator(restricted_markdown),
                   AfterValidator(visible_words)]
"""Why something published was changed or retired: restricted Markdown holding words a reader can see."""

Text = Annotated[str, StringConstraints(min_length=1)]
"""Plain text: every character is shown exactly as typed, never as Markdown or HTML."""

CommitmentStatus = Literal["not-started", "in-progress", "done", "partly-done", "delayed", "stopped"]
"""Where a commitment stands; the site explains each word on its status page."""

PlanStatus = Literal["draft", "current", "ended", "superseded", "archived"]
"""Where a plan stands: its period running, over, or replaced by a later plan."""

PlanKind = Literal["plan", "strategy", "improvement-plan", "action-plan"]
"""What kind of document the plan is."""

RelationKind = Literal["supersedes", "supports", "sits-under"]
"""How one plan relates to another plan or priority."""

Unit = Literal["percent", "count", "rate-per-10000", "score", "days", "ratio"]
"""The unit of a measure's numbers."""

Direction = Literal["higher-is-better", "lower-is-better"]
"""Which way a measure should move."""

ForewordKind = Literal["foreword", "endorsement"]
"""A foreword introduces the plan; an endorsement is a partner's statement of support."""

ChangeKind = Literal[tuple(rule.KINDS)]  # type: ignore[valid-type]
"""What a change entry explains: wording, title, due, owners, retired, merged, update, unit, direction,
baseline, value, target or target-date (the editor's guide and the 'What changed' page say what each is)."""

OwnerKind = Literal["board", "partnership", "post", "organisation", "group"]
"""What kind of owner: a board, a partnership, a post (job), an organisation or a group."""
