"""Builders for child protection and assessment records.

They create rows directly (the fields are those areas'; their services own the workflow), because
the census and Annex A only read these records.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from frontdoor.assessments.models import Assessment, AssessmentGuidance, ChildSeen
from frontdoor.child_protection.models import (
    ChildProtectionPlan,
    ReviewConference,
    Section47Enquiry,
    StrategyDiscussion,
)
from frontdoor.core.calendar import LONDON


def _moment(day: date) -> datetime:
    return datetime.combine(day, time(10), tzinfo=LONDON)


def assessment(
    referral: Any,
    lead: Any,
    start: date,
    *,
    authorised: date | None = None,
    factors: list[str] | None = None,
    outcome: str = "",
    seen: date | None = None,
) -> Any:
    guidance = AssessmentGuidance.objects.create(
        referral=referral,
        person=referral.person,
        manager=lead,
        given_at=_moment(start),
        focus="Focus",
        lines_of_enquiry="Lines",
        due_date=start,
        max_due_date=start,
        absent_parent="none",
    )
    made = Assessment.objects.create(
        referral=referral,
        person=referral.person,
        guidance=guidance,
        start_date=start,
        due_date=start,
        factors=factors or [],
        outcome=outcome,
        authorised_date=authorised,
        created_at=_moment(start),
    )
    if seen:
        ChildSeen.objects.create(assessment=made, seen_on=seen)
    return made


def s47(
    referral: Any,
    lead: Any,
    start: date,
    target: date,
    *,
    icpc: date | None = None,
    plan: bool | None = None,
    outcome: str = "",
    not_required: bool = False,
) -> Any:
    discussion = StrategyDiscussion.objects.create(
        referral=referral,
        person=referral.person,
        lead=lead,
        held_at=_moment(start),
        information_shared="Shared",
        decision="s47_single",
        rationale="Reason",
        initiates_s47=True,
        created_at=_moment(start),
    )
    return Section47Enquiry.objects.create(
        referral=referral,
        person=referral.person,
        strategy_discussion=discussion,
        start_date=start,
        icpc_target=target,
        icpc_date=icpc,
        cp_plan=plan,
        outcome=outcome,
        icpc_not_required=not_required,
        outcome_date=icpc or (start if outcome else None),
        created_at=_moment(start),
    )


def cp_plan(
    enquiry: Any,
    start: date,
    *,
    end: date | None = None,
    category: str = "NEG",
    reviews: tuple[date, ...] = (),
) -> Any:
    plan = ChildProtectionPlan.objects.create(
        referral=enquiry.referral,
        person=enquiry.person,
        s47=enquiry,
        start_date=start,
        end_date=end,
        initial_category=category,
        latest_category=category,
        first_review_due=start,
        created_at=_moment(start),
    )
    for day in reviews:
        ReviewConference.objects.create(plan=plan, due_date=day, held_date=day, category=category)
    return plan
