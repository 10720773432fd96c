"""The MkDocs settings the theme prints into every page, checked and escaped like content.

Material prints `site_name`, `site_description`, `site_author`, `copyright` and `repo_name` into
pages as they are (in text and in attributes), and `site_url` and `repo_url` into links. So an
address must be a clean web address (weburl.py), refused at mkdocs.yml:LINE:COL otherwise, and
each text reaches the theme already escaped for HTML (markupsafe's Markup, which the theme's own
`| e` leaves as it is, so nothing is escaped twice).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from markupsafe import Markup

from plansite.content.load import parse_text
from plansite.core import escape, weburl
from plansite.core.problems import Problem

FILE = "mkdocs.yml"

TEXTS = ("site_name", "site_description", "site_author", "copyright", "repo_name")
"""Settings the theme prints as text."""

ADDRESSES = ("site_url", "repo_url")
"""Settings the theme prints as addresses."""


def problems(project: Path) -> list[Problem]:
    """A problem for each address in the project's mkdocs.yml that is not a clean web address."""
    path = project / FILE
    if not path.is_file():
        return []
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return []  # MkDocs reports a settings file it cannot read itself
    loaded, _ = parse_text(text, FILE)  # and anything the YAML reader refuses
    if loaded is None or not isinstance(loaded.data, dict):
        return []
    found = []
    for name in ADDRESSES:
        value = loaded.data.get(name)
        message = address_problem(name, value)
        if message:
            found.append(Problem(FILE, *loaded.where((name,), value=True), message))
    return found


def address_problem(name: str, value: Any) -> str | None:
    """What is wrong with an address setting's value, or None (an unset one is fine)."""
    if not value:
        return None
    found = weburl.problem(str(value), site=name == "site_url")
    return f"'{name}': {found}" if found else None


def escape_texts(config: Any) -> None:
    """Escape, once, each text setting the theme prints (and isolate its direction)."""
    for name in TEXTS:
        value = getattr(config, name, None)
        if isinstance(value, str) and not isinstance(value, Markup):
            setattr(config, name, Markup(escape.html_attribute(value)))
