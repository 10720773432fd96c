"""The preview's memory of parsed content files: a save parses again only the files whose text changed."""

from __future__ import annotations

from plansite.content.load import Loaded, parse_text
from plansite.core.problems import Problem


class Parsed:
    """The files the last build parsed, by their text: the preview's next save parses again only the
    files that changed. (What parsing gives is never changed afterwards: validation makes new objects.)"""

    def __init__(self) -> None:
        self._last: dict[tuple[str, str], tuple[Loaded | None, list[Problem]]] = {}
        self._now: dict[tuple[str, str], tuple[Loaded | None, list[Problem]]] = {}

    def parse(self, text: str, rel: str) -> tuple[Loaded | None, list[Problem]]:
        """parse_text's result, from the last build when the file's text is the same."""
        key = (rel, text)
        found = self._now.get(key) or self._last.get(key) or parse_text(text, rel)
        self._now[key] = found
        return found

    def next_build(self) -> None:
        """Keep what this build parsed for the next one, and forget the rest."""
        self._last, self._now = self._now, {}
