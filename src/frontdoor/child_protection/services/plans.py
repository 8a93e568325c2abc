"""Child protection plans: review conferences and the plan's end.

The plan is versioned: a review or an end posted from a page opened before someone else's change
is refused (StaleRecord) naming who changed it, so a plan is never reviewed twice by mistake nor
ended over a review someone else just recorded.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from frontdoor.accounts.models import User
from frontdoor.audit.services import audit_record
from frontdoor.core.concurrency import lock_version, save_version
from frontdoor.people.services import chronology_add

from .. import guards
from ..models import ChildProtectionPlan, ReviewConference
from .common import add_months, moment_on

REVIEW_INTERVAL_MONTHS = 6  # Working Together: then at most every 6 months


def _locked(plan: ChildProtectionPlan, version: int | None) -> ChildProtectionPlan:
    return lock_version(
        ChildProtectionPlan.objects.select_related("person"), plan.pk, expected=version
    )


@transaction.atomic
def cp_review_record(
    *,
    actor: User,
    plan: ChildProtectionPlan,
    held_date: date,
    plan_continues: bool,
    category: str,
    notes: str = "",
    today: date | None = None,
    version: int | None = None,
) -> ReviewConference:
    """A review conference; the next is due 6 months later. If the plan ends, it ends that day."""
    today = today or timezone.localdate()
    plan = _locked(plan, version)
    if not plan.is_open:
        raise ValidationError({"__all__": f"This plan ended on {plan.end_date:%d %B %Y}"})
    last = plan.reviews.order_by("-held_date").first()
    earliest = last.held_date if last else plan.start_date
    if held_date <= earliest or held_date > today:
        raise ValidationError(
            {
                "held_date": f"The review date must be after {earliest:%d %B %Y} and not in the future"
            }
        )
    review = ReviewConference.objects.create(
        plan=plan,
        due_date=plan.next_review_due or plan.first_review_due,
        held_date=held_date,
        plan_continues=plan_continues,
        category=category,
        notes=notes,
    )
    plan.latest_category = category
    if plan_continues:
        plan.next_review_due = add_months(held_date, REVIEW_INTERVAL_MONTHS)
    else:
        plan.end_date, plan.next_review_due = held_date, None
        plan.end_reason = "Ended at review conference"
    save_version(
        plan, actor=actor, fields=["latest_category", "next_review_due", "end_date", "end_reason"]
    )
    audit_record(
        actor=actor,
        action="review",
        record_type="cp_plan",
        record_id=plan.pk,
        person_id=plan.person_id,
        detail={"continues": plan_continues},
    )
    chronology_add(
        person=plan.person,
        kind="cp_review",
        actor=actor,
        record=plan,
        occurred_at=moment_on(held_date),
        summary="Child protection review conference: "
        + ("plan continues" if plan_continues else "plan ended"),
    )
    return review


@transaction.atomic
def cp_plan_end(
    *,
    actor: User,
    plan: ChildProtectionPlan,
    end_date: date,
    reason: str,
    today: date | None = None,
    version: int | None = None,
) -> ChildProtectionPlan:
    today = today or timezone.localdate()
    plan = _locked(plan, version)
    if not plan.is_open:
        raise ValidationError({"__all__": f"This plan already ended on {plan.end_date:%d %B %Y}"})
    problem = guards.plan_end_problem(plan, end_date, today)
    if problem:
        raise ValidationError({"end_date": problem})
    if not reason.strip():
        raise ValidationError({"reason": "Enter why the plan is ending"})
    plan.end_date, plan.end_reason, plan.next_review_due = end_date, reason, None
    save_version(plan, actor=actor, fields=["end_date", "end_reason", "next_review_due"])
    audit_record(
        actor=actor,
        action="end",
        record_type="cp_plan",
        record_id=plan.pk,
        person_id=plan.person_id,
    )
    chronology_add(
        person=plan.person,
        kind="cp_plan_end",
        actor=actor,
        record=plan,
        occurred_at=moment_on(end_date),
        summary=f"Child protection plan ended: {reason}",
    )
    return plan
