"""The child protection rules, tested through the services with a frozen clock (26 November 2026)."""

from __future__ import annotations

from datetime import date, datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError

from frontdoor.assessments import services as assessment_services
from frontdoor.assessments.tests.helpers import guidance
from frontdoor.audit.models import AuditEvent
from frontdoor.cases.models import Referral
from frontdoor.child_protection import guards, services
from frontdoor.child_protection.models import Section47Enquiry
from frontdoor.core.calendar import LONDON
from frontdoor.people.models import ChronologyEntry

from .helpers import discuss, open_referral

pytestmark = pytest.mark.django_db


NOW = datetime(2026, 11, 26, 10, 0, tzinfo=LONDON)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def test_it_sets_the_icpc_target_15_working_days_on_across_christmas_bank_holidays():
    # Start Mon 14 Dec 2026: 25 Dec, 28 Dec (Boxing Day substitute) and 1 Jan are bank holidays.
    assert guards.icpc_target_for(date(2026, 12, 14)) == date(2027, 1, 7)
    # Without holidays it would be 15 weekdays later: 4 January 2027.
    assert guards.icpc_target_for(date(2026, 11, 2)) == date(2026, 11, 23)


def test_it_stores_the_icpc_target_when_the_strategy_discussion_starts_the_s47(social_worker):
    referral = open_referral(social_worker)
    discussion = discuss(social_worker, referral)
    s47 = discussion.s47
    assert discussion.initiates_s47 is True
    assert s47.start_date == date(2026, 11, 20)
    assert s47.icpc_target == date(2026, 12, 11)
    assert s47.joint is True
    assert AuditEvent.objects.filter(
        action="create", record_type="s47", record_id=str(s47.pk)
    ).exists()
    assert ChronologyEntry.objects.filter(person=referral.person, kind="s47_start").exists()


def test_it_refuses_an_icpc_on_a_saturday(social_worker):
    s47 = discuss(social_worker, open_referral(social_worker)).s47
    services.s47_findings_record(
        actor=social_worker,
        s47=s47,
        child_seen_date=date(2026, 11, 20),
        seen_alone=True,
        not_seen_alone_reason="",
        child_words="Dad hurt me",
        outcome="substantiated_icpc",
        outcome_date=date(2026, 11, 23),
    )
    with pytest.raises(ValidationError) as error:
        services.icpc_record(
            actor=social_worker,
            s47=s47,
            icpc_date=date(2026, 11, 21 + 7),
            cp_plan=True,
            initial_category="PHY",
        )
    assert "must be a working day" in error.value.message_dict["icpc_date"][0]


def test_an_icpc_on_a_bank_holiday_or_before_the_s47_is_refused(social_worker):
    referral = open_referral(social_worker, on=date(2026, 8, 24))
    s47 = discuss(social_worker, referral, held_at=datetime(2026, 8, 24, 9, 0, tzinfo=LONDON)).s47
    s47 = services.s47_findings_record(
        actor=social_worker,
        s47=s47,
        child_seen_date=date(2026, 8, 24),
        seen_alone=True,
        not_seen_alone_reason="",
        child_words="x",
        outcome="substantiated_icpc",
        outcome_date=date(2026, 8, 25),
    )
    assert "working day" in guards.icpc_problem(s47, date(2026, 8, 31))  # summer bank holiday
    assert "on or after the start" in guards.icpc_problem(s47, date(2026, 8, 21))
    assert guards.icpc_problem(s47, date(2026, 9, 1)) is None


def test_it_starts_a_cp_plan_on_the_icpc_date_with_review_dates(social_worker):
    s47 = discuss(social_worker, open_referral(social_worker)).s47
    services.s47_findings_record(
        actor=social_worker,
        s47=s47,
        child_seen_date=date(2026, 11, 20),
        seen_alone=False,
        not_seen_alone_reason="Too young",
        child_words="Crying",
        outcome="substantiated_icpc",
        outcome_date=date(2026, 11, 23),
    )
    plan = services.icpc_record(
        actor=social_worker,
        s47=s47,
        icpc_date=date(2026, 11, 25),
        cp_plan=True,
        initial_category="PHY",
    )
    assert (plan.start_date, plan.first_review_due) == (date(2026, 11, 25), date(2027, 2, 25))
    s47.refresh_from_db()
    assert s47.cp_plan is True and s47.icpc_not_required is False and not s47.is_open
    review = services.cp_review_record(
        actor=social_worker,
        plan=plan,
        held_date=date(2026, 11, 26),
        plan_continues=True,
        category="MUL",
    )
    plan.refresh_from_db()
    assert review.due_date == date(2027, 2, 25)
    assert (plan.next_review_due, plan.latest_category, plan.initial_category) == (
        date(2027, 5, 26),
        "MUL",
        "PHY",
    )


def test_it_allows_only_one_open_s47_per_episode(social_worker):
    referral = open_referral(social_worker)
    discuss(social_worker, referral)
    with pytest.raises(ValidationError) as error:
        discuss(social_worker, referral, held_at=datetime(2026, 11, 24, 9, 0, tzinfo=LONDON))
    assert error.value.message_dict["decision"] == [
        "Amy Protect already has an open section 47 enquiry on this referral, started "
        "20 November 2026. Record its outcome before starting another"
    ]
    assert Section47Enquiry.objects.filter(referral=referral).count() == 1


def test_it_refuses_anything_dated_before_the_referral(social_worker, mash_manager):
    referral = open_referral(social_worker, on=date(2026, 11, 10))
    with pytest.raises(ValidationError) as error:
        discuss(social_worker, referral, held_at=datetime(2026, 11, 9, 9, 0, tzinfo=LONDON))
    assert (
        "on or after the referral date, 10 November 2026" in error.value.message_dict["held_at"][0]
    )
    guidance(mash_manager, referral)
    with pytest.raises(ValidationError) as error:
        assessment_services.assessment_start(
            actor=social_worker, referral=referral, start_date=date(2026, 11, 9)
        )
    assert "on or after the referral date" in error.value.message_dict["start_date"][0]


def test_it_refuses_an_s47_on_an_episode_closed_after_assessment(social_worker):
    referral = open_referral(social_worker, on=date(2026, 11, 2))
    # As a record brought in from another system may stand: closing RC8 needs an assessment now.
    Referral.objects.filter(pk=referral.pk).update(
        closure_date=date(2026, 11, 19), reason_for_closure="RC8"
    )
    referral.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        discuss(social_worker, referral)
    assert "closed after assessment (RC8)" in error.value.message_dict["held_at"][0]


def test_a_missing_agency_is_a_warning_not_a_refusal(social_worker):
    from frontdoor.child_protection.selectors import strategy_warnings

    discussion = discuss(
        social_worker, open_referral(social_worker), agencies=("social_care", "police")
    )
    assert discussion.pk
    assert strategy_warnings(["social_care", "police"]) == [
        "No one from health took part: record why, and share the outcome with them"
    ]
