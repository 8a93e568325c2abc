"""Starting screenings (one per child on a contact) and taking ownership of one."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from frontdoor.accounts.models import User
from frontdoor.audit.services import audit_record
from frontdoor.core.concurrency import save_version
from frontdoor.intake.models import Contact, ContactChild, ContactStatus

from .. import guards
from ..models import Screening
from .common import event, locked, refuse, user_or_none


@transaction.atomic
def screening_start(
    *,
    actor: User | None,
    contact_child: ContactChild,
    take: bool = True,
    now: datetime | None = None,
) -> Screening:
    """Start the screening of one child on a contact (or return the one already started)."""
    existing = Screening.objects.filter(contact_child=contact_child).first()
    if existing is not None:
        return existing
    now = now or timezone.now()
    user = user_or_none(actor)
    # The link's contact and person (usually already loaded) go on the screening, saving queries.
    screening = Screening.objects.create(
        contact_child=contact_child,
        contact=contact_child.contact,
        person=contact_child.person,
        owner=user if take else None,
        started_at=now,
        started_by=user,
    )
    event(
        screening,
        actor=actor,
        kind="screening",
        at=now,
        action="create",
        summary=f"Screening started{' by ' + user.display_name if take and user else ''}",
    )
    return screening


@transaction.atomic
def screenings_start_for_contact(
    *, actor: User | None, contact: Contact, take: bool = True, now: datetime | None = None
) -> list[Screening]:
    """Start screenings for every child on a contact, so siblings are screened together.

    The contact's row is locked first, so two practitioners pressing "Start screening" at once
    make one screening per child, not two."""
    locked(contact, None)
    if contact.status != ContactStatus.OPEN:
        raise ValidationError(
            {"__all__": "This contact has been decided: it cannot be screened again"}
        )
    result = []
    for link in contact.children.select_related("person").order_by("pk"):
        link.contact = contact
        screening = screening_start(actor=actor, contact_child=link, take=take, now=now)
        if take and screening.owner_id is None and actor is not None and actor.pk:
            screening_take(actor=actor, screening=screening, now=now)
        result.append(screening)
    return result


@transaction.atomic
def screening_take(
    *,
    actor: User,
    screening: Screening,
    version: int | None = None,
    now: datetime | None = None,
) -> Screening:
    """Take ownership of a screening (from the team queue, or from a colleague)."""
    locked(screening, version)
    refuse(guards.can_work_on(actor, screening))
    previous = screening.owner
    screening.owner = actor
    save_version(screening, actor=actor, fields=["owner"])
    audit_record(
        actor=actor,
        action="take",
        record_type="screening",
        record_id=screening.pk,
        person_id=screening.person_id,
        detail={"previous_owner": getattr(previous, "username", None)},
    )
    return screening
