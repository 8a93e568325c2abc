"""Sealing and unsealing a person's record, and the periodic review of seals.

A sealed record opens only for the users on the person's access list (DOMAIN.md §11: sealed or
restricted records visible only to named people and reviewed periodically). `Person.sealed` is the
flag every gate reads; the `Seal` rows keep why, who and when, and the reviews.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from frontdoor.accounts.models import User
from frontdoor.audit.services import audit_record
from frontdoor.core.concurrency import lock_version, save_version
from frontdoor.core.templatetags.govuk import ukdate

from ..access import shown_name
from ..guards import review_refusal, seal_refusal, unseal_refusal
from ..models import Person, PersonAccess, Seal, SealReview
from .records import person_access_grant, person_access_revoke


def _refresh(person: Person, locked: Person) -> None:
    """Keep the caller's object in step with what was saved."""
    for name in ("sealed", "version", "changed_at", "changed_by_id"):
        setattr(person, name, getattr(locked, name))


def person_seal(
    *,
    actor: User | None,
    person: Person,
    reason: str,
    access: Iterable[User] = (),
    expected_version: int | None = None,
    at: datetime | None = None,
) -> Seal:
    """Seal a person's record with a reason. The access list becomes those already on it and the
    users in `access` (the seal page includes the person sealing it, so they can manage the list);
    every addition is audited. `actor=None` is the system (tests, imports): no role check."""
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": "Enter why this record is being sealed"})
    try:
        with transaction.atomic():
            locked = lock_version(Person.objects.all(), person.pk, expected=expected_version)
            if actor is not None and (refusal := seal_refusal(actor=actor, person=locked)):
                raise ValidationError(refusal)
            if locked.sealed:
                raise ValidationError("This record is already sealed")
            locked.sealed = True
            save_version(locked, actor=actor, fields=["sealed"])
            seal = Seal(
                person=locked,
                reason=reason,
                sealed_at=at or timezone.now(),
                sealed_by=actor if getattr(actor, "pk", None) else None,
            )
            seal.full_clean(exclude=["person"])
            seal.save()
            audit_record(
                actor=actor,
                action="seal",
                record_type="person",
                record_id=locked.pk,
                person_id=locked.pk,
                detail={"reason": reason, "seal": seal.pk},
            )
            chosen = {u.pk: u for u in access}
            listed = set(PersonAccess.objects.filter(person=locked).values_list("user", flat=True))
            for user in chosen.values():
                if user.pk not in listed:
                    person_access_grant(actor=actor, person=locked, user=user)
    except IntegrityError:
        # Another seal won a race past the guard: the database keeps one open seal per person.
        raise ValidationError(_already_sealed(actor, person)) from None
    _refresh(person, locked)
    return seal


def _already_sealed(actor: User | None, person: Person) -> str:
    seal = Seal.objects.filter(person_id=person.pk, unsealed_at__isnull=True).first()
    name = shown_name(actor, person)
    if seal is None:
        return f"{name}'s record was sealed by someone else while you were sealing it"
    return f"{name}'s record is already sealed, since {ukdate(seal.sealed_at)}"


def person_unseal(
    *, actor: User | None, person: Person, reason: str, expected_version: int | None = None
) -> Seal | None:
    """Unseal a person's record with a reason: the open seal is closed (kept as history) and the
    access list is cleared (each removal audited), so sealing again means choosing it again."""
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": "Enter why this record no longer needs to be sealed"})
    with transaction.atomic():
        locked = lock_version(Person.objects.all(), person.pk, expected=expected_version)
        if actor is not None and (refusal := unseal_refusal(actor=actor, person=locked)):
            raise ValidationError(refusal)
        if not locked.sealed:
            raise ValidationError("This record is not sealed")
        locked.sealed = False
        save_version(locked, actor=actor, fields=["sealed"])
        seal = Seal.objects.select_for_update().filter(person=locked, unsealed_at=None).first()
        if seal is not None:
            seal.unsealed_at = timezone.now()
            seal.unsealed_by = actor if getattr(actor, "pk", None) else None
            seal.unseal_reason = reason
            save_version(seal, actor=actor, fields=["unsealed_at", "unsealed_by", "unseal_reason"])
        audit_record(
            actor=actor,
            action="unseal",
            record_type="person",
            record_id=locked.pk,
            person_id=locked.pk,
            detail={"reason": reason, "seal": seal.pk if seal else None},
        )
        for entry in PersonAccess.objects.filter(person=locked).select_related("user"):
            person_access_revoke(actor=actor, person=locked, user=entry.user)
    _refresh(person, locked)
    return seal


def seal_review(
    *, actor: User, seal: Seal, note: str = "", expected_version: int | None
) -> SealReview:
    """Record "reviewed: keep sealed" on a seal whose last check is 12 calendar months old or more;
    its next review falls due 12 months from today."""
    with transaction.atomic():
        locked = lock_version(
            Seal.objects.select_related("person"), seal.pk, expected=expected_version
        )
        refusal = review_refusal(actor=actor, seal=locked, today=timezone.localdate())
        if refusal:
            raise ValidationError(refusal)
        review = SealReview.objects.create(
            seal=locked, reviewed_at=timezone.now(), reviewed_by=actor, note=note.strip()
        )
        locked.reviewed_at = review.reviewed_at
        save_version(locked, actor=actor, fields=["reviewed_at"])
        audit_record(
            actor=actor,
            action="seal_review",
            record_type="seal",
            record_id=locked.pk,
            person_id=locked.person_id,
            detail={"decision": "keep_sealed", "review": review.pk},
        )
    return review
