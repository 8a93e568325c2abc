"""Writes to the people index: people, names, addresses, relationships, households, access lists
and the chronology. Each runs in one transaction and audits inside it."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from frontdoor.accounts.models import User
from frontdoor.audit.services import audit_record
from frontdoor.core.concurrency import save_version
from frontdoor.core.validators import (
    OLDEST_CHILD_YEARS as OLDEST_CHILD_YEARS,
)
from frontdoor.core.validators import (
    check_child_date_of_birth,
    check_expected_date_of_birth,
    normalise_nhs_number,
    normalise_postcode,
    normalise_upn,
    postcode_key,
)
from frontdoor.search_index.indexing import reindex_people

from ..identifiers import IDENTIFIER_FIELDS, settle_identifier
from ..matching import name_keys
from ..models import (
    Address,
    ChronologyEntry,
    Household,
    NameKind,
    Person,
    PersonAccess,
    PersonKind,
    PersonName,
    Relationship,
)


def _name_row(person: Person, first: str, last: str, kind: str) -> PersonName:
    return PersonName(
        person=person, kind=kind, first_name=first, last_name=last, **name_keys(first, last)
    )


@transaction.atomic
def person_create(
    *,
    actor: User | None,
    first_name: str,
    last_name: str,
    kind: str = PersonKind.CHILD,
    date_of_birth: date | None = None,
    expected_date_of_birth: date | None = None,
    address: dict[str, str] | None = None,
    other_names: list[tuple[str, str]] | None = None,
    household: Household | None = None,
    **fields: Any,
) -> Person:
    """Create a person with their names (for search) and current address.

    Callers check `person_likely_duplicates` first; the person page warns of duplicates.
    """
    person = Person(
        kind=kind,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        date_of_birth=date_of_birth,
        expected_date_of_birth=expected_date_of_birth,
        household=household,
        created_by=actor if getattr(actor, "pk", None) else None,
        created_at=fields.pop("created_at", None) or timezone.now(),
        **fields,
    )
    if person.nhs_number:
        person.nhs_number = normalise_nhs_number(person.nhs_number)
    if person.upn:
        person.upn = normalise_upn(person.upn)
    settle_identifier(person)
    check_person(person)
    person.full_clean()
    person.save()
    rows = [_name_row(person, person.first_name, person.last_name, NameKind.CURRENT)]
    rows += [_name_row(person, f, la, NameKind.OTHER) for f, la in (other_names or [])]
    PersonName.objects.bulk_create(rows)
    reindex_people([person.pk])
    if address and any((v or "").strip() for v in address.values()):
        _address_add(person, address, start=person.created_at.date())
    audit_record(
        actor=actor, action="create", record_type="person", record_id=person.pk, person_id=person.pk
    )
    return person


def check_person(person: Person) -> None:
    """The rules a person's details meet, at creation and at every correction. Dates of birth and
    expected dates of delivery are checked by the one validator every form uses
    (`core.validators.check_child_date_of_birth`, `check_expected_date_of_birth`)."""
    errors: dict[str, str] = {}
    today = timezone.localdate()
    if person.kind == PersonKind.UNBORN:
        if not person.expected_date_of_birth:
            errors["expected_date_of_birth"] = (
                "Enter the expected date of delivery of the unborn child"
            )
        else:
            _check(
                errors,
                "expected_date_of_birth",
                check_expected_date_of_birth,
                person.expected_date_of_birth,
            )
        if person.date_of_birth:
            errors["date_of_birth"] = (
                "An unborn child has an expected date of delivery, not a date of birth"
            )
        person.sex = "U"
    elif person.date_of_birth and person.date_of_birth > today:
        errors["date_of_birth"] = "Date of birth must be today or in the past"
    elif person.kind == PersonKind.CHILD and person.date_of_birth:
        _check(errors, "date_of_birth", check_child_date_of_birth, person.date_of_birth)
    if person.date_of_death:
        if person.date_of_death > today:
            errors["date_of_death"] = "Date of death must be today or in the past"
        elif person.date_of_birth and person.date_of_death < person.date_of_birth:
            errors["date_of_death"] = "Date of death must be the same as or after the date of birth"
    disabilities = person.disabilities or []
    if "NONE" in disabilities and len(disabilities) > 1:
        errors["disabilities"] = (
            "Select 'No disability' on its own, or only the disabilities that apply"
        )
    if errors:
        raise ValidationError(errors)


def _check(errors: dict[str, str], field: str, check: Any, value: date) -> None:
    try:
        check(value)
    except ValidationError as error:
        errors[field] = " ".join(error.messages)


_UPDATABLE = {
    "first_name",
    "middle_names",
    "last_name",
    "date_of_birth",
    "expected_date_of_birth",
    "sex",
    "gender_identity",
    "ethnicity",
    "nhs_number",
    "upn",
    "upn_unknown",
    "disabilities",
    "first_language",
    "school",
    "educated_at_home",
    "kind",
    "date_of_death",
}


@transaction.atomic
def person_update(*, actor: User | None, person: Person, **changes: Any) -> Person:
    """Change a person's details. A change of name keeps the old one as a previous name."""
    unknown = set(changes) - _UPDATABLE
    if unknown:
        raise ValueError(f"Cannot change {', '.join(sorted(unknown))} here")
    old_first, old_last = person.first_name, person.last_name
    before = {k: getattr(person, k) for k in changes}
    for key, value in changes.items():
        setattr(person, key, value)
    if person.nhs_number:
        person.nhs_number = normalise_nhs_number(person.nhs_number)
    if person.upn:
        person.upn = normalise_upn(person.upn)
    settle_identifier(person)
    check_person(person)
    person.full_clean()
    # The version moves on, so a correction form opened before this change is refused as stale.
    save_version(
        person,
        actor=actor,
        fields=list(changes)
        + (["sex"] if person.kind == PersonKind.UNBORN else [])
        + (IDENTIFIER_FIELDS if {"nhs_number", "kind"} & set(changes) else []),
    )
    if (old_first, old_last) != (person.first_name, person.last_name):
        keep_previous_name(person)
    if {"first_name", "last_name", "date_of_birth"} & set(changes):
        reindex_people([person.pk])
    changed = {
        k: [str(before[k]), str(getattr(person, k))]
        for k in changes
        if before[k] != getattr(person, k)
    }
    audit_record(
        actor=actor,
        action="update",
        record_type="person",
        record_id=person.pk,
        person_id=person.pk,
        detail={"changed": changed},
    )
    return person


def keep_previous_name(person: Person) -> None:
    """The person's name changed: the old current name stays searchable as a previous name."""
    PersonName.objects.filter(person=person, kind=NameKind.CURRENT).update(kind=NameKind.PREVIOUS)
    _name_row(person, person.first_name, person.last_name, NameKind.CURRENT).save()


# What an address's country may say for the United Kingdom (blank means the UK).
UNITED_KINGDOM = frozenset(
    ("", "uk", "united kingdom", "gb", "great britain", "england", "wales", "scotland")
    + ("northern ireland",)
)


def address_build(person: Person, data: dict[str, str], start: date | None) -> Address:
    """An address checked but not saved. A UK postcode is validated when there is one; an address
    may have no postcode (records from other systems often lack one) or be abroad (`country`), and
    the page then says so. An address needs its first line: one without is refused, never dropped."""
    line1 = (data.get("line1") or "").strip()
    country = (data.get("country") or "").strip()
    raw_postcode = (data.get("postcode") or "").strip()
    errors: dict[str, str] = {}
    if not line1:
        errors["line1"] = "Enter the first line of the address, or leave the whole address empty"
    postcode = ""
    if country.lower() not in UNITED_KINGDOM:
        postcode = raw_postcode.upper()
        if len(postcode) > 8:
            errors["postcode"] = "A postcode abroad must be 8 characters or fewer"
    elif raw_postcode:
        try:
            postcode = normalise_postcode(raw_postcode)
        except ValidationError as error:
            errors["postcode"] = " ".join(error.messages)
    if errors:
        raise ValidationError(errors)
    return Address(
        person=person,
        line1=line1,
        line2=(data.get("line2") or "").strip(),
        town=(data.get("town") or "").strip(),
        postcode=postcode,
        postcode_key=postcode_key(postcode),
        country="" if country.lower() in UNITED_KINGDOM else country,
        start_date=start,
    )


def _address_add(person: Person, data: dict[str, str], start: date | None) -> Address:
    address = address_build(person, data, start)
    Address.objects.filter(person=person, end_date__isnull=True).update(
        end_date=start or timezone.localdate()
    )
    address.full_clean()
    address.save()
    return address


@transaction.atomic
def address_add(
    *,
    actor: User | None,
    person: Person,
    line1: str,
    postcode: str = "",
    line2: str = "",
    town: str = "",
    country: str = "",
    start_date: date | None = None,
) -> Address:
    """Record a new current address; the previous one is ended, never deleted (history is kept)."""
    address = _address_add(
        person,
        {"line1": line1, "line2": line2, "town": town, "postcode": postcode, "country": country},
        start_date or timezone.localdate(),
    )
    audit_record(
        actor=actor,
        action="update",
        record_type="address",
        record_id=address.pk,
        person_id=person.pk,
        detail={"postcode": address.postcode},
    )
    return address


@transaction.atomic
def relationship_add(
    *,
    actor: User | None,
    person: Person,
    other: Person,
    kind: str,
    parental_responsibility: bool = False,
    lives_with: bool = True,
    start_date: date | None = None,
) -> Relationship:
    """`person` is the `kind` (parent, sibling …) of `other`. Siblings are recorded both ways.
    A current relationship of the same kind is updated; ended ones stay as history."""
    if person.pk == other.pk:
        raise ValidationError("A person cannot be related to themselves")
    rel, _ = Relationship.objects.update_or_create(
        person=person,
        other=other,
        kind=kind,
        end_date=None,
        defaults={"parental_responsibility": parental_responsibility, "lives_with": lives_with},
        create_defaults={
            "parental_responsibility": parental_responsibility,
            "lives_with": lives_with,
            "start_date": start_date,
        },
    )
    if kind == "sibling":
        Relationship.objects.get_or_create(
            person=other,
            other=person,
            kind=kind,
            end_date=None,
            defaults={"lives_with": lives_with, "start_date": start_date},
        )
    audit_record(
        actor=actor,
        action="create",
        record_type="relationship",
        record_id=rel.pk,
        person_id=other.pk,
        detail={"person": person.pk, "kind": kind},
    )
    return rel


@transaction.atomic
def household_create(*, actor: User | None, label: str = "") -> Household:
    household = Household.objects.create(label=label)
    audit_record(actor=actor, action="create", record_type="household", record_id=household.pk)
    return household


@transaction.atomic
def person_access_grant(
    *, actor: User | None, person: Person, user: User, review_due: date | None = None
) -> PersonAccess:
    """Add a user to a sealed person's access list (audited)."""
    entry, _ = PersonAccess.objects.get_or_create(
        person=person,
        user=user,
        defaults={
            "granted_by": actor if getattr(actor, "pk", None) else None,
            "granted_at": timezone.now(),
            "review_due": review_due,
        },
    )
    audit_record(
        actor=actor,
        action="access_grant",
        record_type="person_access",
        record_id=entry.pk,
        person_id=person.pk,
        detail={"user": user.username},
    )
    return entry


@transaction.atomic
def person_access_revoke(*, actor: User | None, person: Person, user: User) -> None:
    """Remove a user from a sealed person's access list (audited)."""
    for entry in PersonAccess.objects.filter(person=person, user=user):
        audit_record(
            actor=actor,
            action="access_revoke",
            record_type="person_access",
            record_id=entry.pk,
            person_id=person.pk,
            detail={"user": user.username},
        )
        entry.delete()


def chronology_add(
    *,
    person: Person,
    kind: str,
    summary: str,
    actor: User | None = None,
    occurred_at: datetime | None = None,
    record: Any = None,
    url: str = "",
) -> ChronologyEntry:
    """Add an event to a child's chronology. Call inside the service that made the event."""
    return ChronologyEntry.objects.create(
        person=person,
        kind=kind,
        summary=summary,
        actor=actor if getattr(actor, "pk", None) else None,
        occurred_at=occurred_at or timezone.now(),
        record_type=record._meta.model_name if record is not None else "",
        record_id=str(record.pk) if record is not None else "",
        url=url,
    )
