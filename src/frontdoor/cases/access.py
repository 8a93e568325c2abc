"""The gate for referrals (CIN episodes): a practitioner who may see the child, never a partner."""

from __future__ import annotations

from typing import Any

from frontdoor.accounts.models import User
from frontdoor.core.gates import gate_load
from frontdoor.people.models import Person

from .models import Referral


def _child(referral: Referral) -> list[Person]:
    return [referral.person]


def access_referral(user: User, pk: Any, *, action: str = "view") -> Referral:
    """The referral, if `user` may see its child (audited), else Http404 (audited)."""
    return gate_load(
        user,
        Referral.objects.select_related("person", "team", "worker", "contact"),
        pk,
        record_type="referral",
        people_of=_child,
        action=action,
    )
