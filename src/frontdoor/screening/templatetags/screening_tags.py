"""`{% screening_actions contact %}`: the screening links on a contact's page."""

from __future__ import annotations

from typing import Any

from django import template

from frontdoor.intake.models import ContactStatus

from ..selectors import contact_screenings

register = template.Library()


@register.inclusion_tag("screening/contact_actions.html", takes_context=True)
def screening_actions(context: dict[str, Any], contact: Any) -> dict[str, Any]:
    user = context["user"]
    if not user.can("screen"):
        return {"show": False}
    screenings = contact_screenings(user=user, contact=contact)
    return {
        "show": True,
        "contact": contact,
        "screenings": screenings,
        "csrf_token": context.get("csrf_token"),
        "can_start": contact.status == ContactStatus.OPEN,
    }


@register.filter
def get_item(mapping: dict[Any, Any], key: Any) -> Any:
    return mapping.get(key, "")


@register.filter
def held_from(contact: Any, hidden: set[int]) -> bool:
    """Whether a contact has a child in `hidden` (sealed from this user): it is shown as
    "Restricted record", with no date, link or outcome."""
    return any(link.person_id in hidden for link in contact.children.all())
