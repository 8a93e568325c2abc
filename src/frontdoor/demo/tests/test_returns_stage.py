"""The demo's last stage runs the census checks as the nightly job does, so the returns health
page has today's results: for the year being recorded and the one before."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime

import pytest

from frontdoor.cases.models import Referral
from frontdoor.demo import returns
from frontdoor.demo.context import SeedContext
from frontdoor.reporting.models import CheckResult, CheckRun
from frontdoor.reporting.tests.builders import child, referral

pytestmark = pytest.mark.django_db


def test_the_stage_stores_the_checks_for_this_year_and_last():
    made = referral(child("Amy", "Demo"), date(2025, 6, 2))
    Referral.objects.filter(pk=made.pk).update(primary_need="")
    now = datetime(2026, 1, 15, 9, tzinfo=UTC)
    returns.seed(SeedContext(rng=random.Random(1), now=now, contacts_wanted=0))
    assert sorted(CheckRun.objects.values_list("year", flat=True)) == [2025, 2026]
    assert CheckResult.objects.filter(year=2026, rule="8610", person=made.person).exists()
