"""Emergency duty team records and their handover to the day service (DOMAIN.md §8)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from frontdoor.accounts.models import User
from frontdoor.audit.services import audit_record
from frontdoor.core.calendar import LONDON, get_calendar
from frontdoor.core.concurrency import lock_version, save_version
from frontdoor.intake.models import Channel, ParentsAware
from frontdoor.intake.services import contact_record
from frontdoor.people.models import Person
from frontdoor.people.services import chronology_add

from .models import EdtAction, EdtRecord

# The referral source (CIN census) of a contact made from an EDT call, by the caller's agency.
SOURCE_BY_AGENCY = {
    "police": "6",
    "health": "3F",
    "education": "2B",
    "probation": "7",
    "housing": "4",
    "family": "1A",
    "other_la": "5C",
    "adult_social_care": "5A",
    "early_help": "5D",
    "voluntary": "8",
    "social_care": "5B",
    "other": "8",
}


def handover_due(received_at: datetime) -> datetime:
    """Local practice: out-of-hours work is handed to the day service by EDT_HANDOVER_TIME
    (default 09:00) on the next working day. Work done in the small hours of a working day,
    before that time, belongs to the night's shift and is due at that time the same morning."""
    cal = get_calendar()
    at = settings.EDT_HANDOVER_TIME
    local = received_at.astimezone(LONDON)
    if cal.is_working_day(local.date()) and local.time() < at:
        return datetime.combine(local.date(), at, tzinfo=LONDON)
    return cal.at_next_working_day(received_at, at)


@transaction.atomic
def edt_record_create(
    *,
    actor: User,
    person: Person,
    received_at: datetime | None,
    caller_name: str,
    caller_agency: str,
    caller_phone: str = "",
    address: str = "",
    request: str,
    can_wait: bool | None,
    risk_judgement: str,
    actions: Sequence[str],
    actions_other: str = "",
    rationale: str,
    now: datetime | None = None,
) -> EdtRecord:
    """Record out-of-hours work. It becomes a handover due to the day service at once."""
    now = now or timezone.now()
    errors: dict[str, str] = {}
    if not person.is_child:
        errors["person"] = "An out-of-hours record is about a child: select a child"
    if received_at is None:
        errors["received_at"] = "Enter the date and time of the call"
    elif received_at > now:
        errors["received_at"] = "Date and time of the call must be now or in the past"
    if not (caller_name or "").strip():
        errors["caller_name"] = "Enter the caller's name"
    if not (request or "").strip():
        errors["request"] = "Enter what the caller asked for"
    if can_wait is None:
        errors["can_wait"] = "Say whether it could safely wait until the next working day"
    if not (risk_judgement or "").strip():
        errors["risk_judgement"] = "Enter the risk judgement"
    if not actions:
        errors["actions"] = "Select the actions taken"
    elif any(a not in EdtAction.values for a in actions):
        errors["actions"] = "Select only the actions listed"
    elif EdtAction.OTHER in actions and not (actions_other or "").strip():
        errors["actions_other"] = "Say what the other action was"
    if not (rationale or "").strip():
        errors["rationale"] = "Enter the rationale for the decisions taken"
    if errors:
        raise ValidationError(errors)
    assert received_at is not None and can_wait is not None
    record = EdtRecord.objects.create(
        received_at=received_at,
        caller_name=caller_name.strip(),
        caller_agency=caller_agency,
        caller_phone=caller_phone.strip(),
        person=person,
        address=address.strip(),
        request=request.strip(),
        can_wait=can_wait,
        risk_judgement=risk_judgement.strip(),
        actions=list(actions),
        actions_other=actions_other.strip(),
        rationale=rationale.strip(),
        recorded_at=now,
        recorded_by=actor if getattr(actor, "pk", None) else None,
        handover_due_at=handover_due(received_at),
    )
    audit_record(
        actor=actor,
        action="create",
        record_type="edt_record",
        record_id=record.pk,
        person_id=person.pk,
    )
    chronology_add(
        person=person,
        kind="out_of_hours",
        actor=actor,
        occurred_at=received_at,
        record=record,
        summary=f"Out-of-hours call from {record.get_caller_agency_display().lower()}: "
        f"{', '.join(record.action_labels).lower()}",
    )
    return record


@transaction.atomic
def edt_handover_acknowledge(
    *,
    actor: User,
    record: EdtRecord,
    create_contact: bool,
    note: str = "",
    version: int | None = None,
    now: datetime | None = None,
) -> EdtRecord:
    """The MASH picks up a handover; where the work needs screening it becomes a contact
    (channel out of hours) and starts the same one-working-day clock as any other. The record
    is locked: of two people acknowledging at once, the second is told who did, and no second
    contact is made."""
    now = now or timezone.now()
    record = lock_version(EdtRecord.objects.select_related("person"), record.pk, expected=version)
    if record.acknowledged_at is not None:
        raise ValidationError({"note": "This handover has already been acknowledged"})
    if not create_contact and not (note or "").strip():
        raise ValidationError({"note": "Enter why no contact is needed"})
    if create_contact:
        record.contact = contact_record(
            actor=actor,
            received_at=record.received_at,
            channel=Channel.OUT_OF_HOURS,
            source=SOURCE_BY_AGENCY.get(record.caller_agency, "8"),
            concerns=f"Out-of-hours call: {record.request}\nEDT risk judgement: "
            f"{record.risk_judgement}\nActions: {', '.join(record.action_labels)}. "
            f"Rationale: {record.rationale}",
            parents_aware=ParentsAware.NOT_KNOWN,
            children=[record.person],
            categories=["other"],
            source_organisation=record.get_caller_agency_display(),
            referrer_name=record.caller_name,
            referrer_phone=record.caller_phone,
            now=now,
        )
    record.acknowledged_at = now
    record.acknowledged_by = actor if getattr(actor, "pk", None) else None
    record.acknowledgement_note = (note or "").strip()
    save_version(
        record,
        actor=actor,
        fields=["acknowledged_at", "acknowledged_by", "acknowledgement_note", "contact"],
    )
    audit_record(
        actor=actor,
        action="acknowledge",
        record_type="edt_record",
        record_id=record.pk,
        person_id=record.person_id,
        detail={"late": record.acknowledged_late, "contact": record.contact_id},
    )
    chronology_add(
        person=record.person,
        kind="out_of_hours",
        actor=actor,
        occurred_at=now,
        record=record,
        summary="Out-of-hours handover acknowledged by the MASH"
        + (" and recorded as a contact" if record.contact_id else ""),
    )
    return record
