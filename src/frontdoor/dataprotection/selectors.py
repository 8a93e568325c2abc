"""Reads for the data protection pages: the monthly review, and one person's holds and exports."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from frontdoor.allegations.models import Allegation
from frontdoor.audit.models import AuditEvent
from frontdoor.core.calendar import window_start
from frontdoor.people.access import RESTRICTED, restricted_ids, visible_people
from frontdoor.people.models import Person

from .models import LegalHold, SubjectAccessExport
from .retention import Retention, due_allegations, due_people, retention_for


@dataclass
class DueRow:
    person_id: int
    name: str
    hidden: bool
    kind: str
    until: date | None
    rule: str
    hold: LegalHold | None


def month_end(day: date) -> date:
    """The first day of the month after `day`: the review lists what is due before it."""
    return date(day.year + (day.month == 12), day.month % 12 + 1, 1)


def review_rows(user: Any, day: date) -> list[DueRow]:
    """People whose retention ends before the end of `day`'s month, with any legal hold; a sealed
    person this user may not see is listed as "Restricted record" with no dates."""
    due = due_people(month_end(day))
    ids = [r.person_id for r in due]
    hidden = restricted_ids(user, ids)
    people = {
        p.pk: p
        for p in Person.objects.filter(pk__in=ids).only("pk", "first_name", "last_name", "kind")
    }
    holds = {
        h.person_id: h
        for h in LegalHold.objects.filter(person_id__in=ids, released_at__isnull=True)
    }
    rows = []
    for r in due:
        person = people[r.person_id]
        secret = person.pk in hidden
        rows.append(
            DueRow(
                person_id=person.pk,
                name=RESTRICTED if secret else person.full_name,
                hidden=secret,
                kind=person.get_kind_display(),
                until=None if secret else r.until,
                rule=r.rule_label,
                hold=holds.get(person.pk),
            )
        )
    return rows


def allegations_due(day: date) -> list[tuple[Allegation, date]]:
    return due_allegations(month_end(day))


def recently_destroyed(day: date) -> list[AuditEvent]:
    """Destruction stubs of the last twelve months (ids and counts only)."""
    return list(
        AuditEvent.objects.filter(action="destroyed", at__date__gte=window_start(day, 12)).order_by(
            "-at"
        )[:200]
    )


def person_retention(person: Person) -> Retention:
    return retention_for([person.pk])[person.pk]


def person_holds(person: Person) -> list[LegalHold]:
    return list(LegalHold.objects.filter(person=person).select_related("placed_by", "released_by"))


def active_hold(person: Person) -> LegalHold | None:
    return next((h for h in person_holds(person) if h.is_active), None)


def person_exports(person: Person) -> list[SubjectAccessExport]:
    return list(SubjectAccessExport.objects.filter(person=person).select_related("exported_by"))


def person_search(user: Any, query: str) -> list[Person]:
    """People the user may see whose name matches, for finding a person from the review page."""
    words = (query or "").split()
    if not words:
        return []
    people = visible_people(user)
    for word in words[:3]:
        people = people.filter(names__first_norm__startswith=word.lower()) | people.filter(
            names__last_norm__startswith=word.lower()
        )
    return list(people.distinct().order_by("last_name", "first_name")[:25])
