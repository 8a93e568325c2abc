"""Reading the search keys: the stored spellings close to a typed word, and the people whose
names have any of a query's keys. Every query here uses an index (docs/performance.md)."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection
from rapidfuzz.distance import OSA

from frontdoor.people.matching import meta, typo_distance_allowed

from .models import NameKey, NameWord

# The most people one query's keys may bring back for scoring, per kind of key: enough for every
# plausible match, few enough that scoring stays well inside the time goal at 1,000,000 people.
NAME_CANDIDATES = 300
DOB_CANDIDATES = 300


def close_words(typed: Iterable[str]) -> dict[str, set[str]]:
    """For each typed word, the stored words one slip of the keyboard away or sounding the same.

    On PostgreSQL the vocabulary is searched through its trigram index (`word % typed`) and its
    sound index; elsewhere by length (the vocabulary is small there)."""
    out: dict[str, set[str]] = {}
    for word in {w for w in typed if len(w) >= 3}:
        allowed = typo_distance_allowed(word)
        if connection.vendor == "postgresql":
            table = connection.ops.quote_name(NameWord._meta.db_table)
            with connection.cursor() as cursor:
                cursor.execute(
                    f"SELECT word FROM {table} WHERE word %% %s OR sound = %s",  # noqa: S608
                    [word, meta(word)],
                )
                stored = [row[0] for row in cursor.fetchall()]
        else:
            stored = list(
                NameWord.objects.filter(
                    length__gte=len(word) - allowed, length__lte=len(word) + allowed
                ).values_list("word", flat=True)
            )
        out[word] = {
            s
            for s in stored
            if s != word and (OSA.distance(word, s) <= allowed or meta(s) == meta(word))
        }
    return out


def people_with_keys(keys: set[str], limit: int) -> list[int]:
    """Ids of people with a name carrying any of `keys` (at most `limit`)."""
    if not keys:
        return []
    # No DISTINCT in SQL: it would read every matching key before the LIMIT applies.
    found = NameKey.objects.filter(key__in=sorted(keys)).values_list("name__person_id", flat=True)[
        : limit * 3
    ]
    return list(dict.fromkeys(found))[:limit]
