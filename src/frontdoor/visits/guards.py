"""Workflow rules for child in need plans and statutory visits, each returning a reason the user
can read (or None)."""

from __future__ import annotations

from datetime import date

from frontdoor.cases.models import Referral

from .models import CINPlan


def _d(day: date) -> str:
    return f"{day:%-d %B %Y}"


def cannot_start_cin_plan(referral: Referral, start: date, today: date) -> str | None:
    if not referral.is_open:
        return "A child in need plan can start only on an open referral"
    if referral.nfa:
        return "This referral was closed with no further action, so it carries no plan"
    if start > today:
        return "The plan's start date cannot be in the future"
    if start < referral.referral_date:
        return f"The plan must start on or after the referral date, {_d(referral.referral_date)}"
    current = CINPlan.objects.filter(person_id=referral.person_id, end_date__isnull=True).first()
    if current is not None:
        return (
            f"{referral.person.full_name} already has an open child in need plan, started "
            f"{_d(current.start_date)}"
        )
    return None


def visit_problem(start: date, end: date | None, visit_date: date, today: date) -> str | None:
    if visit_date > today:
        return "The visit date cannot be in the future"
    if visit_date < start:
        return f"The visit must be on or after the plan started, {_d(start)}"
    if end is not None and visit_date > end:
        return f"The plan ended on {_d(end)}: a visit after that is not a statutory visit"
    return None
