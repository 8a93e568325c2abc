"""Reads of out-of-hours records. Lists use `visible_people`."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db.models import F, QuerySet
from django.urls import reverse

from frontdoor.accounts.models import User
from frontdoor.core.home import ROWS, HomeItem, HomeSection, end_of_today
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


def home_handovers(*, user: User, now: datetime) -> list[HomeSection]:
    """The home page's out-of-hours handovers still to acknowledge, due today or overdue."""
    waiting = handovers_waiting(user=user).filter(handover_due_at__lt=end_of_today(now))
    rows = list(waiting[:ROWS])
    return [
        HomeSection(
            "handovers",
            "Out-of-hours handovers to acknowledge",
            waiting.count(),
            [
                HomeItem(
                    label="Acknowledge the handover",
                    url=reverse("out_of_hours:detail", args=[r.pk]),
                    due=r.handover_due_at,
                    person=r.person,
                )
                for r in rows
            ],
            more_url=reverse("out_of_hours:handovers"),
            more_label="All handovers",
            empty="No handover is waiting.",
            overdue=waiting.filter(handover_due_at__lt=now).count(),
        )
    ]


def home_own_records(*, user: User, now: datetime) -> list[HomeSection]:
    """The out-of-hours worker's home page: their records the MASH has not acknowledged yet,
    the most overdue first (the handover is the MASH's to take; this shows it has not been)."""
    waiting = handovers_waiting(user=user).filter(recorded_by=user)
    rows = list(waiting[:ROWS])
    return [
        HomeSection(
            "own_handovers",
            "Your records not yet acknowledged by the MASH",
            waiting.count(),
            [
                HomeItem(
                    label="Handover not acknowledged",
                    url=reverse("out_of_hours:detail", args=[r.pk]),
                    due=r.handover_due_at,
                    person=r.person,
                )
                for r in rows
            ],
            more_url=reverse("out_of_hours:home"),
            more_label="Out-of-hours records",
            empty="The MASH has acknowledged every record you handed over.",
            overdue=waiting.filter(handover_due_at__lt=now).count(),
        )
    ]
