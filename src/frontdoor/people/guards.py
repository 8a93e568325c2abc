"""Workflow rules for a person's record: who may seal, unseal and review a seal, and when.

Each guard returns None when the step may go ahead, or a sentence the user can read saying why
not and what to do instead. Services call them inside their transaction (after the row lock), and
pages call them to decide which buttons to show.
"""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from frontdoor.accounts.models import User
from frontdoor.accounts.roles import RESTRICTED_RECORDS
from frontdoor.core.calendar import months_before
from frontdoor.core.templatetags.govuk import ukdate

from .models import Person, Seal

# Seals are reviewed when the last check (sealing or review) is 12 calendar months old or more.
REVIEW_MONTHS = 12


def may_manage_seals(user: User) -> bool:
    """MASH managers (capability `manage_access`) and named restricted-records managers."""
    return bool(
        user.is_authenticated and (user.can("manage_access") or user.can(RESTRICTED_RECORDS))
    )


def seal_refusal(*, actor: User, person: Person) -> str | None:
    """Can `actor` seal this person's record now?"""
    if not may_manage_seals(actor):
        return (
            "Only a MASH manager or a restricted-records manager can seal a record. "
            "Ask one of them to seal it"
        )
    if person.sealed:
        return "This record is already sealed. Change who can see it on its access list"
    return None


def unseal_refusal(*, actor: User, person: Person) -> str | None:
    """Can `actor` unseal this person's record now?"""
    if not may_manage_seals(actor):
        return (
            "Only a MASH manager or a restricted-records manager can unseal a record. "
            "Ask one of them to unseal it"
        )
    if not person.sealed:
        return "This record is not sealed, so there is nothing to unseal"
    return None


def review_due_on(seal: Seal) -> date:
    """The day the seal's next review falls due: 12 calendar months after its last check."""
    return months_before(timezone.localdate(seal.last_checked_at), -REVIEW_MONTHS)


def review_refusal(*, actor: User, seal: Seal, today: date) -> str | None:
    """Can `actor` record "reviewed: keep sealed" on this seal today?"""
    if not actor.is_authenticated or not actor.can(RESTRICTED_RECORDS):
        return "Only a restricted-records manager can review a seal"
    if seal.unsealed_at is not None:
        return (
            f"This record was unsealed on {ukdate(seal.unsealed_at)}, so there is no seal to review"
        )
    due = review_due_on(seal)
    if due > today:
        return (
            f"This seal was last checked on {ukdate(seal.last_checked_at)}, so its next review is "
            f"not due until {ukdate(due)}"
        )
    return None
