"""Early help episodes: opening one directly, the early help assessment, ending, stepping up."""

from __future__ import annotations

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from frontdoor.accounts.models import User
from frontdoor.audit.services import audit_record
from frontdoor.core.codes import ReferralSource
from frontdoor.core.concurrency import lock_version, save_version
from frontdoor.intake.models import Channel, Contact
from frontdoor.intake.services import contact_record
from frontdoor.people.models import Person
from frontdoor.people.services import chronology_add

from .. import guards
from ..models import EarlyHelpEpisode, EndReason
from .common import (
    CHRONOLOGY_KIND,
    _episode_create,
    _episode_start_errors,
    _episode_url,
    _local_date,
    _start_of,
)


@transaction.atomic
def episode_open(
    *,
    actor: User,
    person: Person,
    lead_professional: str,
    organisation: str,
    start_date: date,
    now: datetime | None = None,
) -> EarlyHelpEpisode:
    """Open an early help episode that did not come from a step-down (for example a family
    asking for help through a school). One open episode per child at a time."""
    now = now or timezone.now()
    errors = _episode_start_errors(
        lead_professional=lead_professional,
        organisation=organisation,
        start_date=start_date,
        earliest=None,
        today=_local_date(now),
    )
    if not person.is_child:
        errors["person"] = "An early help episode is about a child"
    if blocked := guards.open_episode_blocks(person):
        errors["person"] = blocked
    if errors:
        raise ValidationError(errors)
    return _episode_create(
        actor=actor,
        person=person,
        start_date=start_date,
        lead_professional=lead_professional,
        organisation=organisation,
        now=now,
        stepdown=None,
    )


@transaction.atomic
def episode_assessment_record(
    *,
    actor: User,
    episode: EarlyHelpEpisode,
    start_date: date | None,
    completion_date: date | None = None,
    organisation: str = "",
    version: int | None = None,
    now: datetime | None = None,
) -> EarlyHelpEpisode:
    """Record the early help assessment's start and (when done) completion date and the
    organisation completing it (Annex A list 2). Completion is on or after the start; neither is
    before the episode started."""
    now = now or timezone.now()
    episode = lock_version(EarlyHelpEpisode.objects.all(), episode.pk, expected=version)
    if blocked := guards.episode_change_blocked(episode):
        raise ValidationError({"__all__": blocked})
    errors = guards.assessment_dates_problem(
        episode_start=episode.start_date,
        start=start_date,
        completion=completion_date,
        today=_local_date(now),
    )
    if errors:
        raise ValidationError(errors)
    was_completed = episode.assessment_completion_date is not None
    was_started = episode.assessment_start_date is not None
    episode.assessment_start_date = start_date
    episode.assessment_completion_date = completion_date
    episode.assessment_organisation = (organisation or "").strip() or episode.organisation
    save_version(
        episode,
        actor=actor,
        fields=["assessment_start_date", "assessment_completion_date", "assessment_organisation"],
    )
    audit_record(
        actor=actor,
        action="update",
        record_type="early_help_episode",
        record_id=episode.pk,
        person_id=episode.person_id,
        detail={
            "assessment_start_date": str(start_date),
            "assessment_completion_date": str(completion_date or ""),
            "assessment_organisation": episode.assessment_organisation,
        },
    )
    url = _episode_url(episode)
    if not was_started and start_date is not None:
        chronology_add(
            person=episode.person,
            kind=CHRONOLOGY_KIND,
            actor=actor,
            record=episode,
            url=url,
            occurred_at=_start_of(start_date),
            summary=f"Early help assessment started ({episode.assessment_organisation})",
        )
    if completion_date and not was_completed:
        chronology_add(
            person=episode.person,
            kind=CHRONOLOGY_KIND,
            actor=actor,
            record=episode,
            url=url,
            occurred_at=_start_of(completion_date),
            summary="Early help assessment completed",
        )
    return episode


@transaction.atomic
def episode_end(
    *,
    actor: User,
    episode: EarlyHelpEpisode,
    end_date: date | None,
    reason: str,
    version: int | None = None,
    now: datetime | None = None,
) -> EarlyHelpEpisode:
    """End an episode: outcomes met or no further action. (A step-up ends it through
    `episode_step_up`, which also creates the contact.)"""
    now = now or timezone.now()
    episode = lock_version(EarlyHelpEpisode.objects.all(), episode.pk, expected=version)
    if blocked := guards.episode_change_blocked(episode):
        raise ValidationError({"__all__": blocked})
    errors: dict[str, str] = {}
    if reason == EndReason.STEP_UP:
        errors["reason"] = "To step up, use Request step-up so a contact is made to the MASH"
    elif reason not in EndReason.values:
        errors["reason"] = "Select why the early help episode ended"
    if problem := guards.end_date_problem(episode=episode, end=end_date, today=_local_date(now)):
        errors["end_date"] = problem
    if errors or end_date is None:
        raise ValidationError(errors)
    _close(actor=actor, episode=episode, end_date=end_date, reason=reason)
    return episode


def _close(*, actor: User, episode: EarlyHelpEpisode, end_date: date, reason: str) -> None:
    episode.end_date = end_date
    episode.end_reason = reason
    save_version(
        episode,
        actor=actor,
        fields=["end_date", "end_reason", "step_up_reason", "step_up_contact"],
    )
    audit_record(
        actor=actor,
        action="end",
        record_type="early_help_episode",
        record_id=episode.pk,
        person_id=episode.person_id,
        detail={"end_date": str(end_date), "reason": reason},
    )
    chronology_add(
        person=episode.person,
        kind=CHRONOLOGY_KIND,
        actor=actor,
        record=episode,
        url=_episode_url(episode),
        occurred_at=_start_of(end_date),
        summary=f"Early help episode ended: {episode.get_end_reason_display().lower()}",
    )


def history_text(episode: EarlyHelpEpisode) -> str:
    """The early help history attached to a step-up contact, in plain sentences."""
    from ..selectors import early_help_history

    lines = [
        f"Early help episode from {episode.start_date:%d/%m/%Y}; lead professional "
        f"{episode.lead_professional} ({episode.organisation}).",
    ]
    if episode.assessment_start_date:
        done = (
            f"completed {episode.assessment_completion_date:%d/%m/%Y}"
            if episode.assessment_completion_date
            else "not completed"
        )
        lines.append(
            f"Early help assessment started {episode.assessment_start_date:%d/%m/%Y}, "
            f"{done} ({episode.assessment_organisation or episode.organisation})."
        )
    else:
        lines.append("No early help assessment recorded.")
    stepdown = episode.stepdown
    if stepdown is not None:
        lines.append(
            f"Stepped down from {stepdown.source_phrase} on "
            f"{timezone.localtime(stepdown.requested_at):%d/%m/%Y}. Summary: "
            f"{stepdown.summary} Risks and protective factors: "
            f"{stepdown.risks_and_protective_factors}"
        )
    earlier = [e for e in early_help_history(episode.person_id) if e["id"] != episode.pk]
    for item in earlier:
        ended = (
            f"to {item['end_date']:%d/%m/%Y} ({item['end_reason_display'].lower()})"
            if item["end_date"]
            else "(open)"
        )
        lines.append(
            f"Earlier early help episode from {item['start_date']:%d/%m/%Y} {ended}, "
            f"lead professional {item['lead_professional']} ({item['organisation']})."
        )
    return "\n".join(lines)


@transaction.atomic
def episode_step_up(
    *,
    actor: User,
    episode: EarlyHelpEpisode,
    reason: str,
    concerns: str,
    parents_aware: str,
    categories: list[str] | tuple[str, ...],
    at: datetime | None = None,
    version: int | None = None,
    now: datetime | None = None,
) -> Contact:
    """Step a child up from early help to children's social care: a contact with source 5D
    (LA services: early help) carrying the early help history, received at `at`, which then goes
    through the normal MASH queue. The episode ends with reason step-up on that day."""
    now = now or timezone.now()
    at = at or now
    # Lock only the episode row (PostgreSQL refuses FOR UPDATE on the nullable side of a join).
    episode = lock_version(EarlyHelpEpisode.objects.all(), episode.pk, expected=version)
    if blocked := guards.episode_change_blocked(episode):
        raise ValidationError({"__all__": blocked})
    errors: dict[str, str] = {}
    if not (reason or "").strip():
        errors["reason"] = "Enter the reason for stepping up"
    if not (concerns or "").strip():
        errors["concerns"] = "Enter the current concerns"
    if not parents_aware:
        errors["parents_aware"] = "Select whether the parents know about the step-up"
    if not categories:
        errors["categories"] = "Select at least one category of concern"
    if problem := guards.end_date_problem(
        episode=episode, end=_local_date(at), today=_local_date(now)
    ):
        errors["__all__"] = problem
    if errors:
        raise ValidationError(errors)
    name = (actor.get_full_name() or actor.username) if getattr(actor, "pk", None) else ""
    text = (
        f"Step-up from early help.\n\nReason for step-up: {reason.strip()}\n\n"
        f"Current concerns: {concerns.strip()}\n\nEarly help history:\n{history_text(episode)}"
    )
    contact = contact_record(
        actor=actor,
        received_at=at,
        channel=Channel.OTHER,
        source=ReferralSource.EARLY_HELP,
        concerns=text,
        parents_aware=parents_aware,
        children=[episode.person],
        categories=list(categories),
        source_organisation=episode.organisation,
        referrer_name=name or episode.lead_professional,
        referrer_role="Early help manager" if name else "Lead professional",
        now=now,
    )
    episode.step_up_reason = reason.strip()
    episode.step_up_contact = contact
    _close(actor=actor, episode=episode, end_date=_local_date(at), reason=EndReason.STEP_UP)
    audit_record(
        actor=actor,
        action="step_up",
        record_type="early_help_episode",
        record_id=episode.pk,
        person_id=episode.person_id,
        detail={"contact": contact.pk},
    )
    return contact
