"""The sharing record for each path that shares information about a child today. Each is called by
that path's own service inside its transaction, so the share and its record commit together.

Working Together 2023: record what was shared, with whom and why. What is recorded is a summary; the
content stays on the source record, linked by a real foreign key.
"""

from __future__ import annotations

from django.conf import settings

from frontdoor.accounts.models import User
from frontdoor.police.models import EncompassNotice, PoliceNotification
from frontdoor.screening.models import InformationRequest, ReferrerUpdate, UpdateKind

from ..models import Direction, Purpose, SharingChannel, SharingRecord
from .record import share_record

# How the referrer was told (screening.UpdateMethod) and how a school was told
# (police.EncompassMethod), in the sharing record's channels.
METHOD_CHANNEL = {
    "phone": SharingChannel.PHONE,
    "email": SharingChannel.SECURE_EMAIL,
    "secure_email": SharingChannel.SECURE_EMAIL,
    "letter": SharingChannel.LETTER,
    "in_person": SharingChannel.IN_PERSON,
    "portal": SharingChannel.PORTAL,
}


def _mash() -> str:
    return f"{settings.COUNCIL_NAME} children's social care (MASH)"


def share_request_sent(
    *, actor: User | None, request: InformationRequest, agency_label: str
) -> SharingRecord:
    """Asking an agency what it knows tells it who the child is and what the concern is."""
    screening = request.screening
    return share_record(
        actor=actor,
        person=screening.person,
        contact=screening.contact,
        recipient=f"{agency_label} MASH representative",
        recipient_agency=agency_label,
        what="The child's identifying details and the MASH's question (information request "
        f"{request.pk})",
        why=Purpose.MASH_CHECKS,
        channel=SharingChannel.NOT_RECORDED,
        at=request.sent_at,
        source=request,
    )


def share_request_answered(*, actor: User | None, request: InformationRequest) -> SharingRecord:
    """The agency's answer: information shared with us, recorded against the child."""
    screening = request.screening
    return share_record(
        actor=actor,
        person=screening.person,
        contact=screening.contact,
        direction=Direction.RECEIVED,
        recipient=actor.display_name if actor is not None else "MASH",
        recipient_agency=_mash(),
        what=f"{request.get_agency_display()}'s answer to information request {request.pk}, "
        f"given by {request.answered_by}",
        why=Purpose.MASH_CHECKS,
        channel=SharingChannel.NOT_RECORDED,
        at=request.received_at,
        source=request,
    )


def share_referrer_update(*, actor: User, update: ReferrerUpdate) -> list[SharingRecord]:
    """One record per child on the contact: the acknowledgement or the outcome fed back."""
    contact = update.contact
    if update.kind == UpdateKind.FEEDBACK:
        what = f"The outcome of contact {contact.pk}: {contact.outcome_summary}"
    else:
        what = f"That contact {contact.pk} was received and is being screened"
    return [
        share_record(
            actor=actor,
            person=link.person,
            contact=contact,
            recipient=contact.referrer_name or contact.referrer_role or "The referrer",
            recipient_agency=contact.source_organisation or contact.get_source_display(),
            what=what,
            why=Purpose.REFERRER_FEEDBACK,
            channel=METHOD_CHANNEL[update.method],
            at=update.given_at,
            note=update.note,
            source=update,
        )
        for link in contact.children.select_related("person")
    ]


def share_encompass_notice(*, actor: User, notice: EncompassNotice) -> SharingRecord:
    """The school (or health visitor, education team or school nurse) told of a domestic abuse
    incident. A child the MASH has not matched yet is recorded through the notice alone."""
    child = notice.child
    return share_record(
        actor=actor,
        person=child.person,
        contact=child.contact,
        recipient=notice.told_name,
        recipient_agency=notice.organisation,
        what="Operation Encompass: the child was involved in a domestic abuse incident the police "
        f"reported (police reference {child.notification.police_reference})",
        why=Purpose.ENCOMPASS,
        channel=METHOD_CHANNEL[notice.method],
        at=notice.notified_at,
        note=notice.note,
        source=notice,
    )


def share_marac_referral(*, actor: User, notification: PoliceNotification) -> list[SharingRecord]:
    """A MARAC referral tells the conference about every matched child of the household."""
    return [
        share_record(
            actor=actor,
            person=child.person,
            contact=child.contact,
            recipient="MARAC coordinator",
            recipient_agency="MARAC (multi-agency risk assessment conference)",
            what="MARAC referral: the domestic abuse incident, its risk level and the children "
            f"of the household (police reference {notification.police_reference})",
            why=Purpose.MARAC,
            channel=SharingChannel.NOT_RECORDED,
            at=notification.marac_referred_at,
            note=notification.marac_note,
            source=notification,
        )
        for child in notification.children.filter(person__isnull=False).select_related(
            "person", "contact"
        )
    ]
