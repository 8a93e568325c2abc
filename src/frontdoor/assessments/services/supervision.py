"""Group supervision / multi-agency mapping meetings (DOMAIN.md §4).

A supervision is versioned: a change to the agreed decision posted from a page opened before
someone else's change is refused (StaleRecord) naming who made it.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from frontdoor.accounts.models import User
from frontdoor.audit.services import audit_record
from frontdoor.cases.models import Referral
from frontdoor.child_protection.models import ActionItem
from frontdoor.child_protection.services.common import (
    checked_actions,
    moment_on,
    now_or,
    refuse_if,
    signed_in,
)
from frontdoor.core.calendar import local_date
from frontdoor.core.concurrency import lock_version, save_version
from frontdoor.people.services import chronology_add

from .. import guards
from ..models import CaseMapping, GroupSupervision, SupervisionParticipant


def _participant_problem(participants: list[dict[str, Any]]) -> str | None:
    if not participants:
        return "Add the participants, each with agency, role, contribution and risk scale"
    for i, row in enumerate(participants, start=1):
        texts = ("name", "agency", "role", "contribution")
        if not all(str(row.get(k) or "").strip() for k in texts) or row.get("scale") is None:
            return f"Participant {i}: enter name, agency, role, contribution and scale"
        if not 0 <= int(row["scale"]) <= 10:
            return f"Participant {i}: the scale must be from 0 to 10"
    return None


def chronology_summary(supervision: GroupSupervision, scales: list[int], actions: int) -> str:
    """The line on the child's chronology. It names the meeting's professionals and the child's own
    decision only, never another child or family member, so it can sit on the child's chronology
    without masking."""
    manager = supervision.accountable_manager
    return (
        f"Group supervision chaired by {supervision.chair}, presented by {supervision.presenter}; "
        f"{len(scales)} participants, risk scales {min(scales)}–{max(scales)}. "
        f"Agreed by {manager.display_name}: {supervision.decision} Actions: {actions}."
    )


@transaction.atomic
def supervision_record(
    *,
    actor: User,
    referral: Referral,
    held_on: date,
    chair: str,
    presenter: str,
    decision: str,
    accountable_manager: User | None,
    participants: list[dict[str, Any]],
    actions: list[dict[str, Any]],
    mapping: CaseMapping | None = None,
    now: datetime | None = None,
) -> GroupSupervision:
    """Group supervision / multi-agency mapping: the accountable manager agrees the decision; a
    summary goes on the child's chronology (DOMAIN.md §4)."""
    now = now_or(now)
    errors: dict[str, str] = {}
    if held_on < referral.referral_date or held_on > local_date(now):
        errors["held_on"] = (
            f"The meeting date must be between the referral date "
            f"({referral.referral_date:%d %B %Y}) and today"
        )
    texts = {
        "chair": (chair, "who chaired"),
        "presenter": (presenter, "who presented"),
        "decision": (decision, "the decision and course of action agreed"),
    }
    for key, (value, label) in texts.items():
        if not value.strip():
            errors[key] = f"Enter {label}"
    if accountable_manager is None or not accountable_manager.can("guide_assessment"):
        errors["accountable_manager"] = "Select the accountable manager who agreed the decision"
    problem = _participant_problem(participants)
    if problem:
        errors["participants"] = problem
    if mapping is not None and mapping.referral_id != referral.pk:
        errors["mapping"] = "Choose a mapping from this referral"
    if errors:
        raise ValidationError(errors)
    assert accountable_manager is not None  # refused above otherwise
    checked_actions(actions, held_on)
    supervision = GroupSupervision.objects.create(
        referral=referral,
        person=referral.person,
        held_on=held_on,
        chair=chair,
        presenter=presenter,
        mapping=mapping,
        decision=decision,
        accountable_manager=accountable_manager,
        created_at=now,
        created_by=signed_in(actor),
    )
    SupervisionParticipant.objects.bulk_create(
        SupervisionParticipant(supervision=supervision, **p) for p in participants
    )
    ActionItem.objects.bulk_create(ActionItem(supervision=supervision, **a) for a in actions)
    audit_record(
        actor=actor,
        action="create",
        record_type="group_supervision",
        record_id=supervision.pk,
        person_id=referral.person_id,
    )
    chronology_add(
        person=referral.person,
        kind="group_supervision",
        actor=actor,
        record=supervision,
        occurred_at=moment_on(held_on),
        summary=chronology_summary(
            supervision, [int(p["scale"]) for p in participants], len(actions)
        ),
    )
    return supervision


@transaction.atomic
def supervision_decision_update(
    *,
    actor: User,
    supervision: GroupSupervision,
    decision: str,
    version: int | None = None,
) -> GroupSupervision:
    """Correct the agreed decision and course of action. Only the accountable manager who agreed it
    may change it. `version` is the one the page showed (StaleRecord if someone changed it since)."""
    supervision = lock_version(
        GroupSupervision.objects.select_related("accountable_manager"),
        supervision.pk,
        expected=version,
    )
    refuse_if(guards.supervision_change_problem(actor, supervision))
    if not decision.strip():
        raise ValidationError({"decision": "Enter the decision and course of action agreed"})
    supervision.decision = decision
    save_version(supervision, actor=actor, fields=["decision"])
    audit_record(
        actor=actor,
        action="update",
        record_type="group_supervision",
        record_id=supervision.pk,
        person_id=supervision.person_id,
    )
    return supervision
