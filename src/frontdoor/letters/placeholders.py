"""The facts a letter template may use, as `$name` placeholders, and how they are filled in.

Only these names exist: a template cannot reach anything else (string.Template substitutes
names from a dictionary; there is no attribute access, filter or code). A template naming a
placeholder not listed here is refused when the administrator saves it.
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings
from django.utils import timezone

from frontdoor.child_protection.models import Section47Enquiry
from frontdoor.intake.models import Contact
from frontdoor.people.models import Person

PLACEHOLDERS: dict[str, str] = {
    "child_name": "The child's full name",
    "child_first_name": "The child's first name",
    "child_date_of_birth": "The child's date of birth",
    "nhs_number": "The child's NHS number ('not known' if not recorded)",
    "recipient_name": "The name of the person the letter is to",
    "referrer_name": "The referrer's name, from the latest contact",
    "referrer_organisation": "The referrer's organisation, from the latest contact",
    "contact_date": "The date the latest contact was received",
    "outcome": "What was decided about the latest contact",
    "icpc_date": "The date of the initial child protection conference",
    "worker_name": "The name of the worker sending the letter",
    "council_name": "The council's name",
    "today": "Today's date",
}


def long_date(day: date | None) -> str:
    return f"{day.day} {day:%B %Y}" if day else "not known"


def nhs_number_of(person: Person) -> str:
    number = (person.nhs_number or "").replace(" ", "")
    if len(number) == 10:
        return f"{number[:3]} {number[3:6]} {number[6:]}"
    return number or "not known"


def unknown_placeholders(text: str) -> list[str]:
    """Placeholders in `text` that are not in PLACEHOLDERS (or a malformed `$`), for the admin."""
    template = string.Template(text)
    if not template.is_valid():
        return ["a '$' not followed by a placeholder name (write $$ for a dollar sign)"]
    return sorted(set(template.get_identifiers()) - set(PLACEHOLDERS))


@dataclass
class CaseFacts:
    person: Person
    contact: Contact | None
    s47: Section47Enquiry | None


def facts_for(person: Person) -> CaseFacts:
    """The latest contact about the child and the latest s47 that called for an ICPC."""
    contact = (
        Contact.objects.filter(children__person=person).order_by("-received_at", "-pk").first()
    )
    s47 = (
        Section47Enquiry.objects.filter(person=person, outcome="substantiated_icpc")
        .order_by("-created_at", "-pk")
        .first()
    )
    return CaseFacts(person, contact, s47)


def values_for(facts: CaseFacts, *, worker: Any, recipient_name: str = "") -> dict[str, str]:
    person, contact, s47 = facts.person, facts.contact, facts.s47
    icpc = (s47.icpc_date or s47.icpc_target) if s47 else None
    return {
        "child_name": person.full_name,
        "child_first_name": person.first_name,
        "child_date_of_birth": long_date(person.date_of_birth),
        "nhs_number": nhs_number_of(person),
        "recipient_name": recipient_name or "Sir or Madam",
        "referrer_name": (contact.referrer_name if contact and not contact.anonymous else "")
        or "the referrer",
        "referrer_organisation": (contact.source_organisation if contact else "") or "",
        "contact_date": long_date(timezone.localdate(contact.received_at) if contact else None),
        "outcome": (contact.outcome_summary if contact else "") or "still being considered",
        "icpc_date": long_date(icpc),
        "worker_name": getattr(worker, "display_name", "") or "Front Door",
        "council_name": settings.COUNCIL_NAME,
        "today": long_date(timezone.localdate()),
    }


def fill(text: str, values: dict[str, str]) -> str:
    return string.Template(text).safe_substitute(values)
