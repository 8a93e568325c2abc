"""Workflow rules for allegations, each returning plain reasons a designated officer can act on.

The meeting rules answer the inspection's criticisms (DOMAIN.md §5): meeting records without clear
key issues, decisions without a rationale, no identified support for the person the allegation is
about, actions without timescales and no timescale for feedback to the designated officer.
"""

from __future__ import annotations

from .models import Allegation, ApproachKind, Meeting, OutcomeProposal, ProposalState, Status


def meeting_missing_parts(meeting: Meeting) -> list[tuple[str, str]]:
    """Every required part still missing from a meeting record, as (field, message) pairs."""
    missing: list[tuple[str, str]] = []
    if meeting.held_on is None:
        missing.append(("held_on", "Enter the date the meeting was held"))
    if not meeting.attendees.strip():
        missing.append(("attendees", "List who attended and their agencies"))
    if not meeting.key_issues.strip():
        missing.append(("key_issues", "Key issues are missing: record the key issues discussed"))
    decisions = list(meeting.decisions.all())
    if not decisions:
        missing.append(
            ("decisions", "Decisions are missing: record at least one decision with its rationale")
        )
    for number, row in enumerate(decisions, start=1):
        if not row.decision.strip():
            missing.append(("decisions", f"Decision {number} is missing: say what was decided"))
        if not row.rationale.strip():
            missing.append(
                ("decisions", f"Decision {number} has no rationale: say why it was decided")
            )
    actions = list(meeting.actions.all())
    if not actions:
        missing.append(
            (
                "actions",
                "Actions are missing: record at least one action with an owner and a due date",
            )
        )
    for number, action in enumerate(actions, start=1):
        if not action.description.strip():
            missing.append(("actions", f"Action {number} is missing: say what is to be done"))
        if not action.owner.strip():
            missing.append(("actions", f"Action {number} has no owner: say who will do it"))
        if action.due_on is None:
            missing.append(("actions", f"Action {number} has no due date: say when it is due"))
    has_support = bool(meeting.support_provider.strip() and meeting.support_description.strip())
    partial = bool(meeting.support_provider.strip() or meeting.support_description.strip())
    if not has_support and not meeting.no_support_reason.strip():
        if partial:
            missing.append(
                (
                    "support_provider",
                    "Support for the person the allegation is about "
                    "is incomplete: say both who provides it and what "
                    "it is",
                )
            )
        else:
            missing.append(
                (
                    "support_provider",
                    "Support for the person the allegation is about "
                    "is missing: say who provides it and what, or why "
                    "none is needed",
                )
            )
    if meeting.feedback_due_on is None:
        missing.append(
            ("feedback_due_on", "The date feedback to the designated officer is due is missing")
        )
    elif meeting.held_on is not None and meeting.feedback_due_on < meeting.held_on:
        missing.append(
            (
                "feedback_due_on",
                "The date feedback is due must be on or after the date of the meeting",
            )
        )
    return missing


def can_edit_meeting(meeting: Meeting) -> str | None:
    if meeting.final:
        return "This meeting record is final and cannot be changed"
    if meeting.allegation.status != Status.OPEN:
        return "This allegation is concluded; its meeting records cannot be changed"
    return None


def can_add_meeting(allegation: Allegation) -> str | None:
    if allegation.kind != ApproachKind.REFERRAL:
        return "Meetings are held only for referrals, not consultations"
    if allegation.status != Status.OPEN:
        return "This allegation is concluded"
    if allegation.meetings.filter(final=False).exists():
        return "Finalise the draft meeting record before starting another"
    return None


def can_record_initial_consideration(allegation: Allegation) -> str | None:
    if allegation.kind != ApproachKind.REFERRAL:
        return "An initial consideration is recorded only for referrals"
    if hasattr(allegation, "initial_consideration"):
        return "The initial consideration has already been recorded"
    return None


def can_conclude(allegation: Allegation) -> str | None:
    if allegation.kind != ApproachKind.REFERRAL:
        return "Only referrals have an outcome; a consultation ends with the advice given"
    if allegation.status != Status.OPEN:
        return "This allegation has already been concluded"
    if not hasattr(allegation, "initial_consideration"):
        return "Record the initial consideration before recording the outcome"
    if allegation.meetings.filter(final=False).exists():
        return "Finalise the draft meeting record before recording the outcome"
    proposal = OutcomeProposal.objects.filter(allegation=allegation).first()
    if proposal is not None and proposal.state == ProposalState.PROPOSED:
        return (
            f"The outcome ({proposal.get_outcome_display().lower()}) is awaiting authorisation by "
            "a second designated officer; it can be changed only if they return it"
        )
    return None


def can_decide_outcome(proposal: OutcomeProposal) -> str | None:
    """A proposed outcome is authorised or returned once; a returned one must be proposed again."""
    if proposal.state == ProposalState.AUTHORISED:
        return "This outcome has already been authorised"
    if proposal.state == ProposalState.RETURNED:
        return "This outcome was returned for changes; it must be proposed again first"
    return None
