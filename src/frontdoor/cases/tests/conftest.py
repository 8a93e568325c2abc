"""Fixtures shared by the cases tests."""

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from frontdoor.accounts.models import User
from frontdoor.cases.models import Referral
from frontdoor.cases.services import referral_open
from frontdoor.people.tests.factories import make_child
from frontdoor.screening.tests.helpers import assessment_team

_ASSESSMENT_TEAM: Any = object()


@pytest.fixture
def open_referral(mash_manager: User) -> Callable[..., Referral]:
    """`open_referral("Calm")` opens a referral dated 2 November 2026 (source 2A, primary need N1)
    for a new child called Calm Child, by the MASH manager, for the assessment team.
    `person=` opens it for an existing child instead; `actor=` and `team=` change who opens it and
    for which team (`team=None` opens it for no team)."""

    def open_(
        first: str = "Test",
        *,
        person: Any = None,
        actor: User | None = mash_manager,
        team: Any = _ASSESSMENT_TEAM,
    ) -> Referral:
        return referral_open(
            actor=actor,
            person=person if person is not None else make_child(first, "Child"),
            referral_date=date(2026, 11, 2),
            source="2A",
            primary_need="N1",
            team=assessment_team() if team is _ASSESSMENT_TEAM else team,
        )

    return open_
