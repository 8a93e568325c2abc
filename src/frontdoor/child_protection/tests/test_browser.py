"""Browser journey: strategy discussion → s47 → ICPC with a CP plan."""

from __future__ import annotations

from datetime import timedelta

import pytest

from frontdoor.child_protection.models import ChildProtectionPlan
from frontdoor.conftest import PASSWORD
from frontdoor.testing.browser import sign_in

from .browser_helpers import fill_date, go, working_days
from .helpers import open_referral

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_strategy_discussion_to_s47_to_icpc_with_a_plan(page, social_worker):
    icpc_day, held_day = working_days()
    referral = open_referral(
        social_worker, on=held_day - timedelta(days=7), first="Ruby", last="Ashdown"
    )
    sign_in(page, "social_worker", PASSWORD)  # lands on the home page (core/home.py)
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Child protection").click()
    page.wait_for_load_state("load")
    page.axe.check()
    assert "Child protection work tray" in page.content()
    go(page, "Ruby Ashdown")
    go(page, "Record a strategy discussion")
    fill_date(page, "id_held_at", held_day, "09:30")
    for i, (name, agency) in enumerate([("Sam Social", "social_care"), ("DC Holt", "police")]):
        page.locator(f"#id_participants-{i}-name").fill(name)
        page.locator(f"#id_participants-{i}-agency").select_option(agency)
        page.locator(f"#id_participants-{i}-role").fill("Officer")
    page.get_by_label("Information shared").fill("School saw a bruise on Ruby's cheek.")
    page.get_by_label("Section 47 enquiry: joint with police").check()
    page.get_by_label("Rationale for the decision").fill(
        "Injury with an account that does not fit."
    )
    page.locator("#id_actions-0-owner").fill("DC Holt")
    page.locator("#id_actions-0-action").fill("Joint visit to Ruby at school")
    fill_date(page, "id_actions-0-due_date", icpc_day)
    go(page, "Record strategy discussion", "button")
    assert "No one from health took part" in page.content()  # a warning, not a refusal
    go(page, "Section 47 enquiry started")
    go(page, "Record the findings and outcome")
    fill_date(page, "id_child_seen_date", held_day)
    page.get_by_role("radio", name="Yes").check()
    page.get_by_label("The child's words and wishes").fill(
        "Ruby said her dad hit her when he was angry."
    )
    page.get_by_label("Concerns substantiated: an ICPC is needed").check()
    fill_date(page, "id_outcome_date", icpc_day)
    go(page, "Record findings", "button")
    go(page, "Record the ICPC")
    fill_date(page, "id_icpc_date", icpc_day)
    page.get_by_role("radio", name="Yes").check()
    page.get_by_label("Physical abuse").check()
    go(page, "Record ICPC", "button")
    plan = ChildProtectionPlan.objects.get(referral=referral)
    assert plan.start_date == icpc_day and plan.initial_category == "PHY"
    assert "First review due by" in page.content()
