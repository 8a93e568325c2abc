"""Writes of the daily multi-agency screening: confirming who a child is, attendees, decisions."""

from __future__ import annotations

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from frontdoor.accounts.models import User
from frontdoor.audit.services import audit_record
from frontdoor.core.codes import Agency
from frontdoor.core.concurrency import lock_version, save_version
from frontdoor.intake.models import Channel, ConcernCategory, Contact, ParentsAware
from frontdoor.intake.services import contact_record
from frontdoor.people.models import Person
from frontdoor.people.services import chronology_add, person_create

from .encompass import notices_reroute_for_person
from .guards import can_decide, can_review_match
from .importer import chronology_for_notification, route_open_case
from .models import (
    Decision,
    IncidentType,
    MatchStatus,
    NotificationChild,
    ScreeningAttendee,
    ScreeningMeeting,
)

POLICE_ORGANISATION = "Police (public protection notification)"


def _link(
    *, actor: User, child: NotificationChild, person: Person, status: str
) -> NotificationChild:
    child.person, child.match_status = person, status
    route_open_case(child)
    save_version(
        child, actor=actor, fields=["person", "match_status", "routed_worker", "routed_referral"]
    )
    notices_reroute_for_person(child, actor=actor)
    # Audits the link ("link", with the match status) inside this transaction.
    chronology_for_notification(actor=actor, child=child)
    return child


def _locked(child: NotificationChild, version: int | None) -> NotificationChild:
    """The child row, locked, refused with `StaleRecord` if it changed since the page loaded."""
    # Only non-null joins: PostgreSQL cannot lock the nullable side of an outer join.
    return lock_version(
        NotificationChild.objects.select_related("notification"),
        child.pk,
        expected=version,
    )


@transaction.atomic
def notification_child_confirm(
    *, actor: User, child: NotificationChild, person: Person, version: int | None = None
) -> NotificationChild:
    """A MASH practitioner confirms which child in the people index the police meant."""
    child = _locked(child, version)
    reason = can_review_match(child)
    if reason:
        raise ValidationError({"person": reason})
    if not person.is_child:
        raise ValidationError({"person": "Select a child, not an adult"})
    return _link(actor=actor, child=child, person=person, status=MatchStatus.CONFIRMED)


@transaction.atomic
def notification_child_create_person(
    *,
    actor: User,
    child: NotificationChild,
    version: int | None = None,
    now: datetime | None = None,
) -> NotificationChild:
    """No one in the index is this child: add them, with the details the police gave."""
    child = _locked(child, version)
    reason = can_review_match(child)
    if reason:
        raise ValidationError({"person": reason})
    address = (
        {"line1": child.address, "postcode": child.postcode}
        if (child.address and child.postcode)
        else None
    )
    person = person_create(
        actor=actor,
        first_name=child.first_name,
        last_name=child.last_name,
        date_of_birth=child.date_of_birth,
        address=address,
        school=child.school,
        created_at=now or timezone.now(),
    )
    return _link(actor=actor, child=child, person=person, status=MatchStatus.CREATED)


@transaction.atomic
def screening_attendee_add(
    *, actor: User, day: date, name: str, agency: str, role: str = "", now: datetime | None = None
) -> ScreeningAttendee:
    """Record who attended a day's multi-agency screening, by agency."""
    errors: dict[str, str] = {}
    if not (name or "").strip():
        errors["name"] = "Enter the attendee's name"
    if agency not in Agency.values:
        errors["agency"] = "Select the attendee's agency"
    if errors:
        raise ValidationError(errors)
    meeting, created = ScreeningMeeting.objects.get_or_create(
        day=day,
        defaults={
            "created_at": now or timezone.now(),
            "created_by": actor if getattr(actor, "pk", None) else None,
        },
    )
    if created:
        audit_record(
            actor=actor,
            action="create",
            record_type="screening_meeting",
            record_id=meeting.pk,
            detail={"day": day.isoformat()},
        )
    attendee = ScreeningAttendee.objects.create(
        meeting=meeting, name=name.strip(), agency=agency, role=(role or "").strip()
    )
    audit_record(
        actor=actor,
        action="create",
        record_type="screening_attendee",
        record_id=attendee.pk,
        detail={"day": day.isoformat(), "agency": agency},
    )
    return attendee


def _contact(
    *, actor: User, child: NotificationChild, person: Person, extra: str, now: datetime
) -> Contact:
    n = child.notification
    categories = (
        [ConcernCategory.DOMESTIC_ABUSE]
        if n.incident_type == IncidentType.DOMESTIC_ABUSE
        else [ConcernCategory.OTHER]
    )
    dash = f" DASH level: {n.get_dash_level_display().lower()}." if n.dash_level else ""
    return contact_record(
        actor=actor,
        received_at=n.received_at,
        channel=Channel.POLICE,
        source="6",
        concerns=f"Police notification {n.police_reference}: {n.summary}{dash} {extra}".strip(),
        categories=categories,
        parents_aware=ParentsAware.NOT_KNOWN,
        children=[person],
        source_organisation=POLICE_ORGANISATION,
        now=now,
    )


def _screen_at_once(*, actor: User, contact: Contact, rationale: str, now: datetime) -> None:
    """A strategy discussion cannot wait in the queue: the MASH screening starts now, owned by
    the person who recorded the decision, rated red (the shortest partner-check clock)."""
    from frontdoor.screening.services import rag_set, screenings_start_for_contact

    for screening in screenings_start_for_contact(actor=actor, contact=contact, now=now):
        rag_set(
            actor=actor,
            screening=screening,
            rating="red",
            now=now,
            rationale=f"Daily screening of a police notification: strategy discussion. "
            f"{rationale.strip()}",
        )


@transaction.atomic
def notification_decision_record(
    *,
    actor: User,
    child: NotificationChild,
    decision: str,
    rationale: str,
    summary: str = "",
    risks_and_protective_factors: str = "",
    version: int | None = None,
    now: datetime | None = None,
) -> NotificationChild:
    """The daily screening's decision for one child; it feeds the same chronology, queues and
    timescales as any other contact (a MASH contact starts the one-working-day clock). The row
    is locked, so two people deciding at once cannot both succeed: the second is told who
    decided (`StaleRecord`) or that a decision exists."""
    now = now or timezone.now()
    child = _locked(child, version)
    reason = can_decide(child)
    errors: dict[str, str] = {"decision": reason} if reason else {}
    if decision not in Decision.values:
        errors["decision"] = "Select a decision for this child"
    if not (rationale or "").strip():
        errors["rationale"] = "Enter the reason for the decision"
    if errors:
        raise ValidationError(errors)
    person = child.person
    assert person is not None
    n = child.notification
    if decision == Decision.EARLY_HELP:
        from frontdoor.earlyhelp.services import stepdown_request

        stepdown_request(
            actor=actor,
            person=person,
            source=child,
            summary=summary,
            risks_and_protective_factors=risks_and_protective_factors,
            at=now,
        )
    elif decision == Decision.MASH_CONTACT:
        child.contact = _contact(
            actor=actor,
            child=child,
            person=person,
            now=now,
            extra=f"Daily screening: for MASH screening. {rationale.strip()}",
        )
    elif decision == Decision.STRATEGY:
        child.contact = _contact(
            actor=actor,
            child=child,
            person=person,
            now=now,
            extra=f"Daily multi-agency screening decided a strategy discussion is needed: "
            f"{rationale.strip()}",
        )
        _screen_at_once(actor=actor, contact=child.contact, rationale=rationale, now=now)
    child.decision, child.decision_rationale = decision, rationale.strip()
    child.decided_at, child.decided_by = now, actor if getattr(actor, "pk", None) else None
    save_version(
        child,
        actor=actor,
        fields=["decision", "decision_rationale", "decided_at", "decided_by", "contact"],
    )
    audit_record(
        actor=actor,
        action="decide",
        record_type="police_notification_child",
        record_id=child.pk,
        person_id=person.pk,
        detail={"decision": decision, "reference": n.police_reference},
    )
    chronology_add(
        person=person,
        kind="police_screening_decision",
        actor=actor,
        occurred_at=now,
        record=child,
        summary=f"Daily screening of police notification {n.police_reference}: "
        f"{child.get_decision_display().lower()}",
    )
    return child
