"""Reads of referrals."""

from __future__ import annotations

from typing import Any

from frontdoor.accounts.models import User
from frontdoor.people.access import can_see_person
from frontdoor.people.models import Person

from .models import Referral


def open_referral_for(*, person_id: int) -> Referral | None:
    """The child's open referral (at most one: constraint `one_open_referral_per_child`)."""
    return (
        Referral.objects.filter(person_id=person_id, closure_date__isnull=True)
        .select_related("person", "team", "worker")
        .first()
    )


def person_case_panel(user: User, person: Person) -> dict[str, Any] | None:
    """The referrals panel on a person's page (the page has passed the person's gate)."""
    if not can_see_person(user, person):
        return None
    referrals = list(Referral.objects.filter(person=person).select_related("team", "worker")[:20])
    if not referrals:
        return None
    return {
        "title": "Referrals (CIN episodes)",
        "template": "cases/person_panel.html",
        "referrals": referrals,
    }
