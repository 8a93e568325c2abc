"""Opening, allocating and closing referrals (CIN episodes). One transaction each, audited."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import cast

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from frontdoor.accounts.models import Team, User
from frontdoor.allegations.models import Allegation
from frontdoor.audit.services import audit_record
from frontdoor.core.calendar import LONDON, get_calendar
from frontdoor.core.concurrency import lock_version, save_version
from frontdoor.core.templatetags.govuk import ukdate
from frontdoor.earlyhelp.models import EarlyHelpEpisode
from frontdoor.intake.models import Contact
from frontdoor.notifications.models import Kind
from frontdoor.notifications.services import notify
from frontdoor.people.models import Person
from frontdoor.people.services import chronology_add

from .guards import (
    NFA_REASON,
    can_allocate,
    can_close_referral,
    can_open_referral,
    can_record_lead,
    closure_reason_problem,
    open_referral_message,
)
from .models import Allocation, LeadPractitioner, Referral

# An allocation recorded as made more than a day ago (an import, the demo's history) is not news:
# the worker is not notified of it.
NEWS_WINDOW = timedelta(days=1)


def _user(actor: User | None) -> User | None:
    return actor if actor is not None and actor.pk else None


@transaction.atomic
def referral_open(
    *,
    actor: User | None,
    person: Person,
    referral_date: date,
    source: str,
    primary_need: str = "",
    contact: Contact | None = None,
    team: Team | None = None,
    worker: User | None = None,
    nfa: bool = False,
    now: datetime | None = None,
) -> Referral:
    """Open a referral for a child. PrimaryNeedCode is required unless the referral is NFA.

    CIN census: at most one open episode per child. The guard says so readably; when two
    authorisations race, the database constraint refuses the second with the same message.
    The MASH decision that opened it links to it (`Decision.referral`).
    """
    now = now or timezone.now()
    reason = can_open_referral(person_id=person.pk, referral_date=referral_date)
    if reason:
        raise ValidationError(reason)
    if not nfa and not primary_need:
        raise ValidationError(
            {"primary_need": "Select the primary need: it is required for a referral"}
        )
    referral = Referral(
        person=person,
        referral_date=referral_date,
        source=source,
        primary_need=primary_need,
        nfa=nfa,
        contact=contact,
        team=team,
        worker=worker,
        created_at=now,
        created_by=_user(actor),
    )
    if nfa:
        # No assessment, so not RC8/RC9 (which the DfE queries without one, rule 8825Q).
        referral.closure_date, referral.reason_for_closure = referral_date, NFA_REASON
    elif worker is None and _urgent(contact, person):
        referral.urgent = True
        referral.allocation_due = allocation_deadline(now)
    # The constraints are checked by the database (below), not twice by full_clean.
    referral.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            referral.save()
    except IntegrityError:
        existing = Referral.objects.filter(person=person, closure_date__isnull=True).first()
        if existing is None:
            raise
        raise ValidationError(open_referral_message(existing)) from None
    if team is not None:
        Allocation.objects.create(
            referral=referral,
            team=team,
            worker=worker,
            start=now,
            allocated_by=_user(actor),
        )
    chronology_add(
        person=person,
        kind="referral",
        actor=actor,
        record=referral,
        summary=f"Referral opened ({'no further action' if nfa else 'primary need ' + primary_need})",
    )
    audit_record(
        actor=actor,
        action="create",
        record_type="referral",
        record_id=referral.pk,
        person_id=person.pk,
    )
    return referral


def _urgent(contact: Contact | None, person: Person) -> bool:
    """Opened by a "strategy discussion (immediate risk)" decision on this child's contact."""
    from frontdoor.screening.models import Decision, Outcome

    return contact is not None and (
        Decision.objects.filter(
            screening__contact=contact, screening__person=person, outcome=Outcome.STRATEGY
        ).exists()
    )


def allocation_deadline(start: datetime) -> datetime:
    """An urgent referral needs a named worker within URGENT_ALLOCATION_WORKING_HOURS working
    hours of opening (local practice, default 2: the strategy discussion cannot wait)."""
    return get_calendar().add_working_hours(start, settings.URGENT_ALLOCATION_WORKING_HOURS)


@transaction.atomic
def referral_close(
    *,
    actor: User | None,
    referral: Referral,
    closure_date: date,
    reason: str,
    version: int | None = None,
) -> Referral:
    """Close a referral (CINclosureDate and ReasonForClosure go together)."""
    locked = lock_version(Referral.objects.all(), referral.pk, expected=version)
    problem = can_close_referral(referral=locked, closure_date=closure_date, reason=reason)
    if problem:
        raise ValidationError(problem)
    problem = closure_reason_problem(referral=locked, closure_date=closure_date, reason=reason)
    if problem:
        raise ValidationError({"reason": problem})
    referral.closure_date, referral.reason_for_closure = closure_date, reason
    referral.version = locked.version
    save_version(referral, actor=actor, fields=["closure_date", "reason_for_closure"])
    # The allocation ends when the case closed (end of that office day), not when it was keyed in.
    closed_at = datetime.combine(closure_date, settings.OFFICE_HOURS_END, tzinfo=LONDON)
    allocations_end(work=referral, at=min(timezone.now(), closed_at))
    # Work on a closed case closes with it (issue 13): strategy discussion and supervision actions.
    from frontdoor.child_protection.services import actions_close_with_referral

    actions_close_with_referral(actor=actor, referral=referral, closure_date=closure_date)
    chronology_add(
        person=referral.person,
        kind="referral_closed",
        actor=actor,
        record=referral,
        summary=f"Referral closed ({referral.get_reason_for_closure_display()})",
    )
    audit_record(
        actor=actor,
        action="close",
        record_type="referral",
        record_id=referral.pk,
        person_id=referral.person_id,
        detail={"reason": reason},
    )
    return referral


# What a piece of work is called in the audit trail, on the chronology and in the worker's
# notification, and where the worker finds it.
Work = Referral | EarlyHelpEpisode | Allegation


def _allocation_field(work: Work) -> str:
    if isinstance(work, Referral):
        return "referral"
    if isinstance(work, EarlyHelpEpisode):
        return "episode"
    return "allegation"


@transaction.atomic
def allocate(
    *,
    actor: User | None,
    work: Work,
    worker: User | None,
    team: Team | None = None,
    version: int | None = None,
    reason: str = "",
    now: datetime | None = None,
) -> Allocation:
    """Allocate, or reallocate, a piece of work: a referral, an early help episode or an
    allegation's follow-up work. The one path for all three (docs/allocation.md).

    The work is locked at `version` (the version on the page the allocation was made from: a page
    opened before another allocation is refused as stale); `cases.guards.can_allocate` says who may
    hold it and who may allocate it; a reason is required when it moves from a named worker to
    another. The current allocation ends and a new one starts (history kept); the work's version
    moves on; it is audited, on the child's chronology (not for an allegation, which is about an
    adult), and the worker is told (a notification). `team` is for a referral allocated to a team
    with no named worker (from code); otherwise it is the worker's team.
    """
    now = now or timezone.now()
    field = _allocation_field(work)
    locked = cast(Work, lock_version(type(work).objects.all(), work.pk, expected=version))
    current = (
        Allocation.objects.select_for_update().filter(**{field: locked}, end__isnull=True).first()
    )
    reason = reason.strip()
    problem = can_allocate(
        work=locked,
        current=current.worker_id if current else None,
        actor=_user(actor),
        worker=worker,
        reason=reason,
    )
    if problem:
        raise ValidationError(problem)
    team = team if team is not None and isinstance(locked, Referral) else None
    team = team or (worker.team if worker is not None else None)
    if team is None:
        raise ValidationError({"worker": "The worker is in no team: ask an administrator"})
    Allocation.objects.filter(**{field: locked}, end__isnull=True).update(end=now)
    allocation = Allocation.objects.create(
        **{field: locked},
        team=team,
        worker=worker,
        start=now,
        allocated_by=_user(actor),
        reason=reason,
    )
    changed = []
    if isinstance(locked, Referral):
        locked.team, locked.worker = team, worker
        changed = ["team", "worker"]
    save_version(locked, actor=actor, fields=changed)
    # The caller's copy follows, so a page or a seed using it next is not stale.
    for name in [*changed, "version", "changed_at", "changed_by"]:
        setattr(work, name, getattr(locked, name))
    detail = {"team": team.pk, "worker": getattr(worker, "pk", None), "reason": reason}
    who = f"{worker.display_name}, {team}" if worker else str(team)
    if isinstance(locked, Allegation):
        audit_record(
            actor=actor,
            action="allocate",
            record_type="allegation",
            record_id=locked.pk,
            detail=detail,
        )
        subject, url = (
            f"Allegation {locked.reference} is allocated to you",
            reverse("allegations:detail", args=[locked.pk]),
        )
        person = None
    else:
        person = locked.person
        referral = isinstance(locked, Referral)
        chronology_add(
            person=person,
            kind="allocation",
            actor=actor,
            record=locked,
            summary=f"{'Allocated' if referral else 'Early help allocated'} to {who}",
        )
        audit_record(
            actor=actor,
            action="allocate",
            record_type="referral" if referral else "early_help_episode",
            record_id=locked.pk,
            person_id=person.pk,
            detail=detail,
        )
        if isinstance(locked, Referral):
            subject = f"{'Urgent: ' if locked.urgent else ''}the referral for {{name}} is allocated to you"
            url = reverse("cases:referral_detail", args=[locked.pk])
        else:
            subject = "Early help for {name} is allocated to you"
            url = reverse("earlyhelp:episode_detail", args=[locked.pk])
    if worker is not None and worker != actor and now >= timezone.now() - NEWS_WINDOW:
        notify(
            users=worker,
            kind=Kind.ALLOCATION,
            subject_text=subject,
            url=url,
            person=person,
            key=f"allocation:{allocation.pk}",
            now=now,
        )
    return allocation


def referral_allocate(
    *,
    actor: User | None,
    referral: Referral,
    team: Team,
    worker: User | None = None,
    version: int | None = None,
    reason: str = "",
    now: datetime | None = None,
) -> Allocation:
    """`allocate` for a referral (to a team, and a named worker unless from code)."""
    return allocate(
        actor=actor,
        work=referral,
        worker=worker,
        team=team,
        version=version,
        reason=reason,
        now=now,
    )


def episode_allocate(
    *,
    actor: User,
    episode: EarlyHelpEpisode,
    worker: User,
    version: int | None = None,
    reason: str = "",
    now: datetime | None = None,
) -> Allocation:
    """`allocate` for an early help episode (to a member of the manager's team)."""
    return allocate(
        actor=actor, work=episode, worker=worker, version=version, reason=reason, now=now
    )


def allocations_end(*, work: Work, at: datetime) -> int:
    """End the current allocation of work that has closed (a referral closed, an allegation
    concluded): it leaves the worker's caseload. Returns how many ended."""
    ended = 0
    for allocation in Allocation.objects.filter(
        **{_allocation_field(work): work}, end__isnull=True
    ):
        allocation.end = max(allocation.start, at)
        allocation.save(update_fields=["end"])
        ended += 1
    return ended


@transaction.atomic
def lead_practitioner_record(
    *,
    actor: User | None,
    person: Person,
    kind: str,
    start_date: date,
    user: User | None = None,
    name: str = "",
    agency: str = "",
    now: datetime | None = None,
) -> LeadPractitioner:
    """Record a child's lead practitioner from `start_date`; the current one of that kind ends
    the day before (or the same day). Working Together 2023 / Families First."""
    now = now or timezone.now()
    problem = can_record_lead(kind=kind, user=user, name=name)
    if problem:
        raise ValidationError(problem)
    current = LeadPractitioner.objects.filter(
        person=person, kind=kind, end_date__isnull=True
    ).first()
    if current is not None:
        if start_date < current.start_date:
            raise ValidationError(
                {
                    "start_date": f"The start date must be on or after {ukdate(current.start_date)}, "
                    "when the current lead practitioner started"
                }
            )
        current.end_date = start_date
        save_version(current, actor=actor, fields=["end_date"])
    lead = LeadPractitioner(
        person=person,
        kind=kind,
        user=user,
        name="" if user else name.strip(),
        agency="" if user else agency.strip(),
        start_date=start_date,
        recorded_at=now,
        recorded_by=_user(actor),
    )
    lead.full_clean(validate_constraints=False)
    lead.save()
    chronology_add(
        person=person,
        kind="lead_practitioner",
        actor=actor,
        record=lead,
        summary=f"{lead.get_kind_display()}: {lead.shown} from {ukdate(start_date)}",
    )
    audit_record(
        actor=actor,
        action="create",
        record_type="lead_practitioner",
        record_id=lead.pk,
        person_id=person.pk,
        detail={"kind": kind, "user": getattr(user, "pk", None)},
    )
    return lead


@transaction.atomic
def lead_practitioner_end(
    *,
    actor: User,
    lead: LeadPractitioner,
    end_date: date,
    version: int | None = None,
) -> LeadPractitioner:
    """End a lead practitioner's role on `end_date` (on or after it started)."""
    locked = lock_version(LeadPractitioner.objects.all(), lead.pk, expected=version)
    if locked.end_date is not None:
        raise ValidationError({"end_date": "This lead practitioner has already ended"})
    if end_date < locked.start_date:
        raise ValidationError(
            {"end_date": f"The end date must be on or after {ukdate(locked.start_date)}"}
        )
    locked.end_date = end_date
    save_version(locked, actor=actor, fields=["end_date"])
    chronology_add(
        person=locked.person,
        kind="lead_practitioner",
        actor=actor,
        record=locked,
        summary=f"{locked.get_kind_display()} {locked.shown} ended {ukdate(end_date)}",
    )
    audit_record(
        actor=actor,
        action="end",
        record_type="lead_practitioner",
        record_id=locked.pk,
        person_id=locked.person_id,
    )
    return locked
