"""The words for a commitment's status: the site's own, and the words a council's tracker uses for them
(a RAG rating, say), mapped by a table in content/site.yml."""

from __future__ import annotations

import re
import typing
from typing import Annotated

from pydantic import AfterValidator

from plansite.content.schema.common import CommitmentStatus, Text

SITE_STATUSES: tuple[str, ...] = typing.get_args(CommitmentStatus)
"""The statuses a progress update can give, as the site writes them."""


def status_word(text: str) -> str:
    """A status word as it is compared: case, spaces, hyphens and underscores aside, so that
    'In progress', 'in-progress' and 'IN_PROGRESS' are one word."""
    return " ".join(part for part in re.split(r"[\s_-]+", text.lower()) if part)


def _distinct_words(table: dict[str, str]) -> dict[str, str]:
    own = {status_word(s): s for s in SITE_STATUSES}
    seen: dict[str, str] = {}
    for word, status in table.items():
        key = status_word(word)
        if key in seen:
            raise ValueError(f"'{seen[key]}' and '{word}' are the same word to the site (case, spaces and hyphens"
                             " aside); give it once")
        if key in own and own[key] != status:
            raise ValueError(f"'{word}' is the site's own word for {own[key]}; it cannot mean {status}")
        seen[key] = word
    return table


TrackerStatuses = Annotated[dict[Text, CommitmentStatus], AfterValidator(_distinct_words)]
"""A tracker's words, each with the site status it means."""


def status_table(table: dict[str, str]) -> dict[str, str]:
    """Every word a tracker may use (compared by status_word) → the site status it means: the site's
    own statuses first, then the table's words."""
    words = {status_word(s): s for s in SITE_STATUSES}
    words |= {status_word(word): status for word, status in table.items()}
    return words


def allowed_words(table: dict[str, str]) -> list[str]:
    """The words a tracker may use, as they are written: the council's own, then the site's."""
    own = [w for w in table if status_word(w) not in {status_word(s) for s in SITE_STATUSES}]
    return own + list(SITE_STATUSES)
