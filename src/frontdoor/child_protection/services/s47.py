"""The section 47 enquiry's findings and its initial child protection conference (ICPC).

Both change the s47 record, which is versioned: a post from a page opened before someone else's
change is refused (StaleRecord) naming who changed it, so one worker never overwrites another's
findings, and two people recording the same ICPC cannot make two plans.
"""

from __future__ import annotations

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from frontdoor.accounts.models import User
from frontdoor.audit.services import audit_record
from frontdoor.core.concurrency import lock_version, save_version
from frontdoor.people.services import chronology_add

from .. import guards
from ..models import ChildProtectionPlan, S47Outcome, Section47Enquiry
from .common import add_months, moment_on, now_or, refuse_if, refused_as

FIRST_REVIEW_MONTHS = 3  # Working Together: first review conference within 3 months of the ICPC


def _locked(s47: Section47Enquiry, version: int | None) -> Section47Enquiry:
    return lock_version(
        Section47Enquiry.objects.select_related("referral", "person"), s47.pk, expected=version
    )


@transaction.atomic
def s47_findings_record(
    *,
    actor: User,
    s47: Section47Enquiry,
    child_seen_date: date,
    seen_alone: bool,
    not_seen_alone_reason: str,
    child_words: str,
    outcome: str,
    outcome_date: date,
    today: date | None = None,
    version: int | None = None,
) -> Section47Enquiry:
    """The enquiry's findings: when the child was seen (alone, or why not), their words, the outcome."""
    today = today or timezone.localdate()
    s47 = _locked(s47, version)
    if s47.outcome:
        raise ValidationError({"__all__": "The outcome of this enquiry is already recorded"})
    errors: dict[str, str] = {}
    if child_seen_date < s47.start_date:
        errors["child_seen_date"] = (
            f"The date the child was seen must be on or after {s47.start_date:%d %B %Y}"
        )
    elif child_seen_date > today:
        errors["child_seen_date"] = "The date the child was seen must be today or in the past"
    if not seen_alone and not not_seen_alone_reason.strip():
        errors["not_seen_alone_reason"] = "Enter why the child was not seen alone"
    if not child_words.strip():
        errors["child_words"] = "Enter the child's words and wishes"
    if outcome_date < s47.start_date or outcome_date > today:
        errors["outcome_date"] = (
            f"The outcome date must be between {s47.start_date:%d %B %Y} and today"
        )
    if errors:
        raise ValidationError(errors)
    s47.child_seen_date, s47.seen_alone = child_seen_date, seen_alone
    s47.not_seen_alone_reason = "" if seen_alone else not_seen_alone_reason
    s47.child_words, s47.outcome, s47.outcome_date = child_words, outcome, outcome_date
    s47.icpc_not_required = outcome != S47Outcome.ICPC
    save_version(
        s47,
        actor=actor,
        fields=[
            "child_seen_date",
            "seen_alone",
            "not_seen_alone_reason",
            "child_words",
            "outcome",
            "outcome_date",
            "icpc_not_required",
        ],
    )
    audit_record(
        actor=actor,
        action="update",
        record_type="s47",
        record_id=s47.pk,
        person_id=s47.person_id,
        detail={"outcome": outcome},
    )
    chronology_add(
        person=s47.person,
        kind="s47_outcome",
        actor=actor,
        record=s47,
        occurred_at=moment_on(outcome_date),
        summary=f"Section 47 enquiry outcome: {s47.get_outcome_display()}",
    )
    return s47


@transaction.atomic
def icpc_record(
    *,
    actor: User,
    s47: Section47Enquiry,
    icpc_date: date,
    cp_plan: bool,
    initial_category: str = "",
    today: date | None = None,
    now: datetime | None = None,
    version: int | None = None,
) -> ChildProtectionPlan | None:
    """Record the ICPC. A plan, if made, starts on the ICPC date; first review within 3 months."""
    today = today or timezone.localdate()
    s47 = _locked(s47, version)
    refuse_if(guards.icpc_problem(s47, icpc_date), "icpc_date")
    refuse_if(guards.future_problem(icpc_date, today, "ICPC date"), "icpc_date")
    if cp_plan and not initial_category:
        raise ValidationError(
            {"initial_category": "Select the initial category of abuse for the plan"}
        )
    if cp_plan:
        refuse_if(guards.plan_overlap_problem(s47.person, icpc_date), "cp_plan")
    s47.icpc_date, s47.cp_plan = icpc_date, cp_plan
    s47.initial_category = initial_category if cp_plan else ""
    save_version(s47, actor=actor, fields=["icpc_date", "cp_plan", "initial_category"])
    late = icpc_date > s47.icpc_target
    audit_record(
        actor=actor,
        action="icpc",
        record_type="s47",
        record_id=s47.pk,
        person_id=s47.person_id,
        detail={"cp_plan": cp_plan, "late": late},
    )
    chronology_add(
        person=s47.person,
        kind="icpc",
        actor=actor,
        record=s47,
        occurred_at=moment_on(icpc_date),
        summary="Initial child protection conference: "
        f"{'child protection plan' if cp_plan else 'no plan'}"
        f"{' (after the 15 working day target)' if late else ''}",
    )
    if not cp_plan:
        return None
    return _plan_start(actor=actor, s47=s47, now=now_or(now))


def _plan_start(*, actor: User, s47: Section47Enquiry, now: datetime) -> ChildProtectionPlan:
    assert s47.icpc_date is not None  # set by icpc_record just before
    first_due = add_months(s47.icpc_date, FIRST_REVIEW_MONTHS)
    with refused_as(lambda: guards.open_plan_problem(s47.person), "cp_plan"):
        plan = ChildProtectionPlan.objects.create(
            referral=s47.referral,
            person=s47.person,
            s47=s47,
            start_date=s47.icpc_date,
            initial_category=s47.initial_category,
            latest_category=s47.initial_category,
            first_review_due=first_due,
            next_review_due=first_due,
            created_at=now,
        )
    audit_record(
        actor=actor,
        action="create",
        record_type="cp_plan",
        record_id=plan.pk,
        person_id=s47.person_id,
    )
    chronology_add(
        person=s47.person,
        kind="cp_plan_start",
        actor=actor,
        record=plan,
        occurred_at=moment_on(s47.icpc_date),
        summary=f"Child protection plan started ({plan.get_initial_category_display()}); "
        f"first review due by {first_due:%d %B %Y}",
    )
    return plan
