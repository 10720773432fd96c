"""The words the site uses for statuses and relations, explained once for every page."""

from __future__ import annotations

PLAN_STATUS = {
    "draft": ("Draft", "Not yet agreed; it may change."),
    "current": ("Current", "This plan is in force."),
    "ended": ("Period ended", "The years this plan covers are over; no later plan on this site replaces it."),
    "superseded": ("Replaced", "A later plan has replaced this one."),
    "archived": ("Archived", "Kept for the record; no longer in force."),
}
"""Plan status → (short label, what it means)."""

COMMITMENT_STATUS = {
    "not-started": ("Not started", "Work has not begun."),
    "in-progress": ("In progress", "Work has begun and is going on."),
    "done": ("Done", "The commitment has been delivered."),
    "partly-done": ("Partly done", "Some of it was delivered, not all."),
    "delayed": ("Delayed", "It is behind the date it was due."),
    "stopped": ("Stopped", "Work on it has stopped; the update says why."),
}
"""Commitment status → (short label, what it means)."""

NO_STATUS = ("Not yet reported", "No progress update has been published for this yet.")

RELATIONS = {
    "supersedes": ("Replaces", "Replaced by"),
    "supports": ("Supports", "Supported by"),
    "sits-under": ("Sits under", "Plans and strategies under it"),
}
"""Relation kind → (said on the plan that declares it, said on the page it points at)."""

KINDS = {
    "plan": "Plan",
    "strategy": "Strategy",
    "improvement-plan": "Improvement plan",
    "action-plan": "Action plan",
}
"""Plan kind → how it is named on pages."""

UNITS = {
    "percent": "%",
    "rate-per-10000": " per 10,000",
    "days": " days",
}
"""Measure unit → what follows a number."""


UNIT_NAMES = {
    "percent": "percent",
    "count": "count",
    "rate-per-10000": "rate per 10,000",
    "score": "score",
    "days": "days",
    "ratio": "ratio",
}
"""Measure unit → its name in words."""


def number(value: float, unit: str | None) -> str:
    """A measure value in words: 82 + percent → '82%'."""
    shown = f"{value:g}" if abs(value) < 1e6 else f"{value:,.0f}"
    return shown + UNITS.get(unit or "", "")
