"""Approaches to the designated officer: the adult, consultations, referrals, children involved
and the initial consideration. Each runs in one transaction and audits inside it.

Services take `now=` where they need a clock, so the demo seeder and tests can pass one.
"""

from __future__ import annotations

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from frontdoor.accounts.models import User
from frontdoor.audit.services import audit_record
from frontdoor.core.calendar import get_calendar, local_date
from frontdoor.people.access import can_see_person
from frontdoor.people.models import Person
from frontdoor.people.services import chronology_add

from .. import guards
from ..models import (
    Allegation,
    AllegationChild,
    AllegationSubject,
    ApproachKind,
    HarmLimb,
    InitialConsideration,
    Status,
)
from ..retention import retain_until

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
    actor: User,
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
    actor: User,
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
    actor: User,
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
    *, actor: User, allegation: Allegation, person: Person, now: datetime | None = None
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
    actor: User,
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
