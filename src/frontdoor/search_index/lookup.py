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
        sql = (
            f"SELECT DISTINCT n.word FROM {table} n, unnest(%s::text[], %s::text[]) AS q(w, s) "  # noqa: S608
            "WHERE n.word %% q.w OR n.sound = q.s"
        )
        params: list[Any] = [wanted, [meta(w) for w in wanted]]
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


def people_with_keys(keys: set[str], limit: int) -> list[int]:
    """Ids of people with a name carrying any of `keys` (at most `limit`).

    Raw SQL with the keys as one parameter (an array on PostgreSQL, JSON on SQLite): building an
    `IN` of hundreds of placeholders through the ORM cost more than running the query. No
    DISTINCT: it would read every matching key before the LIMIT applies."""
    if not keys:
        return []
    q = connection.ops.quote_name
    names = q(PersonName._meta.db_table)
    table = q(NameKey._meta.db_table)
    wanted = (
        "= ANY(%s::varchar[])"
        if connection.vendor == "postgresql"
        else "IN (SELECT value FROM json_each(%s))"
    )
    sql = (
        f"SELECT n.person_id FROM {table} k JOIN {names} n ON n.id = k.name_id "  # noqa: S608
        f"WHERE k.key {wanted} LIMIT %s"
    )
    ordered = sorted(keys)
    param = ordered if connection.vendor == "postgresql" else json.dumps(ordered)
    with connection.cursor() as cursor:
        cursor.execute(sql, [param, limit * 3])
        found = [row[0] for row in cursor.fetchall()]
    return list(dict.fromkeys(found))[:limit]
