"""Reads of referrals, allocations, caseloads and lead practitioners."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from frontdoor.accounts.models import Team, User
from frontdoor.accounts.roles import Role, capabilities_for
from frontdoor.child_protection.models import ChildProtectionPlan
from frontdoor.core.calendar import is_overdue
from frontdoor.people.access import can_see_person, restricted_ids
from frontdoor.people.models import Person

from .models import Allocation, LeadPractitioner, Referral

# The kinds of work a caseload counts, in the order the pages show them.
WORK_KINDS = {
    "referral": "Referrals (child in need, assessment)",
    "child_protection": "Child protection plans",
    "early_help": "Early help",
    "allegation": "Allegations (designated officer)",
}


def open_referral_for(*, person_id: int) -> Referral | None:
    """The child's open referral (at most one: constraint `one_open_referral_per_child`)."""
    return (
        Referral.objects.filter(person_id=person_id, closure_date__isnull=True)
        .select_related("person", "team", "worker")
        .first()
    )


def person_case_panel(user: User, person: Person) -> dict[str, Any] | None:
    """The referrals panel on a person's page (the page has passed the person's gate)."""
    if not can_see_person(user, person):
        return None
    referrals = list(Referral.objects.filter(person=person).select_related("team", "worker")[:20])
    if not referrals:
        return None
    return {
        "title": "Referrals (CIN episodes)",
        "template": "cases/person_panel.html",
        "referrals": referrals,
        "may_open": any(user.can(c) for c in ("allocate", "child_protection", "screen")),
    }


def person_lead_panel(user: User, person: Person) -> dict[str, Any] | None:
    """Lead practitioners on a person's page: current first, then past ones."""
    if not can_see_person(user, person):
        return None
    leads = list(
        LeadPractitioner.objects.filter(person=person)
        .select_related("user")
        .order_by("end_date", "-start_date")[:20]
    )
    may_record = user.can("child_protection") or user.can("early_help") or user.can("allocate")
    if not leads and not may_record:
        return None
    return {
        "title": "Lead practitioners",
        "template": "cases/lead_panel.html",
        "leads": leads,
        "person": person,
        "may_record": may_record,
    }


def allocation_history(
    *, referral: Referral | None = None, episode: Any = None, allegation: Any = None
) -> list[Allocation]:
    """Every allocation of the referral, early help episode or allegation, newest first."""
    if referral is not None:
        rows = Allocation.objects.filter(referral=referral)
    elif episode is not None:
        rows = Allocation.objects.filter(episode=episode)
    else:
        rows = Allocation.objects.filter(allegation=allegation)
    return list(rows.select_related("team", "worker", "allocated_by").order_by("-start", "-id"))


def current_episode_allocation(episode: Any) -> Allocation | None:
    return (
        Allocation.objects.filter(episode=episode, end__isnull=True)
        .select_related("worker", "team")
        .first()
    )


def current_allegation_allocation(allegation: Any) -> Allocation | None:
    return (
        Allocation.objects.filter(allegation=allegation, end__isnull=True)
        .select_related("worker", "team")
        .first()
    )


def _open_allocations() -> QuerySet[Allocation]:
    """Allocations still held, of work still open: what a caseload counts."""
    plan = ChildProtectionPlan.objects.filter(referral=OuterRef("referral"), end_date__isnull=True)
    return (
        Allocation.objects.filter(end__isnull=True, worker__isnull=False)
        .filter(
            Q(referral__isnull=False, referral__closure_date__isnull=True)
            | Q(episode__isnull=False, episode__end_date__isnull=True)
            | Q(allegation__isnull=False, allegation__status="open")
        )
        .annotate(on_plan=Exists(plan))
    )


def _kind(allocation: Allocation) -> str:
    if allocation.episode_id is not None:
        return "early_help"
    if allocation.allegation_id is not None:
        return "allegation"
    return "child_protection" if getattr(allocation, "on_plan", False) else "referral"


@dataclass
class Caseload:
    worker: User
    counts: dict[str, int] = field(default_factory=dict)
    # The kinds of work a page shows as columns (`kinds_shown`); the totals count every kind.
    shown: tuple[str, ...] = tuple(WORK_KINDS)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def weighted(self) -> float:
        weights: dict[str, float] = settings.CASELOAD_WEIGHTS
        return round(sum(weights.get(k, 1.0) * n for k, n in self.counts.items()), 1)

    @property
    def by_kind(self) -> list[tuple[str, int]]:
        return [(WORK_KINDS[kind], self.counts.get(kind, 0)) for kind in self.shown]


def kinds_shown(loads: list[Caseload], own: str) -> list[str]:
    """The caseload columns a page shows, as labels: the kind of work being allocated and any
    other kind one of the candidates holds (a designated officer's page has no empty early help
    column). Sets each caseload's `shown` to match."""
    held = {kind for load in loads for kind, n in load.counts.items() if n}
    shown = tuple(kind for kind in WORK_KINDS if kind == own or kind in held)
    for load in loads:
        load.shown = shown
    return [WORK_KINDS[kind] for kind in shown]


def caseloads_of(workers: list[User]) -> list[Caseload]:
    """Each worker's open allocated work by kind and weighted (CASELOAD_WEIGHTS), in one query;
    every allocated open case counts, whichever team allocated it."""
    loads = {w.pk: Caseload(worker=w, counts=defaultdict(int)) for w in workers}
    for allocation in (
        _open_allocations()
        .filter(worker__in=list(loads))
        .only("worker_id", "referral_id", "episode_id", "allegation_id")
    ):
        assert allocation.worker_id is not None
        loads[allocation.worker_id].counts[_kind(allocation)] += 1
    return sorted(loads.values(), key=lambda c: (c.weighted, c.worker.last_name))


def caseloads(team: Team) -> list[Caseload]:
    """The caseloads of a team's active members, lightest first."""
    return caseloads_of(list(User.objects.filter(team=team, is_active=True).select_related("team")))


def referral_candidates() -> list[User]:
    """Who may hold a referral: active social workers (capability "assess")."""
    roles = [str(r) for r in Role if "assess" in capabilities_for(r)]
    return list(
        User.objects.filter(role__in=roles, is_active=True)
        .select_related("team")
        .order_by("team__name", "last_name", "first_name")
    )


def allegation_candidates(allocator: User) -> list[User]:
    """Who may hold an allegation's follow-up work: active designated officers (capability
    "allegations") in the allocating officer's team."""
    if allocator.team_id is None:
        return []
    roles = [str(r) for r in Role if "allegations" in capabilities_for(r)]
    return list(
        User.objects.filter(team_id=allocator.team_id, is_active=True, role__in=roles)
        .select_related("team")
        .order_by("last_name", "first_name")
    )


def episode_candidates(manager: User) -> list[User]:
    """Who may hold an early help episode: active members of the manager's team."""
    if manager.team_id is None:
        return []
    return list(
        User.objects.filter(team_id=manager.team_id, is_active=True)
        .select_related("team")
        .order_by("last_name", "first_name")
    )


@dataclass(frozen=True)
class WorkItem:
    """A line for a home page or tray: what, about whom (as this user may see the name), since
    when, the deadline and whether it has passed."""

    kind: str
    person_id: int
    name: str
    url: str
    since: datetime
    deadline: datetime | None = None
    overdue: bool = False
    urgent: bool = False


def unallocated_referrals(user: User) -> list[WorkItem]:
    """Open referrals with no named worker, for those who allocate: urgent ones first by their
    allocation deadline (overdue first), then the rest oldest first. A sealed child the user is
    not on the list of shows as "Restricted record"."""
    if not user.can("allocate"):
        return []
    referrals = list(
        Referral.objects.filter(closure_date__isnull=True, worker__isnull=True, nfa=False)
        .select_related("person")
        .order_by("-urgent", "allocation_due", "created_at", "pk")
    )
    hidden = restricted_ids(user, [r.person_id for r in referrals])
    now = timezone.now()
    return [
        WorkItem(
            kind="Urgent referral to allocate" if r.urgent else "Referral to allocate",
            person_id=r.person_id,
            name="Restricted record" if r.person_id in hidden else r.person.full_name,
            url=reverse("cases:referral_allocate", args=[r.pk]),
            since=r.created_at,
            deadline=r.allocation_due,
            overdue=is_overdue(r.allocation_due, now) if r.allocation_due else False,
            urgent=r.urgent,
        )
        for r in referrals
    ]


def my_allocations(user: User) -> list[WorkItem]:
    """The open work about children allocated to `user`, newest allocation first (an
    allegation's follow-up work is about an adult: the designated officer's tray lists it)."""
    rows = list(
        _open_allocations()
        .filter(worker=user, allegation__isnull=True)
        .select_related("referral__person", "episode__person")
        .order_by("-start", "-pk")
    )
    people = [(a.referral or a.episode).person for a in rows]  # type: ignore[union-attr]
    hidden = restricted_ids(user, [p.pk for p in people])
    items = []
    for allocation, person in zip(rows, people, strict=True):
        if allocation.referral is not None:
            url = reverse("cases:referral_detail", args=[allocation.referral_id])
        else:
            url = reverse("earlyhelp:episode_detail", args=[allocation.episode_id])
        items.append(
            WorkItem(
                kind=WORK_KINDS[_kind(allocation)],
                person_id=person.pk,
                name="Restricted record" if person.pk in hidden else person.full_name,
                url=url,
                since=allocation.start,
                urgent=bool(allocation.referral and allocation.referral.urgent),
            )
        )
    return items
