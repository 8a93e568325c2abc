"""Browser journey: a manager reads the dashboard and drills into a figure; an analyst runs the
census checks. Every page is checked for accessibility."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from frontdoor.conftest import PASSWORD
from frontdoor.core.calendar import local_date
from frontdoor.testing.browser import sign_in

from .builders import child, contact, referral

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_it_shows_the_dashboard_drill_down_and_census_checks(page, mash_manager, analyst):
    today = local_date(timezone.now())
    amy = child("Amy", "Dashboard")
    contact([amy], timezone.now() - timedelta(days=2), source="6", referrer_name="PC Smith")
    referral(amy, today - timedelta(days=2))
    sign_in(page, "mash_manager", PASSWORD)
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Performance").click()
    page.axe.check()
    assert page.get_by_role("heading", name="Contacts by source").is_visible()
    page.get_by_role("link", name="1 child: Contacts by source, 6: Police").click()
    page.axe.check()
    assert page.get_by_role("link", name="Amy Dashboard").is_visible()
    page.get_by_role("button", name="Sign out").click()
    page.axe.check()

    sign_in(page, "analyst", PASSWORD)
    page.axe.check()  # the analyst's home is the dashboard
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Returns").click()
    page.axe.check()
    page.get_by_role("button", name="Run the checks").click()
    page.axe.check()
    assert page.get_by_text("No errors: the DfE will accept the file").is_visible()
