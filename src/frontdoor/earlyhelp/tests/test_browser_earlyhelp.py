"""Browser journey: the early help manager accepts a step-down, then records the EH assessment."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from frontdoor.conftest import PASSWORD
from frontdoor.earlyhelp.models import EarlyHelpEpisode
from frontdoor.earlyhelp.services import stepdown_request
from frontdoor.people.tests.factories import make_child
from frontdoor.testing.browser import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_early_help_manager_accepts_a_stepdown_and_records_the_assessment(
        page, early_help_manager, mash_manager):
    child = make_child("Maisie", "Holloway")
    stepdown_request(actor=mash_manager, person=child, source_type="screening", source_id="12",
                     summary="Maisie's attendance has dropped; mum is isolated after a house move.",
                     risks_and_protective_factors="Risk: isolation, missed school. Protective: "
                                                  "mum wants help; aunt close by.",
                     at=timezone.now() - timedelta(days=2))
    today = timezone.localdate()

    sign_in(page, "early_help_manager", PASSWORD)
    page.goto("/early-help/")
    page.axe.check()
    assert "aunt close by" in page.content()
    page.get_by_role("link", name="Accept or decline the step-down for Maisie Holloway").click()
    page.axe.check()

    page.get_by_role("button", name="Accept step-down").click()  # nothing filled in
    page.axe.check()
    summary = page.locator(".govuk-error-summary").inner_text()
    assert "Enter the name of the lead professional" in summary
    assert "Enter the lead professional's organisation" in summary

    page.get_by_label("Lead professional", exact=True).fill("Priya Shah")
    page.get_by_label("Lead professional's organisation").fill("Demoton Family Hub")
    page.get_by_role("button", name="Accept step-down").click()
    page.axe.check()
    assert "Step-down accepted: early help episode started" in page.content()

    page.get_by_role("button", name="Record early help assessment").or_(
        page.get_by_role("link", name="Record early help assessment")).first.click()
    page.axe.check()
    group = page.get_by_role("group", name="Date the early help assessment started")
    group.get_by_label("Day").fill(str(today.day))
    group.get_by_label("Month").fill(str(today.month))
    group.get_by_label("Year").fill(str(today.year))
    page.get_by_role("button", name="Save assessment dates").click()
    page.axe.check()
    assert "Early help assessment dates saved" in page.content()
    episode = EarlyHelpEpisode.objects.get()
    assert episode.lead_professional == "Priya Shah"
    assert episode.assessment_start_date == today
    assert episode.assessment_organisation == "Demoton Family Hub"
