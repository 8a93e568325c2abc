"""Reads for child in need plans and statutory visits.

- `cin_plan_dates(referral)`: the census's `CINPlanDates` for an episode;
- `visit_interval(kind)` and `first_visit_due(kind, start)`: when visits are due (working days);
- `overdue_visits(user)`: the open plans of the children a worker holds whose visit is overdue
  (for the worker's home page);
- `last_cp_visits(plan_ids, on_or_before)`: Annex A list 7's last statutory visit and seen alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from frontdoor.accounts.models import User
from frontdoor.cases.models import Referral
from frontdoor.child_protection.models import ChildProtectionPlan
from frontdoor.core.calendar import get_calendar
from frontdoor.people.access import restricted_ids
from frontdoor.people.models import Person

from .models import CINPlan, StatutoryVisit

# Working days between statutory visits. The regulations set no national interval for children on
# a plan; "at least every 10 working days" for a child on a child protection plan and every 20
# (about four weeks) on a child in need plan are common local practice (e.g. councils' child
# protection procedures, tri.x), so a council sets its own: settings.STATUTORY_VISIT_WORKING_DAYS.
DEFAULT_VISIT_WORKING_DAYS = {"cp": 10, "cin": 20}


def visit_interval(kind: str) -> int:
    chosen: dict[str, int] = getattr(settings, "STATUTORY_VISIT_WORKING_DAYS", {}) or {}
    return int(chosen.get(kind, DEFAULT_VISIT_WORKING_DAYS[kind]))


def next_visit_due(kind: str, after: date) -> date:
    """The date the next visit is due after a visit (or a plan's start) on `after`."""
    return get_calendar().add_working_days(after, visit_interval(kind))


@dataclass(frozen=True)
class PlanDates:
    start: date
    end: date | None


def cin_plan_dates(referral: Referral) -> list[PlanDates]:
    """The episode's child in need plans (CINPlanStartDate, CINPlanEndDate), oldest first."""
    return [
        PlanDates(start, end)
        for start, end in CINPlan.objects.filter(referral=referral)
        .order_by("start_date", "pk")
        .values_list("start_date", "end_date")
    ]


def cin_plan_dates_by_referral(referral_ids: list[int]) -> dict[int, list[PlanDates]]:
    """`cin_plan_dates` for many episodes in one query (the census builder's bulk read)."""
    found: dict[int, list[PlanDates]] = {}
    for referral_id, start, end in (
        CINPlan.objects.filter(referral_id__in=referral_ids)
        .order_by("start_date", "pk")
        .values_list("referral_id", "start_date", "end_date")
    ):
        found.setdefault(referral_id, []).append(PlanDates(start, end))
    return found


@dataclass(frozen=True)
class LastVisit:
    visit_date: date
    seen_alone: bool | None  # None when the child was not seen


def last_cp_visits(plan_ids: list[int], on_or_before: date) -> dict[int, LastVisit]:
    """Per child protection plan, its latest statutory visit on or before a date."""
    found: dict[int, LastVisit] = {}
    for plan_id, day, seen, alone in (
        StatutoryVisit.objects.filter(cp_plan_id__in=plan_ids, visit_date__lte=on_or_before)
        .order_by("cp_plan_id", "visit_date", "pk")
        .values_list("cp_plan_id", "visit_date", "child_seen", "seen_alone")
    ):
        found[plan_id] = LastVisit(day, alone if seen else None)
    return found


@dataclass
class DueVisit:
    person: Person
    kind: str  # "cp" or "cin"
    plan_id: int
    due: date
    last_visit: date | None

    @property
    def url_name(self) -> str:
        return "visits:cp_visits" if self.kind == "cp" else "visits:cin_plan_detail"


@dataclass
class DueVisits:
    items: list[DueVisit]
    hidden: set[int]

    @property
    def shown_ids(self) -> list[int]:
        return [i.person.pk for i in self.items if i.person.pk not in self.hidden]


def _due(plans: list[tuple[str, int, Person, date]], today: date) -> list[DueVisit]:
    ids = {kind: [pk for k, pk, _, _ in plans if k == kind] for kind in ("cp", "cin")}
    latest: dict[tuple[str, int], tuple[date, date]] = {}
    for field, kind in (("cp_plan_id", "cp"), ("cin_plan_id", "cin")):
        for plan_id, day, next_due in (
            StatutoryVisit.objects.filter(**{f"{field}__in": ids[kind]})
            .order_by(field, "visit_date", "pk")
            .values_list(field, "visit_date", "next_due")
        ):
            latest[(kind, plan_id)] = (day, next_due)
    items = []
    for kind, pk, person, first_due in plans:
        last, due = latest.get((kind, pk), (None, first_due))
        if due < today:
            items.append(DueVisit(person, kind, pk, due, last))
    return sorted(items, key=lambda i: (i.due, i.person.pk))


def overdue_visits(user: User, today: date | None = None) -> DueVisits:
    """Open plans of the children on the user's open referrals whose statutory visit is overdue,
    most overdue first. `hidden`: children sealed to this user (show "Restricted record")."""
    today = today or timezone.localdate()
    mine = Q(referral__worker=user, referral__closure_date__isnull=True)
    plans: list[tuple[str, int, Person, date]] = [
        ("cp", p.pk, p.person, next_visit_due("cp", p.start_date))
        for p in ChildProtectionPlan.objects.filter(mine, end_date__isnull=True).select_related(
            "person"
        )
    ]
    plans += [
        ("cin", p.pk, p.person, p.first_visit_due)
        for p in CINPlan.objects.filter(mine, end_date__isnull=True).select_related("person")
    ]
    items = _due(plans, today)
    return DueVisits(items, restricted_ids(user, [i.person.pk for i in items]))


def visits_for_cp_plan(plan: ChildProtectionPlan) -> list[StatutoryVisit]:
    return list(plan.statutory_visits.select_related("visited_by").order_by("-visit_date", "-pk"))


def visits_for_cin_plan(plan: CINPlan) -> list[StatutoryVisit]:
    return list(plan.statutory_visits.select_related("visited_by").order_by("-visit_date", "-pk"))


def cp_next_visit_due(plan: ChildProtectionPlan) -> date:
    last = (
        plan.statutory_visits.order_by("-visit_date", "-pk")
        .values_list("next_due", flat=True)
        .first()
    )
    return last or next_visit_due("cp", plan.start_date)


def cin_next_visit_due(plan: CINPlan) -> date:
    last = (
        plan.statutory_visits.order_by("-visit_date", "-pk")
        .values_list("next_due", flat=True)
        .first()
    )
    return last or plan.first_visit_due
