"""Opening, allocating and closing referrals (CIN episodes). One transaction each, audited."""

from __future__ import annotations

from datetime import date, datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from frontdoor.accounts.models import Team, User
from frontdoor.audit.services import audit_record
from frontdoor.core.calendar import LONDON
from frontdoor.core.concurrency import lock_version, save_version
from frontdoor.intake.models import Contact
from frontdoor.people.models import Person
from frontdoor.people.services import chronology_add

from .guards import can_close_referral, can_open_referral, open_referral_message
from .models import Allocation, Referral


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
        referral.closure_date, referral.reason_for_closure = referral_date, "RC8"
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


@transaction.atomic
def referral_allocate(
    *,
    actor: User | None,
    referral: Referral,
    team: Team,
    worker: User | None = None,
    version: int | None = None,
    now: datetime | None = None,
) -> Allocation:
    """Allocate (or re-allocate) a referral; the previous allocation is ended, history is kept.
    `version` is the referral's version on the page the allocation was made from."""
    now = now or timezone.now()
    locked = lock_version(Referral.objects.all(), referral.pk, expected=version)
    for previous in locked.allocations.filter(end__isnull=True):
        previous.end = now
        previous.save(update_fields=["end"])
    allocation = Allocation.objects.create(
        referral=locked, team=team, worker=worker, start=now, allocated_by=_user(actor)
    )
    referral.team, referral.worker = team, worker
    referral.version = locked.version
    save_version(referral, actor=actor, fields=["team", "worker"])
    chronology_add(
        person=referral.person,
        kind="allocation",
        actor=actor,
        record=referral,
        summary=f"Allocated to {worker.display_name + ', ' if worker else ''}{team}",
    )
    audit_record(
        actor=actor,
        action="allocate",
        record_type="referral",
        record_id=referral.pk,
        person_id=referral.person_id,
        detail={"team": team.pk, "worker": getattr(worker, "pk", None)},
    )
    return allocation


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
    referral.closure_date, referral.reason_for_closure = closure_date, reason
    referral.version = locked.version
    save_version(referral, actor=actor, fields=["closure_date", "reason_for_closure"])
    # The allocation ends when the case closed (end of that office day), not when it was keyed in.
    closed_at = datetime.combine(closure_date, settings.OFFICE_HOURS_END, tzinfo=LONDON)
    for allocation in referral.allocations.filter(end__isnull=True):
        allocation.end = max(allocation.start, min(timezone.now(), closed_at))
        allocation.save(update_fields=["end"])
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
