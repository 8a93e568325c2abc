"""What the referrer was told: the acknowledgement and the outcome feedback."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from frontdoor.accounts.models import User
from frontdoor.audit.services import audit_record
from frontdoor.core.concurrency import save_version
from frontdoor.intake.models import Contact, ContactStatus
from frontdoor.people.services import chronology_add
from frontdoor.sharing.services import share_referrer_update

from ..models import ReferrerUpdate, UpdateKind
from .common import locked


@transaction.atomic
def referrer_update_record(
    *,
    actor: User,
    contact: Contact,
    kind: str,
    method: str,
    given_at: datetime | None = None,
    note: str = "",
    version: int | None = None,
    now: datetime | None = None,
) -> ReferrerUpdate:
    """Record that the referrer was acknowledged (within one working day) or told the outcome.

    Working Together / KCSIE: acknowledge within one working day and feed back the outcome,
    except to anonymous referrers. The contact's version is checked, so nobody records feedback
    from a page showing an outcome that has since changed, and two people recording the same
    acknowledgement at once are told the other did it.
    """
    locked(contact, version)
    now = now or timezone.now()
    given_at = given_at or now
    errors: dict[str, str] = {}
    if contact.anonymous:
        errors["__all__"] = "The referrer is anonymous: no acknowledgement or feedback is owed"
    elif kind == UpdateKind.FEEDBACK and contact.status != ContactStatus.DECIDED:
        errors["kind"] = (
            "Outcome feedback can be given once every child on the contact has an authorised decision"
        )
    elif kind not in UpdateKind.values:
        errors["kind"] = "Select acknowledgement or outcome feedback"
    if not method:
        errors["method"] = "Select how the referrer was told"
    if given_at > now:
        errors["given_at"] = "The time must be now or in the past"
    elif given_at < contact.received_at:
        errors["given_at"] = "The time must be after the contact was received"
    if errors:
        raise ValidationError(errors)
    update = ReferrerUpdate.objects.create(
        contact=contact,
        kind=kind,
        method=method,
        given_at=given_at,
        given_by=actor,
        note=(note or "").strip(),
    )
    save_version(contact, actor=actor, fields=[])
    label = (
        "Referrer acknowledged"
        if kind == UpdateKind.ACKNOWLEDGEMENT
        else "Outcome fed back to the referrer"
    )
    url = reverse("intake:contact_detail", args=[contact.pk])
    for link in contact.children.select_related("person"):
        chronology_add(
            person=link.person,
            kind=f"referrer_{kind}",
            actor=actor,
            occurred_at=given_at,
            record=update,
            url=url,
            summary=f"{label} ({update.get_method_display().lower()})",
        )
        audit_record(
            actor=actor,
            action="create",
            record_type="referrer_update",
            record_id=update.pk,
            person_id=link.person_id,
            detail={"kind": kind, "contact": contact.pk},
        )
    share_referrer_update(actor=actor, update=update)
    return update
