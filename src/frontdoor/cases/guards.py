"""Workflow rules for referrals (DfE CIN census rules), each returning a reason a user can read."""

from __future__ import annotations

from datetime import date

from frontdoor.core.templatetags.govuk import ukdate

from .models import Referral


def open_referral_message(referral: Referral) -> str:
    return (
        f"{referral.person.full_name} already has an open referral, started "
        f"{ukdate(referral.referral_date)}. Pass the contact to the allocated worker, or close "
        "that referral first"
    )


def can_open_referral(*, person_id: int, referral_date: date) -> str | None:
    """At most one open episode per child, and episodes must not overlap (CIN census). The
    database constraint `one_open_referral_per_child` is the last word when two race."""
    open_one = (
        Referral.objects.filter(person_id=person_id, closure_date__isnull=True)
        .select_related("person")
        .first()
    )
    if open_one is not None:
        return open_referral_message(open_one)
    if Referral.objects.filter(person_id=person_id, closure_date__gt=referral_date).exists():
        return "The referral date must be after the closure date of the child's previous referral"
    return None


def can_close_referral(*, referral: Referral, closure_date: date, reason: str) -> str | None:
    if not referral.is_open:
        return "This referral is already closed"
    if closure_date < referral.referral_date:
        return "The closure date must be on or after the referral date"
    if not reason:
        return "Select the reason for closure: a closure date and reason go together"
    return None
