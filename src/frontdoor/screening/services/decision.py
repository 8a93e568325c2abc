"""The practitioner's decision for each child, a manager's challenge and the answer to it."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from frontdoor.accounts.models import User
from frontdoor.cases.selectors import open_referral_for
from frontdoor.core.concurrency import save_version

from .. import guards
from ..models import (
    DECISION_FIELDS,
    REFERRAL_OUTCOMES,
    Decision,
    DecisionStatus,
    DelayReason,
    Outcome,
    Oversight,
    OversightKind,
    Screening,
    ScreeningStatus,
)
from .common import event, locked, refuse

ALREADY_DECIDED = (
    "A decision has already been recorded for this child: answer the manager's challenge instead"
)


def check_decision(
    screening: Screening, data: dict[str, Any], *, decided_at: datetime
) -> dict[str, Any]:
    errors: dict[str, str] = {}
    clean: dict[str, Any] = {
        k: (data.get(k) or "").strip() if isinstance(data.get(k), str) else data.get(k)
        for k in DECISION_FIELDS
    }
    if clean["level_of_need"] not in (1, 2, 3, 4):
        errors["level_of_need"] = "Select the level of need (1 to 4)"
    if clean["outcome"] not in Outcome.values:
        errors["outcome"] = "Select the outcome of the decision"
    if not clean["rationale"]:
        errors["rationale"] = "Enter the rationale for the decision"
    if not clean["risks_and_protective_factors"]:
        errors["risks_and_protective_factors"] = (
            "Enter the analysis of risks and protective factors"
        )
    if clean["outcome"] in REFERRAL_OUTCOMES and not clean["primary_need"]:
        errors["primary_need"] = "Select the primary need: it is required for a referral"
    problem = guards.outcome_problem(
        clean["outcome"], open_referral_for(person_id=screening.person_id)
    )
    if problem:
        errors["outcome"] = problem
    late = decided_at > screening.contact.decision_due_at
    if late and not clean["delay_reason"]:
        due = timezone.localtime(screening.contact.decision_due_at)
        errors["delay_reason"] = (
            f"This decision is after the one-working-day deadline ({due.day} "
            f"{due:%B %Y, %H:%M}): select the reason for the delay"
        )
    elif late and clean["delay_reason"] not in DelayReason.values:
        errors["delay_reason"] = "Select a reason for the delay from the list"
    elif late and clean["delay_reason"] == "other" and not clean["delay_explanation"]:
        errors["delay_explanation"] = "Explain the other reason for the delay"
    if clean["outcome"] in Outcome.values and "outcome" not in errors:
        consent = guards.consent_problem(
            screening,
            clean["outcome"],
            authorising=False,
            shares_information=screening.requests.exists(),
        )
        if consent:
            errors["__all__"] = consent
    if errors:
        raise ValidationError(errors)
    if not late:
        clean["delay_reason"], clean["delay_explanation"] = "", ""
    if clean["outcome"] not in REFERRAL_OUTCOMES:
        clean["primary_need"] = clean["primary_need"] or ""
    clean["late"] = late
    return clean


@transaction.atomic
def decision_record(
    *,
    actor: User,
    screening: Screening,
    level_of_need: int | None,
    outcome: str,
    rationale: str,
    risks_and_protective_factors: str,
    primary_need: str = "",
    delay_reason: str = "",
    delay_explanation: str = "",
    applied_from: Decision | None = None,
    version: int | None = None,
    now: datetime | None = None,
) -> Decision:
    """Record the decision for one child and send it to a manager for authorisation.

    Working Together: a decision within one working day of receipt; later needs a recorded reason.
    The screening's row is locked (and its version checked), so of two practitioners deciding at
    once the second is told who decided first; the one-to-one link is the database's last word.
    """
    locked(screening, version)
    refuse(guards.can_work_on(actor, screening))
    if Decision.objects.filter(screening=screening).exists():
        refuse(ALREADY_DECIDED)
    now = now or timezone.now()
    clean = check_decision(
        screening,
        {
            "level_of_need": level_of_need,
            "outcome": outcome,
            "rationale": rationale,
            "risks_and_protective_factors": risks_and_protective_factors,
            "primary_need": primary_need,
            "delay_reason": delay_reason,
            "delay_explanation": delay_explanation,
        },
        decided_at=now,
    )
    try:
        with transaction.atomic():
            decision = Decision.objects.create(
                screening=screening,
                decided_at=now,
                decided_by=actor,
                applied_from=applied_from,
                **clean,
            )
    except IntegrityError:
        raise ValidationError({"__all__": ALREADY_DECIDED}) from None
    screening.status = ScreeningStatus.AWAITING_AUTHORISATION
    if screening.owner_id is None:
        screening.owner = actor
    save_version(screening, actor=actor, fields=["status", "owner"])
    applied = " (applied from a sibling's decision)" if applied_from else ""
    late = " after the deadline" if decision.late else ""
    event(
        screening,
        actor=actor,
        kind="decision",
        at=now,
        record=decision,
        action="create",
        summary=f"Decision recorded{late}{applied}: {decision.get_outcome_display()} "
        f"(level {decision.level_of_need}); awaiting authorisation",
        detail={"outcome": decision.outcome, "late": decision.late},
    )
    return decision


@transaction.atomic
def decision_apply_to_siblings(
    *,
    actor: User,
    decision: Decision,
    screenings: Sequence[Screening],
    now: datetime | None = None,
) -> list[Decision]:
    """Apply one child's decision to siblings on the same contact: still one decision per child,
    each checked on its own (an open case or missing consent refuses that child)."""
    if not screenings:
        raise ValidationError({"siblings": "Select at least one sibling to apply the decision to"})
    created = []
    for sibling in screenings:
        if (
            sibling.contact_id != decision.screening.contact_id
            or sibling.pk == decision.screening_id
        ):
            raise ValidationError({"siblings": "Select siblings on the same contact"})
        try:
            created.append(
                decision_record(
                    actor=actor,
                    screening=sibling,
                    level_of_need=decision.level_of_need,
                    outcome=decision.outcome,
                    rationale=decision.rationale,
                    risks_and_protective_factors=decision.risks_and_protective_factors,
                    primary_need=decision.primary_need,
                    delay_reason=decision.delay_reason,
                    delay_explanation=decision.delay_explanation,
                    applied_from=decision,
                    now=now,
                )
            )
        except ValidationError as error:
            messages = "; ".join(m for ms in error.message_dict.values() for m in ms)
            raise ValidationError({"siblings": f"{sibling.person.full_name}: {messages}"}) from None
    return created


@transaction.atomic
def decision_return(
    *,
    actor: User,
    decision: Decision,
    challenge: str,
    version: int | None = None,
    now: datetime | None = None,
) -> Oversight:
    """A manager returns a decision with a challenge the practitioner must answer. The decision's
    row is locked, so a challenge racing an authorisation loses with a clear message."""
    locked(decision, version)
    refuse(guards.can_review_decision(actor, decision))
    if not (challenge or "").strip():
        raise ValidationError(
            {"text": "Enter the challenge: what the practitioner must answer or reconsider"}
        )
    now = now or timezone.now()
    entry = Oversight.objects.create(
        decision=decision, kind=OversightKind.CHALLENGE, text=challenge.strip(), at=now, by=actor
    )
    decision.status = DecisionStatus.RETURNED
    save_version(decision, actor=actor, fields=["status"])
    screening = decision.screening
    screening.status = ScreeningStatus.RETURNED
    save_version(screening, actor=actor, fields=["status"])
    event(
        screening,
        actor=actor,
        kind="decision_challenge",
        at=now,
        record=entry,
        action="challenge",
        summary=f"Decision returned with a challenge by {actor.display_name}",
    )
    return entry


@transaction.atomic
def decision_answer(
    *,
    actor: User,
    decision: Decision,
    answer: str,
    version: int | None = None,
    now: datetime | None = None,
    **revised: Any,
) -> Oversight:
    """The practitioner answers a challenge (revising the decision if need be) and resubmits it.

    Whoever answers is recorded in the oversight trail and may not then authorise the decision."""
    locked(decision, version)
    refuse(guards.can_answer_challenge(actor, decision))
    if not (answer or "").strip():
        raise ValidationError({"answer": "Enter your answer to the manager's challenge"})
    unknown = set(revised) - set(DECISION_FIELDS)
    if unknown:
        raise ValueError(f"Cannot revise {', '.join(sorted(unknown))}")
    now = now or timezone.now()
    screening = decision.screening
    data = {k: getattr(decision, k) for k in DECISION_FIELDS} | revised
    clean = check_decision(screening, data, decided_at=decision.decided_at)
    for key, value in clean.items():
        setattr(decision, key, value)
    decision.status = DecisionStatus.AWAITING
    save_version(decision, actor=actor, fields=[*clean, "status"])
    entry = Oversight.objects.create(
        decision=decision, kind=OversightKind.ANSWER, text=answer.strip(), at=now, by=actor
    )
    screening.status = ScreeningStatus.AWAITING_AUTHORISATION
    save_version(screening, actor=actor, fields=["status"])
    event(
        screening,
        actor=actor,
        kind="decision_answer",
        at=now,
        record=entry,
        action="answer",
        summary=f"Challenge answered: {decision.get_outcome_display()}; awaiting authorisation",
    )
    return entry
