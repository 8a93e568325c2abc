"""Reads for case notes: a child's notes, and the management oversight still to record — on the
child's record (`oversight_needed`) and for a manager's home page (`oversight_due`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone

from frontdoor.accounts.models import User
from frontdoor.core.calendar import get_calendar, months_before
from frontdoor.people.models import ChronologyEntry, Person

from .models import CaseNote, NoteKind, OversightPoint

# Council practice standard: oversight is recorded within 5 working days of the decision,
# allocation or sign-off. Points older than 3 calendar months are not raised (history before case
# notes existed is not a to-do list).
OVERSIGHT_WORKING_DAYS = 5
OVERSIGHT_LOOKBACK_MONTHS = 3


@dataclass(frozen=True)
class OversightDue:
    person: Person
    point: str  # OversightPoint value
    label: str  # "Screening decision"
    happened_at: datetime
    due: datetime
    url: str  # the record the point is about


def notes_of(*, person: Person) -> QuerySet[CaseNote]:
    """The child's case notes, newest event first (the child is already through the gate)."""
    return (
        CaseNote.objects.filter(person=person)
        .select_related("created_by")
        .prefetch_related("seen", "amendments__amended_by")
    )


def open_oversight_points(now: datetime) -> QuerySet[ChronologyEntry]:
    """Oversight points of the last 3 months with no management oversight note dated at or after
    them."""
    covered = CaseNote.objects.filter(
        person_id=OuterRef("person_id"),
        kind=NoteKind.MANAGEMENT_OVERSIGHT,
        occurred_at__gte=OuterRef("occurred_at"),
    )
    since = datetime.combine(
        months_before(timezone.localdate(now), OVERSIGHT_LOOKBACK_MONTHS),
        datetime.min.time(),
        tzinfo=timezone.get_current_timezone(),
    )
    return (
        ChronologyEntry.objects.filter(
            kind__in=OversightPoint.values, occurred_at__gte=since, occurred_at__lte=now
        )
        .filter(~Exists(covered))
        .select_related("person")
        .order_by("occurred_at", "id")
    )


def _due(entry: ChronologyEntry) -> OversightDue:
    return OversightDue(
        person=entry.person,
        point=entry.kind,
        label=str(OversightPoint(entry.kind).label),
        happened_at=entry.occurred_at,
        due=get_calendar().add_working_day_deadline(entry.occurred_at, OVERSIGHT_WORKING_DAYS),
        url=entry.url,
    )


def oversight_needed(*, person: Person, now: datetime | None = None) -> list[OversightDue]:
    """The oversight points on this child's record still waiting for a manager's note."""
    return [_due(e) for e in open_oversight_points(now or timezone.now()).filter(person=person)]


def oversight_due(user: User, *, now: datetime | None = None) -> list[OversightDue]:
    """For a manager's home page: management oversight their team still has to record, oldest
    first — the points (screening decisions, allocations, assessment sign-offs) made by the manager
    or anyone in their team, with no oversight note since. Empty for anyone who does not record
    oversight. Sealed children are included: show them with `name_or_restricted`."""
    if not user.can("management_oversight"):
        return []
    points = open_oversight_points(now or timezone.now())
    points = (
        points.filter(actor__team_id=user.team_id)
        if user.team_id
        else points.filter(actor_id=user.pk)
    )
    latest: dict[int, ChronologyEntry] = {}
    for entry in points:
        latest[entry.person_id] = entry  # one line per child: the latest point
    return sorted((_due(e) for e in latest.values()), key=lambda d: d.due)


def person_notes_panel(user: User, person: Person) -> dict[str, Any] | None:
    """The case notes panel on the person page (the person is through the gate): the oversight
    still needed, the five latest notes and links to all of them and to add one."""
    if not user.can("view_chronology"):
        return None
    return {
        "title": "Case notes",
        "template": "casenotes/person_panel.html",
        "person": person,
        "notes": list(notes_of(person=person)[:5]),
        "oversight": oversight_needed(person=person),
        "may_write": user.can("case_notes"),
        "may_oversee": user.can("management_oversight"),
    }
