"""Break-glass: emergency, time-limited access to one person's record, with a reason."""

from __future__ import annotations

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from frontdoor.accounts.models import User
from frontdoor.audit.services import audit_record
from frontdoor.people.models import Person

from .. import guards
from ..models import BreakGlassGrant

# One hour: long enough to deal with an emergency, short enough that access does not linger.
BREAK_GLASS_MINUTES = 60


def break_glass_open(*, actor: User, person_id: int, reason: str) -> BreakGlassGrant:
    """Give `actor` access to one person's record for an hour, with a reason (audited against the
    person, so it shows on their "who has viewed" page)."""
    reason = reason.strip()
    if len(reason) < 10:
        raise ValidationError(
            {"reason": "Enter the reason for the emergency access, in at least 10 characters"}
        )
    person = Person.objects.filter(pk=person_id).first()
    if refusal := guards.break_glass_refusal(actor=actor, person=person):
        raise ValidationError({"person": refusal})
    assert person is not None
    now = timezone.now()
    try:
        with transaction.atomic():
            # A grant that has run out is closed before a new one is opened.
            for old in BreakGlassGrant.objects.select_for_update().filter(
                user=actor, person=person, ended_at__isnull=True, expires_at__lte=now
            ):
                old.ended_at = old.expires_at
                old.save(update_fields=["ended_at"])
            grant = BreakGlassGrant.objects.create(
                user=actor,
                person=person,
                reason=reason,
                granted_at=now,
                expires_at=now + timedelta(minutes=BREAK_GLASS_MINUTES),
            )
            audit_record(
                actor=actor,
                action="break_glass_granted",
                record_type="break_glass_grant",
                record_id=grant.pk,
                person_id=person.pk,
                detail={"reason": reason, "expires_at": grant.expires_at.isoformat()},
            )
    except IntegrityError as error:
        raise ValidationError(
            {"person": "You already have break-glass access to this record. Open it from the list"}
        ) from error
    return grant


def break_glass_end(*, actor: User, grant_id: int) -> BreakGlassGrant:
    """End one of your own grants before it runs out (audited against the person)."""
    with transaction.atomic():
        grant = (
            BreakGlassGrant.objects.select_for_update()
            .filter(pk=grant_id, user=actor, ended_at__isnull=True)
            .first()
        )
        if grant is None:
            raise ValidationError("That break-glass access has already ended")
        grant.ended_at = min(timezone.now(), grant.expires_at)
        grant.save(update_fields=["ended_at"])
        audit_record(
            actor=actor,
            action="break_glass_ended",
            record_type="break_glass_grant",
            record_id=grant.pk,
            person_id=grant.person_id,
            detail={},
        )
    return grant
