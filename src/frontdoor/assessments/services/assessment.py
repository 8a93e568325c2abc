"""The social worker's part of the child and family assessment: start, visits, the child's voice,
engagement of the people to see, and the analysis, factors and outcome.

The assessment is versioned: a change posted from a page opened before someone else's change is
refused (StaleRecord) naming who made it, so the child's voice or the analysis one person typed is
never silently replaced by another's. A visit only adds a row, so it locks the assessment (to see
that it is still open) without asking for the version.
"""

from __future__ import annotations

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from frontdoor.accounts.models import User
from frontdoor.audit.services import audit_record
from frontdoor.cases.models import Referral
from frontdoor.child_protection.guards import future_problem
from frontdoor.child_protection.services.common import (
    moment_on,
    now_or,
    refuse_if,
    refused_as,
    signed_in,
)
from frontdoor.core.calendar import local_date
from frontdoor.core.concurrency import lock_version, save_version
from frontdoor.people.services import chronology_add

from .. import guards
from ..models import Assessment, AssessmentGuidance, ChildSeen, PersonToSee

# The audit actions that change what the assessment says: whoever did one may not sign it off.
CONTENT_ACTIONS = ("create", "child_seen", "update", "engagement")


def locked_open(assessment: Assessment, version: int | None) -> Assessment:
    """The assessment, locked for this transaction; refused once signed off."""
    assessment = lock_version(
        Assessment.objects.select_related("person", "referral", "guidance"),
        assessment.pk,
        expected=version,
    )
    if not assessment.is_open:
        raise ValidationError(
            {"__all__": "This assessment is signed off and can no longer be changed"}
        )
    return assessment


@transaction.atomic
def assessment_start(
    *,
    actor: User,
    referral: Referral,
    start_date: date,
    worker: User | None = None,
    now: datetime | None = None,
) -> Assessment:
    """Start the child and family assessment: refused without manager guidance at the outset."""
    now = now_or(now)
    refuse_if(guards.can_start_assessment(referral, start_date), "start_date")
    refuse_if(future_problem(start_date, local_date(now), "start date"), "start_date")
    guidance = AssessmentGuidance.objects.filter(referral=referral, assessment__isnull=True).first()
    assert guidance is not None  # the guard above refused otherwise
    with refused_as(lambda: guards.open_assessment_problem(referral), "start_date"):
        assessment = Assessment.objects.create(
            referral=referral,
            person=referral.person,
            guidance=guidance,
            worker=worker or signed_in(actor),
            start_date=start_date,
            due_date=guidance.due_date,
            created_at=now,
        )
    audit_record(
        actor=actor,
        action="create",
        record_type="assessment",
        record_id=assessment.pk,
        person_id=referral.person_id,
    )
    chronology_add(
        person=referral.person,
        kind="assessment_start",
        actor=actor,
        record=assessment,
        occurred_at=moment_on(start_date),
        summary=f"Assessment started; due by {assessment.due_date:%d %B %Y}",
    )
    return assessment


@transaction.atomic
def child_seen_record(
    *,
    actor: User,
    assessment: Assessment,
    seen_on: date,
    seen_alone: bool,
    notes: str = "",
    today: date | None = None,
) -> ChildSeen:
    today = today or timezone.localdate()
    assessment = locked_open(assessment, None)
    if seen_on < assessment.start_date or seen_on > today:
        raise ValidationError(
            {
                "seen_on": f"The date must be between the start of the assessment "
                f"({assessment.start_date:%d %B %Y}) and today"
            }
        )
    visit = ChildSeen.objects.create(
        assessment=assessment, seen_on=seen_on, seen_alone=seen_alone, notes=notes
    )
    audit_record(
        actor=actor,
        action="child_seen",
        record_type="assessment",
        record_id=assessment.pk,
        person_id=assessment.person_id,
    )
    chronology_add(
        person=assessment.person,
        kind="child_seen",
        actor=actor,
        record=assessment,
        occurred_at=moment_on(seen_on),
        summary="Child seen" + (" alone" if seen_alone else "") + " (assessment)",
    )
    return visit


@transaction.atomic
def child_voice_record(
    *,
    actor: User,
    assessment: Assessment,
    direct_work: list[str],
    direct_work_other: str,
    child_voice: str,
    version: int | None = None,
) -> Assessment:
    assessment = locked_open(assessment, version)
    if not child_voice.strip():
        raise ValidationError(
            {"child_voice": "Enter the child's own voice: what they said, showed or drew"}
        )
    if "other" in direct_work and not direct_work_other.strip():
        raise ValidationError({"direct_work_other": "Enter the other direct work tool used"})
    assessment.direct_work, assessment.child_voice = direct_work, child_voice
    assessment.direct_work_other = direct_work_other if "other" in direct_work else ""
    save_version(
        assessment, actor=actor, fields=["direct_work", "direct_work_other", "child_voice"]
    )
    audit_record(
        actor=actor,
        action="update",
        record_type="assessment",
        record_id=assessment.pk,
        person_id=assessment.person_id,
        detail={"part": "child_voice"},
    )
    return assessment


@transaction.atomic
def engagement_record(
    *,
    actor: User,
    person_to_see: PersonToSee,
    engaged: bool,
    not_engaged_reason: str = "",
    attempts: str = "",
    version: int | None = None,
) -> PersonToSee:
    """Whether a parent or significant other engaged; if not, why and what was tried. It is part of
    the assessment, so it takes the assessment's version."""
    assessment = locked_open(person_to_see.guidance.assessment, version)
    problem = guards.engagement_problem(engaged, not_engaged_reason, attempts)
    if problem:
        raise ValidationError({"not_engaged_reason" if "why" in problem else "attempts": problem})
    person_to_see.engaged = engaged
    person_to_see.not_engaged_reason = "" if engaged else not_engaged_reason
    person_to_see.attempts = attempts
    person_to_see.save(update_fields=["engaged", "not_engaged_reason", "attempts"])
    save_version(assessment, actor=actor, fields=[])
    audit_record(
        actor=actor,
        action="engagement",
        record_type="assessment",
        record_id=assessment.pk,
        person_id=assessment.person_id,
        detail={"who": person_to_see.pk, "engaged": engaged},
    )
    return person_to_see


@transaction.atomic
def assessment_conclude(
    *,
    actor: User,
    assessment: Assessment,
    factors: list[str],
    outcome: str,
    analysis: str,
    version: int | None = None,
) -> Assessment:
    """The social worker's analysis, CIN census factors (21 stands alone) and recommended outcome."""
    assessment = locked_open(assessment, version)
    errors: dict[str, str] = {}
    problem = guards.factors_problem(factors)
    if problem:
        errors["factors"] = problem
    if not outcome:
        errors["outcome"] = "Select the outcome of the assessment"
    if not analysis.strip():
        errors["analysis"] = (
            "Enter the analysis: what the assessment found and why it leads to this outcome"
        )
    if errors:
        raise ValidationError(errors)
    assessment.factors, assessment.outcome, assessment.analysis = factors, outcome, analysis
    save_version(assessment, actor=actor, fields=["factors", "outcome", "analysis"])
    audit_record(
        actor=actor,
        action="update",
        record_type="assessment",
        record_id=assessment.pk,
        person_id=assessment.person_id,
        detail={"outcome": outcome, "factors": factors},
    )
    return assessment
