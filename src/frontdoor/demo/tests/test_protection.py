"""The demo stage on its own (no screening stage): its records obey the CIN census rules."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

import pytest
import time_machine

from frontdoor.accounts.models import User
from frontdoor.assessments.models import Assessment
from frontdoor.cases.models import Referral
from frontdoor.child_protection.models import ChildProtectionPlan, Section47Enquiry
from frontdoor.core.calendar import LONDON, get_calendar
from frontdoor.demo import protection as demo
from frontdoor.demo.context import SeedContext
from frontdoor.demo.users import create_demo_users
from frontdoor.people.tests.factories import make_child, make_contact

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 11, 26, 10, 0, tzinfo=LONDON)


def test_the_demo_stage_makes_census_clean_records():
    with time_machine.travel(NOW, tick=False):
        users = create_demo_users()
        ctx = SeedContext(rng=random.Random(3), now=NOW, contacts_wanted=60, users=users)
        for user in User.objects.filter(is_active=True).order_by("username"):
            ctx.staff.setdefault(user.role, []).append(user)
        for i in range(60):
            child = make_child(f"Kid{i}", "Demo")
            ctx.contacts.append(
                make_contact([child], received_at=NOW - timedelta(days=400 - i * 6))
            )
        demo.seed(ctx)
    referrals = Referral.objects.filter(nfa=False)
    assert referrals.count() >= 8
    assert (
        Assessment.objects.count() >= referrals.count() - 2
    )  # only the newest may not have started
    cal = get_calendar()
    for s47 in Section47Enquiry.objects.select_related("referral", "strategy_discussion"):
        assert s47.start_date >= s47.referral.referral_date
        assert s47.referral.reason_for_closure not in ("RC8", "RC9")
        assert cal.is_working_day(s47.icpc_target)
        assert s47.icpc_date is None or cal.is_working_day(s47.icpc_date)
    for plan in ChildProtectionPlan.objects.select_related("s47"):
        assert plan.start_date == plan.s47.icpc_date
    for referral in referrals:
        assert referral.assessments.filter(authorised_date__isnull=True).count() <= 1
        for a in referral.assessments.all():
            assert a.start_date >= referral.referral_date
            assert a.authorised_date is None or a.authorised_date <= a.due_date or a.late_reason
            assert "21" not in a.factors or a.factors == ["21"]
            if referral.closure_date:
                assert a.authorised_date is not None and a.authorised_date <= referral.closure_date
