"""Browser journeys: a team manager opens the returns health page from the dashboard, chooses a
rule (or an Annex A list and check) to see its problems and follows one to the record to fix.
Every page is checked for accessibility."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from frontdoor.cases.models import Referral
from frontdoor.child_protection.models import ChildProtectionPlan
from frontdoor.conftest import PASSWORD
from frontdoor.reporting.services import check_results_refresh
from frontdoor.testing.browser import sign_in

from . import protection_builders as pb
from .builders import child, referral

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_manager_finds_and_follows_a_census_problem(page, mash_manager, social_worker):
    with time_machine.travel("2026-01-15 09:00Z"):
        amy = child("Amy", "Health")
        episode = referral(amy, date(2025, 6, 2), team=social_worker.team, worker=social_worker)
        Referral.objects.filter(pk=episode.pk).update(primary_need="")
        check_results_refresh(actor=None, year=2026)
    sign_in(page, "mash_manager", PASSWORD)
    page.goto("/reports/")
    page.axe.check()
    page.get_by_role("link", name="Returns health").click()
    page.axe.check()
    page.get_by_label("Collection year").select_option("2026")
    page.get_by_role("button", name="Show this year").click()
    page.axe.check()
    assert page.get_by_role("heading", name="By rule").is_visible()
    page.get_by_role("link", name="1 problem for rule 8610").click()
    page.axe.check()
    assert page.get_by_role("heading", name="Problems chosen").is_visible()
    page.get_by_role("link", name="Referral of 2 June 2025: record the primary need.").click()
    page.axe.check()
    assert page.url.endswith(reverse("child_protection:referral_detail", args=[episode.pk]))


def test_a_manager_finds_and_follows_an_annex_a_problem(page, mash_manager, social_worker):
    with time_machine.travel("2026-01-15 09:00Z"):
        amy = child("Amy", "Annex")
        episode = referral(amy, date(2025, 10, 1), team=social_worker.team, worker=social_worker)
        enquiry = pb.s47(
            episode,
            social_worker,
            date(2025, 10, 2),
            date(2025, 10, 23),
            icpc=date(2025, 10, 20),
            plan=True,
            outcome="substantiated_icpc",
        )
        plan = pb.cp_plan(enquiry, date(2025, 10, 20))
        ChildProtectionPlan.objects.filter(pk=plan.pk).update(initial_category="")
        check_results_refresh(actor=None, year=2026)
    sign_in(page, "mash_manager", PASSWORD)
    page.goto("/reports/returns/health/?year=2026")
    page.axe.check()
    assert page.get_by_role("heading", name="Annex A: by list and check").is_visible()
    page.get_by_role("link", name="1 problem in Annex A List 7").click()
    page.axe.check()
    assert page.get_by_role("heading", name="Problems chosen").is_visible()
    page.get_by_role("link", name="List 7, row 2: “Initial Category of Abuse” is blank").click()
    page.axe.check()
    assert page.url.endswith(reverse("child_protection:plan_detail", args=[plan.pk]))
