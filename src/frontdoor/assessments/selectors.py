"""Reads for assessments: managers' queues (guidance, sign-off) and the spread of scaling scores.

The queues say which children are sealed to this user (`hidden`): the page shows "Restricted
record" for those, with no dates, outcome or link, so the work is seen to wait without naming the
child to someone not on the access list.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count

from frontdoor.accounts.models import User
from frontdoor.cases.models import Referral
from frontdoor.people.access import restricted_ids, shown_name
from frontdoor.people.models import Person, Relationship

from .models import Assessment, CaseMapping, PersonToSee


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


@dataclass
class Queue:
    rows: list[Any]
    hidden: set[int] = field(default_factory=set)

    @property
    def shown_ids(self) -> set[int]:
        return {r.person_id for r in self.rows} - self.hidden


def _queue(user: User, rows: list[Any]) -> Queue:
    hidden = restricted_ids(user, [r.person_id for r in rows])
    rows.sort(key=lambda r: r.person_id in hidden)
    return Queue(rows, hidden)


def awaiting_guidance(*, user: User) -> Queue:
    """For managers: open referrals with no assessment guidance yet (the assessment cannot start)."""
    return _queue(
        user,
        list(
            Referral.objects.filter(closure_date__isnull=True, nfa=False)
            .annotate(n=Count("assessment_guidance"))
            .filter(n=0)
            .select_related("person", "worker")
            .order_by("referral_date")[:200]
        ),
    )


def awaiting_signoff(*, user: User) -> Queue:
    """For managers: assessments with an outcome, waiting for sign-off, due first."""
    return _queue(
        user,
        list(
            Assessment.objects.filter(authorised_date__isnull=True)
            .exclude(outcome="")
            .select_related("person", "worker")
            .order_by("due_date")[:200]
        ),
    )


def people_to_see(user: User, assessment: Assessment) -> tuple[list[PersonToSee], set[int]]:
    """The parents and significant others of an assessment, and which of them are sealed to this
    user (shown as "Restricted record")."""
    people = list(assessment.guidance.people_to_see.select_related("person"))
    return people, restricted_ids(user, [p.person_id for p in people])


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


def relatives(user: User, child: Person) -> tuple[dict[str, Person], list[tuple[str, str]]]:
    """The child's recorded parents and household members, for linking a person to see to their
    record: by id, and as choices labelled with the name, or "Restricted record" and the
    relationship for a person sealed to this user."""
    links = list(
        Relationship.objects.filter(other=child, kind__in=["parent", "household"])
        .select_related("person")
        .order_by("kind", "person__last_name", "person__first_name")
    )
    hidden = restricted_ids(user, [r.person_id for r in links])
    people = {str(r.person_id): r.person for r in links}
    choices = [
        (str(r.person_id), f"{shown_name(user, r.person, hidden)} ({r.get_kind_display().lower()})")
        for r in links
    ]
    return people, choices
