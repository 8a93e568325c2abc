"""Reading the search keys: the stored spellings close to a typed word, and the people whose
names have any of a query's keys. Every query here uses an index (docs/performance.md)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from django.db import connection
from rapidfuzz.distance import OSA

from frontdoor.people.matching import meta, typo_distance_allowed
from frontdoor.people.models import PersonName

from .models import NameKey, NameWord

# The most people one query's keys may bring back for scoring, per kind of key: enough for every
# plausible match, few enough that scoring stays well inside the time goal at 1,000,000 people.
NAME_CANDIDATES = 300
DOB_CANDIDATES = 300


def close_words(typed: Iterable[str]) -> dict[str, set[str]]:
    """For each typed word, the stored words one slip of the keyboard away or sounding the same.

    On PostgreSQL the vocabulary is searched through its trigram index (`word % typed`) and its
    sound index; elsewhere by length (the vocabulary is small there). One query for all words."""
    wanted = sorted({w for w in typed if len(w) >= 3})
    if not wanted:
        return {}
    table = connection.ops.quote_name(NameWord._meta.db_table)
    if connection.vendor == "postgresql":
        # Three indexed lookups (trigram, sound, the typed word's swapped-letter spellings); an OR
        # of them would scan the vocabulary. Trigrams miss a swap in a short word ("jonh" shares
        # two of eight trigrams with "john"), so the swaps are looked up by their spelling.
        sql = (
            f"SELECT n.word FROM unnest(%s::text[]) AS q(w) JOIN {table} n ON n.word %% q.w "  # noqa: S608
            f"UNION SELECT n.word FROM {table} n WHERE n.sound = ANY(%s::text[]) "
            f"UNION SELECT n.word FROM {table} n WHERE n.word = ANY(%s::text[])"
        )
        params: list[Any] = [
            wanted,
            [meta(w) for w in wanted],
            sorted({s for w in wanted for s in swapped_letters(w)}),
        ]
    else:
        low = min(len(w) - typo_distance_allowed(w) for w in wanted)
        high = max(len(w) + typo_distance_allowed(w) for w in wanted)
        sql = f"SELECT word FROM {table} WHERE length BETWEEN %s AND %s"  # noqa: S608
        params = [low, high]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        stored = [row[0] for row in cursor.fetchall()]
    out: dict[str, set[str]] = {}
    for word in wanted:
        allowed, sound = typo_distance_allowed(word), meta(word)
        out[word] = {
            s
            for s in stored
            if s != word
            and abs(len(s) - len(word)) <= allowed
            and (OSA.distance(word, s, score_cutoff=allowed) <= allowed or meta(s) == sound)
        }
    return out


def swapped_letters(word: str) -> list[str]:
    """The word with each pair of neighbouring letters swapped (the commonest slip in typing)."""
    return [
        word[:i] + word[i + 1] + word[i] + word[i + 2 :]
        for i in range(len(word) - 1)
        if word[i] != word[i + 1]
    ]


def people_with_keys(*groups: tuple[set[str], int]) -> list[int]:
    """Ids of people with a name carrying any of each group's keys (at most its limit per group),
    in one statement, in group order.

    Raw SQL with each group's keys as one parameter (an array on PostgreSQL, JSON on SQLite):
    building an `IN` of hundreds of placeholders through the ORM cost more than running it. No
    DISTINCT: it would read every matching key before the LIMIT applies."""
    wanted = [(sorted(keys), limit) for keys, limit in groups if keys]
    if not wanted:
        return []
    q = connection.ops.quote_name
    names = q(PersonName._meta.db_table)
    table = q(NameKey._meta.db_table)
    postgres = connection.vendor == "postgresql"
    # Each key looked up through the (key, name) index on its own (LATERAL on PostgreSQL, which
    # otherwise scans a small index whole to hash-join it with many keys).
    if postgres:
        source = (
            f"unnest(%s::varchar[]) AS w(key), LATERAL (SELECT name_id FROM {table} "  # noqa: S608
            "WHERE key = w.key LIMIT 1000) AS k"
        )
    else:
        source = f"json_each(%s) AS w JOIN {table} k ON k.key = w.value"
    one = (
        f"SELECT * FROM (SELECT n.person_id FROM {source} "  # noqa: S608
        f"JOIN {names} n ON n.id = k.name_id LIMIT %s) AS g{{i}}"
    )
    sql = " UNION ALL ".join(one.format(i=i) for i in range(len(wanted)))
    params: list[Any] = []
    for keys, limit in wanted:
        params += [keys if postgres else json.dumps(keys), limit * 3]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        found = [row[0] for row in cursor.fetchall()]
    return list(dict.fromkeys(found))[: sum(limit for _, limit in wanted)]
