"""The Atom feed of 'What changed', so residents and journalists can subscribe to changes. Written
with ElementTree, which escapes every value for XML in one place."""

from __future__ import annotations

import posixpath
import uuid
import xml.etree.ElementTree as ET
from typing import Any

from plansite.core import escape, text
from plansite.model import titles, urls
from plansite.model.index import Index

PATH = urls.FEED
ATOM = "http://www.w3.org/2005/Atom"
KINDS = {"added": "added", "renamed": "new address", "restored": "put back", "wording": "reworded",
         "title": "heading changed", "due": "due date changed", "owners": "responsibility changed",
         "retired": "retired or brought back", "merged": "another item merged into it",
         "update": "progress update", "unit": "unit changed", "direction": "which way is better changed",
         "baseline": "baseline changed", "value": "new or revised figure", "target": "target changed",
         "target-date": "target date changed", "reason": "reason reworded or withdrawn"}
"""How each kind of change is named in a feed entry's title."""


def atom(index: Index, log: Any) -> str:
    """The feed: every public, committed change, newest first."""
    site = index.content.site
    base = urls.site_address(site)
    entries = [c for c in log.public if c.date]
    updated = max((c.date for c in entries), default=text.date_key(site.as_of) or "2000-01-01")
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    _add(feed, "title", f"{escape.isolated(site.name)}: what changed")
    _add(feed, "subtitle", "Changes to published plans, commitments and measures, with the reasons given.")
    _add(feed, "id", (base + urls.url(urls.CHANGES).lstrip("/")) if base else _urn(site.name, "changes"))
    _add(feed, "updated", _stamp(updated))
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="alternate", type="text/html", href=_href(base, urls.CHANGES))
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="self", type="application/atom+xml", href=_href(base, PATH))
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    _add(author, "name", escape.isolated(site.organisation))
    for change in entries:
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        name = _title(change.item)
        _add(entry, "title", f"{escape.isolated(name)}: {KINDS[change.kind]}")
        _add(entry, "id", _urn(site.name, change.page, change.kind, change.date, change.said))
        _add(entry, "updated", _stamp(change.date))
        ET.SubElement(entry, f"{{{ATOM}}}link", rel="alternate", type="text/html", href=_href(base, change.page))
        source = f" (from {escape.isolated(change.source)})" if change.source else ""
        why = f" Why: {escape.isolated(text.plain(change.why))}" if change.why else ""
        summary = escape.isolated(change.said) + source + why
        _add(entry, "summary", summary).set("type", "text")
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


def _add(parent: ET.Element, tag: str, value: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}")
    element.text = value
    return element


def _title(item: Any) -> str:
    return titles.page(item)


def _href(base: str | None, page: str) -> str:
    # Absolute when the site's address is known; otherwise relative to the feed itself
    # (changes/feed.xml): its own page is './', another page '../plans/…/'.
    path = urls.url(page).lstrip("/") if page.endswith(".md") else page
    if base:
        return base + path
    target = posixpath.relpath(path or ".", posixpath.dirname(PATH))
    return "./" if target == "." else target + ("/" if page.endswith(".md") else "")


def _stamp(day: str) -> str:
    parts = (day.split("/")[0].split("-") + ["01", "01"])[:3]
    return f"{parts[0]}-{parts[1]}-{parts[2]}T00:00:00Z"


def _urn(*parts: Any) -> str:
    return "urn:uuid:" + str(uuid.uuid5(uuid.NAMESPACE_URL, "\x00".join(str(p) for p in parts)))
