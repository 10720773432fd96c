"""Web addresses read in full, as a browser would, and refused unless they are clean: https:// or
http://, a host, a path (and, for a link, a query and a fragment), with nothing that could end an
attribute, hide a character or carry a password. The site's own address (content/site.yml `url`,
the PLANSITE_URL environment variable, MkDocs' `site_url` and `repo_url`) is printed by the theme
into every page as it is, so it must be clean before it reaches a page."""

from __future__ import annotations

import os
import re

from plansite.core.problems import Problem

ENVIRONMENT = "PLANSITE_URL"
"""The environment variable a deployment may set the site's address with."""

LONGEST = 2000
"""The longest address accepted (browsers and servers refuse much longer ones)."""

_AUTHORITY = re.compile(r"(?:(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
                        r"|\[[0-9a-f:.]+\])(?::(?P<port>[0-9]{1,5}))?")
"""A host (names of letters, digits and hyphens between dots, or [an IPv6 address]) and a port."""
_PATH = re.compile(r"(?:[A-Za-z0-9\-._~!$()*+,;=:@/]|%[0-9A-Fa-f]{2})*")
"""A path: letters, digits, the marks RFC 3986 allows (not the quote ' or &) and %-escapes."""
_QUERY = re.compile(r"(?:[A-Za-z0-9\-._~!$()*+,;=:@/?&]|%[0-9A-Fa-f]{2})*")


def problem(text: str, site: bool = True) -> str | None:
    """What is wrong with an address, in an editor's words; None when it is clean.

    `site`: the site's own address (no query or fragment: pages are added below it)."""
    if not text:
        return "the address is empty; write the full address, starting https://"
    if len(text) > LONGEST:
        return f"the address is longer than {LONGEST} characters; check it"
    bad = re.search(r"[\s\"'<>`\\{}|^\x00-\x1f\x7f]|[^\x00-\x7f]", text)
    if bad:
        return (f"'{_short(text)}' holds {_named(bad.group())}, which an address cannot hold; write the"
                " address as the browser's address bar shows it (encode other characters as %XX)")
    scheme, sep, rest = text.partition("://")
    if not sep or scheme not in ("https", "http"):
        return f"'{_short(text)}' is not a web address; write the full address, starting https://"
    authority, slash, after = rest.partition("/")
    return _authority_problem(text, authority) or _rest_problem(text, slash + after, site)


def _authority_problem(text: str, authority: str) -> str | None:
    if "@" in authority:
        return f"'{_short(text)}' holds a user name or password before '@'; leave them out of the address"
    found = _AUTHORITY.fullmatch(authority.lower())
    if not found:
        return (f"'{_short(text)}' has no valid host name after '://'; write it like https://plans.example.org/"
                " (a name in another script in its xn-- form, a port as :8080)")
    if found.group("port") and not 0 < int(found.group("port")) < 65536:
        return f"'{_short(text)}' has a port that is not a number from 1 to 65535 after ':'; check it"
    return None


def _rest_problem(text: str, rest: str, site: bool) -> str | None:
    before_fragment, hash_, fragment = rest.partition("#")
    path, question, query = before_fragment.partition("?")
    if site and (question or hash_):
        return (f"'{_short(text)}' has a '?' or '#' part; the site's address is where its pages are, such as"
                " https://plans.example.org/ or https://example.org/plans/")
    if not _PATH.fullmatch(path):
        return f"'{_short(text)}' holds a character a path cannot hold (or a '%' not followed by two hex digits)"
    if not _QUERY.fullmatch(query) or not _QUERY.fullmatch(fragment):
        return f"'{_short(text)}' holds a character an address cannot hold after '?' or '#'; check the address"
    return None


def _named(char: str) -> str:
    names = {" ": "a space", '"': "a quote (\")", "'": "an apostrophe (')", "<": "'<'", ">": "'>'",
             "\\": "a backslash", "`": "a backtick"}
    return names.get(char) or (f"a control character (U+{ord(char):04X})" if ord(char) < 32 or ord(char) == 127
                               else f"the character '{char}' (U+{ord(char):04X})")


def _short(text: str) -> str:
    text = re.sub(r"[\x00-\x1f\x7f]", "?", text)
    return text if len(text) <= 60 else text[:57] + "…"


def environment_problems() -> list[Problem]:
    """A problem when the environment sets the site's address to something that is not clean."""
    value = os.environ.get(ENVIRONMENT)
    found = problem(value) if value else None
    if found is None:
        return []
    return [Problem(f"the {ENVIRONMENT} environment variable", 0, 0,
                    f"{found}; set it to the site's address, such as https://plans.example.org/")]
