"""Template filters for showing another person in passing without leaking a sealed record.

The view computes `hidden = restricted_ids(user, ids)` once for the page (one query); then
`{{ person|name_or_restricted:hidden }}` prints the name or "Restricted record", and
`{% if person.pk in hidden %}` hides the dates and outcomes beside it.
"""

from typing import Any

from django import template

from frontdoor.people.access import RESTRICTED

register = template.Library()


@register.filter
def name_or_restricted(person: Any, hidden: Any) -> str:
    if person is None:
        return ""
    if hidden and person.pk in hidden:
        return RESTRICTED
    return str(person.full_name)
