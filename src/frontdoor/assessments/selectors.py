"""Reads for assessments: managers' queues (guidance, sign-off) and the spread of scaling scores."""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from typing import Any

from django.db.models import Count

from frontdoor.accounts.models import User
from frontdoor.cases.models import Referral
from frontdoor.people.access import visible_people

from .models import Assessment, CaseMapping


@dataclass
class Spread:
    count: int
    low: int | None
    high: int | None
    median: float | None


def scaling_spread(scores: list[int]) -> Spread:
    if not scores:
        return Spread(0, None, None, None)
    return Spread(len(scores), min(scores), max(scores), statistics.median(scores))


def awaiting_guidance(*, user: Any) -> list[Referral]:
    """For managers: open referrals with no assessment guidance yet (the assessment cannot start)."""
    return list(
        Referral.objects.filter(
            closure_date__isnull=True, nfa=False, person__in=visible_people(user)
        )
        .annotate(n=Count("assessment_guidance"))
        .filter(n=0)
        .select_related("person", "worker")
        .order_by("referral_date")[:200]
    )


def awaiting_signoff(*, user: Any) -> list[Assessment]:
    return list(
        Assessment.objects.filter(authorised_date__isnull=True, person__in=visible_people(user))
        .exclude(outcome="")
        .select_related("person", "worker")
        .order_by("due_date")[:200]
    )


def open_assessment_on(referral: Referral, pk: Any) -> Assessment | None:
    """The assessment a new mapping is for (`?assessment=`), only if it is on this referral."""
    try:
        return referral.assessments.filter(pk=int(pk)).first() if pk else None
    except ValueError:
        return None


def referral_mappings(referral: Referral) -> list[CaseMapping]:
    return list(referral.mappings.all())


def accountable_managers() -> list[User]:
    """Active users who can agree a group supervision's decision (they give assessment guidance)."""
    return [
        u
        for u in User.objects.filter(is_active=True).order_by("last_name", "first_name")
        if u.can("guide_assessment")
    ]
