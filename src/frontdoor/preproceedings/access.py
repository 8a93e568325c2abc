"""The gate for pre-proceedings records: child protection practitioners who may see the child."""

from __future__ import annotations

from typing import Any

from frontdoor.accounts.models import User
from frontdoor.child_protection.access import can_work_protection
from frontdoor.core.gates import gate_load

from .models import PreProceedings


def access_pre_proceedings(user: User, pk: Any, *, action: str = "view") -> PreProceedings:
    return gate_load(
        user,
        PreProceedings.objects.select_related("referral__person", "person"),
        pk,
        record_type="pre_proceedings",
        people_of=lambda pp: [pp.person],
        allowed=can_work_protection,
        action=action,
    )
