"""Builders for protection records, used only when the protection area is installed.

They create rows directly (the fields are the protection area's; its services own the workflow),
because the census and Annex A only read these records.
"""

from __future__ import annotations

from datetime import date, datetime, time
from types import SimpleNamespace
from typing import Any

import pytest
from django.apps import apps

from frontdoor.core.calendar import LONDON


def protection() -> Any:
    try:
        apps.get_model("child_protection.Section47Enquiry")
    except LookupError:
        pytest.skip("the protection area is not installed in this build")
    from frontdoor.assessments import models as assessments
    from frontdoor.child_protection import models as child_protection

    return SimpleNamespace(
        Assessment=assessments.Assessment,
        AssessmentGuidance=assessments.AssessmentGuidance,
        ChildSeen=assessments.ChildSeen,
        ChildProtectionPlan=child_protection.ChildProtectionPlan,
        ReviewConference=child_protection.ReviewConference,
        Section47Enquiry=child_protection.Section47Enquiry,
        StrategyDiscussion=child_protection.StrategyDiscussion,
    )


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
    m = protection()
    guidance = m.AssessmentGuidance.objects.create(
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
    made = m.Assessment.objects.create(
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
        m.ChildSeen.objects.create(assessment=made, seen_on=seen)
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
    m = protection()
    discussion = m.StrategyDiscussion.objects.create(
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
    return m.Section47Enquiry.objects.create(
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
    m = protection()
    plan = m.ChildProtectionPlan.objects.create(
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
        m.ReviewConference.objects.create(plan=plan, due_date=day, held_date=day, category=category)
    return plan
