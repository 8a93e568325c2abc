"""The manager's sign-off of an assessment (four eyes), and what follows from its outcome."""

from __future__ import annotations

from datetime import date, datetime

from django.db import transaction

from frontdoor.accounts.models import User
from frontdoor.audit.models import AuditEvent
from frontdoor.audit.services import audit_record
from frontdoor.cases.models import Referral
from frontdoor.child_protection.guards import future_problem
from frontdoor.child_protection.services.common import moment_on, now_or, refuse_if, signed_in
from frontdoor.core.calendar import local_date
from frontdoor.core.concurrency import save_version
from frontdoor.core.four_eyes import four_eyes_check
from frontdoor.people.access import restricted_ids
from frontdoor.people.services import chronology_add

from .. import guards
from ..models import Assessment, AssessmentOutcome
from .assessment import CONTENT_ACTIONS, locked_open


def assessment_contributors(assessment: Assessment) -> set[int]:
    """Everyone who wrote or changed what the assessment says (the worker, and anyone who recorded
    a visit, the child's voice, engagement or the analysis), from its audit trail."""
    ids = set(
        AuditEvent.objects.filter(
            record_type="assessment", record_id=str(assessment.pk), action__in=CONTENT_ACTIONS
        )
        .exclude(actor__isnull=True)
        .values_list("actor_id", flat=True)
    )
    if assessment.worker_id is not None:
        ids.add(assessment.worker_id)
    return ids


def _episode_busy(referral: Referral) -> bool:
    """Whether the episode must stay open after an NFA or step-down outcome: it holds an s47 or CP
    plan (CIN census: RC8/RC9 episodes carry no s47, ICPC or CP plan, so such an episode is closed
    later with another reason)."""
    return referral.s47_enquiries.exists() or referral.cp_plans.exists()


@transaction.atomic
def assessment_sign_off(
    *,
    actor: User,
    assessment: Assessment,
    signoff_date: date,
    late_reason: str = "",
    now: datetime | None = None,
    version: int | None = None,
) -> Assessment:
    """Manager sign-off: its date is the completion date (AssessmentAuthorisationDate).

    Four eyes: nobody who wrote or changed the assessment may sign it off; the refusal names who
    can. After the due date a reason is required (Working Together: reasons recorded if exceeded).
    A step-down goes to early help; no further action and step-down close the episode (RC8, RC9)
    when it holds no s47 or plan.
    """
    now = now_or(now)
    assessment = locked_open(assessment, version)
    four_eyes_check(
        actor=actor,
        involved=assessment_contributors(assessment),
        capability="guide_assessment",
        what="this assessment",
    )
    people = list(assessment.guidance.people_to_see.all())
    hidden = restricted_ids(actor, [p.person_id for p in people])
    late_without_reason = signoff_date > assessment.due_date and not late_reason.strip()
    refuse_if(
        guards.signoff_problem(assessment, signoff_date, late_reason, people, hidden),
        "late_reason" if late_without_reason else "signoff_date",
    )
    refuse_if(future_problem(signoff_date, local_date(now), "sign-off date"), "signoff_date")
    late = signoff_date > assessment.due_date
    assessment.authorised_date, assessment.authorised_by = signoff_date, signed_in(actor)
    assessment.late_reason = late_reason if late else ""
    save_version(
        assessment, actor=actor, fields=["authorised_date", "authorised_by", "late_reason"]
    )
    audit_record(
        actor=actor,
        action="sign_off",
        record_type="assessment",
        record_id=assessment.pk,
        person_id=assessment.person_id,
        detail={"outcome": assessment.outcome, "late": late},
    )
    chronology_add(
        person=assessment.person,
        kind="assessment_complete",
        actor=actor,
        record=assessment,
        occurred_at=moment_on(signoff_date),
        summary=f"Assessment signed off: {assessment.get_outcome_display()}",
    )
    _follow_outcome(actor=actor, assessment=assessment, signoff_date=signoff_date, now=now)
    return assessment


def _follow_outcome(
    *, actor: User, assessment: Assessment, signoff_date: date, now: datetime
) -> None:
    if assessment.outcome == AssessmentOutcome.STEP_DOWN:
        from frontdoor.earlyhelp.services import stepdown_request

        stepdown_request(
            actor=actor,
            person=assessment.person,
            source=assessment,
            summary=assessment.analysis,
            risks_and_protective_factors=risks_summary(assessment),
            at=now,
        )
    if assessment.outcome in (AssessmentOutcome.NFA, AssessmentOutcome.STEP_DOWN):
        referral = assessment.referral
        if referral.is_open and not _episode_busy(referral):
            from frontdoor.cases.services import referral_close

            referral_close(
                actor=actor,
                referral=referral,
                closure_date=signoff_date,
                reason="RC9" if assessment.outcome == AssessmentOutcome.STEP_DOWN else "RC8",
            )


def risks_summary(assessment: Assessment) -> str:
    """The latest mapping's worries and what is working well, for the early help manager."""
    mapping = assessment.mappings.order_by("-held_on", "-id").first()
    if mapping is None:
        return assessment.analysis
    parts = [f"Harm: {mapping.harm}"]
    parts += [f"Danger: {d.danger} Safety goal: {d.safety_goal}" for d in mapping.dangers.all()]
    if mapping.complicating_factors:
        parts.append(f"Complicating factors: {mapping.complicating_factors}")
    if mapping.strengths:
        parts.append(f"Strengths: {mapping.strengths}")
    if mapping.existing_safety:
        parts.append(f"Existing safety: {mapping.existing_safety}")
    return "\n".join(parts)
