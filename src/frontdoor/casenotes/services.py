"""Writes for case notes: record, edit (the author, within the editing window) and amend (after
it). Each runs in one transaction with its audit row and the child's chronology entry."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from frontdoor.accounts.models import User
from frontdoor.audit.services import audit_record
from frontdoor.core.concurrency import lock_version, save_version
from frontdoor.core.templatetags.govuk import ukdate
from frontdoor.people.models import ChronologyEntry, Person, Relationship
from frontdoor.people.services import chronology_add

from .models import CaseNote, CaseNoteAmendment, NoteKind, OversightPoint

# The author may correct a note this long after writing it (a typing slip noticed at once); after
# that the note as written stands and anything more is added as an amendment (a record that others
# may already have read and acted on is never silently rewritten).
EDIT_WINDOW = timedelta(hours=2)
CHRONOLOGY_KIND = "case_note"


def related_ids(person: Person) -> set[int]:
    """The child and everyone in their household or related to them: who a note may say was seen."""
    ids = {person.pk}
    current = Relationship.objects.filter(Q(person=person) | Q(other=person), end_date__isnull=True)
    for a, b in current.values_list("person_id", "other_id"):
        ids |= {a, b}
    if person.household_id:
        ids |= set(
            Person.objects.filter(household_id=person.household_id).values_list("pk", flat=True)
        )
    return ids


def _check(
    *,
    actor: User,
    person: Person,
    kind: str,
    occurred_at: datetime | None,
    text: str,
    seen: Iterable[Person],
    oversight_point: str,
    now: datetime,
) -> dict[str, str]:
    errors: dict[str, str] = {}
    if kind not in NoteKind.values:
        errors["kind"] = "Select what kind of note this is"
    elif kind == NoteKind.MANAGEMENT_OVERSIGHT and not actor.can("management_oversight"):
        errors["kind"] = "Only a team manager records management oversight"
    if oversight_point and kind != NoteKind.MANAGEMENT_OVERSIGHT:
        errors["oversight_point"] = "Only a management oversight note covers an oversight point"
    elif oversight_point and oversight_point not in OversightPoint.values:
        errors["oversight_point"] = "Select the point this oversight covers"
    if occurred_at is None:
        errors["occurred_at"] = "Enter when it happened"
    elif occurred_at > now:
        errors["occurred_at"] = "When it happened must be now or in the past"
    elif person.date_of_birth and occurred_at.date() < person.date_of_birth:
        errors["occurred_at"] = "When it happened must be after the child was born"
    if not text.strip():
        errors["text"] = "Enter what happened"
    allowed = related_ids(person)
    if any(p.pk not in allowed for p in seen):
        errors["seen"] = "Select only the child and members of their household"
    return errors


def _summary(note: CaseNote) -> str:
    first_line = note.text.strip().splitlines()[0]
    short = first_line if len(first_line) <= 120 else first_line[:117] + "…"
    return f"{note.get_kind_display()}: {short}"


@transaction.atomic
def case_note_record(
    *,
    actor: User,
    person: Person,
    kind: str,
    occurred_at: datetime | None,
    text: str,
    seen: Iterable[Person] = (),
    others_seen: str = "",
    oversight_point: str = "",
    now: datetime | None = None,
) -> CaseNote:
    """A case note dated when the event happened, on the child's chronology at that time."""
    now = now or timezone.now()
    seen = list(seen)
    errors = _check(
        actor=actor,
        person=person,
        kind=kind,
        occurred_at=occurred_at,
        text=text,
        seen=seen,
        oversight_point=oversight_point,
        now=now,
    )
    if errors:
        raise ValidationError(errors)
    assert occurred_at is not None
    note = CaseNote.objects.create(
        person=person,
        kind=kind,
        occurred_at=occurred_at,
        text=text.strip(),
        others_seen=others_seen.strip(),
        oversight_point=oversight_point,
        created_at=now,
        created_by=actor,
    )
    note.seen.set(seen)
    audit_record(
        actor=actor,
        action="create",
        record_type="case_note",
        record_id=note.pk,
        person_id=person.pk,
        detail={"kind": kind, "occurred_at": occurred_at.isoformat()},
    )
    chronology_add(
        person=person,
        kind=CHRONOLOGY_KIND,
        summary=_summary(note),
        actor=actor,
        occurred_at=occurred_at,
        record=note,
        url=reverse("casenotes:detail", args=[note.pk]),
    )
    return note


def edit_refusal(*, actor: User, note: CaseNote, now: datetime | None = None) -> str:
    """Why this user may not change the note as written ("" when they may)."""
    if note.created_by_id != actor.pk:
        return "Only the person who wrote a note can change it. Add an amendment instead"
    if (now or timezone.now()) > note.created_at + EDIT_WINDOW:
        hours = int(EDIT_WINDOW.total_seconds() // 3600)
        return (
            f"A note can be changed only in the {hours} hours after it was written. "
            "Add an amendment instead: the note as written is kept"
        )
    return ""


@transaction.atomic
def case_note_edit(
    *,
    actor: User,
    note: CaseNote,
    expected_version: int | None,
    kind: str,
    occurred_at: datetime | None,
    text: str,
    seen: Iterable[Person] = (),
    others_seen: str = "",
    oversight_point: str = "",
    now: datetime | None = None,
) -> CaseNote:
    """The author corrects their note within the editing window (versioned: a stale page is
    refused with who changed it)."""
    now = now or timezone.now()
    locked = lock_version(CaseNote.objects.all(), note.pk, expected=expected_version)
    refusal = edit_refusal(actor=actor, note=locked, now=now)
    if refusal:
        raise ValidationError(refusal)
    seen = list(seen)
    errors = _check(
        actor=actor,
        person=locked.person,
        kind=kind,
        occurred_at=occurred_at,
        text=text,
        seen=seen,
        oversight_point=oversight_point,
        now=now,
    )
    if errors:
        raise ValidationError(errors)
    assert occurred_at is not None
    before = {"kind": locked.kind, "occurred_at": locked.occurred_at.isoformat()}
    locked.kind, locked.occurred_at, locked.text = kind, occurred_at, text.strip()
    locked.others_seen, locked.oversight_point = others_seen.strip(), oversight_point
    save_version(
        locked,
        actor=actor,
        fields=["kind", "occurred_at", "text", "others_seen", "oversight_point"],
    )
    locked.seen.set(seen)
    for entry in ChronologyEntry.objects.filter(
        kind=CHRONOLOGY_KIND, record_type="casenote", record_id=str(locked.pk)
    ):
        entry.occurred_at, entry.summary = occurred_at, _summary(locked)
        entry.save(update_fields=["occurred_at", "summary"])
    audit_record(
        actor=actor,
        action="update",
        record_type="case_note",
        record_id=locked.pk,
        person_id=locked.person_id,
        detail={"before": before, "kind": kind, "occurred_at": occurred_at.isoformat()},
    )
    return locked


@transaction.atomic
def case_note_amend(
    *, actor: User, note: CaseNote, text: str, now: datetime | None = None
) -> CaseNoteAmendment:
    """Add to a note (the note as written is kept): anyone who writes case notes about the child."""
    if not text.strip():
        raise ValidationError({"text": "Enter the amendment"})
    amendment = CaseNoteAmendment.objects.create(
        note=note, text=text.strip(), amended_at=now or timezone.now(), amended_by=actor
    )
    audit_record(
        actor=actor,
        action="amend",
        record_type="case_note",
        record_id=note.pk,
        person_id=note.person_id,
        detail={"amendment": amendment.pk},
    )
    chronology_add(
        person=note.person,
        kind="case_note_amended",
        summary=f"Amendment added to the {note.get_kind_display().lower()} note of "
        f"{ukdate(note.occurred_at)}",
        actor=actor,
        occurred_at=amendment.amended_at,
        record=note,
        url=reverse("casenotes:detail", args=[note.pk]),
    )
    return amendment
