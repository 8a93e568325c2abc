"""Gates for the duplicate review: a pair and a merge are about two people, so each opens only for
someone who may see both (a sealed record only for its access list), audited once per person."""

from __future__ import annotations

from typing import Any

from frontdoor.core.gates import gate_load

from .models import DuplicatePair, Merge


def access_pair(user: Any, pk: Any, *, action: str = "view") -> DuplicatePair:
    return gate_load(
        user,
        DuplicatePair.objects.select_related("person_a", "person_b", "decided_by"),
        pk,
        record_type="duplicate_pair",
        people_of=lambda pair: [pair.person_a, pair.person_b],
        action=action,
    )


def access_merge(user: Any, pk: Any, *, action: str = "view") -> Merge:
    return gate_load(
        user,
        Merge.objects.select_related("survivor", "merged", "merged_by", "undone_by"),
        pk,
        record_type="merge",
        people_of=lambda merge: [merge.survivor, merge.merged],
        action=action,
    )
