"""Builders for sharing tests. Police notifications are built directly (the police area's own tests
cover importing them); contacts and screenings go through the real services."""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone

from frontdoor.people.models import Person
from frontdoor.police.encompass import encompass_due
from frontdoor.police.models import EncompassNotice, NotificationChild, PoliceNotification


def notification(at: datetime, reference: str = "PPN-SH-1", **kw: object) -> PoliceNotification:
    return PoliceNotification.objects.create(
        police_reference=reference,
        incident_at=at,
        incident_type="domestic_abuse",
        summary="Domestic incident; the children were upstairs.",
        received_at=at,
        screening_day=timezone.localtime(at).date(),
        **kw,
    )


def police_child(
    parent: PoliceNotification, person: Person | None, first: str = "Amy", row: int = 1
) -> NotificationChild:
    return NotificationChild.objects.create(
        notification=parent,
        row_number=row,
        first_name=person.first_name if person else first,
        last_name=person.last_name if person else "Unmatched",
        date_of_birth=person.date_of_birth
        if person and person.date_of_birth
        else datetime(2014, 5, 1).date(),
        present=True,
        person=person,
        match_status="linked" if person else "awaiting_review",
    )


def school_notice(
    child: NotificationChild, organisation: str = "Oakfield Primary"
) -> EncompassNotice:
    return EncompassNotice.objects.create(
        child=child,
        recipient="school_dsl",
        organisation=organisation,
        routing_reason="School age",
        due_at=encompass_due(child.notification.incident_at),
    )
