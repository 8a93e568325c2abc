"""Writing the search keys. Called by the people services whenever a name is added or a date of
birth changes (`person_create`, `person_update`), and by anything that moves names between people
(merge, unmerge, imports that bypass `person_create`)."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from frontdoor.people.matching import meta, stored_keys, stored_words
from frontdoor.people.models import PersonName

from .models import NameKey, NameWord


def reindex_people(person_ids: Iterable[int]) -> int:
    """Rewrite the keys of every name of these people; returns the number of keys written."""
    ids = sorted({int(i) for i in person_ids})
    if not ids:
        return 0
    rows = list(
        PersonName.objects.filter(person_id__in=ids).values_list(
            "pk", "first_name", "last_name", "person__date_of_birth"
        )
    )
    with transaction.atomic():
        NameKey.objects.filter(name__person_id__in=ids).delete()
        return write_keys(rows)


def write_keys(rows: Iterable[tuple[int, str, str, object]]) -> int:
    """Insert the keys and vocabulary words of names not yet indexed: (name id, first, last, dob)."""
    keys: list[NameKey] = []
    vocabulary: set[str] = set()
    for name_id, first, last, dob in rows:
        keys += [
            NameKey(name_id=name_id, key=key)
            for key in sorted(stored_keys(first, last, dob))  # type: ignore[arg-type]
        ]
        vocabulary |= stored_words(first, last)
    NameKey.objects.bulk_create(keys, batch_size=2000)
    add_words(vocabulary)
    return len(keys)


def add_words(vocabulary: Iterable[str]) -> None:
    NameWord.objects.bulk_create(
        [NameWord(word=w[:100], length=len(w), sound=meta(w)) for w in sorted(vocabulary) if w],
        batch_size=2000,
        ignore_conflicts=True,
    )
