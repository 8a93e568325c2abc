"""Writes of the duplicate review: a pair marked "not the same person" or proposed for merging, a
merge of two records and its undoing. One transaction each, audited inside it; the children's
chronologies say what happened."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Field
from django.utils import timezone

from frontdoor.accounts.models import User
from frontdoor.audit.services import audit_record
from frontdoor.core.concurrency import lock_version, save_version
from frontdoor.people.models import NameKind, Person, PersonName
from frontdoor.people.services import chronology_add
from frontdoor.search_index.indexing import reindex_people

from .guards import merge_refusal, undo_refusal
from .models import DuplicatePair, Merge, MergeMove, PairStatus
from .relations import moved_links

# The details a manager chooses between, side by side. "name" is the first and last name together.
CHOICES: dict[str, tuple[str, ...]] = {
    "name": ("first_name", "last_name"),
    "middle_names": ("middle_names",),
    "date_of_birth": ("date_of_birth",),
    "sex": ("sex",),
    "ethnicity": ("ethnicity",),
    # The number comes with its status, how it was verified and why one is missing.
    "nhs_number": ("nhs_number", "nhs_status", "nhs_verified_how", "nhs_missing_reason"),
    "upn": ("upn",),
    "first_language": ("first_language",),
    "school": ("school",),
}


def _decide(pair: DuplicatePair, actor: User, status: str, note: str) -> None:
    pair.status, pair.decided_at, pair.decided_by, pair.note = status, timezone.now(), actor, note
    save_version(pair, actor=actor, fields=["status", "decided_at", "decided_by", "note"])


@transaction.atomic
def pair_mark_not_same(
    *, actor: User, pair_id: int, version: int | None, note: str = ""
) -> DuplicatePair:
    """Two records are different people: the pair is kept, so it is never proposed again."""
    pair = lock_version(DuplicatePair.objects.all(), pair_id, expected=version)
    if pair.status not in (PairStatus.OPEN, PairStatus.MERGE_PROPOSED):
        raise ValidationError({"note": "This pair has already been decided"})
    _decide(pair, actor, PairStatus.NOT_SAME, note.strip())
    for person_id in (pair.person_a_id, pair.person_b_id):
        audit_record(
            actor=actor,
            action="not_same_person",
            record_type="duplicate_pair",
            record_id=pair.pk,
            person_id=person_id,
            detail={"note": pair.note},
        )
    return pair


@transaction.atomic
def pair_propose_merge(
    *, actor: User, pair_id: int, version: int | None, note: str = ""
) -> DuplicatePair:
    """A practitioner thinks the two are the same person: a manager compares them and merges."""
    pair = lock_version(DuplicatePair.objects.all(), pair_id, expected=version)
    if pair.status != PairStatus.OPEN:
        raise ValidationError({"note": "This pair has already been decided"})
    _decide(pair, actor, PairStatus.MERGE_PROPOSED, note.strip())
    for person_id in (pair.person_a_id, pair.person_b_id):
        audit_record(
            actor=actor,
            action="propose_merge",
            record_type="duplicate_pair",
            record_id=pair.pk,
            person_id=person_id,
            detail={"note": pair.note},
        )
    return pair


def _field(name: str) -> Field[Any, Any]:
    field = Person._meta.get_field(name)
    assert isinstance(field, Field)  # CHOICES names concrete columns only
    return field


def pair_refusal(pair: DuplicatePair) -> str | None:
    """A pair marked "not the same person" is not merged from the queue."""
    if pair.status == PairStatus.NOT_SAME:
        return "This pair was marked as not the same person, so it is not merged from here"
    return None


def _stored(person: Person, name: str) -> Any:
    return _field(name).value_to_string(person)


def _restore(person: Person, name: str, value: Any) -> None:
    setattr(person, name, _field(name).to_python(value))


@transaction.atomic
def person_merge(
    *,
    actor: User,
    survivor_id: int,
    merged_id: int,
    survivor_version: int | None,
    merged_version: int | None,
    take: list[str],
    reason: str,
    pair: DuplicatePair | None = None,
) -> Merge:
    """Merge `merged` into `survivor`: the details in `take` (keys of CHOICES) come from `merged`,
    every record of `merged` moves to `survivor` (each move stored, for undoing), and `merged` no
    longer shows in search. Refused with the reason by `guards.merge_refusal`."""
    if survivor_id == merged_id:
        raise ValidationError({"__all__": "Choose two different records"})
    expected = {survivor_id: survivor_version, merged_id: merged_version}
    # Locked in id order, so two merges of the same records cannot deadlock.
    locked = {
        pk: lock_version(Person.objects.all(), pk, expected=expected[pk]) for pk in sorted(expected)
    }
    survivor, merged = locked[survivor_id], locked[merged_id]
    errors: dict[str, str] = {}
    if not reason.strip():
        errors["reason"] = "Say why these records are the same person"
    refusal = merge_refusal(actor, survivor, merged) or (pair_refusal(pair) if pair else None)
    if refusal:
        errors["__all__"] = refusal
    unknown = set(take) - set(CHOICES)
    if unknown:
        raise ValueError(f"Cannot take {', '.join(sorted(unknown))}")
    if errors:
        raise ValidationError(errors)
    merge = Merge.objects.create(
        survivor=survivor,
        merged=merged,
        pair=pair,
        merged_at=timezone.now(),
        merged_by=actor,
        reason=reason.strip(),
    )
    moves: list[MergeMove] = []
    counts: dict[str, int] = {}
    current_names = list(
        PersonName.objects.filter(
            person=merged if "name" not in take else survivor, kind=NameKind.CURRENT
        ).values_list("pk", flat=True)
    )
    for link in moved_links():
        rows = link.model._base_manager.filter(**{link.name: merged.pk})
        pks = [str(pk) for pk in rows.values_list("pk", flat=True)]
        if not pks:
            continue
        key = link.model._meta.label
        moves += [MergeMove(merge=merge, model=key, field=link.name, object_id=pk) for pk in pks]
        counts[f"{key}.{link.name}"] = len(pks)
        # A plain UPDATE: the merge is one audited event and every row it moves is stored in
        # MergeMove, which is what the undo reads (no per-row save() hooks exist to miss).
        rows.update(**{link.name: survivor.pk})
    MergeMove.objects.bulk_create(moves, batch_size=1000)
    # One current name: the other record's current name is kept as another name (found by search).
    PersonName.objects.filter(pk__in=current_names).update(kind=NameKind.OTHER)
    taken: dict[str, list[Any]] = {}
    for choice in take:
        for name in CHOICES[choice]:
            taken[name] = [_stored(survivor, name), _stored(merged, name)]
            setattr(survivor, name, getattr(merged, name))
    merge.taken, merge.renamed_names = taken, current_names
    merge.save(update_fields=["taken", "renamed_names"])
    save_version(survivor, actor=actor, fields=list(taken))
    merged.merged_into = survivor
    save_version(merged, actor=actor, fields=["merged_into"])
    reindex_people([survivor.pk, merged.pk])  # names moved; the date of birth may have changed
    if pair is not None:
        _decide(pair, actor, PairStatus.MERGED, pair.note)
    for person, role in ((survivor, "survivor"), (merged, "merged")):
        audit_record(
            actor=actor,
            action="merge",
            record_type="merge",
            record_id=merge.pk,
            person_id=person.pk,
            detail={"role": role, "moved": counts, "taken": sorted(taken), "reason": merge.reason},
        )
    chronology_add(
        person=survivor,
        kind="merged",
        summary=(
            f"Record {merged.la_child_id} merged into this record ({sum(counts.values())} "
            f"records moved): {merge.reason}"
        ),
        actor=actor,
        record=merge,
    )
    return merge


@transaction.atomic
def merge_undo(*, actor: User, merge_id: int, version: int | None, reason: str) -> Merge:
    """Undo a merge: every record it moved goes back, the survivor's details are restored and the
    merged record shows in search again."""
    merge = lock_version(Merge.objects.all(), merge_id, expected=version)
    survivor = lock_version(Person.objects.all(), merge.survivor_id, expected=None)
    merged = lock_version(Person.objects.all(), merge.merged_id, expected=None)
    errors: dict[str, str] = {}
    if not reason.strip():
        errors["reason"] = "Say why the merge is being undone"
    refusal = undo_refusal(merge)
    if refusal:
        errors["__all__"] = refusal
    if errors:
        raise ValidationError(errors)
    by_link: dict[tuple[str, str], list[str]] = {}
    for move in merge.moves.all():
        by_link.setdefault((move.model, move.field), []).append(move.object_id)
    for link in moved_links():
        ids = by_link.get((link.model._meta.label, link.name))
        if ids:
            # Stored moves only (see person_merge); the audit row below records the undo.
            link.model._base_manager.filter(pk__in=ids).update(**{link.name: merged.pk})
    PersonName.objects.filter(pk__in=merge.renamed_names).update(kind=NameKind.CURRENT)
    for name, (before, _taken) in merge.taken.items():
        _restore(survivor, name, before)
    save_version(survivor, actor=actor, fields=list(merge.taken))
    merged.merged_into = None
    save_version(merged, actor=actor, fields=["merged_into"])
    reindex_people([survivor.pk, merged.pk])
    merge.undone_at, merge.undone_by, merge.undo_reason = timezone.now(), actor, reason.strip()
    save_version(merge, actor=actor, fields=["undone_at", "undone_by", "undo_reason"])
    if merge.pair_id is not None:
        pair = DuplicatePair.objects.select_for_update().get(pk=merge.pair_id)
        _decide(pair, actor, PairStatus.MERGE_PROPOSED, pair.note)
    for person in (survivor, merged):
        audit_record(
            actor=actor,
            action="unmerge",
            record_type="merge",
            record_id=merge.pk,
            person_id=person.pk,
            detail={"reason": merge.undo_reason, "moved_back": merge.moves.count()},
        )
        chronology_add(
            person=person,
            kind="merge_undone",
            summary=f"Merge of {merged.la_child_id} into {survivor.la_child_id} undone: "
            f"{merge.undo_reason}",
            actor=actor,
            record=merge,
        )
    return merge
