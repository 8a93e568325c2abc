"""Reading the audit trail."""

from __future__ import annotations

from datetime import date

from django.db.models import QuerySet

from .models import AuditEvent


def audit_views_of_person(
    *, person_id: int, username: str = "", since: date | None = None, until: date | None = None
) -> QuerySet[AuditEvent]:
    events = AuditEvent.objects.filter(person_id=person_id).select_related("actor")
    if username:
        events = events.filter(actor_username__iexact=username)
    if since:
        events = events.filter(at__date__gte=since)
    if until:
        events = events.filter(at__date__lte=until)
    return events.order_by("-at", "-id")
