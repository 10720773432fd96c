"""Where a plan comes from and whom to ask about it: its source document and a contact."""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, StringConstraints, model_validator

from plansite.content.schema.common import DateText, Node, Text, WebAddress


def email_address(text: str) -> str:
    """One email address: something@somewhere.tld, nothing else (no name, no second address)."""
    if not re.fullmatch(r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+", text):
        raise ValueError(f"'{text[:60]}' is not an email address; write one address, like"
                         " children.plans@example.gov.uk")
    return text


def phone_number(text: str) -> str:
    """A phone number as printed: digits, spaces, and + ( ) - between them; 7 to 15 digits."""
    digits = re.sub(r"\D", "", text)
    if not re.fullmatch(r"\+?[\d ()-]+", text) or not 7 <= len(digits) <= 15:
        raise ValueError(f"'{text[:40]}' is not a phone number; write the number as the document prints it,"
                         " with digits, spaces and + ( ) - only (for example 0151 443 3000)")
    return text


EmailAddress = Annotated[str, StringConstraints(min_length=1), AfterValidator(email_address)]
"""An email address: children.plans@example.gov.uk."""

PhoneNumber = Annotated[str, StringConstraints(min_length=1), AfterValidator(phone_number)]
"""A phone number as printed: 0151 443 3000."""


class SourceDocument(Node):
    """The published document a plan's content was encoded from."""

    title: Text
    """Its title, as printed on the document."""
    publisher: Text | None = None
    """Who published it ('Knowsley Council'), if the document says."""
    date: DateText | None = None
    """The date printed on the document, if it has one."""
    address: WebAddress | None = None
    """Where the document is published (https://…); leave it out unless the address is known to be
    the published document: never guess one."""


def title_only(value: Any) -> Any:
    # The earlier form, `source: Title of the document`, still reads: it names the title only.
    return {"title": value} if isinstance(value, str) else value


Source = Annotated[SourceDocument, BeforeValidator(title_only, json_schema_input_type=SourceDocument | Text)]
"""A source document, written out in full or (the earlier form) as its title alone."""


class Contact(Node):
    """How a reader can ask about a plan and its promises: at least one of email, phone or page."""

    name: Text | None = None
    """Who answers ('Children's Services'), if the document says."""
    email: EmailAddress | None = None
    """An email address the document gives for questions."""
    phone: PhoneNumber | None = None
    """A phone number the document gives for questions."""
    page: WebAddress | None = None
    """A web page for questions or feedback (https://…)."""

    @property
    def email_link(self) -> str | None:
        """The email address as a link (mailto:)."""
        return f"mailto:{self.email}" if self.email else None

    @property
    def phone_link(self) -> str | None:
        """The phone number as a link (tel:), digits only."""
        return "tel:" + re.sub(r"[^\d+]", "", self.phone) if self.phone else None

    @model_validator(mode="after")
    def _has_a_route(self) -> Contact:
        if not (self.email or self.phone or self.page):
            raise ValueError("a contact needs an email, a phone or a page; leave the contact out if the"
                             " document gives none")
        return self
