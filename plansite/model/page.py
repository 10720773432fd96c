"""A page the site will have, before it is rendered: its path, template, sources and items; and the
other addresses it had under its items' old ids."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Page:
    """One file to write into docs/: its path, template, sources and what the template needs."""

    path: str
    template: str
    sources: list[str]
    context: dict[str, Any] = field(default_factory=dict)


def alias_paths(page: Page) -> list[str]:
    """The other paths a page had under its items' old ids (plan, priority, commitment, measure)."""
    parts = page.path.split("/")
    choices: list[list[str]] = [[p] for p in parts]
    ctx = page.context
    bundle, priority = ctx.get("bundle"), ctx.get("priority")
    if bundle is not None and parts[0] in ("plans", "promises") and len(parts) > 2 and parts[1] == bundle.id:
        choices[1] += bundle.plan.aliases if bundle.plan else []
    if priority is not None and parts[0] == "plans" and len(parts) > 3 and parts[2] == priority.id:
        choices[2] += priority.aliases
    for key in ("commitment", "measure"):
        item = ctx.get(key)
        if item is not None and len(parts) > 4 and parts[3] == item.id:
            choices[3] += item.aliases
    paths = ["/".join(combo) for combo in itertools.product(*choices)]
    return [p for p in paths if p != page.path]
