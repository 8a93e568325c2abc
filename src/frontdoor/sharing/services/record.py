"""Writing the information-sharing record. Every path that shares information about a child calls
`share_record` inside its own transaction; so will letters, subject access exports and partner API
reads when they exist (docs/information-sharing.md).
"""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from frontdoor.accounts.models import User
from frontdoor.audit.services import audit_record
from frontdoor.core.templatetags.govuk import ukdatetime
from frontdoor.intake.models import Contact
from frontdoor.people.models import Person
from frontdoor.police.models import EncompassNotice, PoliceNotification
from frontdoor.screening.models import InformationRequest, ReferrerUpdate

from ..models import (
    Direction,
    NhsNumberAbsent,
    Purpose,
    SharingChannel,
    SharingRecord,
)

Source = InformationRequest | ReferrerUpdate | EncompassNotice | PoliceNotification
SOURCE_FIELD: dict[type, str] = {
    InformationRequest: "information_request",
    ReferrerUpdate: "referrer_update",
    EncompassNotice: "encompass_notice",
    PoliceNotification: "marac_notification",
}
WHAT_LIMIT = 500


def nhs_number_for(person: Person | None, absent: str = "") -> tuple[str, str]:
    """(NHS number, why absent) for a share about `person` (s16LC: the consistent identifier is
    included unless that is more detrimental to the child, or it is not known)."""
    if absent == NhsNumberAbsent.DETRIMENTAL:
        return "", absent
    if person is not None and person.nhs_number:
        return person.nhs_number, ""
    return "", NhsNumberAbsent.NOT_KNOWN


def _errors(
    *,
    what: str,
    recipient: str,
    recipient_agency: str,
    why: str,
    channel: str,
    shared: bool,
    reason_not_shared: str,
    nhs_number_absent: str,
    at: datetime,
    now: datetime,
) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not what:
        errors["what"] = "Enter a summary of the information (what was shared or asked for)"
    elif len(what) > WHAT_LIMIT:
        errors["what"] = (
            f"Summary must be {WHAT_LIMIT} characters or fewer: describe the information, "
            "do not copy the record"
        )
    if not recipient:
        errors["recipient"] = "Enter who the information was for (a name or role)"
    if not recipient_agency:
        errors["recipient_agency"] = "Enter the agency or organisation the recipient works for"
    if why not in Purpose.values:
        errors["why"] = "Select the lawful basis and purpose from the list"
    if channel not in SharingChannel.values:
        errors["channel"] = "Select how the information was (or would have been) shared"
    if not shared and not reason_not_shared:
        errors["reason_not_shared"] = (
            "Enter why the information was not shared (for example, why sharing would be more "
            "detrimental to the child than not sharing)"
        )
    if shared and reason_not_shared:
        errors["reason_not_shared"] = "A reason not to share is only for a decision not to share"
    if nhs_number_absent and nhs_number_absent not in NhsNumberAbsent.values:
        errors["nhs_number_absent"] = "Select why the NHS number is left out from the list"
    if at > now:
        errors["at"] = "The date and time must be now or in the past"
    return errors


@transaction.atomic
def share_record(
    *,
    actor: User | None,
    person: Person | None,
    contact: Contact | None = None,
    recipient: str,
    recipient_agency: str,
    what: str,
    why: str,
    channel: str,
    shared: bool = True,
    reason_not_shared: str = "",
    direction: str = Direction.SENT,
    at: datetime | None = None,
    note: str = "",
    nhs_number_absent: str = "",
    source: Source | None = None,
    now: datetime | None = None,
) -> SharingRecord:
    """Record one share of information about a child, or one decision not to share.

    `why` is a `Purpose` value (the lawful basis and purpose); `channel` a `SharingChannel` value;
    `source` the record the share came from (an information request, a referrer update, an
    Operation Encompass notice, or the police notification of a MARAC referral). The child's NHS
    number at the time is stored, or why it is absent (Children Act 2004 s16LC). `actor` is None
    only for the system itself. The database refuses a second record for the same source event.
    """
    now = now or timezone.now()
    at = at or now
    what, recipient = (what or "").strip(), (recipient or "").strip()
    recipient_agency, reason = (recipient_agency or "").strip(), (reason_not_shared or "").strip()
    errors = _errors(
        what=what,
        recipient=recipient,
        recipient_agency=recipient_agency,
        why=why,
        channel=channel,
        shared=shared,
        reason_not_shared=reason,
        nhs_number_absent=nhs_number_absent,
        at=at,
        now=now,
    )
    if person is None and not isinstance(source, EncompassNotice):
        errors["__all__"] = "Choose the child the information is about"
    if errors:
        raise ValidationError(errors)
    number, absent = nhs_number_for(person, nhs_number_absent)
    record = SharingRecord(
        person=person,
        contact=contact,
        direction=direction,
        shared=shared,
        what=what,
        recipient=recipient,
        recipient_agency=recipient_agency,
        purpose=why,
        note=(note or "").strip(),
        reason_not_shared=reason,
        channel=channel,
        at=at,
        decided_by=actor if getattr(actor, "pk", None) else None,
        recorded_at=now,
        nhs_number=number,
        nhs_number_absent=absent,
    )
    if source is not None:
        setattr(record, SOURCE_FIELD[type(source)], source)
    try:
        with transaction.atomic():
            record.save()
    except IntegrityError:
        raise ValidationError({"__all__": _duplicate_message(record, source)}) from None
    audit_record(
        actor=actor,
        action="share" if shared else "decide_not_to_share",
        record_type="sharing_record",
        record_id=record.pk,
        person_id=person.pk if person else None,
        detail={
            "recipient_agency": recipient_agency,
            "channel": channel,
            "direction": direction,
            "purpose": why,
        },
    )
    return record


def _duplicate_message(record: SharingRecord, source: Source | None) -> str:
    """The database refused a second record for one source event: name the child and the first."""
    field = SOURCE_FIELD[type(source)] if source is not None else ""
    existing = (
        SharingRecord.objects.filter(**{field: source}, person=record.person).order_by("at").first()
        if field
        else None
    )
    who = record.person.full_name if record.person else "This child"
    if existing is None:
        return f"{who} already has this share recorded"
    return (
        f"{who} already has this share recorded: {existing.recipient} "
        f"({existing.recipient_agency}) on {ukdatetime(existing.at)}"
    )
