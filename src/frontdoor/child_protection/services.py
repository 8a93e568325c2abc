"""Writes for child protection. One transaction each, audited, on the chronology.

Every service takes the acting user keyword-only and raises ValidationError with a dict of
field -> plain message. `now` may be passed in (demo seeding, tests); otherwise the real clock.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime, time
from typing import Any

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from frontdoor.audit.services import audit_record
from frontdoor.cases.models import Referral
from frontdoor.core.calendar import LONDON, local_date
from frontdoor.people.services import chronology_add

from . import guards
from .models import (
    ActionItem,
    ChildProtectionPlan,
    Participant,
    ReviewConference,
    S47Outcome,
    Section47Enquiry,
    StrategyDecision,
    StrategyDiscussion,
)

FIRST_REVIEW_MONTHS = 3  # Working Together: first review conference within 3 months of the ICPC


REVIEW_INTERVAL_MONTHS = 6  # then at most every 6 months


def _now(now: datetime | None) -> datetime:
    return now or timezone.now()


def _on(day: date) -> datetime:
    """A chronology moment for an event known only by its date (midday, London time)."""
    return datetime.combine(day, time(12, 0), tzinfo=LONDON)


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "pk", None) else None


def _raise(problem: str | None, field: str = "__all__") -> None:
    if problem:
        raise ValidationError({field: problem})


@contextmanager
def _refused_as(problem: Callable[[], str | None], field: str) -> Iterator[None]:
    """The database constraint is the last word: a row refused by it (another user won a race
    past the guard) becomes the guard's message on the field, never a 500."""
    try:
        with transaction.atomic():
            yield
    except IntegrityError:
        raise ValidationError(
            {field: problem() or "Someone else changed this record at the same time: try again"}
        ) from None


def _actions(rows: list[dict[str, Any]], earliest: date) -> list[dict[str, Any]]:
    errors: dict[str, str] = {}
    for i, row in enumerate(rows, start=1):
        if not (row.get("owner") or "").strip():
            errors["actions"] = f"Action {i}: enter who owns the action"
        elif not (row.get("action") or "").strip():
            errors["actions"] = f"Action {i}: enter what must be done"
        elif not row.get("due_date"):
            errors["actions"] = f"Action {i}: enter the date it is due"
        elif row["due_date"] < earliest:
            errors["actions"] = f"Action {i}: the due date must be on or after the meeting date"
    if errors:
        raise ValidationError(errors)
    return rows


@transaction.atomic
def strategy_discussion_record(
    *,
    actor: Any,
    referral: Referral,
    lead: Any,
    held_at: datetime,
    information_shared: str,
    decision: str,
    rationale: str,
    participants: list[dict[str, str]],
    actions: list[dict[str, Any]],
    now: datetime | None = None,
) -> StrategyDiscussion:
    """Record a strategy discussion. A decision to hold an s47 starts it, dated the discussion's day.

    Working Together: social care, police and health at least (a missing agency is a warning shown
    on the record, not a refusal: the discussion may still have to go ahead).
    """
    now = _now(now)
    held_on = local_date(held_at)
    if held_at > now:
        raise ValidationError(
            {"held_at": "The date and time of the discussion must be in the past"}
        )
    _raise(guards.episode_problem(referral, held_on, "strategy discussion"), "held_at")
    if not participants:
        raise ValidationError(
            {"participants": "Add at least one participant with their agency and role"}
        )
    for i, row in enumerate(participants, start=1):
        if not all((row.get(k) or "").strip() for k in ("name", "agency", "role")):
            raise ValidationError(
                {"participants": f"Participant {i}: enter their name, agency and role"}
            )
    if not rationale.strip():
        raise ValidationError({"rationale": "Enter the rationale for the decision"})
    _actions(actions, held_on)
    s47_decision = decision in (StrategyDecision.S47_SINGLE, StrategyDecision.S47_JOINT)
    if s47_decision:
        _raise(guards.can_start_s47(referral, held_on), "decision")
    discussion = StrategyDiscussion.objects.create(
        referral=referral,
        person=referral.person,
        lead=lead,
        held_at=held_at,
        information_shared=information_shared,
        decision=decision,
        rationale=rationale,
        initiates_s47=s47_decision,
        created_at=now,
        created_by=_user(actor),
    )
    Participant.objects.bulk_create(
        Participant(discussion=discussion, **row) for row in participants
    )
    ActionItem.objects.bulk_create(ActionItem(discussion=discussion, **row) for row in actions)
    audit_record(
        actor=actor,
        action="create",
        record_type="strategy_discussion",
        record_id=discussion.pk,
        person_id=referral.person_id,
        detail={"decision": decision},
    )
    chronology_add(
        person=referral.person,
        kind="strategy_discussion",
        actor=actor,
        record=discussion,
        occurred_at=held_at,
        summary=f"Strategy discussion: {discussion.get_decision_display()}",
    )
    if s47_decision:
        with _refused_as(lambda: guards.open_s47_problem(referral), "decision"):
            s47 = Section47Enquiry.objects.create(
                referral=referral,
                person=referral.person,
                strategy_discussion=discussion,
                joint=decision == StrategyDecision.S47_JOINT,
                start_date=held_on,
                icpc_target=guards.icpc_target_for(held_on),
                worker=lead,
                created_at=now,
            )
        audit_record(
            actor=actor,
            action="create",
            record_type="s47",
            record_id=s47.pk,
            person_id=referral.person_id,
            detail={"icpc_target": s47.icpc_target.isoformat()},
        )
        chronology_add(
            person=referral.person,
            kind="s47_start",
            actor=actor,
            record=s47,
            occurred_at=held_at,
            summary=f"Section 47 enquiry started; ICPC due by {s47.icpc_target:%d %B %Y}",
        )
    return discussion


@transaction.atomic
def action_complete(*, actor: Any, item: ActionItem, done_date: date, person_id: int) -> ActionItem:
    if item.done_date is not None:
        raise ValidationError({"__all__": "This action is already marked done"})
    item.done_date = done_date
    item.save(update_fields=["done_date"])
    audit_record(
        actor=actor, action="complete", record_type="action", record_id=item.pk, person_id=person_id
    )
    return item


@transaction.atomic
def s47_findings_record(
    *,
    actor: Any,
    s47: Section47Enquiry,
    child_seen_date: date,
    seen_alone: bool,
    not_seen_alone_reason: str,
    child_words: str,
    outcome: str,
    outcome_date: date,
    today: date | None = None,
) -> Section47Enquiry:
    """The enquiry's findings: when the child was seen (alone, or why not), their words, the outcome."""
    today = today or timezone.localdate()
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
    s47.save(
        update_fields=[
            "child_seen_date",
            "seen_alone",
            "not_seen_alone_reason",
            "child_words",
            "outcome",
            "outcome_date",
            "icpc_not_required",
        ]
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
        occurred_at=_on(outcome_date),
        summary=f"Section 47 enquiry outcome: {s47.get_outcome_display()}",
    )
    return s47


def _add_months(day: date, months: int) -> date:
    result: date = day + relativedelta(months=months)
    return result


@transaction.atomic
def icpc_record(
    *,
    actor: Any,
    s47: Section47Enquiry,
    icpc_date: date,
    cp_plan: bool,
    initial_category: str = "",
    today: date | None = None,
    now: datetime | None = None,
) -> ChildProtectionPlan | None:
    """Record the ICPC. A plan, if made, starts on the ICPC date; first review within 3 months."""
    today = today or timezone.localdate()
    _raise(guards.icpc_problem(s47, icpc_date), "icpc_date")
    _raise(guards.future_problem(icpc_date, today, "ICPC date"), "icpc_date")
    if cp_plan and not initial_category:
        raise ValidationError(
            {"initial_category": "Select the initial category of abuse for the plan"}
        )
    s47.icpc_date, s47.cp_plan = icpc_date, cp_plan
    s47.initial_category = initial_category if cp_plan else ""
    s47.save(update_fields=["icpc_date", "cp_plan", "initial_category"])
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
        occurred_at=_on(icpc_date),
        summary=f"Initial child protection conference: {'child protection plan' if cp_plan else 'no plan'}"
        f"{' (after the 15 working day target)' if late else ''}",
    )
    if not cp_plan:
        return None
    _raise(guards.open_plan_problem(s47.person), "cp_plan")
    first_due = _add_months(icpc_date, FIRST_REVIEW_MONTHS)
    with _refused_as(lambda: guards.open_plan_problem(s47.person), "cp_plan"):
        plan = ChildProtectionPlan.objects.create(
            referral=s47.referral,
            person=s47.person,
            s47=s47,
            start_date=icpc_date,
            initial_category=initial_category,
            latest_category=initial_category,
            first_review_due=first_due,
            next_review_due=first_due,
            created_at=_now(now),
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
        occurred_at=_on(icpc_date),
        summary=f"Child protection plan started ({plan.get_initial_category_display()}); "
        f"first review due by {first_due:%d %B %Y}",
    )
    return plan


@transaction.atomic
def cp_review_record(
    *,
    actor: Any,
    plan: ChildProtectionPlan,
    held_date: date,
    plan_continues: bool,
    category: str,
    notes: str = "",
    today: date | None = None,
) -> ReviewConference:
    """A review conference; the next is due 6 months later. If the plan ends, it ends that day."""
    today = today or timezone.localdate()
    if not plan.is_open:
        raise ValidationError({"__all__": "This plan has ended"})
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
        plan.next_review_due = _add_months(held_date, REVIEW_INTERVAL_MONTHS)
    else:
        plan.end_date, plan.next_review_due, plan.end_reason = (
            held_date,
            None,
            "Ended at review conference",
        )
    plan.save(update_fields=["latest_category", "next_review_due", "end_date", "end_reason"])
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
        occurred_at=_on(held_date),
        summary="Child protection review conference: "
        + ("plan continues" if plan_continues else "plan ended"),
    )
    return review


@transaction.atomic
def cp_plan_end(
    *, actor: Any, plan: ChildProtectionPlan, end_date: date, reason: str, today: date | None = None
) -> ChildProtectionPlan:
    today = today or timezone.localdate()
    if not plan.is_open:
        raise ValidationError({"__all__": "This plan has already ended"})
    if end_date < plan.start_date or end_date > today:
        raise ValidationError(
            {"end_date": f"The end date must be between {plan.start_date:%d %B %Y} and today"}
        )
    if not reason.strip():
        raise ValidationError({"reason": "Enter why the plan is ending"})
    plan.end_date, plan.end_reason, plan.next_review_due = end_date, reason, None
    plan.save(update_fields=["end_date", "end_reason", "next_review_due"])
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
        occurred_at=_on(end_date),
        summary=f"Child protection plan ended: {reason}",
    )
    return plan
