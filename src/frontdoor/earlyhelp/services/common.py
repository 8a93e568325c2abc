"""Shared parts of the early help services: dates, links, and opening an episode."""

from __future__ import annotations

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from frontdoor.accounts.models import User
from frontdoor.audit.services import audit_record
from frontdoor.people.models import Person
from frontdoor.people.services import chronology_add

from .. import guards
from ..models import EarlyHelpEpisode, StepDown

CHRONOLOGY_KIND = "early_help"


def _local_date(moment: datetime) -> date:
    return timezone.localtime(moment).date()


def _stepdown_url(stepdown: StepDown) -> str:
    return reverse("earlyhelp:stepdown_detail", args=[stepdown.pk])


def _episode_url(episode: EarlyHelpEpisode) -> str:
    return reverse("earlyhelp:episode_detail", args=[episode.pk])


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, datetime.min.time()))


def _episode_create(
    *,
    actor: User,
    person: Person,
    start_date: date,
    lead_professional: str,
    organisation: str,
    now: datetime,
    stepdown: StepDown | None,
) -> EarlyHelpEpisode:
    try:
        # A savepoint: the one-open-episode constraint may refuse a second opened at the same
        # moment, and the refusal must become a message, not a broken transaction.
        with transaction.atomic():
            episode = EarlyHelpEpisode.objects.create(
                person=person,
                stepdown=stepdown,
                start_date=start_date,
                lead_professional=lead_professional.strip(),
                organisation=organisation.strip(),
                created_at=now,
                created_by=actor if getattr(actor, "pk", None) else None,
            )
    except IntegrityError:
        raise ValidationError(
            {
                "__all__": guards.open_episode_blocks(person)
                or f"{person.full_name} already has an open early help episode; end it first"
            }
        ) from None
    audit_record(
        actor=actor,
        action="create",
        record_type="early_help_episode",
        record_id=episode.pk,
        person_id=person.pk,
        detail={"stepdown": stepdown.pk if stepdown else None},
    )
    chronology_add(
        person=person,
        kind=CHRONOLOGY_KIND,
        actor=actor,
        record=episode,
        occurred_at=_start_of(start_date),
        url=_episode_url(episode),
        summary=f"Early help episode started: lead professional "
        f"{episode.lead_professional} ({episode.organisation})",
    )
    return episode


def _episode_start_errors(
    *,
    lead_professional: str,
    organisation: str,
    start_date: date | None,
    earliest: date | None,
    today: date,
) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not (lead_professional or "").strip():
        errors["lead_professional"] = "Enter the name of the lead professional"
    if not (organisation or "").strip():
        errors["organisation"] = "Enter the lead professional's organisation"
    if start_date is None:
        errors["start_date"] = "Enter the date early help starts"
    elif start_date > today:
        errors["start_date"] = "The start date must be today or in the past"
    elif earliest is not None and start_date < earliest:
        errors["start_date"] = (
            f"Early help cannot start before the step-down was requested ({earliest:%d/%m/%Y})"
        )
    return errors
