"""The gate for referrals (CIN episodes): a practitioner who may see the child, never a partner."""

from __future__ import annotations

from typing import Any

from frontdoor.accounts.models import User
from frontdoor.core.gates import gate_load
from frontdoor.people.models import Person

from .models import LeadPractitioner, Referral


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


def access_lead_practitioner(user: User, pk: Any, *, action: str = "view") -> LeadPractitioner:
    """A lead practitioner record, if `user` may see its child (audited), else Http404."""
    return gate_load(
        user,
        LeadPractitioner.objects.select_related("person", "user"),
        pk,
        record_type="lead_practitioner",
        people_of=lambda lead: [lead.person],
        action=action,
    )
