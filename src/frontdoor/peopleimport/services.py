"""Importing people from a council's previous system.

`people_import` checks every row first (`rows.check_row`), then matches each incoming person
against the index — exact identifiers first (the old system's id already imported, NHS number,
UPN), then the scored matcher (`duplicates.scoring.score`) — and writes everything in one
transaction: a file with any problem imports nothing, and the report lists every problem with its
row number. Importing the same file again changes nothing ("already imported").

Rows are written in bulk (a council's index is hundreds of thousands of people): the audit rows
are built by `audit_event`, one per person created or matched, and inserted with the rest.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import IO, Any

from django.db import transaction
from django.utils import timezone

from frontdoor.accounts.models import User
from frontdoor.audit.models import AuditEvent
from frontdoor.audit.services import audit_event, audit_record
from frontdoor.duplicates.models import DuplicatePair
from frontdoor.duplicates.scoring import REVIEW_AT, Candidate, Match, score
from frontdoor.people.matching import name_keys, soundex
from frontdoor.people.models import (
    Address,
    ChronologyEntry,
    Household,
    NameKind,
    Person,
    PersonName,
    Relationship,
)
from frontdoor.people.services import address_build
from frontdoor.search_index.indexing import write_keys

from .models import ExternalReference, ImportStatus, PeopleImport
from .rows import Incoming, Problem, check_row, format_of, read_rows

CHUNK = 500  # ids per IN (...) query: well under SQLite's parameter limit
BATCH = 2000
MAX_REPORTED = 1000  # problems and outcomes kept on the report (the counts are always whole)

CREATED, MATCHED, NEEDS_REVIEW, ALREADY = "created", "matched", "needs review", "already imported"


@dataclass
class Outcome:
    incoming: Incoming
    outcome: str
    person_id: int | None = None
    reasons: list[str] = field(default_factory=list)
    score: float = 0.0
    against: list[str] = field(default_factory=list)


def _name_row(person: Person, first: str, last: str, kind: str) -> PersonName:
    return PersonName(
        person=person, kind=kind, first_name=first, last_name=last, **name_keys(first, last)
    )


def _chunks(values: Iterable[Any]) -> Iterator[list[Any]]:
    items = sorted(set(values))
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]


def _candidate(incoming: Incoming, pk: int = 0) -> Candidate:
    p = incoming.person
    postcode = (incoming.address or {}).get("postcode", "")
    return Candidate(
        pk, p.first_name, p.last_name, p.date_of_birth, p.nhs_number, p.upn, p.sex, postcode
    )


def match_all(system: str, incoming: list[Incoming]) -> list[Outcome]:
    """What becomes of each incoming person: already imported, matched by an identifier, close to
    someone (created, and the pair queued for review) or new."""
    known: dict[str, int] = {}
    for ids in _chunks(i.legacy_id for i in incoming):
        known.update(
            ExternalReference.objects.filter(system=system, value__in=ids).values_list(
                "value", "person_id"
            )
        )
    live = Person.objects.filter(merged_into__isnull=True)
    by_nhs: dict[str, int] = {}
    for ids in _chunks(i.person.nhs_number for i in incoming if i.person.nhs_number):
        by_nhs.update(live.filter(nhs_number__in=ids).values_list("nhs_number", "pk"))
    by_upn: dict[str, int] = {}
    for ids in _chunks(i.person.upn for i in incoming if i.person.upn):
        by_upn.update(live.filter(upn__in=ids).values_list("upn", "pk"))
    outcomes: list[Outcome] = []
    pending: list[Outcome] = []
    for item in incoming:
        p = item.person
        if item.legacy_id in known:
            outcomes.append(Outcome(item, ALREADY, known[item.legacy_id]))
        elif p.nhs_number in by_nhs:
            outcomes.append(Outcome(item, MATCHED, by_nhs[p.nhs_number], ["same NHS number"]))
        elif p.upn in by_upn:
            outcomes.append(Outcome(item, MATCHED, by_upn[p.upn], ["same UPN"]))
        else:
            outcome = Outcome(item, CREATED)
            outcomes.append(outcome)
            pending.append(outcome)
    _score_against_index(pending)
    return outcomes


def _score_against_index(pending: list[Outcome]) -> None:
    """The scored matcher: candidates share the surname's sound (any of their names) and, when both
    dates are known, were born within a year of each other."""
    by_key: dict[str, list[Outcome]] = defaultdict(list)
    for outcome in pending:
        by_key[soundex(outcome.incoming.person.last_name)].append(outcome)
    by_key.pop("", None)
    fields = (
        "person_id",
        "first_name",
        "last_name",
        "person__date_of_birth",
        "person__nhs_number",
        "person__upn",
        "person__sex",
        "last_soundex",
    )
    for keys in _chunks(by_key):
        names = PersonName.objects.filter(last_soundex__in=keys, person__merged_into__isnull=True)
        for row in names.values_list(*fields).iterator(chunk_size=5000):
            found = Candidate(row[0], row[1], row[2], row[3], row[4], row[5], row[6])
            for outcome in by_key[row[7]]:
                dob = outcome.incoming.person.date_of_birth
                if dob and found.dob and abs(dob.year - found.dob.year) > 1:
                    continue
                match: Match = score(_candidate(outcome.incoming), replace(found, postcode=""))
                if match.score >= REVIEW_AT and match.score > outcome.score:
                    outcome.outcome, outcome.person_id = NEEDS_REVIEW, found.pk
                    outcome.reasons, outcome.score = match.reasons_for, match.score
                    outcome.against = match.reasons_against


def check_file(
    stream: IO[bytes], *, filename: str, system: str, fmt: str = "", now: datetime | None = None
) -> tuple[list[Incoming], list[Problem]]:
    """Every row checked on its own and against the others (ids once each, relationships to
    people in the file or already imported). Raises rows.ImportFileError for an unreadable file."""
    now = now or timezone.now()
    rows = read_rows(stream, format_of(filename, fmt))
    incoming: list[Incoming] = []
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    every: list[Incoming] = []
    for n, row in rows:
        item, found = check_row(n, row, now)
        problems += found
        every.append(item)
        legacy_id = str(row.get("legacy_id") or "").strip()
        if legacy_id and legacy_id in seen:
            problems.append(
                Problem(
                    n, "legacy_id", f"The legacy id {legacy_id} is also on row {seen[legacy_id]}"
                )
            )
        seen.setdefault(legacy_id, n)
        if not found:
            incoming.append(item)
    _check_relationships(system, every, problems)
    return incoming, problems


def _check_relationships(system: str, incoming: list[Incoming], problems: list[Problem]) -> None:
    in_file = {i.legacy_id for i in incoming}
    wanted = {other for i in incoming for other, _ in i.relationships} - in_file
    known: set[str] = set()
    for ids in _chunks(wanted):
        known.update(
            ExternalReference.objects.filter(system=system, value__in=ids).values_list(
                "value", flat=True
            )
        )
    for item in incoming:
        for other, _kind in item.relationships:
            if other == item.legacy_id:
                problems.append(
                    Problem(item.row, "relationships", "A person cannot be related to themselves")
                )
            elif other not in in_file and other not in known:
                problems.append(
                    Problem(
                        item.row,
                        "relationships",
                        f"No person with legacy id {other} in this file or imported before",
                    )
                )


def people_import(
    *,
    actor: User | None,
    stream: IO[bytes],
    filename: str,
    system: str,
    fmt: str = "",
) -> PeopleImport:
    """Check, match and import a legacy file: all of it, or (with any problem) none of it. The
    report is saved either way. Raises rows.ImportFileError for a file that cannot be read."""
    now = timezone.now()
    system = system.strip()[:60] or "legacy"
    incoming, problems = check_file(stream, filename=filename, system=system, fmt=fmt, now=now)
    record = PeopleImport(
        filename=filename[:200],
        system=system,
        started_at=now,
        started_by=actor if getattr(actor, "pk", None) else None,
        rows=len(incoming) + len({p.row for p in problems}),  # every row read
    )
    if problems:
        problems.sort(key=lambda p: p.row)
        record.status = ImportStatus.REFUSED
        record.problem_count = len(problems)
        record.problems = [vars(p) for p in problems[:MAX_REPORTED]]
        record.finished_at = timezone.now()
        with transaction.atomic():
            record.save()
            audit_record(
                actor=actor,
                action="import_refused",
                record_type="people_import",
                record_id=record.pk,
                detail={"filename": record.filename, "problems": len(problems)},
            )
        return record
    outcomes = match_all(system, incoming)
    with transaction.atomic():
        record.status = ImportStatus.IMPORTED
        record.save()
        _write(actor, record, outcomes, now)
        record.finished_at = timezone.now()
        record.save()
        audit_record(
            actor=actor,
            action="import",
            record_type="people_import",
            record_id=record.pk,
            detail={
                "filename": record.filename,
                "system": system,
                "created": record.created,
                "matched": record.matched,
                "needs_review": record.needs_review,
                "already_imported": record.already_imported,
            },
        )
    return record


def _households(system: str, labels: set[str]) -> dict[str, Household]:
    wanted = {f"{system} household {h}": h for h in labels}
    found = {h.label: h for h in Household.objects.filter(label__in=list(wanted))}
    new = [Household(label=label) for label in wanted if label not in found]
    for household in Household.objects.bulk_create(new, batch_size=BATCH):
        found[household.label] = household
    return {wanted[label]: household for label, household in found.items()}


def _write(
    actor: User | None, record: PeopleImport, outcomes: list[Outcome], now: datetime
) -> None:
    system = record.system
    user = actor if getattr(actor, "pk", None) else None
    households = _households(
        system, {o.incoming.household for o in outcomes if o.incoming.household}
    )
    new = [o for o in outcomes if o.outcome in (CREATED, NEEDS_REVIEW)]
    for o in new:
        o.incoming.person.created_by = user
        o.incoming.person.household = households.get(o.incoming.household)
    Person.objects.bulk_create([o.incoming.person for o in new], batch_size=BATCH)
    names: list[PersonName] = []
    addresses: list[Address] = []
    chronology: list[ChronologyEntry] = []
    events: list[AuditEvent] = []
    for o in new:
        person, item = o.incoming.person, o.incoming
        o.person_id = o.person_id if o.outcome == NEEDS_REVIEW else person.pk
        names.append(_name_row(person, person.first_name, person.last_name, NameKind.CURRENT))
        names += [_name_row(person, f, la, NameKind.OTHER) for f, la in item.other_names]
        names += [_name_row(person, f, la, NameKind.PREVIOUS) for f, la in item.previous_names]
        if item.address:
            addresses.append(address_build(person, item.address, None))
        if person.is_child:
            chronology.append(
                ChronologyEntry(
                    person=person,
                    occurred_at=now,
                    kind="imported",
                    summary=f"Record imported from {system} (id {item.legacy_id})",
                    actor=user,
                    record_type="peopleimport",
                    record_id=str(record.pk),
                )
            )
        events.append(
            audit_event(
                actor=actor,
                action="create",
                record_type="person",
                record_id=person.pk,
                person_id=person.pk,
                detail={"import": record.pk, "legacy_id": item.legacy_id},
                at=now,
            )
        )
    PersonName.objects.bulk_create(names, batch_size=BATCH)
    # The search index's keys for every new name (what person_create does one at a time).
    write_keys((n.pk, n.first_name, n.last_name, n.person.date_of_birth) for n in names)
    Address.objects.bulk_create(addresses, batch_size=BATCH)
    ChronologyEntry.objects.bulk_create(chronology, batch_size=BATCH)
    person_of: dict[str, int] = {}  # legacy id -> person id, for everyone in the file
    refs: list[ExternalReference] = []
    for o in outcomes:
        item = o.incoming
        target = item.person.pk if o.outcome in (CREATED, NEEDS_REVIEW) else o.person_id
        assert target is not None  # matched and already imported rows name their person
        person_of[item.legacy_id] = target
        if o.outcome != ALREADY:
            refs.append(
                ExternalReference(
                    person_id=target, system=system, value=item.legacy_id, created_at=now
                )
            )
        if o.outcome == MATCHED:
            events.append(
                audit_event(
                    actor=actor,
                    action="link_external_reference",
                    record_type="person",
                    record_id=target,
                    person_id=target,
                    detail={"import": record.pk, "legacy_id": item.legacy_id, "system": system},
                    at=now,
                )
            )
    ExternalReference.objects.bulk_create(refs, batch_size=BATCH)
    _relationships(system, outcomes, person_of)
    _pairs(record, new, now)
    AuditEvent.objects.bulk_create(events, batch_size=BATCH)
    counts: defaultdict[str, int] = defaultdict(int)
    for o in outcomes:
        counts[o.outcome] += 1
    record.created, record.matched = counts[CREATED], counts[MATCHED]
    record.needs_review, record.already_imported = counts[NEEDS_REVIEW], counts[ALREADY]
    record.outcomes = [
        {
            "row": o.incoming.row,
            "legacy_id": o.incoming.legacy_id,
            "outcome": o.outcome,
            "person": o.incoming.person.pk if o.outcome == NEEDS_REVIEW else o.person_id,
            "like": o.person_id if o.outcome == NEEDS_REVIEW else None,
            "reasons": o.reasons,
        }
        for o in outcomes
        if o.outcome in (MATCHED, NEEDS_REVIEW)
    ][:MAX_REPORTED]


def _relationships(system: str, outcomes: list[Outcome], person_of: dict[str, int]) -> None:
    wanted = {other for o in outcomes for other, _ in o.incoming.relationships} - set(person_of)
    for ids in _chunks(wanted):
        person_of.update(
            ExternalReference.objects.filter(system=system, value__in=ids).values_list(
                "value", "person_id"
            )
        )
    rows: list[Relationship] = []
    for o in outcomes:
        if o.outcome == ALREADY:
            continue
        me = person_of[o.incoming.legacy_id]
        for other, kind in o.incoming.relationships:
            rows.append(Relationship(person_id=me, other_id=person_of[other], kind=kind))
            if kind == "sibling":
                rows.append(Relationship(person_id=person_of[other], other_id=me, kind=kind))
    Relationship.objects.bulk_create(rows, batch_size=BATCH, ignore_conflicts=True)


def _pairs(record: PeopleImport, new: list[Outcome], now: datetime) -> None:
    pairs = []
    for o in new:
        if o.outcome != NEEDS_REVIEW or o.person_id is None:
            continue
        a, b = sorted((o.incoming.person.pk, o.person_id))
        pairs.append(
            DuplicatePair(
                person_a_id=a,
                person_b_id=b,
                score=o.score,
                reasons_for=o.reasons,
                reasons_against=o.against,
                found_at=now,
                found_by=f"import {record.pk}",
            )
        )
    DuplicatePair.objects.bulk_create(pairs, batch_size=BATCH, ignore_conflicts=True)
