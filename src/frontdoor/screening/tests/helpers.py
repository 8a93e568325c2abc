"""Builders for screening tests, going through the real services."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from frontdoor.accounts.models import Team
from frontdoor.intake.models import Contact
from frontdoor.people.tests.factories import make_child, make_contact, make_siblings
from frontdoor.screening import services
from frontdoor.screening.models import Screening

DECISION = dict(
    level_of_need=4,
    rationale="Bruising disclosed by the child; parent's account inconsistent.",
    risks_and_protective_factors="Risk: injury and fear of parent. Protective: school attendance, aunt.",
)


def contact_for_siblings(received_at: datetime, last: str = "Sibling", **kw: Any) -> Contact:
    _, older, younger = make_siblings(last)
    kw.setdefault("now", received_at)
    return make_contact([older, younger], received_at=received_at, **kw)


def contact_for_one(received_at: datetime, first: str = "Solo", **kw: Any) -> Contact:
    kw.setdefault("now", received_at)
    return make_contact([make_child(first, "Child")], received_at=received_at, **kw)


def start(actor: Any, contact: Contact, now: datetime | None = None) -> list[Screening]:
    return services.screenings_start_for_contact(actor=actor, contact=contact, now=now)


def ready_to_share(
    actor: Any, manager: Any, screening: Screening, now: datetime | None = None
) -> None:
    """Consent not sought (significant harm), authorised by a manager."""
    services.consent_record(
        actor=actor,
        screening=screening,
        sought=False,
        outcome="not_sought",
        reason="significant_harm",
        now=now,
    )
    services.consent_authorise(actor=manager, screening=screening, now=now)
    screening.refresh_from_db()


def assessment_team() -> Team:
    return Team.objects.get_or_create(
        name="Assessment Team North", defaults={"kind": "assessment"}
    )[0]
