"""The words the site uses for relations, kinds and units, explained once for every page.
(Statuses are worked out and named in progress.py and measure_status.py.)"""

from __future__ import annotations

from decimal import Decimal

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

OWNER_KINDS = {
    "board": "Boards",
    "partnership": "Partnerships",
    "group": "Groups",
    "organisation": "Organisations",
    "post": "Posts",
}
"""Owner kind → the heading over owners of that kind."""

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
    """A measure value in words: 82 + percent → '82%'. A number from content is shown as it was
    typed ('39.00', never '39'; 1.5e6 as 1,500,000); a worked-out one (a chart's scale) to 12
    significant digits; never in exponent form, and with thousands separated from a million up."""
    typed = getattr(value, "typed", None)
    exact = Decimal(typed) if typed is not None else Decimal(f"{value:.12g}")
    shown = format(exact, ",f" if abs(exact) >= 1_000_000 else "f")
    if shown.startswith("-") and not exact:
        shown = shown[1:]  # -0 is 0
    return shown + UNITS.get(unit or "", "")
