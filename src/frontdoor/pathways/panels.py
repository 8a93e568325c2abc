"""The person page's section for the pathways: police notifications, out-of-hours records and
exploitation screenings. The person has already been through the access gate."""

from __future__ import annotations

from typing import Any

from .models import EdtRecord, ExploitationScreening, NotificationChild


def person_pathways_panel(user: Any, person: Any) -> dict[str, Any] | None:
    if not person.is_child:
        return None
    notifications = list(
        NotificationChild.objects.filter(person=person)
        .select_related("notification")
        .order_by("-notification__incident_at")[:5]
    )
    edt = list(EdtRecord.objects.filter(person=person).order_by("-received_at")[:5])
    screening = ExploitationScreening.objects.filter(person=person).order_by("-screened_at").first()
    if not (notifications or edt or screening):
        return None
    return {
        "title": "Police notifications, out of hours and exploitation",
        "template": "pathways/person_panel.html",
        "notifications": notifications,
        "edt": edt,
        "screening": screening,
        "can_police": user.can("police_screening"),
        "can_edt": user.can("edt") or user.can("acknowledge_handover"),
        "can_exploitation": user.can("exploitation"),
    }
