"""Step-downs to early help: the request from social care and the early help manager's decision."""

from __future__ import annotations

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from frontdoor.accounts.models import User
from frontdoor.assessments.models import Assessment
from frontdoor.audit.services import audit_record
from frontdoor.core.concurrency import lock_version, save_version
from frontdoor.people.models import Person
from frontdoor.people.services import chronology_add
from frontdoor.police.models import NotificationChild
from frontdoor.screening.models import Decision

from .. import guards
from ..models import EarlyHelpEpisode, StepDown, StepDownStatus
from .common import (
    CHRONOLOGY_KIND,
    _episode_create,
    _episode_start_errors,
    _local_date,
    _stepdown_url,
)

Source = Decision | NotificationChild | Assessment


def _source_fields(source: Source) -> dict[str, Source]:
    if isinstance(source, Decision):
        return {"decision": source}
    if isinstance(source, NotificationChild):
        return {"police_child": source}
    return {"assessment": source}


@transaction.atomic
def stepdown_request(
    *,
    actor: User | None,
    person: Person,
    source: Source,
    summary: str,
    risks_and_protective_factors: str,
    at: datetime | None = None,
) -> StepDown:
    """Ask early help to work with a child: a screening decision, a police notification screening
    or an assessment outcome of "step-down to early help" (`source`, the record itself). The
    summary and the analysis of risks and protective factors go to the early help manager, who
    accepts or declines. A record steps a child down once (the database refuses a second)."""
    at = at or timezone.now()
    errors: dict[str, str] = {}
    if not person.is_child:
        errors["person"] = "A step-down to early help is about a child"
    if not (summary or "").strip():
        errors["summary"] = "Enter a summary for the early help team"
    if not (risks_and_protective_factors or "").strip():
        errors["risks_and_protective_factors"] = (
            "Enter the analysis of risks and protective factors"
        )
    link = _source_fields(source)
    if not errors and StepDown.objects.filter(**link).exists():
        errors["__all__"] = "A step-down for this child from this record has already been sent"
    if errors:
        raise ValidationError(errors)
    stepdown = StepDown(
        person=person,
        summary=summary.strip(),
        risks_and_protective_factors=risks_and_protective_factors.strip(),
        requested_at=at,
        requested_by=actor if getattr(actor, "pk", None) else None,
        **link,
    )
    stepdown.save()
    audit_record(
        actor=actor,
        action="create",
        record_type="early_help_stepdown",
        record_id=stepdown.pk,
        person_id=person.pk,
        detail={"source_type": stepdown.source_type, "source_id": source.pk},
    )
    chronology_add(
        person=person,
        kind=CHRONOLOGY_KIND,
        actor=actor,
        occurred_at=at,
        record=stepdown,
        url=_stepdown_url(stepdown),
        summary=f"Step-down to early help requested from {stepdown.source_phrase}",
    )
    return stepdown


@transaction.atomic
def stepdown_accept(
    *,
    actor: User,
    stepdown: StepDown,
    lead_professional: str,
    organisation: str,
    start_date: date | None = None,
    version: int | None = None,
    now: datetime | None = None,
) -> EarlyHelpEpisode:
    """The early help manager accepts a step-down, naming the lead professional and organisation.
    This opens an early help episode. `version` is the step-down's version the manager's page
    showed: a decision made meanwhile by someone else refuses this one with who made it."""
    now = now or timezone.now()
    stepdown = lock_version(StepDown.objects.all(), stepdown.pk, expected=version)
    if reason := (
        guards.stepdown_decision_blocked(stepdown) or guards.open_episode_blocks(stepdown.person)
    ):
        raise ValidationError({"__all__": reason})
    today = _local_date(now)
    start_date = start_date or today
    errors = _episode_start_errors(
        lead_professional=lead_professional,
        organisation=organisation,
        start_date=start_date,
        earliest=_local_date(stepdown.requested_at),
        today=today,
    )
    if errors:
        raise ValidationError(errors)
    stepdown.status = StepDownStatus.ACCEPTED
    stepdown.decided_at = now
    stepdown.decided_by = actor if getattr(actor, "pk", None) else None
    save_version(stepdown, actor=actor, fields=["status", "decided_at", "decided_by"])
    audit_record(
        actor=actor,
        action="accept",
        record_type="early_help_stepdown",
        record_id=stepdown.pk,
        person_id=stepdown.person_id,
    )
    chronology_add(
        person=stepdown.person,
        kind=CHRONOLOGY_KIND,
        actor=actor,
        occurred_at=now,
        record=stepdown,
        url=_stepdown_url(stepdown),
        summary="Step-down to early help accepted",
    )
    return _episode_create(
        actor=actor,
        person=stepdown.person,
        start_date=start_date,
        lead_professional=lead_professional,
        organisation=organisation,
        now=now,
        stepdown=stepdown,
    )


@transaction.atomic
def stepdown_decline(
    *,
    actor: User,
    stepdown: StepDown,
    reason: str,
    version: int | None = None,
    now: datetime | None = None,
) -> StepDown:
    """The early help manager declines a step-down; the reason is required and goes on record."""
    now = now or timezone.now()
    stepdown = lock_version(StepDown.objects.all(), stepdown.pk, expected=version)
    if blocked := guards.stepdown_decision_blocked(stepdown):
        raise ValidationError({"__all__": blocked})
    if not (reason or "").strip():
        raise ValidationError({"reason": "Enter the reason for declining the step-down"})
    stepdown.status = StepDownStatus.DECLINED
    stepdown.decided_at = now
    stepdown.decided_by = actor if getattr(actor, "pk", None) else None
    stepdown.decline_reason = reason.strip()
    save_version(
        stepdown, actor=actor, fields=["status", "decided_at", "decided_by", "decline_reason"]
    )
    audit_record(
        actor=actor,
        action="decline",
        record_type="early_help_stepdown",
        record_id=stepdown.pk,
        person_id=stepdown.person_id,
        detail={"reason": stepdown.decline_reason},
    )
    chronology_add(
        person=stepdown.person,
        kind=CHRONOLOGY_KIND,
        actor=actor,
        occurred_at=now,
        record=stepdown,
        url=_stepdown_url(stepdown),
        summary=f"Step-down to early help declined: {stepdown.decline_reason}",
    )
    return stepdown
