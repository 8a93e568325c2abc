"""Workflow rules for retention and legal holds: each returns a reason the user can read, or None."""

from __future__ import annotations

from datetime import date

from frontdoor.core.templatetags.govuk import ukdate

from .models import LegalHold
from .retention import Retention


def destruction_refused(
    *, name: str, retention: Retention, day: date, hold: LegalHold | None
) -> str | None:
    """Why a person's records may not be destroyed on `day` (None: they may)."""
    if hold is not None:
        return (
            f"{name}'s records are under a legal hold placed on {ukdate(hold.placed_at)} "
            f"({hold.reason}). Nothing can be destroyed until the hold is released."
        )
    if retention.until is None:
        return f"{name}'s records are kept: an allegation about them is not yet concluded."
    if retention.until >= day:
        return (
            f"{name}'s records are kept until {ukdate(retention.until)} ({retention.rule_label})."
        )
    return None


def hold_place_refused(*, name: str, active: LegalHold | None) -> str | None:
    """One active hold per person (the database refuses a second one too)."""
    if active is not None:
        return (
            f"{name} already has an active legal hold, placed on {ukdate(active.placed_at)} by "
            f"{active.placed_by.display_name}. Release it before placing another, or keep it."
        )
    return None


def hold_release_refused(*, name: str, active: LegalHold | None) -> str | None:
    if active is None:
        return f"{name} has no active legal hold to release."
    return None
