"""A record a step-down can come from, for early help tests: one child of a police notification
(the smallest of the three sources to build). The notification is built directly; the police area's
own tests cover how notifications are imported."""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone

from frontdoor.people.models import Person
from frontdoor.police.models import NotificationChild, PoliceNotification


def make_source(person: Person, at: datetime | None = None) -> NotificationChild:
    at = at or timezone.now()
    notification = PoliceNotification.objects.create(
        police_reference=f"PPN-EH-{PoliceNotification.objects.count() + 1}",
        incident_at=at,
        incident_type="domestic_abuse",
        summary="Domestic incident; the child was present.",
        received_at=at,
        screening_day=timezone.localtime(at).date(),
    )
    return NotificationChild.objects.create(
        notification=notification,
        row_number=1,
        first_name=person.first_name,
        last_name=person.last_name,
        date_of_birth=person.date_of_birth,
        present=True,
        person=person,
        match_status="linked",
    )
