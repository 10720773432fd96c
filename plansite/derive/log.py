"""The changes the pages show: every change on its item's page and on 'What changed', corrections
marked minor folded apart under 'Corrections', and what the build could not see (a missing history,
a version it could not read)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from plansite.content import rule
from plansite.derive.changes import Change
from plansite.model import urls


def newest_first(changes: list[Change]) -> list[Change]:
    """Changes newest first (those not yet committed first of all); the order found within a date."""
    return sorted(changes, key=lambda c: (c.date is None, c.date or ""), reverse=True)


class Log:
    """What 'What changed', the item pages and the feed show."""

    def __init__(self, shown: list[Change], missing: str | None, unreadable: list[tuple[str, str]],
                 since: str | None) -> None:
        self.every = newest_first(shown)
        self.public = [c for c in self.every if not c.minor]
        """Every change but corrections marked minor, newest first."""
        self.corrections = [c for c in self.every if c.minor]
        self.pending = [c for c in self.every if c.needs is not None]
        """In the preview: changes that publishing will refuse until a reason is given."""
        self.missing = missing
        """Why the build could not see the whole history, or None."""
        self.unreadable = unreadable
        self.since = since
        self.kinds = rule.KINDS
        """The rule, for the page that explains it."""
        self._by_page: dict[str, list[Change]] = defaultdict(list)
        for change in self.every:
            self._by_page[change.page].append(change)

    def of(self, item: Any) -> list[Change]:
        """The changes to one item, corrections marked minor left out, newest first."""
        return [c for c in self._by_page.get(urls.page_of(item), []) if not c.minor]

    def corrections_of(self, item: Any) -> list[Change]:
        """The corrections marked minor to one item, newest first."""
        return [c for c in self._by_page.get(urls.page_of(item), []) if c.minor]

    def of_plan(self, bundle: Any) -> list[Change]:
        """The public changes in one plan, newest first."""
        return [c for c in self.public if c.plan is bundle]

    def corrections_of_plan(self, bundle: Any) -> list[Change]:
        """The corrections in one plan, newest first."""
        return [c for c in self.corrections if c.plan is bundle]
