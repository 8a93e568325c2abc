"""Correcting a person's details with a reason, keeping what each detail was before.

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
from ..models import Person, PersonCorrection, PersonKind
from .records import check_person, keep_previous_name

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
