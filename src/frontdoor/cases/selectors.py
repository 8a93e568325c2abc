"""Reads of referrals."""

from __future__ import annotations

from typing import Any

from .models import Referral


def open_referral_for(*, person_id: int) -> Referral | None:
    return (
        Referral.objects.filter(person_id=person_id, closure_date__isnull=True)
        .select_related("team", "worker")
        .first()
    )


def person_case_panel(user: Any, person: Any) -> dict[str, Any] | None:
    referrals = list(Referral.objects.filter(person=person).select_related("team", "worker")[:20])
    if not referrals:
        return None
    return {
        "title": "Referrals (CIN episodes)",
        "template": "cases/person_panel.html",
        "referrals": referrals,
    }
