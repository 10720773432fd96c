"""The only place page paths and links are made. Every path is built from ids, never from titles."""

from __future__ import annotations

import functools
import os
import posixpath
from typing import Any

from plansite.content.read import PlanBundle
from plansite.content.schema.parts import Measure
from plansite.content.schema.priority import Commitment, Priority

HOME = "index.md"
PLANS = "plans/index.md"
PROMISES = "promises/index.md"
PROGRESS = "progress/index.md"
METHOD = "progress/method/index.md"
SEARCH = "search/index.md"
TOPICS = "topics/index.md"
OWNERS = "owners/index.md"
CHANGES = "changes/index.md"
FEED = "changes/feed.xml"
DATA = "data/index.md"
DATA_JSON = "data/plans.json"
DATA_SCHEMA = "data/plans.schema.json"
COMMITMENTS_CSV = "data/commitments.csv"
MEASURES_CSV = "data/measures.csv"
GLOSSARY = "glossary/index.md"
ABBREVIATIONS = "includes/abbreviations.md"
FIELDS = "editing/fields.md"


def plan_page(plan_id: str) -> str:
    """The overview page of a plan."""
    return f"plans/{plan_id}/index.md"


def plan_subpage(plan_id: str, name: str) -> str:
    """A plan's own extra page: 'measures', 'background' or 'reflection'."""
    return f"plans/{plan_id}/{name}/index.md"


def priority_page(plan_id: str, priority_id: str) -> str:
    """The page of a priority."""
    return f"plans/{plan_id}/{priority_id}/index.md"


def commitment_page(plan_id: str, priority_id: str, commitment_id: str) -> str:
    """The page of a commitment: /plans/<plan>/<priority>/<commitment>/."""
    return f"plans/{plan_id}/{priority_id}/{commitment_id}/index.md"


def measure_page(plan_id: str, measure_id: str) -> str:
    """The page of a measure; kept out of the priority's path so it survives a move between priorities."""
    return f"plans/{plan_id}/measures/{measure_id}/index.md"


def topic_page(topic_id: str) -> str:
    """The page gathering everything about one topic, across plans."""
    return f"topics/{topic_id}/index.md"


def owner_page(owner_id: str) -> str:
    """The page of a board, partnership or post: what it owns, leads and is responsible for."""
    return f"owners/{owner_id}/index.md"


def promises_of_plan(plan_id: str) -> str:
    """Every commitment of one plan, with its status."""
    return f"promises/{plan_id}/index.md"


def promises_by_status(status: str) -> str:
    """Every commitment with one status, across plans."""
    return f"promises/status/{status}/index.md"


def changes_of_plan(plan_id: str) -> str:
    """The changes in one plan."""
    return f"changes/{plan_id}/index.md"


def measure_csv(plan_id: str, measure_id: str) -> str:
    """The CSV file of one measure's numbers."""
    return f"data/measures/{plan_id}/{measure_id}.csv"


def page_of(item: Any) -> str:
    """The page that shows an item: a plan bundle, priority, commitment or measure."""
    if isinstance(item, PlanBundle):
        return plan_page(item.plan.id)
    if isinstance(item, Priority):
        return priority_page(item._parent.id, item.id)
    if isinstance(item, Commitment):
        priority = item._parent
        return commitment_page(priority._parent.id, priority.id, item.id)
    if isinstance(item, Measure):
        return measure_page(item._parent._parent.id, item.id)
    raise TypeError(f"no page for {type(item).__name__}")


def area_anchor(area_id: str) -> str:
    """The anchor of an inspection's area to improve on its plan's page."""
    return f"area-{area_id}"


def ref(item: Any) -> str:
    """The reference (plan/priority/commitment ids) of a priority or commitment."""
    if isinstance(item, Commitment):
        return f"{ref(item._parent)}/{item.id}"
    return f"{item._parent.id}/{item.id}"


def link(from_page: str, to_page: str, anchor: str | None = None) -> str:
    """A relative link from one Markdown page to another (MkDocs checks and rewrites it)."""
    target = _relative(posixpath.dirname(from_page), to_page)
    return f"{target}#{anchor}" if anchor else target


@functools.lru_cache(maxsize=1 << 20)
def _relative(from_dir: str, to_page: str) -> str:
    # posixpath.relpath for paths inside docs/ (already normalised), without its cost per call.
    here = from_dir.split("/") if from_dir else []
    there = to_page.split("/")
    common = 0
    while common < min(len(here), len(there) - 1) and here[common] == there[common]:
        common += 1
    return "/".join([".."] * (len(here) - common) + there[common:])


def html_link(from_page: str, to: str) -> str:
    """A relative link for raw HTML, which MkDocs does not rewrite: from the page's own address to
    another page's address (a .md path) or to a file (any other path)."""
    here = url(from_page).strip("/")
    there = url(to).lstrip("/") if to.endswith(".md") else to
    target = posixpath.relpath(there or ".", here or ".")
    if to.endswith(".md"):
        target = "./" if target == "." else target + "/"
    return target


def site_address(site: Any) -> str | None:
    """The site's published address (https://…/, ending in /): PLANSITE_URL where a deployment sets
    it, else content/site.yml's url; None when neither says."""
    address = os.environ.get("PLANSITE_URL") or (site.url if site else None)
    if not address:
        return None
    return address if address.endswith("/") else address + "/"


def built_file(page: str) -> str:
    """The HTML file an engine builds from a page in docs/ (plans/x/index.md → plans/x/index.html)."""
    return url(page).lstrip("/") + "index.html"


def url(page: str) -> str:
    """The site address of a page, as readers see it (/plans/x/)."""
    if page == HOME:
        return "/"
    if page.endswith("/index.md"):
        return "/" + page[: -len("index.md")]
    return "/" + page[: -len(".md")] + "/"
