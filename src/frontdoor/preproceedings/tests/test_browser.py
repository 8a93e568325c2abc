"""Browser journeys (axe on every page): a referral into pre-proceedings with the letter offering
FGDM and a step-up decision; a child in need plan with a statutory visit; the overdue visits list."""

from __future__ import annotations

from datetime import timedelta

import pytest

from frontdoor.child_protection.tests.browser_helpers import fill_date, go, working_days
from frontdoor.child_protection.tests.helpers import open_referral
from frontdoor.conftest import PASSWORD
from frontdoor.preproceedings.models import PreProceedings
from frontdoor.testing.browser import sign_in
from frontdoor.visits.models import StatutoryVisit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_pre_proceedings_from_the_legal_planning_meeting_to_a_step_up(
    page, live_server, social_worker
):
    today, before = working_days()
    referral = open_referral(
        social_worker, on=before - timedelta(days=20), first="Iris", last="Penrose"
    )
    sign_in(page, "social_worker", PASSWORD)
    page.goto(f"{live_server.url}/child-protection/referrals/{referral.pk}/")
    page.axe.check()
    go(page, "Start pre-proceedings")
    go(page, "Start pre-proceedings", "button")  # empty: every problem at once
    assert "Enter the date of the legal planning meeting" in page.content()
    assert "Enter what the legal planning meeting decided and why" in page.content()
    fill_date(page, "id_pp_start_date", before)
    page.get_by_label("What the meeting decided and why").fill("Threshold met; PLO letter to go.")
    go(page, "Start pre-proceedings", "button")
    go(page, "Record the letter before proceedings")
    fill_date(page, "id_lbp_sent_date", before)
    page.get_by_role("radio", name="Yes").check()
    go(page, "Record the letter", "button")
    assert "offered an FGDM meeting" in page.content()
    go(page, "Record the decision to step up or down")
    page.get_by_label("Step up: apply to court for care proceedings").check()
    fill_date(page, "id_step_decision_date", today)
    go(page, "Record the decision", "button")
    go(page, "Record the court application")
    fill_date(page, "id_court_app_date", today)
    go(page, "Record the court application", "button")
    pp = PreProceedings.objects.get(referral=referral)
    assert (pp.fgdm_meeting_offer, pp.step_decision, pp.court_app_date) == (True, "step_up", today)
    assert "CourtAppDate" in page.content()


def test_a_child_in_need_plan_with_a_visit_and_the_overdue_list(page, live_server, social_worker):
    today, before = working_days()
    referral = open_referral(
        social_worker, on=before - timedelta(days=60), first="Noah", last="Quill"
    )
    sign_in(page, "social_worker", PASSWORD)
    page.goto(f"{live_server.url}/child-protection/referrals/{referral.pk}/")
    page.axe.check()
    go(page, "Start a child in need plan")
    fill_date(page, "id_start_date", before - timedelta(days=50))
    page.get_by_label("What the plan is to achieve").fill("Noah is at school every day.")
    go(page, "Start the plan", "button")
    page.goto(f"{live_server.url}/visits/overdue/")
    page.axe.check()
    assert "Noah Quill" in page.content()
    go(page, "Noah Quill")
    go(page, "Record a statutory visit")
    fill_date(page, "id_visit_date", today)
    page.get_by_role("group", name="Was the child seen?").get_by_label("Yes").check()
    page.get_by_role("group", name="If seen, was the child seen alone?").get_by_label("Yes").check()
    go(page, "Record the visit", "button")
    assert StatutoryVisit.objects.get().seen_alone is True
    page.goto(f"{live_server.url}/visits/overdue/")
    page.axe.check()
    assert "No statutory visit is overdue" in page.content()
