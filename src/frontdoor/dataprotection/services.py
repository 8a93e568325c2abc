"""Writes for data protection: legal holds, destruction under the retention schedule, and the
subject access export (export/). One transaction each, audited inside it."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.utils import timezone

from frontdoor.accounts.models import User
from frontdoor.allegations.models import Allegation, AllegationChild
from frontdoor.audit.services import audit_record
from frontdoor.core.concurrency import lock_version, save_version
from frontdoor.core.four_eyes import four_eyes_check
from frontdoor.people.models import Person

from .destruction import destroy_allegation_records, destroy_person_records
from .guards import destruction_refused, hold_place_refused, hold_release_refused
from .models import LegalHold
from .retention import allegation_until, retention_for


class DestructionRefused(Exception):
    """A person (or allegation) that may not be destroyed: the message says why."""


def _active_hold(person_id: int) -> LegalHold | None:
    return (
        LegalHold.objects.select_related("placed_by")
        .filter(person_id=person_id, released_at__isnull=True)
        .first()
    )


def legal_hold_place(*, actor: User, person: Person, reason: str) -> LegalHold:
    """Place a legal hold: nothing about the person is destroyed until it is released (UK GDPR
    Article 17(3)(e): erasure does not apply where data are needed for legal claims)."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            {"reason": "Enter why the records must be kept, for example the claim or inquiry"}
        )
    with transaction.atomic():
        # Lock the person so two holds placed at once queue up (SQLite serialises writers anyway).
        list(Person.objects.select_for_update().filter(pk=person.pk).values_list("pk", flat=True))
        refusal = hold_place_refused(name=person.full_name, active=_active_hold(person.pk))
        if refusal:
            raise ValidationError(refusal, code="hold_exists")
        try:
            with transaction.atomic():
                hold = LegalHold.objects.create(
                    person=person, reason=reason, placed_at=timezone.now(), placed_by=actor
                )
        except IntegrityError:
            active = _active_hold(person.pk)
            raise ValidationError(
                hold_place_refused(name=person.full_name, active=active)
                or f"{person.full_name} already has an active legal hold.",
                code="hold_exists",
            ) from None
        audit_record(
            actor=actor,
            action="legal_hold_placed",
            record_type="legal_hold",
            record_id=hold.pk,
            person_id=person.pk,
        )
    return hold


def legal_hold_release(
    *, actor: User, person: Person, reason: str, version: int | None
) -> LegalHold:
    """Release the person's active hold. Four eyes: whoever placed or last changed the hold may not
    release it, so one person alone can never clear the way for destruction."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Enter why the hold is no longer needed"})
    with transaction.atomic():
        active = _active_hold(person.pk)
        refusal = hold_release_refused(name=person.full_name, active=active)
        if refusal or active is None:
            raise ValidationError(refusal or "", code="no_hold")
        hold: LegalHold = lock_version(LegalHold.objects.all(), active.pk, expected=version)
        four_eyes_check(
            actor=actor,
            involved=[hold.placed_by_id, hold.changed_by_id],
            capability="retention",
            what="the release of this legal hold",
        )
        hold.released_at = timezone.now()
        hold.released_by = actor
        hold.release_reason = reason
        save_version(hold, actor=actor, fields=["released_at", "released_by", "release_reason"])
        audit_record(
            actor=actor,
            action="legal_hold_released",
            record_type="legal_hold",
            record_id=hold.pk,
            person_id=person.pk,
        )
    return hold


def person_destroy(*, actor: User | None, person_id: int, day: date) -> dict[str, int]:
    """Destroy everything held about one person whose retention ended before `day`, in one
    transaction, leaving an audit stub (ids, the rule and counts; no name). Raises
    DestructionRefused (nothing changed) under a legal hold, before the date, or when another
    record still refers to the person."""
    with transaction.atomic():
        person = Person.objects.select_for_update().get(pk=person_id)
        retention = retention_for([person.pk])[person.pk]
        refusal = destruction_refused(
            name=f"Person {person.pk}",
            retention=retention,
            day=day,
            hold=_active_hold(person.pk),
        )
        if refusal:
            raise DestructionRefused(refusal)
        try:
            with transaction.atomic():
                removed = destroy_person_records(person)
        except ProtectedError as error:
            kinds = sorted({o._meta.label for o in error.protected_objects})
            raise DestructionRefused(
                f"Person {person_id}: still referred to by {', '.join(kinds)}; nothing destroyed."
            ) from None
        audit_record(
            actor=actor,
            action="destroyed",
            record_type="person",
            record_id=person_id,
            person_id=person_id,
            detail={
                "rule": retention.rule,
                "retained_until": retention.until.isoformat() if retention.until else None,
                "removed": removed,
            },
        )
    return removed


def allegation_destroy(*, actor: User | None, allegation_id: int, day: date) -> dict[str, int]:
    """Destroy an allegation against staff after its retention, unless a child it is about is
    under a legal hold. Audited as a stub like a person."""
    with transaction.atomic():
        allegation = Allegation.objects.select_for_update().get(pk=allegation_id)
        until = allegation_until(allegation)
        if until is None or until >= day:
            raise DestructionRefused(f"Allegation {allegation_id} is not yet due for destruction.")
        held = LegalHold.objects.filter(
            person_id__in=AllegationChild.objects.filter(allegation=allegation).values("person_id"),
            released_at__isnull=True,
        ).exists()
        if held:
            raise DestructionRefused(
                f"Allegation {allegation_id}: a child it is about is under a legal hold."
            )
        removed = destroy_allegation_records(allegation)
        audit_record(
            actor=actor,
            action="destroyed",
            record_type="allegation",
            record_id=allegation_id,
            detail={"retained_until": until.isoformat(), "removed": removed},
        )
    return removed
