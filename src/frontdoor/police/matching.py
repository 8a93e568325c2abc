"""Matching a child named in a police notification to the people index, and finding open cases.

A match is confident only when exactly one child in the index has the same date of birth and the
same name (any current, previous or other name), or sounds-alike names with the same date of birth
and postcode. Anything less certain waits for a MASH practitioner to confirm or create the person:
linking the wrong child is worse than asking.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import connection

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


@dataclass(frozen=True)
class ChildQuery:
    first_name: str
    last_name: str
    date_of_birth: date
    postcode: str = ""


def match_child(
    *, first_name: str, last_name: str, date_of_birth: date, postcode: str = ""
) -> MatchResult:
    return match_children([ChildQuery(first_name, last_name, date_of_birth, postcode)])[0]


def match_children(queries: list[ChildQuery]) -> list[MatchResult]:
    """Match many children at once (an import's batch): the same rules as one at a time, with a
    fixed number of queries however many children there are."""
    if not queries:
        return []
    keys = [(normalise(q.first_name), normalise(q.last_name)) for q in queries]
    sounds = [(phonetic(q.first_name), phonetic(q.last_name)) for q in queries]
    by_dob: dict[date, list[tuple[int, str, str, str, str]]] = defaultdict(list)
    for pid, dob, fn, ln, fk, lk in PersonName.objects.filter(
        person__date_of_birth__in={q.date_of_birth for q in queries},
        person__kind=PersonKind.CHILD,
    ).values_list(
        "person_id", "person__date_of_birth", "first_norm", "last_norm", "first_key", "last_key"
    ):
        if dob is not None:
            by_dob[dob].append((pid, fn, ln, fk, lk))
    found: list[tuple[set[int], set[int], list[tuple[int, str, str, str, str]]]] = []
    for q, (qf, ql), (pf, pl) in zip(queries, keys, sounds, strict=True):
        rows = by_dob.get(q.date_of_birth, [])
        exact = {pid for pid, f, la, _, _ in rows if f == qf and la == ql}
        alike = {pid for pid, _, _, fk, lk in rows if fk == pf and lk == pl}
        found.append((exact, alike, rows))
    # Sounds-alike with the same date of birth counts only at the same current postcode.
    wanted = {
        (next(iter(alike)), postcode_key(q.postcode))
        for q, (exact, alike, _) in zip(queries, found, strict=True)
        if not exact and len(alike) == 1 and q.postcode
    }
    at_postcode = (
        set(
            Address.objects.filter(
                person_id__in={pid for pid, _ in wanted},
                end_date__isnull=True,
                postcode_key__in={key for _, key in wanted},
            ).values_list("person_id", "postcode_key")
        )
        if wanted
        else set()
    )
    linked: list[tuple[int, str] | None] = []
    for q, (exact, alike, _) in zip(queries, found, strict=True):
        if len(exact) == 1:
            linked.append((next(iter(exact)), "Same name and date of birth"))
        elif (
            not exact
            and len(alike) == 1
            and q.postcode
            and ((next(iter(alike)), postcode_key(q.postcode)) in at_postcode)
        ):
            linked.append((next(iter(alike)), "Name sounds alike; same date of birth and postcode"))
        else:
            linked.append(None)
    people = Person.objects.in_bulk({hit[0] for hit in linked if hit})
    unmatched = {k for k, hit in zip(keys, linked, strict=True) if hit is None}
    other_dob = _same_name_children(unmatched)
    results = []
    for q, (qf, ql), (_, pl), (exact, alike, rows), hit in zip(
        queries, keys, sounds, found, linked, strict=True
    ):
        if hit:
            results.append(MatchResult(people[hit[0]], MatchStatus.LINKED, hit[1]))
            continue
        candidates = exact | alike | {pid for pid, f, la, fk, lk in rows if lk == pl or f == qf}
        candidates |= {pid for pid, dob in other_dob.get((qf, ql), []) if dob != q.date_of_birth}
        if len(exact) > 1:
            note = f"{len(exact)} children in the index have this name and date of birth"
        elif candidates:
            note = "Possible matches in the people index: check before linking"
        else:
            note = "No match in the people index: check, then add the child"
        results.append(
            MatchResult(None, MatchStatus.AWAITING_REVIEW, note, sorted(candidates)[:10])
        )
    return results


def _same_name_children(
    names: set[tuple[str, str]],
) -> dict[tuple[str, str], list[tuple[int, date | None]]]:
    """Children in the index with each of these exact names, whatever their date of birth.

    One statement for the batch, the wanted names joined as a list of pairs (an OR of a thousand
    name pairs costs the database more to plan than to run). On PostgreSQL the pairs go as two
    arrays; elsewhere as a `VALUES` list, in as many statements as the parameter limit needs."""
    out: dict[tuple[str, str], list[tuple[int, date | None]]] = defaultdict(list)
    if not names:
        return out
    quote = connection.ops.quote_name
    name, person = PersonName._meta, Person._meta
    select = (
        f"SELECT n.{quote('person_id')}, n.{quote('first_norm')}, n.{quote('last_norm')}, "
        f"p.{quote('date_of_birth')} FROM {quote(name.db_table)} n "
        f"JOIN {quote(person.db_table)} p ON p.{quote('id')} = n.{quote('person_id')} "
        f"WHERE p.{quote('kind')} = %s AND (n.{quote('first_norm')}, n.{quote('last_norm')}) IN "
    )
    pairs = sorted(names)
    rows: list[tuple[int, str, str, date | None]] = []
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                f"{select}(SELECT * FROM unnest(%s::varchar[], %s::varchar[]))",
                [PersonKind.CHILD, [f for f, _ in pairs], [la for _, la in pairs]],
            )
            rows = cursor.fetchall()
        else:
            per = max(1, ((connection.features.max_query_params or 999) - 1) // 2)
            for start in range(0, len(pairs), per):
                chunk = pairs[start : start + per]
                cursor.execute(
                    f"{select}(VALUES {', '.join(['(%s, %s)'] * len(chunk))})",
                    [PersonKind.CHILD, *(v for pair in chunk for v in pair)],
                )
                rows += cursor.fetchall()
    date_field = Person._meta.get_field("date_of_birth")
    for pid, first, last, dob in rows:
        out[(first, last)].append((pid, date_field.to_python(dob)))
    return out


def open_case_for(person_id: int) -> tuple[int, Any] | None:
    """(referral id, allocated worker id) of the child's open referral with a worker, if any."""
    return open_cases_for([person_id]).get(person_id)


def open_cases_for(person_ids: Iterable[int]) -> dict[int, tuple[int, Any]]:
    """Each child's open referral with a worker (the latest), by person id."""
    cases: dict[int, tuple[int, Any]] = {}
    for person_id, pk, worker_id in (
        Referral.objects.filter(
            person_id__in=set(person_ids), closure_date__isnull=True, worker__isnull=False
        )
        .order_by("person_id", "-referral_date", "-id")
        .values_list("person_id", "pk", "worker_id")
    ):
        cases.setdefault(person_id, (pk, worker_id))
    return cases
