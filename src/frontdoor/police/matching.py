"""Matching a child named in a police notification to the people index, and finding open cases.

A match is confident only when exactly one child in the index has the same date of birth and the
same name (any current, previous or other name), or sounds-alike names with the same date of birth
and postcode. Anything less certain waits for a MASH practitioner to confirm or create the person:
linking the wrong child is worse than asking.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from frontdoor.cases.models import Referral
from frontdoor.core.validators import postcode_key
from frontdoor.people.matching import normalise, phonetic
from frontdoor.people.models import Address, Person, PersonKind, PersonName

from .models import MatchStatus


@dataclass
class MatchResult:
    person: Person | None
    status: str
    note: str
    candidate_ids: list[int] = field(default_factory=list)


def match_child(
    *, first_name: str, last_name: str, date_of_birth: date, postcode: str = ""
) -> MatchResult:
    qf, ql = normalise(first_name), normalise(last_name)
    pf, pl = phonetic(first_name), phonetic(last_name)
    rows = list(
        PersonName.objects.filter(
            person__date_of_birth=date_of_birth, person__kind=PersonKind.CHILD
        ).values_list("person_id", "first_norm", "last_norm", "first_key", "last_key")
    )
    exact = {pid for pid, f, la, _, _ in rows if f == qf and la == ql}
    alike = {pid for pid, _, _, fk, lk in rows if fk == pf and lk == pl}
    if len(exact) == 1:
        return MatchResult(
            Person.objects.get(pk=exact.pop()), MatchStatus.LINKED, "Same name and date of birth"
        )
    if not exact and len(alike) == 1 and postcode:
        pid = next(iter(alike))
        if Address.objects.filter(
            person_id=pid, end_date__isnull=True, postcode_key=postcode_key(postcode)
        ).exists():
            return MatchResult(
                Person.objects.get(pk=pid),
                MatchStatus.LINKED,
                "Name sounds alike; same date of birth and postcode",
            )
    candidates = exact | alike | {pid for pid, f, la, fk, lk in rows if lk == pl or f == qf}
    same_name_other_dob = (
        PersonName.objects.filter(first_norm=qf, last_norm=ql, person__kind=PersonKind.CHILD)
        .exclude(person__date_of_birth=date_of_birth)
        .values_list("person_id", flat=True)[:10]
    )
    candidates |= set(same_name_other_dob)
    if len(exact) > 1:
        note = f"{len(exact)} children in the index have this name and date of birth"
    elif candidates:
        note = "Possible matches in the people index: check before linking"
    else:
        note = "No match in the people index: check, then add the child"
    return MatchResult(None, MatchStatus.AWAITING_REVIEW, note, sorted(candidates)[:10])


def open_case_for(person_id: int) -> tuple[int, Any] | None:
    """(referral id, allocated worker id) of the child's open referral with a worker, if any."""
    row = (
        Referral.objects.filter(
            person_id=person_id, closure_date__isnull=True, worker__isnull=False
        )
        .order_by("-referral_date", "-id")
        .values_list("pk", "worker_id")
        .first()
    )
    return (row[0], row[1]) if row else None
