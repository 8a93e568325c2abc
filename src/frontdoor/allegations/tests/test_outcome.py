"""Outcome, employer action, DBS and regulator referrals, and retention set from the outcome."""

from datetime import date

import pytest
import time_machine
from django.core.exceptions import ValidationError

from frontdoor.accounts.models import User
from frontdoor.accounts.roles import Role
from frontdoor.allegations.models import Allegation
from frontdoor.allegations.retention import retain_until
from frontdoor.allegations.services import allegation_outcome_propose
from frontdoor.audit.models import AuditEvent
from frontdoor.conftest import make_user

from .factories import at, conclude, consider, final_meeting, make_referral, make_subject

pytestmark = pytest.mark.django_db


def _outcome_post(**kw: str) -> dict[str, str]:
    data = {
        "outcome": "substantiated",
        "concluded_on_day": "20",
        "concluded_on_month": "11",
        "concluded_on_year": "2026",
        "employer_action": "dismissal",
        "dbs_referral": "duty",
        "dbs_referred_on_day": "21",
        "dbs_referred_on_month": "11",
        "dbs_referred_on_year": "2026",
        "regulator": "Teaching Regulation Agency",
        "regulator_referred_on_day": "21",
        "regulator_referred_on_month": "11",
        "regulator_referred_on_year": "2026",
    }
    data.update(kw)
    return data


@pytest.fixture
def second_officer(db: None) -> User:
    """A second designated officer: authorises (or returns) the first officer's outcome."""
    return make_user("second_officer", Role.DESIGNATED_OFFICER, "Designated Officer Service")


@pytest.fixture
def referral(db: None) -> Allegation:
    referral = make_referral(received_at=at(2026, 11, 2))
    consider(referral)
    final_meeting(referral)
    return referral


@time_machine.travel("2026-11-24 12:00:00+00:00", tick=False)
def test_the_outcome_page_shows_each_definition(referral, as_user, designated_officer):
    page = as_user(designated_officer).get(f"/allegations/{referral.pk}/outcome/").content.decode()
    assert "There is sufficient evidence to prove the allegation." in page
    assert "does not imply guilt or innocence" in page
    assert "deliberate act to deceive" in page
    assert "There is no evidence or proper basis" in page


@time_machine.travel("2026-11-24 12:00:00+00:00", tick=False)
def test_it_concludes_with_working_days_and_retention_once_a_second_officer_authorises(
    referral, as_user, designated_officer, second_officer
):
    response = as_user(designated_officer).post(
        f"/allegations/{referral.pk}/outcome/", _outcome_post()
    )
    assert response.status_code == 302
    referral.refresh_from_db()
    assert (referral.status, referral.outcome, referral.concluded_on) == ("open", "", None)
    proposal = referral.outcome_proposal
    assert AuditEvent.objects.filter(
        actor=designated_officer, action="propose_outcome", record_id=str(referral.pk)
    ).exists()
    response = as_user(second_officer).post(
        f"/allegations/{referral.pk}/outcome/decide/",
        {"authorise": "1", "version": proposal.version},
    )
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.status == "concluded"
    assert referral.working_days_to_conclusion == 14  # 2 → 20 November 2026
    assert referral.dbs_referral == "duty" and referral.dbs_referred_on == date(2026, 11, 21)
    assert referral.retain_until == date(2080, 6, 15)  # 100 years from birth (15 June 1980)
    concluded = AuditEvent.objects.get(action="conclude", record_id=str(referral.pk))
    assert concluded.actor == second_officer
    assert concluded.detail == {"outcome": "substantiated", "proposed_by": designated_officer.pk}


@time_machine.travel("2026-11-24 12:00:00+00:00", tick=False)
def test_it_names_missing_dbs_and_regulator_dates(referral, as_user, designated_officer):
    data = _outcome_post(
        dbs_referred_on_day="",
        dbs_referred_on_month="",
        dbs_referred_on_year="",
        regulator_referred_on_day="",
        regulator_referred_on_month="",
        regulator_referred_on_year="",
    )
    page = (
        as_user(designated_officer)
        .post(f"/allegations/{referral.pk}/outcome/", data)
        .content.decode()
    )
    assert "Enter the date of the referral to the DBS" in page
    assert "Enter the date the regulator was told" in page
    referral.refresh_from_db()
    assert referral.status == "open"


def test_it_cannot_be_concluded_before_the_initial_consideration(designated_officer):
    referral = make_referral(received_at=at(2026, 11, 2))
    with pytest.raises(ValidationError, match="Record the initial consideration"):
        allegation_outcome_propose(
            actor=designated_officer,
            allegation=referral,
            outcome="false",
            concluded_on=date(2026, 11, 3),
            employer_action="none",
            now=at(2026, 11, 4),
        )


@pytest.mark.parametrize(
    "outcome,expected",
    [
        ("substantiated", date(2080, 6, 15)),
        ("unsubstantiated", date(2080, 6, 15)),
        ("false", date(2036, 11, 20)),
        ("malicious", date(2036, 11, 20)),
        ("unfounded", date(2036, 11, 20)),
    ],
)
def test_retention_follows_the_outcome(outcome, expected):
    assert (
        retain_until(outcome, concluded_on=date(2026, 11, 20), date_of_birth=date(1980, 6, 15))
        == expected
    )


def test_retention_from_birth_falls_back_to_ten_years_from_conclusion_without_a_birth_date():
    assert retain_until(
        "substantiated", concluded_on=date(2026, 11, 20), date_of_birth=None
    ) == date(2036, 11, 20)


def test_retention_is_a_setting(settings):
    settings.FRONTDOOR_LADO_RETENTION = {"unfounded": {"from": "conclusion", "years": 6}}
    assert retain_until("unfounded", concluded_on=date(2026, 11, 20), date_of_birth=None) == date(
        2032, 11, 20
    )
    referral = make_referral(received_at=at(2026, 11, 2), subject=make_subject(date_of_birth=None))
    consider(referral)
    referral = conclude(
        referral, outcome="unfounded", concluded_on=date(2026, 11, 20), now=at(2026, 11, 24)
    )
    assert referral.retain_until == date(2032, 11, 20)
