"""The manager's guidance at the outset of an assessment, and changes to it while it is open."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from frontdoor.accounts.models import User
from frontdoor.audit.services import audit_record
from frontdoor.cases.models import Referral
from frontdoor.child_protection.guards import episode_problem
from frontdoor.child_protection.services.common import now_or, refuse_if
from frontdoor.core.calendar import local_date
from frontdoor.core.concurrency import lock_version, save_version
from frontdoor.people.services import chronology_add

from .. import guards
from ..models import Assessment, AssessmentGuidance, PersonToSee


def _text_problems(focus: str, lines_of_enquiry: str) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not focus.strip():
        errors["focus"] = "Enter the focus of the assessment"
    if not lines_of_enquiry.strip():
        errors["lines_of_enquiry"] = "Enter the key lines of enquiry"
    return errors


@transaction.atomic
def guidance_record(
    *,
    actor: User,
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
    referral date; the manager may set a shorter timescale, never a longer one. A person to see may
    carry their record in the people index (`person`), so a sealed parent is masked on the page."""
    now = now_or(now)
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
    refuse_if(episode_problem(referral, given_on, "assessment"))
    errors = _text_problems(focus, lines_of_enquiry)
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
            person=p.get("person"),
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
def guidance_update(
    *,
    actor: User,
    guidance: AssessmentGuidance,
    focus: str,
    lines_of_enquiry: str,
    due_date: date,
    version: int | None = None,
) -> AssessmentGuidance:
    """Change the focus, lines of enquiry or due date while the assessment is not signed off. The
    due date keeps to the 45-working-day limit; an assessment already under way takes the new date.
    `version` is the one the manager's page showed (StaleRecord if someone changed it since)."""
    guidance = lock_version(
        AssessmentGuidance.objects.select_related("referral"), guidance.pk, expected=version
    )
    assessment = Assessment.objects.filter(guidance=guidance).first()
    if assessment is not None and not assessment.is_open:
        raise ValidationError(
            {"__all__": "The assessment is signed off, so its guidance can no longer change"}
        )
    errors = _text_problems(focus, lines_of_enquiry)
    problem = guards.guidance_due_problem(
        guidance.referral, due_date, local_date(guidance.given_at)
    )
    if problem:
        errors["due_date"] = problem
    if errors:
        raise ValidationError(errors)
    old_due = guidance.due_date
    guidance.focus, guidance.lines_of_enquiry, guidance.due_date = focus, lines_of_enquiry, due_date
    save_version(guidance, actor=actor, fields=["focus", "lines_of_enquiry", "due_date"])
    if assessment is not None and assessment.due_date != due_date:
        assessment = lock_version(Assessment.objects.all(), assessment.pk, expected=None)
        assessment.due_date = due_date
        save_version(assessment, actor=actor, fields=["due_date"])
    audit_record(
        actor=actor,
        action="update",
        record_type="assessment_guidance",
        record_id=guidance.pk,
        person_id=guidance.person_id,
        detail={"due_date": due_date.isoformat(), "was_due": old_due.isoformat()},
    )
    if old_due != due_date:
        chronology_add(
            person=guidance.person,
            kind="assessment_guidance",
            actor=actor,
            record=guidance,
            occurred_at=now_or(None),
            summary=f"Assessment due date changed by the manager to {due_date:%d %B %Y}",
        )
    return guidance
