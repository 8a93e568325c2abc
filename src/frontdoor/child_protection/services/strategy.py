"""Strategy discussions (and the s47 a decision starts) and the actions they agree."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q

from frontdoor.accounts.models import User
from frontdoor.audit.services import audit_record
from frontdoor.cases.models import Referral
from frontdoor.core.calendar import local_date
from frontdoor.core.concurrency import lock_version, save_version
from frontdoor.people.services import chronology_add

from .. import guards
from ..models import (
    ActionItem,
    Participant,
    Section47Enquiry,
    StrategyDecision,
    StrategyDiscussion,
)
from .common import checked_actions, now_or, refuse_if, refused_as, signed_in


def _participants_problem(participants: list[dict[str, str]]) -> str | None:
    if not participants:
        return "Add at least one participant with their agency and role"
    for i, row in enumerate(participants, start=1):
        if not all((row.get(k) or "").strip() for k in ("name", "agency", "role")):
            return f"Participant {i}: enter their name, agency and role"
    return None


@transaction.atomic
def strategy_discussion_record(
    *,
    actor: User,
    referral: Referral,
    lead: User,
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
    now = now_or(now)
    held_on = local_date(held_at)
    if held_at > now:
        raise ValidationError(
            {"held_at": "The date and time of the discussion must be in the past"}
        )
    refuse_if(guards.episode_problem(referral, held_on, "strategy discussion"), "held_at")
    refuse_if(_participants_problem(participants), "participants")
    if not rationale.strip():
        raise ValidationError({"rationale": "Enter the rationale for the decision"})
    checked_actions(actions, held_on)
    s47_decision = decision in (StrategyDecision.S47_SINGLE, StrategyDecision.S47_JOINT)
    if s47_decision:
        refuse_if(guards.can_start_s47(referral, held_on), "decision")
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
        created_by=signed_in(actor),
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
        _s47_start(actor=actor, discussion=discussion, lead=lead, now=now)
    return discussion


def _s47_start(
    *, actor: User, discussion: StrategyDiscussion, lead: User, now: datetime
) -> Section47Enquiry:
    referral, held_on = discussion.referral, local_date(discussion.held_at)
    with refused_as(lambda: guards.open_s47_problem(referral), "decision"):
        s47 = Section47Enquiry.objects.create(
            referral=referral,
            person=referral.person,
            strategy_discussion=discussion,
            joint=discussion.decision == StrategyDecision.S47_JOINT,
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
        occurred_at=discussion.held_at,
        summary=f"Section 47 enquiry started; ICPC due by {s47.icpc_target:%d %B %Y}",
    )
    return s47


@transaction.atomic
def strategy_discussion_update(
    *,
    actor: User,
    discussion: StrategyDiscussion,
    information_shared: str,
    rationale: str,
    participants: list[dict[str, str]],
    version: int | None = None,
) -> StrategyDiscussion:
    """Correct the record of a discussion: what was shared, the rationale and who took part. The
    decision stays as made (an s47 it started is its own record). `version` is the one the user's
    page showed: a change posted after someone else's is refused (StaleRecord) with who made it."""
    discussion = lock_version(StrategyDiscussion.objects.all(), discussion.pk, expected=version)
    errors: dict[str, str] = {}
    if not information_shared.strip():
        errors["information_shared"] = "Enter the information each agency shared"
    if not rationale.strip():
        errors["rationale"] = "Enter the rationale for the decision"
    problem = _participants_problem(participants)
    if problem:
        errors["participants"] = problem
    if errors:
        raise ValidationError(errors)
    discussion.information_shared, discussion.rationale = information_shared, rationale
    save_version(discussion, actor=actor, fields=["information_shared", "rationale"])
    discussion.participants.all().delete()
    Participant.objects.bulk_create(
        Participant(discussion=discussion, **row) for row in participants
    )
    audit_record(
        actor=actor,
        action="update",
        record_type="strategy_discussion",
        record_id=discussion.pk,
        person_id=discussion.person_id,
        detail={"participants": len(participants)},
    )
    return discussion


@transaction.atomic
def action_complete(*, actor: User, item: ActionItem, done_date: date) -> ActionItem:
    """Mark an action done. The row is locked, so a second click (or a colleague's) is told it is
    already done rather than moving the date."""
    item = (
        ActionItem.objects.select_for_update(of=("self",))
        .select_related("discussion", "supervision")
        .get(pk=item.pk)
    )
    if item.done_date is not None:
        raise ValidationError(
            {"__all__": f"This action was already marked done on {item.done_date:%d %B %Y}"}
        )
    meeting = item.discussion or item.supervision
    item.done_date = done_date
    item.save(update_fields=["done_date"])
    audit_record(
        actor=actor,
        action="complete",
        record_type="action",
        record_id=item.pk,
        person_id=meeting.person_id if meeting is not None else None,
    )
    return item


def actions_close_with_referral(
    *, actor: User | None, referral: Referral, closure_date: date
) -> int:
    """Close the open actions of a referral's strategy discussions and group supervisions when the
    referral closes (called inside `cases.services.referral_close`'s transaction): work on a
    closed case is not left open in anyone's tray. Audited; returns how many were closed."""
    open_actions = ActionItem.objects.filter(done_date__isnull=True).filter(
        Q(discussion__referral=referral) | Q(supervision__referral=referral)
    )
    ids = list(open_actions.values_list("pk", flat=True))
    if ids:
        ActionItem.objects.filter(pk__in=ids).update(
            done_date=closure_date, closed_with_referral=True
        )
        audit_record(
            actor=actor,
            action="close_with_referral",
            record_type="action",
            record_id=f"{len(ids)} actions",
            person_id=referral.person_id,
            detail={"referral": referral.pk, "actions": ids},
        )
    return len(ids)
