"""Families: a household started for a new family, family members added to it with their
relationship to the child, relationships ended (with a date and a reason, never deleted). Each
runs in one transaction with its audit row; what concerns a child goes on their chronology.

Chronology lines never name the other person: a sealed relative's name must not appear on a
sibling's record.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from frontdoor.accounts.models import User
from frontdoor.audit.services import audit_record
from frontdoor.core.concurrency import lock_version, save_version
from frontdoor.core.templatetags.govuk import ukdate

from ..models import Household, Person, PersonKind, Relationship, RelationshipKind
from .records import chronology_add, person_create, relationship_add


@transaction.atomic
def household_start(
    *, actor: User | None, person: Person, label: str = "", now: datetime | None = None
) -> Household:
    """A household for a new family, with `person` in it; further members join as they are added."""
    locked = lock_version(Person.objects.all(), person.pk, expected=None)
    if locked.household_id:
        raise ValidationError(f"{locked.full_name} is already in a household")
    household = Household.objects.create(label=label or f"{locked.last_name} family")
    locked.household = household
    save_version(locked, actor=actor, fields=["household"])
    audit_record(
        actor=actor,
        action="create",
        record_type="household",
        record_id=household.pk,
        person_id=locked.pk,
        detail={"label": household.label},
    )
    if locked.is_child:
        chronology_add(person=locked, kind="household", summary="Household recorded", actor=actor)
    person.household, person.version = household, locked.version
    return household


@transaction.atomic
def family_member_add(
    *,
    actor: User | None,
    child: Person,
    relationship: str,
    first_name: str,
    last_name: str,
    kind: str,
    date_of_birth: date | None = None,
    expected_date_of_birth: date | None = None,
    parental_responsibility: bool = False,
    start_date: date | None = None,
    now: datetime | None = None,
    **fields: Any,
) -> Person:
    """A new person in the child's household, related to the child: `relationship` says what the
    new person is to the child (parent or carer, sibling, household member, other). Their date of
    birth is checked like any other (`check_person`)."""
    errors: dict[str, str] = {}
    if relationship not in RelationshipKind.values:
        errors["relationship"] = "Select how they are related to the child"
    if parental_responsibility and relationship != RelationshipKind.PARENT:
        errors["parental_responsibility"] = "Only a parent or carer has parental responsibility"
    if relationship == RelationshipKind.SIBLING and kind == PersonKind.ADULT:
        errors["kind"] = "A sibling recorded here is a child or an unborn child"
    if errors:
        raise ValidationError(errors)
    household = child.household or household_start(actor=actor, person=child, now=now)
    if now is not None:
        fields.setdefault("created_at", now)
    member = person_create(
        actor=actor,
        first_name=first_name,
        last_name=last_name,
        kind=kind,
        date_of_birth=date_of_birth,
        expected_date_of_birth=expected_date_of_birth,
        household=household,
        **fields,
    )
    relationship_add(
        actor=actor,
        person=member,
        other=child,
        kind=relationship,
        parental_responsibility=parental_responsibility,
        start_date=start_date or timezone.localdate(now),
    )
    label = RelationshipKind(relationship).label.lower()
    chronology_add(
        person=child,
        kind="household",
        summary=f"Family member added to the household ({label})",
        actor=actor,
        occurred_at=now,
    )
    return member


@transaction.atomic
def relationship_end(
    *,
    actor: User | None,
    relationship: Relationship,
    end_date: date,
    reason: str,
    expected_version: int | None,
    now: datetime | None = None,
) -> Relationship:
    """End a relationship on a date, with a reason (a parent moved out, a placement ended). The
    row is kept as history; a sibling relationship is ended both ways."""
    locked = lock_version(
        Relationship.objects.select_related("person", "other"),
        relationship.pk,
        expected=expected_version,
    )
    errors: dict[str, str] = {}
    if locked.end_date is not None:
        errors["end_date"] = f"This relationship already ended on {ukdate(locked.end_date)}"
    elif end_date > timezone.localdate(now):
        errors["end_date"] = "The date it ended must be today or in the past"
    elif locked.start_date and end_date < locked.start_date:
        errors["end_date"] = "The date it ended must be the same as or after the date it started"
    if not reason.strip():
        errors["reason"] = "Enter why the relationship ended"
    if errors:
        raise ValidationError(errors)
    pairs = [locked]
    if locked.kind == RelationshipKind.SIBLING:
        pairs += list(
            Relationship.objects.select_for_update().filter(
                person=locked.other, other=locked.person, kind=locked.kind, end_date__isnull=True
            )
        )
    for rel in pairs:
        rel.end_date, rel.end_reason = end_date, reason.strip()
        save_version(rel, actor=actor, fields=["end_date", "end_reason"])
    audit_record(
        actor=actor,
        action="end",
        record_type="relationship",
        record_id=locked.pk,
        person_id=locked.other_id,
        detail={"person": locked.person_id, "kind": locked.kind, "end_date": str(end_date)},
    )
    label = locked.get_kind_display().lower()
    for person in (locked.person, locked.other):
        if person.is_child:
            chronology_add(
                person=person,
                kind="relationship_ended",
                summary=f"Relationship ended ({label}): {reason.strip()}",
                actor=actor,
                occurred_at=now,
            )
    return locked
