"""Workflow rules of the daily screening, each returning a reason a person can read (or None)."""

from __future__ import annotations

from .models import MatchStatus, NotificationChild


def can_review_match(child: NotificationChild) -> str | None:
    if child.match_status != MatchStatus.AWAITING_REVIEW:
        return "This child is already matched to the people index"
    return None


def can_decide(child: NotificationChild) -> str | None:
    if child.person_id is None:
        return "Confirm who this child is in the people index before recording a decision"
    if child.decision:
        return "A decision has already been recorded for this child"
    return None
