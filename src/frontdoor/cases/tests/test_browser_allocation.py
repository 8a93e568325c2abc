"""Browser journey (issue 13): a manager allocates an urgent referral, seeing caseloads first;
the social worker is notified, opens the notification and sees the referral on their home page.
Axe runs on every page."""

from __future__ import annotations

import re

import pytest

from frontdoor.conftest import PASSWORD
from frontdoor.testing.browser import sign_in

from .factories import urgent_referral

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_manager_allocates_an_urgent_referral_and_the_worker_is_told(
    page, mash_worker, mash_manager, social_worker
):
    referral = urgent_referral(mash_worker, mash_manager, first="Kyle")

    sign_in(page, "mash_manager", PASSWORD)
    page.goto("/cases/unallocated/")
    page.axe.check()
    assert "Urgent" in page.content()
    page.get_by_role("link", name="Kyle Child").click()
    page.axe.check()
    assert "Current caseloads" in page.content()
    page.get_by_role("button", name="Allocate").click()  # nobody chosen
    page.axe.check()
    assert "Choose the worker to allocate to" in page.locator(".govuk-error-summary").inner_text()
    page.get_by_label(f"{social_worker.display_name}, {social_worker.team}").check()
    page.get_by_role("button", name="Allocate").click()
    page.axe.check()
    assert f"Referral allocated to {social_worker.display_name}" in page.content()
    assert "Allocation history" in page.content()
    page.get_by_role("button", name="Sign out").click()
    page.axe.check()

    sign_in(page, "social_worker", PASSWORD)
    page.goto("/notifications/")
    page.axe.check()
    assert '1<span class="govuk-visually-hidden"> unread</span>' in page.content()
    assert "Urgent: the referral for Kyle Child is allocated to you" in page.content()
    page.get_by_role("button", name=re.compile("Urgent: the referral for Kyle Child")).click()
    page.axe.check()
    assert page.url.endswith(f"/cases/referrals/{referral.pk}/")
    assert "unread</span>" not in page.content()
    page.goto("/notifications/preferences/")
    page.axe.check()
    page.get_by_label("Work allocated to you").check()
    page.get_by_role("button", name="Save preferences").click()
    page.axe.check()
    assert "Your notification preferences are saved" in page.content()
    page.goto("/")
    page.axe.check()
    assert "Kyle Child" in page.content()
