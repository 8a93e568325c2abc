"""Writes for the designated officer's records. Each runs in one transaction and audits inside it.

Services take `now=` where they need a clock, so the demo seeder and tests can pass one.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from frontdoor.audit.services import audit_record
from frontdoor.core.calendar import get_calendar, local_date
from frontdoor.people.access import can_see_person
from frontdoor.people.models import Person
from frontdoor.people.services import chronology_add

from . import guards
from .models import (
    Allegation,
    AllegationChild,
    AllegationSubject,
    ApproachKind,
    DbsReferral,
    HarmLimb,
    InitialConsideration,
    Meeting,
    MeetingAction,
    MeetingDecision,
    Status,
)
from .retention import retain_until

# KCSIE Part 4 / Working Together: the employer reports to the designated officer within one
# working day of learning of the allegation; the initial consideration is within one working day.
REPORTING_WORKING_DAYS = 1
INITIAL_CONSIDERATION_WORKING_DAYS = 1


def report_working_days(employer_learned_on: date, received_at: datetime) -> int:
    """Working days after the employer learned of it up to the day it reached the LADO."""
    return get_calendar().working_days_between(employer_learned_on, local_date(received_at))


@transaction.atomic
def subject_create(
    *,
    actor: Any,
    first_name: str,
    last_name: str,
    sector: str,
    date_of_birth: date | None = None,
    job_role: str = "",
    employer: str = "",
    regulated_activity: bool | None = None,
    now: datetime | None = None,
) -> AllegationSubject:
    """Record the adult an allegation is about."""
    errors: dict[str, str] = {}
    if not first_name.strip():
        errors["first_name"] = "Enter the first name of the person the allegation is about"
    if not last_name.strip():
        errors["last_name"] = "Enter the last name of the person the allegation is about"
    now = now or timezone.now()
    if date_of_birth and date_of_birth >= local_date(now):
        errors["date_of_birth"] = "Date of birth must be in the past"
    if errors:
        raise ValidationError(errors)
    subject = AllegationSubject(
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        date_of_birth=date_of_birth,
        job_role=job_role.strip(),
        employer=employer.strip(),
        sector=sector,
        regulated_activity=regulated_activity,
        created_at=now,
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    subject.full_clean()
    subject.save()
    audit_record(
        actor=actor, action="create", record_type="allegation_subject", record_id=subject.pk
    )
    return subject


def _check_received(received_at: datetime, now: datetime, errors: dict[str, str]) -> None:
    if received_at > now:
        errors["received_at"] = (
            "The date it reached the designated officer must not be in the future"
        )


@transaction.atomic
def consultation_record(
    *,
    actor: Any,
    received_at: datetime,
    sector: str,
    referrer_type: str,
    summary: str,
    advice_given: str,
    employer: str = "",
    referrer_name: str = "",
    referrer_organisation: str = "",
    subject: AllegationSubject | None = None,
    now: datetime | None = None,
) -> Allegation:
    """A consultation: advice only, below the harm test. The adult may be unnamed. It is closed
    when recorded, with the advice given."""
    now = now or timezone.now()
    errors: dict[str, str] = {}
    _check_received(received_at, now, errors)
    if not summary.strip():
        errors["summary"] = "Enter what the consultation was about"
    if not advice_given.strip():
        errors["advice_given"] = "Enter the advice given"
    if errors:
        raise ValidationError(errors)
    allegation = Allegation(
        kind=ApproachKind.CONSULTATION,
        status=Status.CLOSED,
        subject=subject,
        sector=sector,
        employer=employer.strip(),
        received_at=received_at,
        referrer_type=referrer_type,
        referrer_name=referrer_name.strip(),
        referrer_organisation=referrer_organisation.strip(),
        summary=summary.strip(),
        advice_given=advice_given.strip(),
        concluded_on=local_date(received_at),
        retain_until=retain_until(
            "consultation", concluded_on=local_date(received_at), date_of_birth=None
        ),
        created_at=now,
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    allegation.full_clean()
    allegation.save()
    audit_record(
        actor=actor,
        action="create",
        record_type="allegation",
        record_id=allegation.pk,
        detail={"kind": "consultation"},
    )
    return allegation


@transaction.atomic
def referral_record(
    *,
    actor: Any,
    subject: AllegationSubject,
    received_at: datetime,
    employer_learned_on: date,
    referrer_type: str,
    harm_limbs: list[str],
    summary: str,
    referrer_name: str = "",
    referrer_organisation: str = "",
    now: datetime | None = None,
) -> Allegation:
    """A referral meeting the harm test. Flags a late report (more than one working day after the
    employer learned of it) and starts the one-working-day clock for the initial consideration."""
    now = now or timezone.now()
    errors: dict[str, str] = {}
    _check_received(received_at, now, errors)
    valid_limbs = [limb for limb in harm_limbs if limb in HarmLimb.values]
    if not valid_limbs:
        errors["harm_limbs"] = "Select at least one part of the harm test that applies"
    if employer_learned_on > local_date(received_at):
        errors["employer_learned_on"] = (
            "The date the employer learned of it must be on or before the date it reached the "
            "designated officer"
        )
    if not summary.strip():
        errors["summary"] = "Enter what the allegation is"
    if errors:
        raise ValidationError(errors)
    calendar = get_calendar()
    days = report_working_days(employer_learned_on, received_at)
    allegation = Allegation(
        kind=ApproachKind.REFERRAL,
        status=Status.OPEN,
        subject=subject,
        sector=subject.sector,
        employer=subject.employer,
        received_at=received_at,
        employer_learned_on=employer_learned_on,
        working_days_to_report=days,
        reported_late=days > REPORTING_WORKING_DAYS,
        referrer_type=referrer_type,
        referrer_name=referrer_name.strip(),
        referrer_organisation=referrer_organisation.strip(),
        harm_limbs=[limb for limb in HarmLimb.values if limb in valid_limbs],
        summary=summary.strip(),
        initial_consideration_due=calendar.add_working_day_deadline(
            received_at, INITIAL_CONSIDERATION_WORKING_DAYS
        ),
        created_at=now,
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    allegation.full_clean()
    allegation.save()
    audit_record(
        actor=actor,
        action="create",
        record_type="allegation",
        record_id=allegation.pk,
        detail={"kind": "referral", "reported_late": allegation.reported_late},
    )
    return allegation


@transaction.atomic
def allegation_child_add(
    *, actor: Any, allegation: Allegation, person: Person, now: datetime | None = None
) -> AllegationChild:
    """Link a child involved. The child must be visible to the actor under the people index's
    access rules; the child's chronology notes the link without any detail of the allegation."""
    if actor is not None and not can_see_person(actor, person):
        raise ValidationError({"person": "You cannot link this child"})
    if not person.is_child:
        raise ValidationError({"person": "Only children can be linked as children involved"})
    if allegation.child_links.filter(person=person).exists():
        raise ValidationError({"person": f"{person.full_name} is already linked"})
    now = now or timezone.now()
    link = AllegationChild.objects.create(
        allegation=allegation,
        person=person,
        added_at=now,
        added_by=actor if getattr(actor, "pk", None) else None,
    )
    audit_record(
        actor=actor,
        action="link_child",
        record_type="allegation",
        record_id=allegation.pk,
        person_id=person.pk,
    )
    chronology_add(
        person=person,
        kind="lado_referral",
        actor=actor,
        occurred_at=now,
        summary="Child involved in a referral to the designated officer (LADO)",
    )
    return link


@transaction.atomic
def initial_consideration_record(
    *,
    actor: Any,
    allegation: Allegation,
    nature_and_context: str,
    history: str,
    police_needed: bool,
    s47_needed: bool,
    stay_in_role: str,
    alternatives_considered: str,
    hold_meeting: bool,
    rationale: str,
    now: datetime | None = None,
) -> InitialConsideration:
    """The initial consideration (DOMAIN.md §5): nature, context, history, police or s47, whether
    the person can stay in role, and the decision to hold a meeting or not, with rationale."""
    reason = guards.can_record_initial_consideration(allegation)
    if reason:
        raise ValidationError(reason)
    errors: dict[str, str] = {}
    if not nature_and_context.strip():
        errors["nature_and_context"] = "Enter the nature and context of the allegation"
    if not history.strip():
        errors["history"] = "Enter any history, or say there is none known"
    if stay_in_role in ("suspended", "alternatives") and not alternatives_considered.strip():
        errors["alternatives_considered"] = "Say what alternatives to suspension were considered"
    if not rationale.strip():
        errors["rationale"] = "Enter the rationale for the decision about a meeting"
    if errors:
        raise ValidationError(errors)
    now = now or timezone.now()
    consideration = InitialConsideration(
        allegation=allegation,
        nature_and_context=nature_and_context.strip(),
        history=history.strip(),
        police_needed=police_needed,
        s47_needed=s47_needed,
        stay_in_role=stay_in_role,
        alternatives_considered=alternatives_considered.strip(),
        hold_meeting=hold_meeting,
        rationale=rationale.strip(),
        recorded_at=now,
        recorded_by=actor if getattr(actor, "pk", None) else None,
    )
    consideration.full_clean()
    consideration.save()
    audit_record(
        actor=actor,
        action="initial_consideration",
        record_type="allegation",
        record_id=allegation.pk,
        detail={"hold_meeting": hold_meeting},
    )
    return consideration


@transaction.atomic
def meeting_start(
    *, actor: Any, allegation: Allegation, kind: str, now: datetime | None = None
) -> Meeting:
    reason = guards.can_add_meeting(allegation)
    if reason:
        raise ValidationError(reason)
    meeting = Meeting.objects.create(
        allegation=allegation,
        kind=kind,
        created_at=now or timezone.now(),
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    audit_record(
        actor=actor,
        action="create",
        record_type="allegation_meeting",
        record_id=meeting.pk,
        detail={"allegation": allegation.pk, "kind": kind},
    )
    return meeting


@transaction.atomic
def meeting_save(
    *,
    actor: Any,
    meeting: Meeting,
    held_on: date | None,
    attendees: str,
    key_issues: str,
    support_provider: str,
    support_description: str,
    no_support_reason: str,
    feedback_due_on: date | None,
    decisions: list[tuple[str, str]],
    actions: list[tuple[str, str, date | None]],
) -> Meeting:
    """Save a draft meeting record (parts may be missing until it is finalised). Blank decision
    and action rows are dropped; the rows given replace the ones saved before."""
    reason = guards.can_edit_meeting(meeting)
    if reason:
        raise ValidationError(reason)
    meeting.held_on = held_on
    meeting.attendees = attendees.strip()
    meeting.key_issues = key_issues.strip()
    meeting.support_provider = support_provider.strip()
    meeting.support_description = support_description.strip()
    meeting.no_support_reason = no_support_reason.strip()
    meeting.feedback_due_on = feedback_due_on
    meeting.save(
        update_fields=[
            "held_on",
            "attendees",
            "key_issues",
            "support_provider",
            "support_description",
            "no_support_reason",
            "feedback_due_on",
        ]
    )
    meeting.decisions.all().delete()
    meeting.actions.all().delete()
    kept_decisions = [(d.strip(), r.strip()) for d, r in decisions if d.strip() or r.strip()]
    MeetingDecision.objects.bulk_create(
        MeetingDecision(meeting=meeting, position=i, decision=d, rationale=r)
        for i, (d, r) in enumerate(kept_decisions, start=1)
    )
    kept_actions = [
        (d.strip(), o.strip(), due) for d, o, due in actions if d.strip() or o.strip() or due
    ]
    MeetingAction.objects.bulk_create(
        MeetingAction(meeting=meeting, position=i, description=d, owner=o, due_on=due)
        for i, (d, o, due) in enumerate(kept_actions, start=1)
    )
    audit_record(
        actor=actor,
        action="update",
        record_type="allegation_meeting",
        record_id=meeting.pk,
        detail={"allegation": meeting.allegation_id},
    )
    return meeting


@transaction.atomic
def meeting_finalise(*, actor: Any, meeting: Meeting, now: datetime | None = None) -> Meeting:
    """Finalise a meeting record. Refused, naming every missing part, while any is missing."""
    reason = guards.can_edit_meeting(meeting)
    if reason:
        raise ValidationError(reason)
    missing = guards.meeting_missing_parts(meeting)
    if missing:
        errors: dict[str, list[str]] = {}
        for field, message in missing:
            errors.setdefault(field, []).append(message)
        raise ValidationError(errors)
    meeting.final = True
    meeting.finalised_at = now or timezone.now()
    meeting.finalised_by = actor if getattr(actor, "pk", None) else None
    meeting.save(update_fields=["final", "finalised_at", "finalised_by"])
    audit_record(
        actor=actor,
        action="finalise",
        record_type="allegation_meeting",
        record_id=meeting.pk,
        detail={"allegation": meeting.allegation_id},
    )
    return meeting


@transaction.atomic
def meeting_feedback_received(
    *, actor: Any, meeting: Meeting, received_on: date, now: datetime | None = None
) -> Meeting:
    """Record when feedback to the designated officer arrived."""
    now = now or timezone.now()
    if not meeting.final:
        raise ValidationError("Finalise the meeting record before recording feedback")
    if meeting.held_on and received_on < meeting.held_on:
        raise ValidationError({"received_on": "Feedback cannot arrive before the meeting"})
    if received_on > local_date(now):
        raise ValidationError(
            {"received_on": "The date feedback arrived must not be in the future"}
        )
    meeting.feedback_received_on = received_on
    meeting.save(update_fields=["feedback_received_on"])
    audit_record(
        actor=actor,
        action="feedback_received",
        record_type="allegation_meeting",
        record_id=meeting.pk,
        detail={"allegation": meeting.allegation_id},
    )
    return meeting


@transaction.atomic
def meeting_action_complete(*, actor: Any, action: MeetingAction, completed_on: date) -> None:
    if not action.meeting.final:
        raise ValidationError("Finalise the meeting record before marking its actions done")
    if action.completed_on:
        raise ValidationError("This action is already done")
    action.completed_on = completed_on
    action.save(update_fields=["completed_on"])
    audit_record(
        actor=actor,
        action="action_done",
        record_type="allegation_meeting",
        record_id=action.meeting_id,
        detail={"action": action.pk},
    )


@transaction.atomic
def allegation_conclude(
    *,
    actor: Any,
    allegation: Allegation,
    outcome: str,
    concluded_on: date,
    employer_action: str,
    employer_action_detail: str = "",
    dbs_referral: str = DbsReferral.NONE,
    dbs_referred_on: date | None = None,
    regulator: str = "",
    regulator_referred_on: date | None = None,
    now: datetime | None = None,
) -> Allegation:
    """Record the outcome, and set the retention date from it (retention.py)."""
    reason = guards.can_conclude(allegation)
    if reason:
        raise ValidationError(reason)
    now = now or timezone.now()
    received_on = local_date(allegation.received_at)
    errors: dict[str, str] = {}
    if concluded_on < received_on:
        errors["concluded_on"] = "The date concluded must be on or after the date of the referral"
    elif concluded_on > local_date(now):
        errors["concluded_on"] = "The date concluded must not be in the future"
    if employer_action == "other" and not employer_action_detail.strip():
        errors["employer_action_detail"] = "Describe the action the employer took"
    if dbs_referral != DbsReferral.NONE and dbs_referred_on is None:
        errors["dbs_referred_on"] = "Enter the date of the referral to the DBS"
    if dbs_referral == DbsReferral.NONE and dbs_referred_on is not None:
        errors["dbs_referred_on"] = "Remove the DBS date, or say who referred to the DBS"
    if regulator.strip() and regulator_referred_on is None:
        errors["regulator_referred_on"] = "Enter the date the regulator was told"
    if regulator_referred_on is not None and not regulator.strip():
        errors["regulator"] = "Enter which regulator was told"
    if errors:
        raise ValidationError(errors)
    allegation.outcome = outcome
    allegation.concluded_on = concluded_on
    allegation.working_days_to_conclusion = get_calendar().working_days_between(
        received_on, concluded_on
    )
    allegation.employer_action = employer_action
    allegation.employer_action_detail = employer_action_detail.strip()
    allegation.dbs_referral = dbs_referral
    allegation.dbs_referred_on = dbs_referred_on
    allegation.regulator = regulator.strip()
    allegation.regulator_referred_on = regulator_referred_on
    allegation.retain_until = retain_until(
        outcome,
        concluded_on=concluded_on,
        date_of_birth=allegation.subject.date_of_birth if allegation.subject else None,
    )
    allegation.status = Status.CONCLUDED
    allegation.full_clean()
    allegation.save()
    audit_record(
        actor=actor,
        action="conclude",
        record_type="allegation",
        record_id=allegation.pk,
        detail={"outcome": outcome},
    )
    return allegation
