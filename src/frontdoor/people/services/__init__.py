"""Writes to the people index (each in one transaction, audited inside it), by topic:
`records` (people, names, addresses, relationships, access lists, chronology), `corrections`
(details and addresses corrected with a reason, moves, history kept) and `sealing` (seal, unseal, seal reviews)."""

from .corrections import (
    CORRECTABLE,
    AddressChange,
    address_change,
    address_change_check,
    person_correct,
    shown_value,
)
from .family import family_member_add, household_start, relationship_end
from .records import (
    OLDEST_CHILD_YEARS,
    address_add,
    address_build,
    check_person,
    chronology_add,
    household_create,
    person_access_grant,
    person_access_revoke,
    person_create,
    person_update,
    relationship_add,
)
from .sealing import person_seal, person_unseal, seal_review

__all__ = [
    "CORRECTABLE",
    "AddressChange",
    "address_change",
    "address_change_check",
    "OLDEST_CHILD_YEARS",
    "address_add",
    "address_build",
    "check_person",
    "chronology_add",
    "family_member_add",
    "household_create",
    "household_start",
    "person_access_grant",
    "person_access_revoke",
    "person_correct",
    "person_create",
    "person_seal",
    "person_unseal",
    "person_update",
    "relationship_add",
    "relationship_end",
    "seal_review",
    "shown_value",
]
