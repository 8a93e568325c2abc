"""The gate for child in need plans: child protection and assessment practitioners who may see
the child. Visits are reached through their plan (this gate, or the CP plan's)."""

from __future__ import annotations

from typing import Any

from frontdoor.accounts.models import User
from frontdoor.child_protection.access import can_work_protection
from frontdoor.core.gates import gate_load

from .models import CINPlan


def access_cin_plan(user: User, pk: Any, *, action: str = "view") -> CINPlan:
    return gate_load(
        user,
        CINPlan.objects.select_related("referral__person", "person"),
        pk,
        record_type="cin_plan",
        people_of=lambda p: [p.person],
        allowed=can_work_protection,
        action=action,
    )
