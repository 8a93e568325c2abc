"""The batch pass that fills the duplicate review queue: likely duplicate pairs over the whole
people index, found by blocking and scored by `scoring.score`.

Comparing every record with every other is n² (5 × 10¹¹ pairs at a million people). Instead each
pass reads the index once, sorted by a blocking key, and compares only records sharing that key:

- surname sound (Soundex) + year and month of birth: typos, nicknames and sound-alikes in names;
- surname sound + first name sound: a wrong date of birth;
- the surname's letters in order + year of birth: two letters swapped ("Thopmson"), which changes
  the sound;
- first name sound + date of birth: a changed surname;
- NHS number: the same child recorded twice under different names;
- postcode + birth year: the same child at the same address.

Every name a person has (previous names, aliases) takes part. A block larger than `MAX_BLOCK` is
skipped and counted (a key too common to say anything), so the cost grows with the index, not its
square. Pairs already on the queue, in any state, are never proposed again.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from itertools import groupby
from typing import Any

from django.db import transaction
from django.utils import timezone

from frontdoor.accounts.models import User
from frontdoor.audit.services import audit_record
from frontdoor.people.matching import score_name
from frontdoor.people.models import Address, Person, PersonName

from .models import DuplicatePair
from .scoring import REVIEW_AT, Candidate, Match, score

MAX_BLOCK = 200
CHUNK = 5000

Row = tuple[Any, ...]  # person_id, first, last, dob, nhs, upn, sex, key...


@dataclass
class FindResult:
    people: int = 0
    compared: int = 0
    new_pairs: int = 0
    skipped_blocks: int = 0
    seconds: float = 0.0
    passes: dict[str, float] = field(default_factory=dict)


_PERSON = (
    "person_id",
    "first_name",
    "last_name",
    "person__date_of_birth",
    "person__nhs_number",
    "person__upn",
    "person__sex",
)


def _names(order: tuple[str, ...]) -> Iterator[Row]:
    rows = PersonName.objects.filter(person__merged_into__isnull=True).order_by(*order)
    return rows.values_list(*_PERSON, *order).iterator(chunk_size=CHUNK)


def _people(order: str, **where: Any) -> Iterator[Row]:
    rows = Person.objects.filter(merged_into__isnull=True, **where).exclude(**{order: ""})
    fields = ("pk", "first_name", "last_name", "date_of_birth", "nhs_number", "upn", "sex")
    return rows.order_by(order).values_list(*fields, order).iterator(chunk_size=CHUNK)


def _addresses() -> Iterator[Row]:
    rows = Address.objects.filter(end_date__isnull=True, person__merged_into__isnull=True).exclude(
        postcode_key=""
    )
    order = ("postcode_key", "person__date_of_birth")
    fields = ("person_id", "person__first_name", "person__last_name", *_PERSON[3:])
    return rows.order_by(*order).values_list(*fields, *order).iterator(chunk_size=CHUNK)


def _year_month(row: Row) -> tuple[Any, ...]:
    dob: date | None = row[3]
    return (row[7], dob.year if dob else None, dob.month if dob else None)


PASSES: dict[str, tuple[Callable[[], Iterator[Row]], Callable[[Row], Any]]] = {
    "surname + month of birth": (
        lambda: _names(("last_soundex", "person__date_of_birth")),
        _year_month,
    ),
    "surname + first name": (lambda: _names(("last_soundex", "first_soundex")), lambda r: r[7:]),
    "surname letters + year of birth": (
        lambda: _names(("last_anagram", "person__date_of_birth")),
        lambda r: (r[7], r[3].year if r[3] else None),
    ),
    "first name + date of birth": (
        lambda: _names(("person__date_of_birth", "first_soundex")),
        lambda r: r[7:] if r[3] else None,
    ),
    "NHS number": (lambda: _people("nhs_number"), lambda r: r[7]),
    "postcode + year of birth": (
        _addresses,
        lambda r: (r[7], r[3].year if r[3] else None),
    ),
}


def _candidate(row: Row) -> Candidate:
    return Candidate(row[0], row[1], row[2], row[3], row[4], row[5], row[6])


def candidate_pairs(
    rows: Iterable[Row], key: Callable[[Row], Any], result: FindResult
) -> Iterator[tuple[Candidate, Candidate]]:
    """Pairs of different people within each block whose names are close enough to score."""
    for block_key, block in groupby(rows, key=key):
        if block_key is None:
            continue
        members = list(block)
        if len(members) > MAX_BLOCK:
            result.skipped_blocks += 1
            continue
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                if a[0] != b[0]:
                    yield _candidate(a), _candidate(b)


def _current_postcodes(ids: set[int]) -> dict[int, str]:
    found: dict[int, str] = {}
    pending = sorted(ids)
    for start in range(0, len(pending), 900):
        found.update(
            Address.objects.filter(
                person_id__in=pending[start : start + 900], end_date__isnull=True
            ).values_list("person_id", "postcode")
        )
    return found


def find_duplicates(*, actor: User | None = None, threshold: float = REVIEW_AT) -> FindResult:
    """Add to the review queue every likely duplicate pair not already there (in any state)."""
    started = time.monotonic()
    result = FindResult(people=Person.objects.filter(merged_into__isnull=True).count())
    best: dict[tuple[int, int], tuple[Candidate, Candidate]] = {}
    for name, (rows, key) in PASSES.items():
        began = time.monotonic()
        for a, b in candidate_pairs(rows(), key, result):
            result.compared += 1
            pair = (a.pk, b.pk) if a.pk < b.pk else (b.pk, a.pk)
            if pair in best:
                continue
            # Names too far apart for the name scorer and unlike first names: not worth scoring.
            if score_name(a.first, a.last, b.first, b.last) is None and a.nhs != b.nhs:
                if a.first.lower() != b.first.lower():
                    continue
            best[pair] = (a, b) if a.pk < b.pk else (b, a)
        result.passes[name] = round(time.monotonic() - began, 2)
    postcodes = _current_postcodes({pk for pair in best for pk in pair})
    known = set(DuplicatePair.objects.values_list("person_a_id", "person_b_id"))
    now = timezone.now()
    found: list[DuplicatePair] = []
    for (a_pk, b_pk), (a, b) in best.items():
        if (a_pk, b_pk) in known:
            continue
        match: Match = score(
            replace(a, postcode=postcodes.get(a_pk, "")),
            replace(b, postcode=postcodes.get(b_pk, "")),
        )
        if match.score >= threshold:
            found.append(
                DuplicatePair(
                    person_a_id=a_pk,
                    person_b_id=b_pk,
                    score=match.score,
                    reasons_for=match.reasons_for,
                    reasons_against=match.reasons_against,
                    found_at=now,
                    found_by="find_duplicates",
                )
            )
    with transaction.atomic():
        DuplicatePair.objects.bulk_create(found, batch_size=1000, ignore_conflicts=True)
        result.new_pairs = len(found)
        result.seconds = round(time.monotonic() - started, 2)
        audit_record(
            actor=actor,
            action="find_duplicates",
            record_type="duplicate_pair",
            record_id=f"{len(found)} found",
            detail={
                "people": result.people,
                "compared": result.compared,
                "skipped_blocks": result.skipped_blocks,
                "seconds": result.seconds,
            },
        )
    return result
