"""The access gates for child protection records: the only place they are loaded for a page.

Each gate loads one record through `gate_load`: a record about a sealed child is refused (404,
audited) to anyone not on the child's access list, as is an id that does not exist; an allowed
view is audited against the child. Only practitioners who work child protection or assessments
reach these records (partners never do). The ICPC is part of the s47 record (`access_s47`); review
conferences are reached through their plan (`access_plan`).
"""

from __future__ import annotations

from typing import Any

from frontdoor.accounts.models import User
from frontdoor.core.gates import gate_load

from .models import ActionItem, ChildProtectionPlan, Section47Enquiry, StrategyDiscussion


def can_work_protection(user: User, record: Any = None) -> bool:
    """Child protection and assessment practitioners (not partners, not the administrator)."""
    return bool(user.is_authenticated and (user.can("child_protection") or user.can("assess")))


def access_strategy_discussion(user: User, pk: Any, *, action: str = "view") -> StrategyDiscussion:
    return gate_load(
        user,
        StrategyDiscussion.objects.select_related("referral__person", "person", "lead"),
        pk,
        record_type="strategy_discussion",
        people_of=lambda d: [d.person],
        allowed=can_work_protection,
        action=action,
    )


def access_s47(user: User, pk: Any, *, action: str = "view") -> Section47Enquiry:
    return gate_load(
        user,
        Section47Enquiry.objects.select_related("referral__person", "person", "worker"),
        pk,
        record_type="s47",
        people_of=lambda s: [s.person],
        allowed=can_work_protection,
        action=action,
    )


def access_plan(user: User, pk: Any, *, action: str = "view") -> ChildProtectionPlan:
    return gate_load(
        user,
        ChildProtectionPlan.objects.select_related("referral__person", "person", "s47"),
        pk,
        record_type="cp_plan",
        people_of=lambda p: [p.person],
        allowed=can_work_protection,
        action=action,
    )


def access_action(user: User, pk: Any, *, action: str = "record") -> ActionItem:
    """An action from a strategy discussion or a group supervision, gated on that meeting's child."""
    return gate_load(
        user,
        ActionItem.objects.select_related("discussion__person", "supervision__person"),
        pk,
        record_type="action",
        people_of=lambda a: [(a.discussion or a.supervision).person],  # type: ignore[union-attr]
        allowed=can_work_protection,
        action=action,
    )
