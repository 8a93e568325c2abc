"""Posting the people pages' forms as a browser would: every field as the page showed it."""

from __future__ import annotations

from datetime import date
from typing import Any

from frontdoor.people.models import Person


def _date(name: str, value: date | None) -> dict[str, str]:
    if value is None:
        return {f"{name}_day": "", f"{name}_month": "", f"{name}_year": ""}
    return {
        f"{name}_day": str(value.day),
        f"{name}_month": str(value.month),
        f"{name}_year": str(value.year),
    }


def correction_post(
    person: Person, reason: str = "Typed wrongly", **changes: Any
) -> dict[str, Any]:
    """The correction form as loaded for `person` (its version included), with `changes`."""
    values: dict[str, Any] = {
        "kind": person.kind,
        "first_name": person.first_name,
        "middle_names": person.middle_names,
        "last_name": person.last_name,
        "sex": person.sex,
        "gender_identity": person.gender_identity,
        "ethnicity": person.ethnicity,
        "nhs_number": person.nhs_number,
        "upn": person.upn,
        "disabilities": list(person.disabilities),
        "first_language": person.first_language,
        "school": person.school,
        "reason": reason,
        "version": person.version,
    }
    if person.educated_at_home:
        values["educated_at_home"] = "on"
    dates = {
        "date_of_birth": person.date_of_birth,
        "expected_date_of_birth": person.expected_date_of_birth,
        "date_of_death": person.date_of_death,
    }
    for name in dates:
        if name in changes:
            dates[name] = changes.pop(name)
    for name, value in dates.items():
        values |= _date(name, value)
    return values | changes
