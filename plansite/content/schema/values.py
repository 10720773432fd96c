"""The checked kinds of value: dates, numbers, ids and web addresses, each with its own rule and
its own message, so that a value the pages or the data files could not show truthfully is refused
where it is typed (file:line), never published, and never a crash later in the build."""

from __future__ import annotations

import calendar
import re
from decimal import Decimal
from typing import Any

from pydantic_core import PydanticCustomError

from plansite.core import weburl

# Dates -----------------------------------------------------------------------------------------

DATE_PATTERN = r"^[0-9]{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12][0-9]|3[01]))?|/[0-9]{2})?$"
"""2025, 2025-06, 2025-06-30 or 2014/15, in the digits 0-9 only (a regex's \\d would also take
other scripts' digits, such as full-width ２０２６)."""

FIRST_YEAR, LAST_YEAR = 1900, 2100
"""The years a date may name: far wider than any plan, narrow enough that every date is a real day
the site can count with."""


def real_date(text: str) -> str:
    """Refuse a year out of range, a day that no calendar has (2025-02-30), and a school or
    financial year whose second year does not follow the first (2014/16)."""
    year = int(text[:4])
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValueError(f"'{text}' is not a date the site can use: the year must be from {FIRST_YEAR} to"
                         f" {LAST_YEAR}; check the year")
    if "/" in text:
        second = (year + 1) % 100
        if year == LAST_YEAR:
            raise ValueError(f"'{text}' ends after {LAST_YEAR}, the last year a date may name; check the year")
        if int(text[5:]) != second:
            raise ValueError(f"'{text}' is not a school or financial year: the second year must follow the first,"
                             f" as in {year}/{second:02d}")
        return text
    parts = text.split("-")
    if len(parts) == 3:
        month, day = int(parts[1]), int(parts[2])
        last = calendar.monthrange(year, month)[1]
        if day > last:
            raise ValueError(f"'{text}' is not a real date: {calendar.month_name[month]} {year} has {last} days;"
                             " check the day")
    return text


# Numbers ---------------------------------------------------------------------------------------

NUMBER_PATTERN = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
"""A number as people type it: digits 0-9, a sign, a decimal point, an exponent (1.5e6)."""

LARGEST = Decimal(10) ** 12
"""No measure value is larger than a million million (10^12)."""

MOST_DECIMALS = 6
"""Digits after the decimal point: enough for any rate in the plans, few enough to show as written."""

MOST_DIGITS = 15
"""Significant digits: every number with at most 15 reads back exactly as it was typed."""


class TypedNumber(float):
    """A number from content that remembers how it was typed ('39.00', '1.5e6'), so that the pages,
    the CSV and the JSON carry it as written and never a rounded or reformatted copy."""

    typed: str

    def __new__(cls, typed: str | float) -> TypedNumber:
        text = typed if isinstance(typed, str) else repr(float(typed))
        number = super().__new__(cls, float(text))
        number.typed = text.removeprefix("+")
        return number

    def __getnewargs__(self) -> tuple[str]:
        return (self.typed,)

    def __reduce__(self) -> tuple:
        return (TypedNumber, (self.typed,))


def typed_number(value: Any, handler: Any) -> TypedNumber:
    """A content number: digits as typed, finite, within the sizes the site can show exactly."""
    if isinstance(value, TypedNumber):
        return value
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise PydanticCustomError("float_type", "Input should be a valid number")
    text = value.strip() if isinstance(value, str) else str(value) if isinstance(value, int) else repr(value)
    if not NUMBER_PATTERN.fullmatch(text):
        raise PydanticCustomError("float_parsing", "Input should be a number written with the digits 0-9")
    number = Decimal(text)
    if abs(number) > LARGEST:
        raise ValueError(f"{text} is larger than the site shows (at most 1,000,000,000,000 either way); check"
                         " the number, or give it in a bigger unit")
    exact = number.normalize()
    if number and -exact.as_tuple().exponent > MOST_DECIMALS:
        raise ValueError(f"{text} has more than {MOST_DECIMALS} digits after the decimal point; round it as the"
                         " source does, or give it in a smaller unit")
    if len("".join(map(str, exact.as_tuple().digits)).strip("0")) > MOST_DIGITS:
        raise ValueError(f"{text} has more than {MOST_DIGITS} significant digits; round it as the source does")
    return TypedNumber(text)


def number_json(value: float) -> int | float:
    """A number for JSON: a whole number typed without a point stays a whole number (123456789012,
    never 123456789012.0); any other is the same number, exactly."""
    typed = getattr(value, "typed", None)
    if typed is not None and re.fullmatch(r"-?[0-9]+", typed):
        return int(typed)
    return float(value)


# Ids -------------------------------------------------------------------------------------------

RESERVED_IDS = frozenset({"index", "404", "assets", "data", "includes", "pagefind", "search", "status"})
"""Names the build or the site already uses for its own files and folders."""


def usable_id(text: str) -> str:
    """Refuse an id that looks like a file name (feed.xml, index.md) or takes a name the site uses
    for its own files: either would collide with what the build writes."""
    if re.search(r"[^0-9]\.|\.[^0-9]", text):
        raise ValueError(f"'{text}' looks like a file name: in an id a dot may only stand between numbers"
                         " (1.3, 5.10); use a hyphen instead")
    if text in RESERVED_IDS:
        raise ValueError(f"'{text}' cannot be an id: the site uses that name for its own pages and files"
                         f" ({', '.join(sorted(RESERVED_IDS))}); choose another id")
    return text


# Web addresses ---------------------------------------------------------------------------------

def web_address(text: str) -> str:
    """Allow only clean https:// and http:// addresses (never javascript:, a file on a computer, or
    anything with a quote, a space or a hidden character)."""
    found = weburl.problem(text, site=False)
    if found:
        raise ValueError(found)
    return text


def site_address(text: str) -> str:
    """The site's own address: a clean https:// or http:// address of a folder, without '?' or '#'."""
    found = weburl.problem(text, site=True)
    if found:
        raise ValueError(found)
    return text
