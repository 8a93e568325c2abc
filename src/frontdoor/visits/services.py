"""Writes for child in need plans and statutory visits.

Each is one transaction: guard, save, audit row, the child's chronology. The plan is versioned (a
review or an end from a stale page is refused). A visit stores when the next is due: the plan's
interval in working days from the visit (`selectors.next_visit_due`).
"""

from __future__ import annotations

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from frontdoor.accounts.models import User
from frontdoor.audit.services import audit_record
from frontdoor.cases.models import Referral
from frontdoor.child_protection.models import ChildProtectionPlan
from frontdoor.child_protection.services.common import (
    add_months,
    moment_on,
    refused_as,
    signed_in,
)
from frontdoor.core.concurrency import lock_version, save_version
from frontdoor.people.services import chronology_add

from . import guards
from .models import CINPlan, CINPlanReview, StatutoryVisit
from .selectors import next_visit_due

# Local practice: child in need plans reviewed at least every 3 months (many councils' procedures;
# no national timescale).
CIN_REVIEW_MONTHS = 3


def _today(today: date | None) -> date:
    return today or timezone.localdate()


@transaction.atomic
def cin_plan_start(
    *,
    actor: User | None,
    referral: Referral,
    start_date: date,
    outcomes: str,
    today: date | None = None,
    now: datetime | None = None,
) -> CINPlan:
    """A child in need plan starts on the episode (CINPlanStartDate)."""
    today = _today(today)
    errors = {}
    problem = guards.cannot_start_cin_plan(referral, start_date, today)
    if problem:
        errors["start_date"] = problem
    if not outcomes.strip():
        errors["outcomes"] = "Enter what the plan is to achieve"
    if errors:
        raise ValidationError(errors)
    with refused_as(
        lambda: guards.cannot_start_cin_plan(referral, start_date, today), "start_date"
    ):
        plan = CINPlan.objects.create(
            referral=referral,
            person=referral.person,
            start_date=start_date,
            outcomes=outcomes.strip(),
            first_visit_due=next_visit_due("cin", start_date),
            next_review_due=add_months(start_date, CIN_REVIEW_MONTHS),
            created_at=now or timezone.now(),
            created_by=signed_in(actor),
        )
    audit_record(
        actor=actor,
        action="create",
        record_type="cin_plan",
        record_id=plan.pk,
        person_id=plan.person_id,
    )
    chronology_add(
        person=plan.person,
        kind="cin_plan_start",
        actor=actor,
        record=plan,
        occurred_at=moment_on(start_date),
        summary="Child in need plan started",
    )
    return plan


def _locked(plan: CINPlan, version: int | None) -> CINPlan:
    return lock_version(CINPlan.objects.select_related("person"), plan.pk, expected=version)


@transaction.atomic
def cin_plan_review_record(
    *,
    actor: User | None,
    plan: CINPlan,
    held_date: date,
    notes: str = "",
    today: date | None = None,
    version: int | None = None,
    now: datetime | None = None,
) -> CINPlanReview:
    plan = _locked(plan, version)
    if not plan.is_open:
        raise ValidationError({"__all__": f"This plan ended on {plan.end_date:%-d %B %Y}"})
    last = plan.reviews.order_by("-held_date").first()
    earliest = last.held_date if last else plan.start_date
    if held_date <= earliest or held_date > _today(today):
        raise ValidationError(
            {"held_date": f"The review must be after {earliest:%-d %B %Y} and not in the future"}
        )
    review = CINPlanReview.objects.create(
        plan=plan,
        held_date=held_date,
        due_date=plan.next_review_due,
        notes=notes.strip(),
        created_at=now or timezone.now(),
    )
    plan.next_review_due = add_months(held_date, CIN_REVIEW_MONTHS)
    save_version(plan, actor=signed_in(actor), fields=["next_review_due"])
    audit_record(
        actor=actor,
        action="review",
        record_type="cin_plan",
        record_id=plan.pk,
        person_id=plan.person_id,
    )
    chronology_add(
        person=plan.person,
        kind="cin_plan_review",
        actor=actor,
        record=plan,
        occurred_at=moment_on(held_date),
        summary="Child in need plan reviewed",
    )
    return review


@transaction.atomic
def cin_plan_end(
    *,
    actor: User | None,
    plan: CINPlan,
    end_date: date,
    reason: str,
    today: date | None = None,
    version: int | None = None,
) -> CINPlan:
    """The plan ends (CINPlanEndDate); not before it started nor after the episode closed."""
    plan = _locked(plan, version)
    if not plan.is_open:
        raise ValidationError({"__all__": f"This plan already ended on {plan.end_date:%-d %B %Y}"})
    errors = {}
    closed = plan.referral.closure_date
    if end_date < plan.start_date or end_date > _today(today):
        errors["end_date"] = f"The end date must be between {plan.start_date:%-d %B %Y} and today"
    elif closed is not None and end_date > closed:
        errors["end_date"] = f"The referral closed on {closed:%-d %B %Y}: the plan ends by then"
    if not reason.strip():
        errors["reason"] = "Enter why the plan is ending"
    if errors:
        raise ValidationError(errors)
    plan.end_date, plan.end_reason, plan.next_review_due = end_date, reason.strip(), None
    save_version(plan, actor=signed_in(actor), fields=["end_date", "end_reason", "next_review_due"])
    audit_record(
        actor=actor,
        action="end",
        record_type="cin_plan",
        record_id=plan.pk,
        person_id=plan.person_id,
    )
    chronology_add(
        person=plan.person,
        kind="cin_plan_end",
        actor=actor,
        record=plan,
        occurred_at=moment_on(end_date),
        summary=f"Child in need plan ended: {plan.end_reason}",
    )
    return plan


@transaction.atomic
def statutory_visit_record(
    *,
    actor: User | None,
    visit_date: date,
    child_seen: bool,
    seen_alone: bool | None,
    not_seen_reason: str = "",
    notes: str = "",
    cp_plan: ChildProtectionPlan | None = None,
    cin_plan: CINPlan | None = None,
    visitor_name: str = "",
    today: date | None = None,
    now: datetime | None = None,
) -> StatutoryVisit:
    """A statutory visit to a child on a child protection plan or a child in need plan."""
    plan = cp_plan or cin_plan
    if plan is None or (cp_plan is not None and cin_plan is not None):
        raise ValueError("a visit is made under exactly one plan")
    kind = "cp" if cp_plan is not None else "cin"
    errors = {}
    problem = guards.visit_problem(plan.start_date, plan.end_date, visit_date, _today(today))
    if problem:
        errors["visit_date"] = problem
    if child_seen and seen_alone is None:
        errors["seen_alone"] = "Select whether the child was seen alone"
    if not child_seen and not not_seen_reason.strip():
        errors["not_seen_reason"] = "Enter why the child was not seen"
    by = signed_in(actor)
    visitor = visitor_name.strip() or (by.display_name if by is not None else "")
    if not visitor:
        errors["visitor_name"] = "Enter who made the visit"
    if errors:
        raise ValidationError(errors)
    visit = StatutoryVisit.objects.create(
        person_id=plan.person_id,
        cp_plan=cp_plan,
        cin_plan=cin_plan,
        visit_date=visit_date,
        child_seen=child_seen,
        seen_alone=seen_alone if child_seen else None,
        not_seen_reason="" if child_seen else not_seen_reason.strip(),
        visited_by=signed_in(actor),
        visitor_name=visitor,
        next_due=next_visit_due(kind, visit_date),
        notes=notes.strip(),
        created_at=now or timezone.now(),
    )
    audit_record(
        actor=actor,
        action="create",
        record_type="statutory_visit",
        record_id=visit.pk,
        person_id=visit.person_id,
        detail={"plan": kind, "seen": child_seen},
    )
    seen = (
        ("child seen alone" if seen_alone else "child seen, not alone")
        if child_seen
        else "child not seen"
    )
    chronology_add(
        person=plan.person,
        kind="statutory_visit",
        actor=actor,
        record=visit,
        occurred_at=moment_on(visit_date),
        summary=f"Statutory visit ({'CP plan' if kind == 'cp' else 'CIN plan'}) by {visitor}: {seen}",
    )
    return visit
