"""The person page's section for out-of-hours records. The person has already been through the access
gate."""

from __future__ import annotations

from typing import Any

from frontdoor.accounts.models import User
from frontdoor.people.models import Person


def person_out_of_hours_panel(user: User, person: Person) -> dict[str, Any] | None:
    if not person.is_child:
        return None
    from .models import EdtRecord

    records = list(EdtRecord.objects.filter(person=person).order_by("-received_at")[:5])
    if not records:
        return None
    return {
        "title": "Out of hours",
        "template": "out_of_hours/person_panel.html",
        "edt": records,
        "can_edt": user.can("edt") or user.can("acknowledge_handover"),
    }
