"""Guards that keep the CIN census rules at the point of entry (issue 16): what the DfE's
validation rules would reject at year end is refused when the work is recorded."""

from __future__ import annotations

from datetime import date, datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError

from frontdoor.child_protection import guards, services
from frontdoor.core.calendar import LONDON

from .helpers import discuss, open_referral

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 11, 26, 10, 0, tzinfo=LONDON)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def _plan(worker, icpc=date(2026, 11, 25)):
    s47 = discuss(worker, open_referral(worker)).s47
    services.s47_findings_record(
        actor=worker,
        s47=s47,
        child_seen_date=date(2026, 11, 20),
        seen_alone=True,
        not_seen_alone_reason="",
        child_words="x",
        outcome="substantiated_icpc",
        outcome_date=date(2026, 11, 23),
    )
    return services.icpc_record(
        actor=worker, s47=s47, icpc_date=icpc, cp_plan=True, initial_category="PHY"
    )


def test_it_refuses_to_end_a_plan_on_the_day_it_started_8840(social_worker):
    plan = _plan(social_worker)
    with pytest.raises(ValidationError) as error:
        services.cp_plan_end(
            actor=social_worker, plan=plan, end_date=plan.start_date, reason="Risk reduced"
        )
    assert "after the plan started, 25 November 2026" in error.value.message_dict["end_date"][0]
    with pytest.raises(ValidationError):
        services.cp_plan_end(
            actor=social_worker, plan=plan, end_date=date(2026, 11, 24), reason="Risk reduced"
        )
    services.cp_plan_end(
        actor=social_worker, plan=plan, end_date=date(2026, 11, 26), reason="Risk reduced"
    )
    plan.refresh_from_db()
    assert plan.end_date == date(2026, 11, 26)


def test_a_new_plan_must_start_after_the_last_one_ended_8940(social_worker):
    plan = _plan(social_worker)
    person = plan.person
    assert "already has an open child protection plan" in guards.plan_overlap_problem(
        person, date(2026, 11, 26)
    )
    services.cp_plan_end(
        actor=social_worker, plan=plan, end_date=date(2026, 11, 26), reason="Risk reduced"
    )
    message = guards.plan_overlap_problem(person, date(2026, 11, 26))
    assert message and "ended on 26 November 2026" in message
    assert guards.plan_overlap_problem(person, date(2026, 11, 27)) is None
