"""The invariants the database holds whatever the code does (run on SQLite and PostgreSQL): one open
child protection plan per child, one open s47 per referral, an ICPC only on an s47 that needs one.
The services turn a refusal into a message naming the child and the existing record."""

from __future__ import annotations

from datetime import date, datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from frontdoor.child_protection import guards, services
from frontdoor.child_protection.models import (
    ChildProtectionPlan,
    Section47Enquiry,
    StrategyDiscussion,
)
from frontdoor.core.calendar import LONDON

from .helpers import date_data, discuss, open_referral, strategy_post

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 11, 26, 10, 0, tzinfo=LONDON)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def _icpc_needed(s47, on=date(2026, 11, 23)):
    return services.s47_findings_record(
        actor=None,
        s47=s47,
        child_seen_date=s47.start_date,
        seen_alone=True,
        not_seen_alone_reason="",
        child_words="I want to stay with mum",
        outcome="substantiated_icpc",
        outcome_date=on,
    )


def _plan_from_first_s47(social_worker):
    """Amy Protect on a plan from 24 November 2026; the s47 that made it is closed."""
    referral = open_referral(social_worker)
    s47 = _icpc_needed(discuss(social_worker, referral).s47)
    plan = services.icpc_record(
        actor=social_worker,
        s47=s47,
        icpc_date=date(2026, 11, 24),
        cp_plan=True,
        initial_category="NEG",
    )
    return referral, plan


def _direct_s47(referral, lead, **fields):
    discussion = StrategyDiscussion.objects.create(
        referral=referral,
        person=referral.person,
        lead=lead,
        held_at=NOW,
        information_shared="x",
        decision="s47_single",
        rationale="x",
        created_at=NOW,
    )
    return Section47Enquiry.objects.create(
        referral=referral,
        person=referral.person,
        strategy_discussion=discussion,
        start_date=date(2026, 11, 25),
        icpc_target=date(2026, 12, 16),
        created_at=NOW,
        **fields,
    )


def test_it_the_database_refuses_a_second_open_plan_for_a_child(social_worker):
    referral, plan = _plan_from_first_s47(social_worker)
    second = _direct_s47(
        referral, social_worker, outcome="substantiated_icpc", icpc_date=NOW.date()
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        ChildProtectionPlan.objects.create(
            referral=referral,
            person=referral.person,
            s47=second,
            start_date=NOW.date(),
            initial_category="EMO",
            latest_category="EMO",
            first_review_due=date(2027, 2, 26),
            created_at=NOW,
        )
    assert ChildProtectionPlan.objects.filter(person=referral.person).count() == 1
    # once the first plan has ended, a new plan is allowed
    ChildProtectionPlan.objects.filter(pk=plan.pk).update(end_date=NOW.date())
    ChildProtectionPlan.objects.create(
        referral=referral,
        person=referral.person,
        s47=second,
        start_date=NOW.date(),
        initial_category="EMO",
        latest_category="EMO",
        first_review_due=date(2027, 2, 26),
        created_at=NOW,
    )
    assert ChildProtectionPlan.objects.filter(person=referral.person).count() == 2


def test_it_the_database_refuses_a_second_open_s47_on_a_referral(social_worker):
    referral = open_referral(social_worker)
    discuss(social_worker, referral)  # an open s47: no outcome yet
    with pytest.raises(IntegrityError), transaction.atomic():
        _direct_s47(referral, social_worker)
    with pytest.raises(IntegrityError), transaction.atomic():
        _direct_s47(referral, social_worker, outcome="substantiated_icpc")  # ICPC still to hold
    _direct_s47(referral, social_worker, outcome="not_substantiated")  # a closed one is fine
    assert Section47Enquiry.objects.filter(referral=referral).count() == 2


def test_it_the_database_refuses_an_icpc_on_an_s47_that_did_not_need_one(social_worker):
    referral = open_referral(social_worker)
    with pytest.raises(IntegrityError), transaction.atomic():
        _direct_s47(referral, social_worker, outcome="not_substantiated", icpc_date=NOW.date())
    assert not Section47Enquiry.objects.exists()


def test_a_second_plan_through_a_second_s47_on_the_same_referral_is_refused_by_name(social_worker):
    """The census bug: a second strategy discussion, s47 and ICPC put a child on two plans."""
    referral, plan = _plan_from_first_s47(social_worker)
    second = discuss(
        social_worker, referral, held_at=datetime(2026, 11, 25, 9, 0, tzinfo=LONDON)
    ).s47
    _icpc_needed(second, on=date(2026, 11, 25))
    with pytest.raises(ValidationError) as error:
        services.icpc_record(
            actor=social_worker,
            s47=second,
            icpc_date=date(2026, 11, 26),
            cp_plan=True,
            initial_category="EMO",
        )
    assert error.value.message_dict["cp_plan"] == [
        "Amy Protect already has an open child protection plan, started 24 November 2026. "
        "End or review that plan before recording another"
    ]
    second.refresh_from_db()
    assert (second.icpc_date, ChildProtectionPlan.objects.count()) == (None, 1)


def test_a_plan_lost_in_a_race_past_the_guard_gets_the_same_message(social_worker, monkeypatch):
    referral, plan = _plan_from_first_s47(social_worker)
    second = discuss(
        social_worker, referral, held_at=datetime(2026, 11, 25, 9, 0, tzinfo=LONDON)
    ).s47
    _icpc_needed(second, on=date(2026, 11, 25))
    real = guards.open_plan_problem
    calls = []

    def guard_misses_the_other_plan(person):
        calls.append(person.pk)
        return None if len(calls) == 1 else real(person)  # the other session committed after

    monkeypatch.setattr(guards, "open_plan_problem", guard_misses_the_other_plan)
    with pytest.raises(ValidationError) as error:
        services.icpc_record(
            actor=social_worker,
            s47=second,
            icpc_date=date(2026, 11, 26),
            cp_plan=True,
            initial_category="EMO",
        )
    assert error.value.message_dict["cp_plan"][0].startswith(
        "Amy Protect already has an open child protection plan, started 24 November 2026"
    )
    assert ChildProtectionPlan.objects.count() == 1


def test_a_second_open_s47_lost_in_a_race_gets_a_message_naming_the_child(
    social_worker, monkeypatch
):
    referral = open_referral(social_worker)
    discuss(social_worker, referral)
    monkeypatch.setattr(guards, "can_start_s47", lambda referral, start: None)
    with pytest.raises(ValidationError) as error:
        discuss(social_worker, referral, held_at=datetime(2026, 11, 24, 9, 0, tzinfo=LONDON))
    assert error.value.message_dict["decision"] == [
        "Amy Protect already has an open section 47 enquiry on this referral, started "
        "20 November 2026. Record its outcome before starting another"
    ]
    assert Section47Enquiry.objects.count() == 1


def test_the_icpc_page_shows_the_refusal_next_to_the_plan_question(as_user, social_worker):
    referral, plan = _plan_from_first_s47(social_worker)
    client = as_user(social_worker)
    client.post(
        f"/child-protection/referrals/{referral.pk}/strategy-discussions/new/",
        strategy_post(day=date(2026, 11, 25)),
    )
    second = Section47Enquiry.objects.exclude(pk=plan.s47_id).get()
    _icpc_needed(second, on=date(2026, 11, 25))
    response = client.post(
        f"/child-protection/s47/{second.pk}/icpc/",
        {**date_data("icpc_date", date(2026, 11, 26)), "cp_plan": "yes", "initial_category": "EMO"},
    )
    assert response.status_code == 200
    assert (
        "Amy Protect already has an open child protection plan, started 24 November 2026"
        in response.content.decode()
    )
    assert ChildProtectionPlan.objects.count() == 1
