"""Builders for allocation tests."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils import timezone

from frontdoor.cases.models import Referral
from frontdoor.earlyhelp.models import EarlyHelpEpisode
from frontdoor.screening import services as screening
from frontdoor.screening.tests.helpers import (
    DECISION,
    assessment_team,
    contact_for_one,
    ready_to_share,
    start,
)


def urgent_referral(worker: Any, manager: Any, first: str = "Urgent") -> Referral:
    """A referral opened by an authorised "strategy discussion (immediate risk)" decision about
    a child called `first` Child."""
    assessment_team()
    screening_ = start(worker, contact_for_one(timezone.now(), first))[0]
    ready_to_share(worker, manager, screening_)
    decision = screening.decision_record(
        actor=worker, screening=screening_, outcome="strategy", primary_need="N1", **DECISION
    )
    screening.decision_authorise(actor=manager, decision=decision)
    decision.refresh_from_db()
    assert decision.referral is not None
    return decision.referral


def early_help_episode(person: Any) -> EarlyHelpEpisode:
    """An early help episode for `person` starting 2 November 2026, written straight to the table
    (no lead professional or organisation)."""
    return EarlyHelpEpisode.objects.create(
        person=person,
        start_date=date(2026, 11, 2),
        lead_professional="",
        organisation="",
        created_at=timezone.now(),
    )
