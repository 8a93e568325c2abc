"""Correcting a person's details with a reason, keeping what each detail was before; changing
their address (a move, or a mistyped address put right) the same way.

A correction is checked by the same rules as creation (NHS number and UPN checksums, a plausible
date of birth), saved against the version the user's page showed (so two people correcting at once
cannot lose an update), and leaves one `PersonCorrection` row per detail changed.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from frontdoor.accounts.models import User
from frontdoor.audit.services import audit_record
from frontdoor.core.codes import Disability
from frontdoor.core.concurrency import lock_version, save_version
from frontdoor.core.templatetags.govuk import ukdate
from frontdoor.core.validators import normalise_nhs_number, normalise_upn
from frontdoor.search_index.indexing import reindex_people

from ..identifiers import IDENTIFIER_FIELDS, settle_identifier
from ..models import Address, Person, PersonCorrection, PersonKind
from .records import address_build, check_person, chronology_add, keep_previous_name

# The details a correction may change, with the label the history shows, in page order.
CORRECTABLE = {
    "kind": "Who this is",
    "first_name": "First name",
    "middle_names": "Middle names",
    "last_name": "Last name",
    "date_of_birth": "Date of birth",
    "expected_date_of_birth": "Expected date of birth",
    "date_of_death": "Date of death",
    "sex": "Sex",
    "gender_identity": "Gender identity",
    "ethnicity": "Ethnicity",
    "nhs_number": "NHS number",
    "upn": "UPN",
    "disabilities": "Disabilities",
    "first_language": "First language",
    "school": "School or setting",
    "educated_at_home": "Educated at home",
}


def shown_value(person: Person, field: str) -> str:
    """A detail as people read it: labels for codes, UK dates, "Not recorded" when empty."""
    value: Any = getattr(person, field)
    if field == "disabilities":
        labels = dict(Disability.choices)
        return ", ".join(str(labels.get(code, code)) for code in value) or "Not recorded"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, date):
        return ukdate(value)
    choices = getattr(Person._meta.get_field(field), "choices", None)
    if choices and value:
        return str(dict(choices).get(value, value))
    return str(value) if value not in (None, "") else "Not recorded"


def person_correct(
    *,
    actor: User,
    person: Person,
    reason: str,
    changes: dict[str, Any],
    expected_version: int | None,
) -> list[PersonCorrection]:
    """Correct some of a person's details. Only details that really change are recorded; a name
    correction keeps the old name searchable as a previous name. Refused when nothing changes."""
    unknown = set(changes) - set(CORRECTABLE)
    if unknown:
        raise ValueError(f"Cannot correct {', '.join(sorted(unknown))}")
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": "Enter why these details are being corrected"})
    with transaction.atomic():
        locked = lock_version(Person.objects.all(), person.pk, expected=expected_version)
        before = {f: shown_value(locked, f) for f in changes}
        old_name = (locked.first_name, locked.last_name)
        changed = [f for f in CORRECTABLE if f in changes and getattr(locked, f) != changes[f]]
        if not changed:
            raise ValidationError("Nothing was changed. Change at least one detail, or go back")
        for field in changed:
            setattr(locked, field, changes[field])
        if locked.nhs_number:
            locked.nhs_number = normalise_nhs_number(locked.nhs_number)
        if locked.upn:
            locked.upn = normalise_upn(locked.upn)
        settle_identifier(locked)
        check_person(locked)
        locked.full_clean()
        fields = changed + (["sex"] if locked.kind == PersonKind.UNBORN else [])
        fields += IDENTIFIER_FIELDS if {"nhs_number", "kind"} & set(changed) else []
        save_version(locked, actor=actor, fields=sorted(set(fields)))
        if old_name != (locked.first_name, locked.last_name):
            keep_previous_name(locked)
        if {"first_name", "last_name", "date_of_birth"} & set(fields):
            reindex_people([locked.pk])
        now = timezone.now()
        rows = PersonCorrection.objects.bulk_create(
            PersonCorrection(
                person=locked,
                field=field,
                label=CORRECTABLE[field],
                old_value=before[field],
                new_value=shown_value(locked, field),
                reason=reason,
                corrected_by=actor,
                corrected_at=now,
            )
            for field in changed
        )
        audit_record(
            actor=actor,
            action="correct",
            record_type="person",
            record_id=locked.pk,
            person_id=locked.pk,
            detail={
                "reason": reason,
                "changed": {r.field: [r.old_value, r.new_value] for r in rows},
            },
        )
    for field in ("version", "changed_at", "changed_by_id", *changed):
        setattr(person, field, getattr(locked, field))
    return rows


class AddressChange:
    """What happened to the address: the person moved (a new current address from a date, the
    old one ended and kept), or the current address was recorded wrongly (corrected, with a
    reason, what it was kept in the history)."""

    MOVED = "moved"
    CORRECTED = "corrected"
    CHOICES = [
        (MOVED, "They moved to a new address"),
        (CORRECTED, "The current address was recorded wrongly"),
    ]


_ADDRESS_FIELDS = ["line1", "line2", "town", "postcode", "postcode_key", "country"]


def _current_address(person: Person, *, lock: bool = False) -> Address | None:
    rows = Address.objects.filter(person=person, end_date__isnull=True)
    return (rows.select_for_update() if lock else rows).order_by("-start_date", "-id").first()


def address_change_check(
    *,
    person: Person,
    change: str,
    address: dict[str, str],
    moved_on: date | None = None,
    reason: str = "",
    current: Address | None = None,
) -> Address:
    """Every problem with an address change at once, each against its field (ValidationError);
    writes nothing. Returns the new address, built and checked by `address_build` (UK postcodes
    validated) but not saved. `current` is the person's current address (looked up if None)."""
    current = current if current is not None else _current_address(person)
    reason = reason.strip()
    errors: dict[str, list[str]] = {}
    built: Address | None = None
    try:
        built = address_build(person, address, moved_on)
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            errors.setdefault(field, []).extend(messages)
    if change == AddressChange.MOVED:
        if moved_on is None:
            errors.setdefault("moved_on", []).append("Enter the date they moved")
        elif moved_on > timezone.localdate():
            errors.setdefault("moved_on", []).append(
                "The date they moved must be today or in the past"
            )
        elif current is not None and current.start_date and moved_on < current.start_date:
            errors.setdefault("moved_on", []).append(
                f"The date they moved must be on or after {ukdate(current.start_date)}, "
                "when they started living at the current address"
            )
    elif change == AddressChange.CORRECTED:
        if current is None:
            errors.setdefault("change", []).append(
                "There is no current address to correct: choose that they moved, to record "
                "where they live"
            )
        if not reason:
            errors.setdefault("reason", []).append("Enter why the address is being corrected")
        if (
            built is not None
            and current is not None
            and all(getattr(built, f) == getattr(current, f) for f in _ADDRESS_FIELDS)
        ):
            errors.setdefault("line1", []).append(
                "This is the address already recorded: change what is wrong, or go back"
            )
    else:
        errors.setdefault("change", []).append(
            "Choose whether they moved or the address was recorded wrongly"
        )
    if errors or built is None:
        raise ValidationError(errors)
    return built


def address_change(
    *,
    actor: User,
    person: Person,
    change: str,
    address: dict[str, str],
    expected_version: int | None,
    moved_on: date | None = None,
    reason: str = "",
) -> Address:
    """Change a person's address, as part of their record: versioned (the person's version, as for
    a correction), one history row (`PersonCorrection`, field "address": what it was, what it is,
    why), a chronology entry and an audit row, in one transaction. Every problem is reported at
    once, each against its field (`address_change_check`).

    - moved: a new current address from `moved_on` (today or earlier, not before the current
      address started); the current one ends that day and stays in the history (never
      overwritten). The reason is optional (the history says "Moved on …").
    - corrected: the current address is put right where it was mistyped; a reason is required.
    """
    reason = reason.strip()
    with transaction.atomic():
        locked = lock_version(Person.objects.all(), person.pk, expected=expected_version)
        current = _current_address(locked, lock=True)
        built = address_change_check(
            person=locked,
            change=change,
            address=address,
            moved_on=moved_on,
            reason=reason,
            current=current,
        )
        before = str(current) if current is not None else "Not recorded"
        if change == AddressChange.MOVED:
            assert moved_on is not None
            if current is not None:
                current.end_date = moved_on
                current.save(update_fields=["end_date"])
            built.full_clean()
            built.save()
            result, label, action = built, "Address (moved)", "move"
            why = reason or f"Moved on {ukdate(moved_on)}"
            summary = f"Moved to {built} on {ukdate(moved_on)}"
        else:
            assert current is not None
            for field in _ADDRESS_FIELDS:
                setattr(current, field, getattr(built, field))
            current.full_clean()
            current.save(update_fields=_ADDRESS_FIELDS)
            result, label, action, why = current, "Address (corrected)", "correct", reason
            summary = f"Address corrected to {current}"
        save_version(locked, actor=actor, fields=[])
        PersonCorrection.objects.create(
            person=locked,
            field="address",
            label=label,
            old_value=before,
            new_value=str(result),
            reason=why,
            corrected_by=actor,
            corrected_at=timezone.now(),
        )
        chronology_add(person=locked, kind="address", actor=actor, record=result, summary=summary)
        audit_record(
            actor=actor,
            action=action,
            record_type="address",
            record_id=result.pk,
            person_id=locked.pk,
            detail={"change": change, "postcode": result.postcode, "reason": why},
        )
    for field in ("version", "changed_at", "changed_by_id"):
        setattr(person, field, getattr(locked, field))
    return result
