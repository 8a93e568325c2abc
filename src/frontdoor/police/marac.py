"""MARAC: the multi-agency risk assessment conference for high-risk domestic abuse (DOMAIN.md §2).

A notification is flagged for a MARAC referral when the DASH level is high (visible high risk,
14 or more ticks) or when it is the third or later incident in 12 months for the same victim or
household (potential escalation). The referral is recorded when it is made.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from frontdoor.accounts.models import User
from frontdoor.audit.services import audit_record
from frontdoor.core.concurrency import lock_version, save_version
from frontdoor.people.services import chronology_add
from frontdoor.sharing.services import share_marac_referral

from .models import DashLevel, NotificationChild, PoliceNotification
from .selectors import twelve_months_before

ESCALATION_INCIDENTS = 3


def incidents_in_window(notification: PoliceNotification) -> int:
    """Incidents (this one included) in the 12 months up to this one, same victim or household."""
    start, end = twelve_months_before(notification.incident_at), notification.incident_at
    ids: set[int] = set()
    if notification.victim_key:
        ids |= set(
            PoliceNotification.objects.filter(
                victim_key=notification.victim_key, incident_at__range=(start, end)
            ).values_list("pk", flat=True)
        )
    households = set(
        NotificationChild.objects.filter(
            notification=notification, person__household__isnull=False
        ).values_list("person__household_id", flat=True)
    )
    if households:
        ids |= set(
            NotificationChild.objects.filter(
                person__household_id__in=households, notification__incident_at__range=(start, end)
            ).values_list("notification_id", flat=True)
        )
    ids.add(notification.pk)
    return len(ids)


def marac_reason_for(notification: PoliceNotification) -> str:
    return _reason(notification, incidents_in_window(notification))


def marac_reasons(
    notifications: list[PoliceNotification], households: dict[int, set[int]]
) -> dict[int, str]:
    """The MARAC reason of each of these saved notifications (an import's batch, by id), counted
    as `incidents_in_window` counts one, in two queries for the batch. `households`: the
    household ids of each notification's matched children."""
    if not notifications:
        return {}
    windows = {n.pk: (twelve_months_before(n.incident_at), n.incident_at) for n in notifications}
    span = (min(s for s, _ in windows.values()), max(e for _, e in windows.values()))
    keys = {n.victim_key for n in notifications if n.victim_key}
    # By key only (its index), windows checked below: a date range here would lead the database
    # to read every notification of the year instead.
    by_key = _timelines(
        PoliceNotification.objects.filter(victim_key__in=keys).values_list(
            "victim_key", "incident_at", "pk"
        )
    )
    wanted = set().union(*households.values()) if households else set()
    by_household = _timelines(
        NotificationChild.objects.filter(
            person__household_id__in=wanted, notification__incident_at__range=span
        ).values_list("person__household_id", "notification__incident_at", "notification_id")
    )
    reasons = {}
    for n in notifications:
        start, end = windows[n.pk]
        ids = {n.pk}
        for timeline in [by_key.get(n.victim_key)] + [
            by_household.get(h) for h in households.get(n.pk, set())
        ]:
            if timeline:
                times, pks = timeline
                ids.update(pks[bisect_left(times, start) : bisect_right(times, end)])
        reasons[n.pk] = _reason(n, len(ids))
    return reasons


def _timelines(
    rows: Iterable[tuple[Any, datetime, int]],
) -> dict[Any, tuple[list[datetime], list[int]]]:
    """For each key: its incidents' times in order, and their notification ids in that order."""
    grouped: dict[Any, list[tuple[datetime, int]]] = {}
    for key, at, pk in rows:
        grouped.setdefault(key, []).append((at, pk))
    return {
        key: ([at for at, _ in items], [pk for _, pk in items])
        for key, items in ((k, sorted(v)) for k, v in grouped.items())
    }


def _reason(notification: PoliceNotification, count: int) -> str:
    reasons = []
    if notification.dash_level == DashLevel.HIGH:
        reasons.append("DASH high risk")
    if count >= ESCALATION_INCIDENTS:
        reasons.append(f"{count} incidents in 12 months for the same victim or household")
    return "; ".join(reasons)


@transaction.atomic
def marac_referral_record(
    *,
    actor: User,
    notification: PoliceNotification,
    referred_at: datetime | None,
    note: str = "",
    version: int | None = None,
    now: datetime | None = None,
) -> PoliceNotification:
    """Record that a MARAC referral was made. Without a flag it needs the professional judgement.
    The notification is locked: of two people recording at once, the second is told who did."""
    now = now or timezone.now()
    notification = lock_version(PoliceNotification.objects.all(), notification.pk, expected=version)
    errors: dict[str, str] = {}
    if notification.marac_referred_at is not None:
        errors["referred_at"] = "A MARAC referral has already been recorded for this notification"
    elif referred_at is None:
        errors["referred_at"] = "Enter the date and time the MARAC referral was made"
    elif referred_at > now:
        errors["referred_at"] = "Date and time of the referral must be now or in the past"
    if not notification.marac_reason and not (note or "").strip():
        errors["note"] = (
            "This notification is not flagged for MARAC: enter the professional "
            "judgement for the referral"
        )
    if errors:
        raise ValidationError(errors)
    notification.marac_referred_at = referred_at
    notification.marac_referred_by = actor if getattr(actor, "pk", None) else None
    notification.marac_note = (note or "").strip()
    save_version(
        notification,
        actor=actor,
        fields=["marac_referred_at", "marac_referred_by", "marac_note"],
    )
    children = list(notification.children.filter(person__isnull=False).select_related("person"))
    audit_record(
        actor=actor,
        action="marac_referral",
        record_type="police_notification",
        record_id=notification.pk,
        detail={"reason": notification.marac_reason},
    )
    for child in children:
        assert child.person is not None
        chronology_add(
            person=child.person,
            kind="marac_referral",
            actor=actor,
            occurred_at=referred_at,
            record=notification,
            summary=f"MARAC referral made after police notification "
            f"{notification.police_reference}",
        )
    share_marac_referral(actor=actor, notification=notification)
    return notification
