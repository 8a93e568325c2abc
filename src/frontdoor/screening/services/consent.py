"""Consent to share information, and a manager's authorisation to share without it."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from frontdoor.accounts.models import User
from frontdoor.core.concurrency import save_version
from frontdoor.core.four_eyes import four_eyes_check

from .. import guards
from ..models import ConsentOutcome, DispensationReason, Screening
from .common import event, locked, refuse, user_or_none

CONSENT_FIELDS = [
    "consent_sought",
    "consent_outcome",
    "consent_reason",
    "consent_explanation",
    "consent_recorded_at",
    "consent_recorded_by",
    "consent_authorised_at",
    "consent_authorised_by",
]


@transaction.atomic
def consent_record(
    *,
    actor: User | None,
    screening: Screening,
    sought: bool,
    outcome: str,
    reason: str = "",
    explanation: str = "",
    version: int | None = None,
    now: datetime | None = None,
) -> Screening:
    """Record whether consent to share was sought and its outcome; proceeding without consent
    needs the reason (and then a manager's authorisation)."""
    locked(screening, version)
    refuse(guards.can_work_on(actor, screening))
    now = now or timezone.now()
    explanation = (explanation or "").strip()
    errors: dict[str, str] = {}
    if outcome not in ConsentOutcome.values:
        errors["outcome"] = "Select the outcome of consent"
    elif sought and outcome == ConsentOutcome.NOT_SOUGHT:
        errors["outcome"] = "Consent was sought: select whether it was given or refused"
    elif not sought and outcome != ConsentOutcome.NOT_SOUGHT:
        errors["outcome"] = "Consent was not sought: select 'Consent not sought'"
    without = outcome in (ConsentOutcome.REFUSED, ConsentOutcome.NOT_SOUGHT)
    if without and reason not in DispensationReason.values:
        errors["reason"] = "Select the reason for sharing information without consent"
    if without and reason == DispensationReason.OTHER and not explanation:
        errors["explanation"] = "Explain the other reason for sharing information without consent"
    if errors:
        raise ValidationError(errors)
    screening.consent_sought, screening.consent_outcome = sought, outcome
    screening.consent_reason = reason if without else ""
    screening.consent_explanation = explanation if without else ""
    screening.consent_recorded_at, screening.consent_recorded_by = now, user_or_none(actor)
    # A new consent record needs a new authorisation.
    screening.consent_authorised_at = screening.consent_authorised_by = None
    save_version(screening, actor=actor, fields=CONSENT_FIELDS)
    summary = screening.get_consent_outcome_display()
    if without:
        summary += (
            f": proceeding without consent ({screening.get_consent_reason_display().lower()})"
        )
    event(
        screening, actor=actor, kind="consent", at=now, summary=summary, detail={"outcome": outcome}
    )
    return screening


@transaction.atomic
def consent_authorise(
    *,
    actor: User,
    screening: Screening,
    version: int | None = None,
    now: datetime | None = None,
) -> Screening:
    """A manager authorises sharing information without consent. Four eyes: never the person
    who recorded the consent decision (DPA 2018 Sch. 1: a second person checks the dispensation)."""
    locked(screening, version)
    four_eyes_check(
        actor=actor,
        involved=[screening.consent_recorded_by_id],
        capability="authorise",
        what="sharing information without consent",
    )
    refuse(guards.can_authorise_consent(actor, screening))
    now = now or timezone.now()
    screening.consent_authorised_at, screening.consent_authorised_by = now, actor
    save_version(screening, actor=actor, fields=["consent_authorised_at", "consent_authorised_by"])
    event(
        screening,
        actor=actor,
        kind="consent_authorised",
        at=now,
        action="authorise",
        summary=f"Sharing without consent authorised by {actor.display_name}",
    )
    return screening
