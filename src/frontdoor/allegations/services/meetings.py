"""Allegation management meetings: start, save a draft, finalise, feedback and actions.

A draft meeting record is versioned: a save posted from a page opened before someone else's save
is refused with who changed it, so nobody's record of the meeting is silently lost.
"""

from __future__ import annotations

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from frontdoor.accounts.models import User
from frontdoor.audit.services import audit_record
from frontdoor.core.calendar import local_date
from frontdoor.core.concurrency import lock_version, save_version

from .. import guards
from ..models import Allegation, Meeting, MeetingAction, MeetingDecision


@transaction.atomic
def meeting_start(
    *, actor: User, allegation: Allegation, kind: str, now: datetime | None = None
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
    actor: User,
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
    version: int | None = None,
) -> Meeting:
    """Save a draft meeting record (parts may be missing until it is finalised). Blank decision
    and action rows are dropped; the rows given replace the ones saved before. `version` is the
    one the user's page showed (StaleRecord if someone saved since)."""
    meeting = lock_version(
        Meeting.objects.select_related("allegation"), meeting.pk, expected=version
    )
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
    save_version(
        meeting,
        actor=actor,
        fields=[
            "held_on",
            "attendees",
            "key_issues",
            "support_provider",
            "support_description",
            "no_support_reason",
            "feedback_due_on",
        ],
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
def meeting_finalise(*, actor: User, meeting: Meeting, now: datetime | None = None) -> Meeting:
    """Finalise a meeting record. Refused, naming every missing part, while any is missing."""
    meeting = lock_version(Meeting.objects.select_related("allegation"), meeting.pk, expected=None)
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
    save_version(meeting, actor=actor, fields=["final", "finalised_at", "finalised_by"])
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
    *, actor: User, meeting: Meeting, received_on: date, now: datetime | None = None
) -> Meeting:
    """Record when feedback to the designated officer arrived."""
    now = now or timezone.now()
    meeting = lock_version(Meeting.objects.all(), meeting.pk, expected=None)
    if not meeting.final:
        raise ValidationError("Finalise the meeting record before recording feedback")
    if meeting.held_on and received_on < meeting.held_on:
        raise ValidationError({"received_on": "Feedback cannot arrive before the meeting"})
    if received_on > local_date(now):
        raise ValidationError(
            {"received_on": "The date feedback arrived must not be in the future"}
        )
    meeting.feedback_received_on = received_on
    save_version(meeting, actor=actor, fields=["feedback_received_on"])
    audit_record(
        actor=actor,
        action="feedback_received",
        record_type="allegation_meeting",
        record_id=meeting.pk,
        detail={"allegation": meeting.allegation_id},
    )
    return meeting


@transaction.atomic
def meeting_action_complete(*, actor: User, action: MeetingAction, completed_on: date) -> None:
    """Mark a meeting action done. The row is locked, so a second click (or a colleague's) is told
    it is already done rather than overwriting the date."""
    action = (
        MeetingAction.objects.select_for_update(of=("self",))
        .select_related("meeting")
        .get(pk=action.pk)
    )
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
