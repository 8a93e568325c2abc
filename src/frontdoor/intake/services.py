"""Recording contacts. One transaction; the audit row and chronology entries inside it."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from frontdoor.accounts.models import User
from frontdoor.audit.services import audit_record
from frontdoor.core.calendar import get_calendar
from frontdoor.people.models import Person
from frontdoor.people.services import chronology_add

from .models import NON_PROFESSIONAL_SOURCES, Contact, ContactChild


def contact_decision_deadline(received_at: datetime) -> datetime:
    """Working Together: a decision on the type of response within one working day of receipt."""
    return get_calendar().add_working_day_deadline(received_at, 1)


def contact_check(
    *,
    children: Sequence[Person] | None,
    received_at: datetime | None,
    concerns: str | None,
    anonymous: bool | None,
    source: str | None,
    referrer_name: str | None = "",
    source_organisation: str | None = "",
    now: datetime | None = None,
) -> None:
    """The rules a contact must meet, every problem at once (ValidationError field -> message).
    A value the form could not read is None: its own message is already shown, so it is skipped."""
    now = now or timezone.now()
    errors: dict[str, str] = {}
    if children is not None:
        if not children:
            errors["children"] = "Select at least one child the contact is about"
        elif any(not child.is_child for child in children):
            errors["children"] = (
                "A contact is about children: select only children or unborn children"
            )
    if received_at is not None and received_at > now:
        errors["received_at"] = "Date and time received must be now or in the past"
    if concerns is not None and not concerns.strip():
        errors["concerns"] = "Enter the concerns in the referrer's words"
    if (
        source is not None
        and not anonymous
        and source != "9"
        and not (referrer_name or source_organisation)
    ):
        errors["referrer_name"] = (
            "Enter the referrer's name or organisation, or record the contact as anonymous"
        )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def contact_record(
    *,
    actor: User | None,
    received_at: datetime,
    channel: str,
    source: str,
    concerns: str,
    parents_aware: str,
    children: Sequence[Person],
    categories: Sequence[str] = (),
    source_organisation: str = "",
    referrer_name: str = "",
    referrer_role: str = "",
    referrer_phone: str = "",
    referrer_email: str = "",
    anonymous: bool = False,
    submitted_by_partner: User | None = None,
    partner_child_details: dict[str, str] | None = None,
    now: datetime | None = None,
) -> Contact:
    """Record a contact about one or more children. The one-working-day clock starts at receipt.

    `actor` is None for a contact made by an import with no signed-in user. The route that made the
    contact (police notification, EDT record, early help step-up) links to it on its own side.
    """
    now = now or timezone.now()
    contact_check(
        children=children,
        received_at=received_at,
        concerns=concerns,
        anonymous=anonymous,
        source=source,
        referrer_name=referrer_name,
        source_organisation=source_organisation,
        now=now,
    )
    if anonymous:
        source = "9" if source in NON_PROFESSIONAL_SOURCES else source
    contact = Contact(
        received_at=received_at,
        channel=channel,
        source=source,
        concerns=concerns.strip(),
        categories=list(categories),
        parents_aware=parents_aware,
        source_organisation=source_organisation,
        referrer_name="" if anonymous else referrer_name,
        referrer_role=referrer_role,
        referrer_phone="" if anonymous else referrer_phone,
        referrer_email="" if anonymous else referrer_email,
        anonymous=anonymous or source == "9",
        referrer_confidential=source in NON_PROFESSIONAL_SOURCES,
        decision_due_at=contact_decision_deadline(received_at),
        recorded_at=now,
        recorded_by=actor if actor is not None and actor.pk else None,
        submitted_by_partner=submitted_by_partner,
        partner_child_details=partner_child_details or {},
    )
    contact.full_clean()
    contact.save()
    ContactChild.objects.bulk_create(
        [ContactChild(contact=contact, person=child) for child in children]
    )
    url = reverse("intake:contact_detail", args=[contact.pk])
    for child in children:
        chronology_add(
            person=child,
            kind="contact",
            actor=actor,
            occurred_at=received_at,
            record=contact,
            url=url,
            summary=f"Contact received ({contact.get_channel_display().lower()}, "
            f"source {contact.source}: {contact.get_source_display()})",
        )
        audit_record(
            actor=actor,
            action="create",
            record_type="contact",
            record_id=contact.pk,
            person_id=child.pk,
        )
    return contact
