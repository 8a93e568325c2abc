"""Opening, allocating and closing referrals (CIN episodes). One transaction each, audited."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from frontdoor.audit.services import audit_record
from frontdoor.core.calendar import LONDON
from frontdoor.people.models import Person
from frontdoor.people.services import chronology_add

from .guards import can_close_referral, can_open_referral
from .models import Allocation, Referral


@transaction.atomic
def referral_open(
    *,
    actor: Any,
    person: Person,
    referral_date: date,
    source: str,
    primary_need: str = "",
    contact: Any = None,
    team: Any = None,
    worker: Any = None,
    nfa: bool = False,
    origin_type: str = "",
    origin_id: str = "",
    now: datetime | None = None,
) -> Referral:
    """Open a referral for a child. PrimaryNeedCode is required unless the referral is NFA."""
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
        origin_type=origin_type,
        origin_id=origin_id,
        created_at=now,
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    if nfa:
        referral.closure_date, referral.reason_for_closure = referral_date, "RC8"
    referral.full_clean()
    referral.save()
    if team is not None:
        Allocation.objects.create(
            referral=referral,
            team=team,
            worker=worker,
            start=now,
            allocated_by=actor if getattr(actor, "pk", None) else None,
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
    *, actor: Any, referral: Referral, team: Any, worker: Any = None, now: datetime | None = None
) -> Allocation:
    """Allocate (or re-allocate) a referral; the previous allocation is ended, history is kept."""
    now = now or timezone.now()
    referral.allocations.filter(end__isnull=True).update(end=now)
    allocation = Allocation.objects.create(
        referral=referral,
        team=team,
        worker=worker,
        start=now,
        allocated_by=actor if getattr(actor, "pk", None) else None,
    )
    referral.team, referral.worker = team, worker
    referral.save(update_fields=["team", "worker"])
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
def referral_close(*, actor: Any, referral: Referral, closure_date: date, reason: str) -> Referral:
    """Close a referral (CINclosureDate and ReasonForClosure go together)."""
    problem = can_close_referral(referral=referral, closure_date=closure_date, reason=reason)
    if problem:
        raise ValidationError(problem)
    referral.closure_date, referral.reason_for_closure = closure_date, reason
    referral.save(update_fields=["closure_date", "reason_for_closure"])
    # The allocation ends when the case closed (end of that office day), not when it was keyed in.
    closed_at = datetime.combine(closure_date, settings.OFFICE_HOURS_END, tzinfo=LONDON)
    for allocation in referral.allocations.filter(end__isnull=True):
        allocation.end = max(allocation.start, min(timezone.now(), closed_at))
        allocation.save(update_fields=["end"])
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
