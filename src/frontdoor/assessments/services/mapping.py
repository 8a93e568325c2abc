"""Signs of Safety case mappings (DOMAIN.md §4): record one, and correct its narrative later.

A mapping is versioned: a correction posted from a page opened before someone else's is refused
(StaleRecord) naming who made it.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from frontdoor.accounts.models import User
from frontdoor.audit.services import audit_record
from frontdoor.cases.models import Referral
from frontdoor.child_protection.services.common import moment_on, now_or, signed_in
from frontdoor.core.calendar import local_date
from frontdoor.core.concurrency import lock_version, save_version
from frontdoor.people.services import chronology_add

from .. import guards
from ..models import (
    Assessment,
    BottomLine,
    CaseMapping,
    DangerStatement,
    NextStep,
    ScalingScore,
)

HARM_MISSING = "Enter the harm: what has actually happened to the child"


def _mapping_rows(
    dangers: list[dict[str, str]],
    next_steps: list[dict[str, Any]],
    scores: list[dict[str, Any]],
    bottom_lines: list[dict[str, str]],
    held_on: date,
) -> dict[str, str]:
    errors: dict[str, str] = {}
    for i, row in enumerate(dangers, start=1):
        if not (row.get("danger") or "").strip() or not (row.get("safety_goal") or "").strip():
            errors["dangers"] = (
                f"Danger statement {i}: enter both the danger statement and its safety goal"
            )
    if not dangers:
        errors["dangers"] = "Enter at least one danger statement with its safety goal"
    for i, step in enumerate(next_steps, start=1):
        if not all((str(step.get(k) or "")).strip() for k in ("who", "what", "by_when")):
            errors["next_steps"] = f"Next step {i}: enter who, what and by when"
        elif step["by_when"] < held_on:
            errors["next_steps"] = f"Next step {i}: 'by when' must be on or after the mapping date"
    for i, scale in enumerate(scores, start=1):
        score = scale.get("score")
        if not (scale.get("name") or "").strip() or not scale.get("role") or score is None:
            errors["scores"] = f"Scaling {i}: enter the person's name, role and their number"
        elif not 0 <= int(score) <= 10:
            errors["scores"] = f"Scaling {i}: the number must be from 0 to 10"
    for i, row in enumerate(bottom_lines, start=1):
        missing = guards.bottom_line_problems(row)
        if missing:
            errors["bottom_lines"] = f"Bottom line {i}: " + "; ".join(missing.values())
    return errors


@transaction.atomic
def mapping_record(
    *,
    actor: User,
    referral: Referral,
    held_on: date,
    harm: str,
    dangers: list[dict[str, str]],
    next_steps: list[dict[str, Any]],
    scores: list[dict[str, Any]],
    bottom_lines: list[dict[str, str]],
    complicating_factors: str = "",
    strengths: str = "",
    existing_safety: str = "",
    grey_areas: str = "",
    assessment: Assessment | None = None,
    now: datetime | None = None,
) -> CaseMapping:
    """A Signs of Safety mapping (DOMAIN.md §4). Danger statements each carry a safety goal; bottom
    lines are structured (trigger, agency action, who, how quickly, what the family must do)."""
    now = now_or(now)
    errors: dict[str, str] = {}
    if held_on < referral.referral_date or held_on > local_date(now):
        errors["held_on"] = (
            f"The mapping date must be between the referral date "
            f"({referral.referral_date:%d %B %Y}) and today"
        )
    if not harm.strip():
        errors["harm"] = HARM_MISSING
    errors.update(_mapping_rows(dangers, next_steps, scores, bottom_lines, held_on))
    if assessment is not None and not assessment.is_open:
        errors["__all__"] = "This assessment is signed off: record a standalone mapping instead"
    if errors:
        raise ValidationError(errors)
    mapping = CaseMapping.objects.create(
        referral=referral,
        person=referral.person,
        assessment=assessment,
        held_on=held_on,
        harm=harm,
        complicating_factors=complicating_factors,
        strengths=strengths,
        existing_safety=existing_safety,
        grey_areas=grey_areas,
        created_at=now,
        created_by=signed_in(actor),
    )
    DangerStatement.objects.bulk_create(DangerStatement(mapping=mapping, **d) for d in dangers)
    NextStep.objects.bulk_create(NextStep(mapping=mapping, **s) for s in next_steps)
    ScalingScore.objects.bulk_create(ScalingScore(mapping=mapping, **s) for s in scores)
    BottomLine.objects.bulk_create(BottomLine(mapping=mapping, **b) for b in bottom_lines)
    audit_record(
        actor=actor,
        action="create",
        record_type="case_mapping",
        record_id=mapping.pk,
        person_id=referral.person_id,
    )
    chronology_add(
        person=referral.person,
        kind="case_mapping",
        actor=actor,
        record=mapping,
        occurred_at=moment_on(held_on),
        summary=f"Signs of Safety mapping ({len(dangers)} danger statements, "
        f"{len(bottom_lines)} bottom lines)",
    )
    return mapping


@transaction.atomic
def mapping_update(
    *,
    actor: User,
    mapping: CaseMapping,
    harm: str,
    complicating_factors: str,
    strengths: str,
    existing_safety: str,
    grey_areas: str,
    version: int | None = None,
) -> CaseMapping:
    """Correct what the mapping says about harm, complications, strengths, safety and grey areas.
    `version` is the one the user's page showed (StaleRecord if someone changed it since)."""
    mapping = lock_version(CaseMapping.objects.all(), mapping.pk, expected=version)
    if not harm.strip():
        raise ValidationError({"harm": HARM_MISSING})
    mapping.harm, mapping.complicating_factors = harm, complicating_factors
    mapping.strengths, mapping.existing_safety = strengths, existing_safety
    mapping.grey_areas = grey_areas
    save_version(
        mapping,
        actor=actor,
        fields=["harm", "complicating_factors", "strengths", "existing_safety", "grey_areas"],
    )
    audit_record(
        actor=actor,
        action="update",
        record_type="case_mapping",
        record_id=mapping.pk,
        person_id=mapping.person_id,
    )
    return mapping
