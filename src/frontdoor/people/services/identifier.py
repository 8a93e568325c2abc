"""Recording the child's consistent identifier: the NHS number, its status, how it was verified,
or why it is not known (Children's Wellbeing and Schools Act 2026; docs/people.md)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from frontdoor.accounts.models import User
from frontdoor.audit.services import audit_record
from frontdoor.core.concurrency import lock_version, save_version
from frontdoor.core.validators import normalise_nhs_number

from ..identifiers import (
    IDENTIFIER_FIELDS,
    RECORDED,
    NhsMissingReason,
    NhsStatus,
    NhsVerifiedHow,
)
from ..models import Person
from ..selectors import identifier_line
from .records import chronology_add


def identifier_errors(
    *, kind: str, nhs_number: str, status: str, verified_how: str, missing_reason: str
) -> dict[str, str]:
    """Every problem with an identifier as entered, each next to its field (all at once)."""
    errors: dict[str, str] = {}
    if status not in NhsStatus.values:
        errors["nhs_status"] = (
            "Select whether the NHS number is verified, not verified or not known"
        )
    elif status in RECORDED:
        if not nhs_number:
            errors["nhs_number"] = (
                "Enter the NHS number, or select 'Not yet known' and say why it is missing"
            )
        if status == NhsStatus.VERIFIED and verified_how not in NhsVerifiedHow.values:
            errors["nhs_verified_how"] = "Select how the NHS number was verified"
    else:
        if nhs_number:
            errors["nhs_number"] = (
                "Remove the NHS number, or select 'Verified' or 'Recorded but not verified'"
            )
        if kind in ("child", "unborn") and missing_reason not in NhsMissingReason.values:
            errors["nhs_missing_reason"] = "Select why the child's NHS number is not known"
        if status == NhsStatus.NOT_APPLICABLE and kind == "child" and not errors:
            if missing_reason not in (NhsMissingReason.OTHER_UK, NhsMissingReason.NOT_REGISTERED):
                errors["nhs_status"] = (
                    "Every child in England can have an NHS number: select 'Not yet known' "
                    "unless they have a Scottish or Northern Irish number or are not registered"
                )
    return errors


@transaction.atomic
def person_identifier_record(
    *,
    actor: User,
    person: Person,
    version: int | None,
    nhs_number: str,
    status: str,
    verified_how: str = "",
    missing_reason: str = "",
) -> Person:
    """Record the person's NHS number and its status, or why it is not known. The number is
    checked with its mod-11 check digit; a stale page is refused (`StaleRecord`). Audited, and on
    a child's chronology."""
    locked = lock_version(Person.objects.all(), person.pk, expected=version)
    compact = (nhs_number or "").replace(" ", "").replace("-", "")
    errors = identifier_errors(
        kind=locked.kind,
        nhs_number=compact,
        status=status,
        verified_how=verified_how,
        missing_reason=missing_reason,
    )
    if compact and "nhs_number" not in errors:
        try:
            compact = normalise_nhs_number(compact)
        except ValidationError as error:
            errors["nhs_number"] = " ".join(error.messages)
    if errors:
        raise ValidationError(errors)
    before = {f: getattr(locked, f) for f in IDENTIFIER_FIELDS}
    locked.nhs_number = compact
    locked.nhs_status = status
    locked.nhs_verified_how = verified_how if status == NhsStatus.VERIFIED else ""
    locked.nhs_missing_reason = "" if status in RECORDED else missing_reason
    locked.full_clean()
    save_version(locked, actor=actor, fields=IDENTIFIER_FIELDS)
    changed = {
        f: [str(before[f]), str(getattr(locked, f))]
        for f in IDENTIFIER_FIELDS
        if before[f] != getattr(locked, f)
    }
    audit_record(
        actor=actor,
        action="update",
        record_type="person_identifier",
        record_id=locked.pk,
        person_id=locked.pk,
        detail={"changed": changed},
    )
    if locked.is_child:
        how = (
            f" ({locked.get_nhs_status_display().lower()}"
            + (f": {locked.get_nhs_verified_how_display()}" if locked.nhs_verified_how else "")
            + ")"
            if locked.nhs_number
            else ""
        )
        chronology_add(
            person=locked,
            kind="nhs_number",
            actor=actor,
            summary=f"Consistent identifier recorded: {identifier_line(locked)}{how}",
        )
    return locked
