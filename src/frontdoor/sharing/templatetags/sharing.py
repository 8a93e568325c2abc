"""`{{ person|nhs_number_line }}`: the consistent identifier to put on an outbound notice that names
a child (Children Act 2004 s16LC): "NHS number 943 476 5919", or "NHS number not known: <the
reason recorded>"."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


def nhs_number_spaced(number: str) -> str:
    return f"{number[:3]} {number[3:6]} {number[6:]}" if len(number) == 10 else number


@register.filter
def nhs_number_line(person: Any) -> str:
    """The people index's one identifier line (`people.selectors.identifier_line`), which gives the
    recorded reason when the number is not known."""
    from frontdoor.people.selectors import identifier_line

    return identifier_line(person) if person is not None else "NHS number not known"
