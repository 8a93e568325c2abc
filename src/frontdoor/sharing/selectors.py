"""Reading the information-sharing record: a child's page (after the person gate) and the
information-governance report (for users who may view the audit trail)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Q, QuerySet

from frontdoor.accounts.models import User
from frontdoor.people.models import Person

from .models import SharingRecord

PANEL_LATEST = 3


def _for_person(person: Person) -> QuerySet[SharingRecord]:
    # An Operation Encompass notice recorded before the child was matched is found through it.
    return SharingRecord.objects.filter(
        Q(person=person) | Q(person__isnull=True, encompass_notice__child__person=person)
    )


def sharing_for_person(user: User, person: Person) -> list[SharingRecord]:
    """Everything shared about `person`, and every decision not to, newest first. `person` has been
    through the person gate (`access_person`), so the user may see the child; nobody else is shown
    on these rows but the recipient and the decider."""
    return list(_for_person(person).select_related("contact", "decided_by").order_by("-at", "-id"))


def person_sharing_panel(user: Any, person: Person) -> dict[str, Any] | None:
    """The person page's link to "What we shared, with whom and why", with the latest shares."""
    if not person.is_child:
        return None
    records = _for_person(person).select_related("decided_by").order_by("-at", "-id")
    latest = list(records[:PANEL_LATEST])
    return {
        "title": "Information sharing",
        "template": "sharing/person_panel.html",
        "latest": latest,
        "total": records.count() if len(latest) == PANEL_LATEST else len(latest),
        "person": person,
    }


@dataclass(frozen=True)
class ReportFilter:
    start: date | None = None
    end: date | None = None
    agency: str = ""
    shared: bool | None = None  # None: both shares and decisions not to share


def report_rows(user: User, filters: ReportFilter) -> QuerySet[SharingRecord]:
    """The information-governance report: every share and decision not to share, filtered. Only for
    users who may read the audit trail; names of people they may not see are masked by the view."""
    if not user.can("view_audit"):
        return SharingRecord.objects.none()
    rows = SharingRecord.objects.select_related(
        "person", "contact", "decided_by", "encompass_notice__child"
    ).order_by("-at", "-id")
    if filters.start:
        rows = rows.filter(at__date__gte=filters.start)
    if filters.end:
        rows = rows.filter(at__date__lte=filters.end)
    if filters.agency:
        rows = rows.filter(recipient_agency__icontains=filters.agency)
    if filters.shared is not None:
        rows = rows.filter(shared=filters.shared)
    return rows
