"""The person page's section for police notifications. The person has already been through the access
gate."""

from __future__ import annotations

from typing import Any

from frontdoor.accounts.models import User
from frontdoor.people.models import Person


def person_police_panel(user: User, person: Person) -> dict[str, Any] | None:
    if not person.is_child:
        return None
    from .models import NotificationChild

    notifications = list(
        NotificationChild.objects.filter(person=person)
        .select_related("notification")
        .order_by("-notification__incident_at")[:5]
    )
    if not notifications:
        return None
    return {
        "title": "Police notifications",
        "template": "police/person_panel.html",
        "notifications": notifications,
        "can_police": user.can("police_screening"),
    }
