"""Turning content values into safe Markdown and plain words (used as template filters)."""

from __future__ import annotations

import re

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]


_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+\.)\s")


def markdown(text: str | None) -> str:
    """Content Markdown made safe: raw HTML and attribute lists are shown as text, not obeyed."""
    if not text:
        return ""
    # Escape '&' first so that the entities added below are not themselves escaped.
    safe = text.replace("&", "&amp;").replace("<", "&lt;").replace("{", "&#123;")
    return _separate_lists(safe)


def _separate_lists(text: str) -> str:
    # Editors start a list on the line after a sentence; Markdown needs a blank line there.
    lines: list[str] = []
    in_list = False
    for line in text.split("\n"):
        item = bool(_LIST_ITEM.match(line))
        if item and not in_list and lines and lines[-1].strip():
            lines.append("")
        in_list = item or (in_list and (line.startswith((" ", "\t")) or not line.strip()))
        lines.append(line)
    return "\n".join(lines)


def inline(text: str | None) -> str:
    """Safe Markdown on one line, for list items, headings and table cells."""
    result = ""
    for line in (raw.strip() for raw in markdown(text).splitlines()):
        if not line:
            continue
        # A list item keeps its words; its bullet would be meaningless mid-line.
        item = re.match(r"^[-*] (.*)", line)
        if item:
            result += ("; " if result and not result.endswith(":") else " ") + item.group(1)
        else:
            result += (" " if result else "") + line
    return result.strip()


def cell(text: str | None) -> str:
    """Safe one-line Markdown for a table cell."""
    return inline(text).replace("|", "\\|")


def plain(text: str | None) -> str:
    """Words only, for page titles and descriptions: no Markdown marks, no line breaks."""
    words = re.sub(r"[*_`#>\[\]]", "", inline(text).replace("&amp;", "&").replace("&lt;", "<"))
    return re.sub(r"\(https?://[^)]*\)", "", words).replace("&#123;", "{").strip()


def shorten(text: str | None, limit: int = 90) -> str:
    """Plain words cut at a word boundary, with '…' when anything was cut."""
    words = plain(text)
    if len(words) <= limit:
        return words
    cut = words[: limit + 1].rsplit(" ", 1)[0].rstrip(",;:–-")
    return cut + "…"


def yaml_string(text: str) -> str:
    """A string safe to put in YAML front matter."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def date(value: str | None) -> str:
    """A content date in words: 2026-06 → June 2026, 2025-06-30 → 30 June 2025."""
    if not value:
        return ""
    parts = value.split("-")
    if len(parts) == 3:
        return f"{int(parts[2])} {MONTHS[int(parts[1]) - 1]} {parts[0]}"
    if len(parts) == 2:
        return f"{MONTHS[int(parts[1]) - 1]} {parts[0]}"
    return value


def date_key(value: str | None) -> str:
    """A sort key that orders content dates of any precision (2014/15 sorts as 2014)."""
    return (value or "").split("/")[0]


def period(start: str, end: str | None) -> str:
    """A plan's period in words: '2017 to 2020', 'from April 2025'."""
    return f"{date(start)} to {date(end)}" if end else f"from {date(start)}"


def anchor(text: str) -> str:
    """A lowercase anchor for a heading from an id or a term."""
    return re.sub(r"[^a-z0-9.]+", "-", text.lower()).strip("-")


def blockquote(text: str | None) -> str:
    """Safe Markdown as a block quote (every line prefixed with '> ')."""
    return "\n".join(f"> {line}".rstrip() for line in markdown(text).strip().splitlines())


def is_over(end: str | None, as_of: str) -> bool:
    """True when a period ending at `end` is over on the date `as_of` (a year ends on 31 December)."""
    if not end:
        return False
    end_key = date_key(end)
    return end_key < as_of[: len(end_key)]
