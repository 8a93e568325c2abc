"""Writes for assessments, mapping and group supervision. One transaction each, audited, on the
chronology.

Every service takes the acting user keyword-only and raises ValidationError with a dict of
field -> plain message. `now` may be passed in (demo seeding, tests); otherwise the real clock.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from frontdoor.audit.services import audit_record
from frontdoor.cases.models import Referral
from frontdoor.child_protection.guards import episode_problem, future_problem
from frontdoor.child_protection.models import ActionItem
from frontdoor.child_protection.services import _actions, _now, _on, _raise, _user
from frontdoor.core.calendar import local_date
from frontdoor.core.four_eyes import four_eyes_check
from frontdoor.people.services import chronology_add

from . import guards
from .models import (
    Assessment,
    AssessmentGuidance,
    AssessmentOutcome,
    BottomLine,
    CaseMapping,
    ChildSeen,
    DangerStatement,
    GroupSupervision,
    NextStep,
    PersonToSee,
    ScalingScore,
    SupervisionParticipant,
)


@transaction.atomic
def guidance_record(
    *,
    actor: Any,
    referral: Referral,
    focus: str,
    lines_of_enquiry: str,
    due_date: date,
    people: list[dict[str, Any]],
    absent_parent: str,
    absent_parent_note: str = "",
    now: datetime | None = None,
) -> AssessmentGuidance:
    """The manager's guidance at the outset. Working Together: due at most 45 working days from the
    referral date; the manager may set a shorter timescale, never a longer one."""
    now = _now(now)
    given_on = local_date(now)
    if AssessmentGuidance.objects.filter(referral=referral, assessment__isnull=True).exists():
        raise ValidationError(
            {"__all__": "Guidance for the next assessment is already recorded on this referral"}
        )
    if Assessment.objects.filter(referral=referral, authorised_date__isnull=True).exists():
        raise ValidationError(
            {
                "__all__": "An assessment is already open on this referral: it must be signed "
                "off before guidance for another is given"
            }
        )
    _raise(episode_problem(referral, given_on, "assessment"))
    errors: dict[str, str] = {}
    if not focus.strip():
        errors["focus"] = "Enter the focus of the assessment"
    if not lines_of_enquiry.strip():
        errors["lines_of_enquiry"] = "Enter the key lines of enquiry"
    problem = guards.guidance_due_problem(referral, due_date, given_on)
    if problem:
        errors["due_date"] = problem
    errors.update(guards.people_to_see_problems(people, absent_parent, absent_parent_note))
    if errors:
        raise ValidationError(errors)
    guidance = AssessmentGuidance.objects.create(
        referral=referral,
        person=referral.person,
        manager=actor,
        given_at=now,
        focus=focus,
        lines_of_enquiry=lines_of_enquiry,
        due_date=due_date,
        max_due_date=guards.assessment_max_due(referral.referral_date),
        absent_parent=absent_parent,
        absent_parent_note=absent_parent_note,
    )
    PersonToSee.objects.bulk_create(
        PersonToSee(
            guidance=guidance,
            name=p["name"],
            relationship=p["relationship"],
            lives_with_child=p["lives_with_child"],
        )
        for p in people
    )
    audit_record(
        actor=actor,
        action="create",
        record_type="assessment_guidance",
        record_id=guidance.pk,
        person_id=referral.person_id,
        detail={"due_date": due_date.isoformat()},
    )
    chronology_add(
        person=referral.person,
        kind="assessment_guidance",
        actor=actor,
        record=guidance,
        occurred_at=now,
        summary=f"Manager guidance for assessment; due by {due_date:%d %B %Y}",
    )
    return guidance


@transaction.atomic
def assessment_start(
    *,
    actor: Any,
    referral: Referral,
    start_date: date,
    worker: Any = None,
    now: datetime | None = None,
) -> Assessment:
    """Start the child and family assessment: refused without manager guidance at the outset."""
    now = _now(now)
    _raise(guards.can_start_assessment(referral, start_date), "start_date")
    _raise(future_problem(start_date, local_date(now), "start date"), "start_date")
    guidance = AssessmentGuidance.objects.filter(referral=referral, assessment__isnull=True).first()
    assert guidance is not None  # the guard above refused otherwise
    assessment = Assessment.objects.create(
        referral=referral,
        person=referral.person,
        guidance=guidance,
        worker=worker or _user(actor),
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
        occurred_at=_on(start_date),
        summary=f"Assessment started; due by {assessment.due_date:%d %B %Y}",
    )
    return assessment


def _open(assessment: Assessment) -> None:
    if not assessment.is_open:
        raise ValidationError(
            {"__all__": "This assessment is signed off and can no longer be changed"}
        )


@transaction.atomic
def child_seen_record(
    *,
    actor: Any,
    assessment: Assessment,
    seen_on: date,
    seen_alone: bool,
    notes: str = "",
    today: date | None = None,
) -> ChildSeen:
    today = today or timezone.localdate()
    _open(assessment)
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
        occurred_at=_on(seen_on),
        summary="Child seen" + (" alone" if seen_alone else "") + " (assessment)",
    )
    return visit


@transaction.atomic
def child_voice_record(
    *,
    actor: Any,
    assessment: Assessment,
    direct_work: list[str],
    direct_work_other: str,
    child_voice: str,
) -> Assessment:
    _open(assessment)
    if not child_voice.strip():
        raise ValidationError(
            {"child_voice": "Enter the child's own voice: what they said, showed or drew"}
        )
    if "other" in direct_work and not direct_work_other.strip():
        raise ValidationError({"direct_work_other": "Enter the other direct work tool used"})
    assessment.direct_work, assessment.child_voice = direct_work, child_voice
    assessment.direct_work_other = direct_work_other if "other" in direct_work else ""
    assessment.save(update_fields=["direct_work", "direct_work_other", "child_voice"])
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
    actor: Any,
    person_to_see: PersonToSee,
    engaged: bool,
    not_engaged_reason: str = "",
    attempts: str = "",
) -> PersonToSee:
    """Whether a parent or significant other engaged; if not, why and what was tried."""
    assessment = person_to_see.guidance.assessment
    _open(assessment)
    problem = guards.engagement_problem(engaged, not_engaged_reason, attempts)
    if problem:
        raise ValidationError({"not_engaged_reason" if "why" in problem else "attempts": problem})
    person_to_see.engaged = engaged
    person_to_see.not_engaged_reason = "" if engaged else not_engaged_reason
    person_to_see.attempts = attempts
    person_to_see.save(update_fields=["engaged", "not_engaged_reason", "attempts"])
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
    *, actor: Any, assessment: Assessment, factors: list[str], outcome: str, analysis: str
) -> Assessment:
    """The social worker's analysis, CIN census factors (21 stands alone) and recommended outcome."""
    _open(assessment)
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
    assessment.save(update_fields=["factors", "outcome", "analysis"])
    audit_record(
        actor=actor,
        action="update",
        record_type="assessment",
        record_id=assessment.pk,
        person_id=assessment.person_id,
        detail={"outcome": outcome, "factors": factors},
    )
    return assessment


def _episode_busy(referral: Referral) -> bool:
    """Whether the episode must stay open after an NFA or step-down outcome: something else is
    open on it, or it holds an s47 or CP plan (CIN census: RC8/RC9 episodes carry no s47, ICPC
    or CP plan, so such an episode is closed later with another reason)."""
    return referral.s47_enquiries.exists() or referral.cp_plans.exists()


@transaction.atomic
def assessment_sign_off(
    *,
    actor: Any,
    assessment: Assessment,
    signoff_date: date,
    late_reason: str = "",
    now: datetime | None = None,
) -> Assessment:
    """Manager sign-off: its date is the completion date (AssessmentAuthorisationDate).

    After the due date a reason is required (Working Together: reasons recorded if exceeded). A
    step-down goes to early help; no further action and step-down close the episode (RC8, RC9)
    when nothing else is open on it.
    """
    now = _now(now)
    # Four eyes: the social worker who wrote the assessment may not sign it off.
    four_eyes_check(
        actor=actor,
        involved=[assessment.worker_id],
        capability="guide_assessment",
        what="this assessment",
    )
    late_without_reason = signoff_date > assessment.due_date and not late_reason.strip()
    _raise(
        guards.signoff_problem(assessment, signoff_date, late_reason),
        "late_reason" if late_without_reason else "signoff_date",
    )
    _raise(future_problem(signoff_date, local_date(now), "sign-off date"), "signoff_date")
    late = signoff_date > assessment.due_date
    assessment.authorised_date, assessment.authorised_by = signoff_date, _user(actor)
    assessment.late_reason = late_reason if late else ""
    assessment.save(update_fields=["authorised_date", "authorised_by", "late_reason"])
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
        occurred_at=_on(signoff_date),
        summary=f"Assessment signed off: {assessment.get_outcome_display()}",
    )
    if assessment.outcome == AssessmentOutcome.STEP_DOWN:
        from frontdoor.earlyhelp.services import stepdown_request

        stepdown_request(
            actor=actor,
            person=assessment.person,
            source=assessment,
            summary=assessment.analysis,
            risks_and_protective_factors=_risks_summary(assessment),
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
    return assessment


def _risks_summary(assessment: Assessment) -> str:
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


def _mapping_rows(
    dangers: list[dict[str, str]],
    next_steps: list[dict[str, Any]],
    scores: list[dict[str, Any]],
    bottom_lines: list[dict[str, str]],
    held_on: date,
) -> dict[str, str]:
    errors: dict[str, str] = {}
    for i, row in enumerate(dangers, start=1):
        if not (row.get("danger") or "").strip() or not (row.get("safety_goal") or "").strip():
            errors["dangers"] = (
                f"Danger statement {i}: enter both the danger statement and its safety goal"
            )
    if not dangers:
        errors["dangers"] = "Enter at least one danger statement with its safety goal"
    for i, step in enumerate(next_steps, start=1):
        if not all((str(step.get(k) or "")).strip() for k in ("who", "what", "by_when")):
            errors["next_steps"] = f"Next step {i}: enter who, what and by when"
        elif step["by_when"] < held_on:
            errors["next_steps"] = f"Next step {i}: 'by when' must be on or after the mapping date"
    for i, scale in enumerate(scores, start=1):
        score = scale.get("score")
        if not (scale.get("name") or "").strip() or not scale.get("role") or score is None:
            errors["scores"] = f"Scaling {i}: enter the person's name, role and their number"
        elif not 0 <= int(score) <= 10:
            errors["scores"] = f"Scaling {i}: the number must be from 0 to 10"
    for i, row in enumerate(bottom_lines, start=1):
        missing = guards.bottom_line_problems(row)
        if missing:
            errors["bottom_lines"] = f"Bottom line {i}: " + "; ".join(missing.values())
    return errors


@transaction.atomic
def mapping_record(
    *,
    actor: Any,
    referral: Referral,
    held_on: date,
    harm: str,
    dangers: list[dict[str, str]],
    next_steps: list[dict[str, Any]],
    scores: list[dict[str, Any]],
    bottom_lines: list[dict[str, str]],
    complicating_factors: str = "",
    strengths: str = "",
    existing_safety: str = "",
    grey_areas: str = "",
    assessment: Assessment | None = None,
    now: datetime | None = None,
) -> CaseMapping:
    """A Signs of Safety mapping (DOMAIN.md §4). Danger statements each carry a safety goal; bottom
    lines are structured (trigger, agency action, who, how quickly, what the family must do)."""
    now = _now(now)
    errors: dict[str, str] = {}
    if held_on < referral.referral_date or held_on > local_date(now):
        errors["held_on"] = (
            f"The mapping date must be between the referral date "
            f"({referral.referral_date:%d %B %Y}) and today"
        )
    if not harm.strip():
        errors["harm"] = "Enter the harm: what has actually happened to the child"
    errors.update(_mapping_rows(dangers, next_steps, scores, bottom_lines, held_on))
    if assessment is not None and not assessment.is_open:
        errors["__all__"] = "This assessment is signed off: record a standalone mapping instead"
    if errors:
        raise ValidationError(errors)
    mapping = CaseMapping.objects.create(
        referral=referral,
        person=referral.person,
        assessment=assessment,
        held_on=held_on,
        harm=harm,
        complicating_factors=complicating_factors,
        strengths=strengths,
        existing_safety=existing_safety,
        grey_areas=grey_areas,
        created_at=now,
        created_by=_user(actor),
    )
    DangerStatement.objects.bulk_create(DangerStatement(mapping=mapping, **d) for d in dangers)
    NextStep.objects.bulk_create(NextStep(mapping=mapping, **s) for s in next_steps)
    ScalingScore.objects.bulk_create(ScalingScore(mapping=mapping, **s) for s in scores)
    BottomLine.objects.bulk_create(BottomLine(mapping=mapping, **b) for b in bottom_lines)
    audit_record(
        actor=actor,
        action="create",
        record_type="case_mapping",
        record_id=mapping.pk,
        person_id=referral.person_id,
    )
    chronology_add(
        person=referral.person,
        kind="case_mapping",
        actor=actor,
        record=mapping,
        occurred_at=_on(held_on),
        summary=f"Signs of Safety mapping ({len(dangers)} danger statements, "
        f"{len(bottom_lines)} bottom lines)",
    )
    return mapping


@transaction.atomic
def supervision_record(
    *,
    actor: Any,
    referral: Referral,
    held_on: date,
    chair: str,
    presenter: str,
    decision: str,
    accountable_manager: Any,
    participants: list[dict[str, Any]],
    actions: list[dict[str, Any]],
    mapping: CaseMapping | None = None,
    now: datetime | None = None,
) -> GroupSupervision:
    """Group supervision / multi-agency mapping: the accountable manager agrees the decision; a
    summary goes on the child's chronology (DOMAIN.md §4)."""
    now = _now(now)
    errors: dict[str, str] = {}
    if held_on < referral.referral_date or held_on > local_date(now):
        errors["held_on"] = (
            f"The meeting date must be between the referral date "
            f"({referral.referral_date:%d %B %Y}) and today"
        )
    texts = {
        "chair": (chair, "who chaired"),
        "presenter": (presenter, "who presented"),
        "decision": (decision, "the decision and course of action agreed"),
    }
    for key, (value, label) in texts.items():
        if not value.strip():
            errors[key] = f"Enter {label}"
    if accountable_manager is None or not accountable_manager.can("guide_assessment"):
        errors["accountable_manager"] = "Select the accountable manager who agreed the decision"
    if not participants:
        errors["participants"] = (
            "Add the participants, each with agency, role, contribution and risk scale"
        )
    for i, row in enumerate(participants, start=1):
        if (
            not all(
                str(row.get(k) or "").strip() for k in ("name", "agency", "role", "contribution")
            )
            or row.get("scale") is None
        ):
            errors["participants"] = (
                f"Participant {i}: enter name, agency, role, contribution and scale"
            )
        elif not 0 <= int(row["scale"]) <= 10:
            errors["participants"] = f"Participant {i}: the scale must be from 0 to 10"
    if mapping is not None and mapping.referral_id != referral.pk:
        errors["mapping"] = "Choose a mapping from this referral"
    if errors:
        raise ValidationError(errors)
    _actions(actions, held_on)
    supervision = GroupSupervision.objects.create(
        referral=referral,
        person=referral.person,
        held_on=held_on,
        chair=chair,
        presenter=presenter,
        mapping=mapping,
        decision=decision,
        accountable_manager=accountable_manager,
        created_at=now,
        created_by=_user(actor),
    )
    SupervisionParticipant.objects.bulk_create(
        SupervisionParticipant(supervision=supervision, **p) for p in participants
    )
    ActionItem.objects.bulk_create(ActionItem(supervision=supervision, **a) for a in actions)
    audit_record(
        actor=actor,
        action="create",
        record_type="group_supervision",
        record_id=supervision.pk,
        person_id=referral.person_id,
    )
    scales = sorted(int(p["scale"]) for p in participants)
    chronology_add(
        person=referral.person,
        kind="group_supervision",
        actor=actor,
        record=supervision,
        occurred_at=_on(held_on),
        summary=(
            f"Group supervision chaired by {chair}, presented by {presenter}; "
            f"{len(participants)} participants, risk scales {scales[0]}–{scales[-1]}. "
            f"Agreed by {accountable_manager.display_name}: {decision} "
            f"Actions: {len(actions)}."
        ),
    )
    return supervision
