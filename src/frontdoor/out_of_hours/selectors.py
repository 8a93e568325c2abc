"""Reads of out-of-hours records. Lists use `visible_people`."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db.models import F, QuerySet

from frontdoor.accounts.models import User
from frontdoor.people.access import visible_people

from .models import EdtRecord


def edt_records(*, user: User) -> QuerySet[EdtRecord]:
    return (
        EdtRecord.objects.filter(person__in=visible_people(user))
        .select_related("person", "acknowledged_by")
        .order_by("-received_at")
    )


def handovers_waiting(*, user: User) -> QuerySet[EdtRecord]:
    """Handovers not yet acknowledged, the most overdue first."""
    return (
        EdtRecord.objects.filter(acknowledged_at__isnull=True, person__in=visible_people(user))
        .select_related("person", "recorded_by")
        .order_by("handover_due_at", "pk")
    )


def handovers_late(*, user: User, now: datetime, days: int = 30) -> QuerySet[EdtRecord]:
    """Handovers acknowledged after they were due, in the last `days` days (for managers)."""
    return (
        EdtRecord.objects.filter(
            acknowledged_at__gt=F("handover_due_at"),
            acknowledged_at__gte=now - timedelta(days=days),
            person__in=visible_people(user),
        )
        .select_related("person", "acknowledged_by")
        .order_by("-acknowledged_at")
    )
