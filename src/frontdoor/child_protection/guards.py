"""Workflow rules for child protection, each returning a reason a user can read.

Sources: Working Together to Safeguard Children (timescales) and the DfE CIN census validation
rules (DOMAIN.md §9): nothing before the referral date; at most one open s47 per episode; RC8/RC9
episodes carry no s47, ICPC or CP plan; the ICPC is never on a weekend.
"""

from __future__ import annotations

from datetime import date

from frontdoor.cases.models import Referral
from frontdoor.core.calendar import get_calendar
from frontdoor.people.models import Person

from .models import ChildProtectionPlan, Section47Enquiry

ICPC_WORKING_DAYS = 15  # Working Together: ICPC within 15 working days of the strategy discussion


def icpc_target_for(s47_start: date) -> date:
    """InitialCPCtarget: s47 start + 15 working days (never a weekend by construction)."""
    return get_calendar().add_working_days(s47_start, ICPC_WORKING_DAYS)


def episode_problem(referral: Referral, day: date, what: str) -> str | None:
    """Whether `what` may be recorded on this episode on `day` (dates on or after the referral)."""
    if referral.nfa:
        return f"This referral was no further action, so it cannot have {what}"
    if referral.reason_for_closure in ("RC8", "RC9"):
        return (
            f"This referral was closed after assessment ({referral.reason_for_closure}), "
            f"so it cannot have {what}"
        )
    if day < referral.referral_date:
        return (
            f"The date of the {what} must be on or after the referral date, "
            f"{referral.referral_date:%d %B %Y}"
        )
    if referral.closure_date is not None:
        return (
            f"This referral closed on {referral.closure_date:%d %B %Y}: open a new referral first"
        )
    return None


def future_problem(day: date, today: date, label: str) -> str | None:
    if day > today:
        return f"The {label} must be today or in the past"
    return None


def can_start_s47(referral: Referral, start: date) -> str | None:
    return episode_problem(referral, start, "section 47 enquiry") or open_s47_problem(referral)


def icpc_problem(s47: Section47Enquiry, icpc_date: date) -> str | None:
    if s47.outcome != "substantiated_icpc":
        return "Record the enquiry's outcome as 'an ICPC is needed' before recording an ICPC"
    if s47.icpc_date is not None:
        return "The ICPC for this enquiry is already recorded"
    if icpc_date < s47.start_date:
        return (
            f"The ICPC date must be on or after the start of the enquiry, {s47.start_date:%d %B %Y}"
        )
    if not get_calendar().is_working_day(icpc_date):
        return (
            "The ICPC date must be a working day: it cannot be on a weekend, a bank holiday "
            "or a council closure day"
        )
    referral = s47.referral
    if referral.reason_for_closure in ("RC8", "RC9"):
        return (
            f"This referral was closed ({referral.reason_for_closure}), so it cannot have an ICPC"
        )
    return None


def _day(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def open_plan_problem(person: Person) -> str | None:
    """A child is on at most one child protection plan at a time."""
    plan = ChildProtectionPlan.objects.filter(person=person, end_date__isnull=True).first()
    if plan is None:
        return None
    return (
        f"{person.full_name} already has an open child protection plan, started "
        f"{_day(plan.start_date)}. End or review that plan before recording another"
    )


def open_s47_problem(referral: Referral) -> str | None:
    """At most one open s47 per referral (the CIN census counts one per episode)."""
    for s47 in Section47Enquiry.objects.filter(referral=referral):
        if s47.is_open:
            return (
                f"{referral.person.full_name} already has an open section 47 enquiry on this "
                f"referral, started {_day(s47.start_date)}. Record its outcome before starting "
                "another"
            )
    return None


def plan_end_problem(plan: ChildProtectionPlan, end_date: date, today: date) -> str | None:
    """A plan ends after the day it starts (CIN census 8840, 8925) and not in the future."""
    if end_date <= plan.start_date or end_date > today:
        return (
            f"The end date must be after the plan started, {_day(plan.start_date)}, and not in "
            "the future"
        )
    return None


def plan_overlap_problem(person: Person, start: date) -> str | None:
    """A new plan starts after the child's previous plan ended (CIN census 8940 counts a plan
    starting on the day another ends as overlapping), and the child has no open plan (8935)."""
    open_problem = open_plan_problem(person)
    if open_problem:
        return open_problem
    last = (
        ChildProtectionPlan.objects.filter(person=person, end_date__gte=start)
        .order_by("-end_date")
        .first()
    )
    if last is None or last.end_date is None:
        return None
    return (
        f"{person.full_name}'s previous child protection plan ended on {_day(last.end_date)}: "
        "a new plan must start after that day"
    )
