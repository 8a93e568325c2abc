"""The gate for a person's data protection page (retention, legal holds, subject access): the
person's record itself, for roles with the retention or subject access capability, under the same
sealing rules as every other gate (a sealed person only for their access list)."""

from __future__ import annotations

from typing import Any

from frontdoor.accounts.models import User
from frontdoor.core.gates import gate_load
from frontdoor.people.models import Person


def _allowed(user: User, person: Person) -> bool:
    return bool(user.can("retention") or user.can("subject_access"))


def access_person_records(user: Any, person_id: Any, *, action: str = "view") -> Person:
    return gate_load(
        user,
        Person.objects.select_related("household"),
        person_id,
        record_type="data_protection",
        people_of=lambda person: [person],
        allowed=_allowed,
        action=action,
    )
