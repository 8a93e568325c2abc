"""Browser journey: the early help manager accepts a step-down, records the EH assessment, and
later steps the child up to the MASH."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from frontdoor.conftest import PASSWORD
from frontdoor.earlyhelp.models import EarlyHelpEpisode
from frontdoor.earlyhelp.services import stepdown_request
from frontdoor.earlyhelp.tests.factories import make_source
from frontdoor.people.tests.factories import make_child
from frontdoor.testing.browser import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_early_help_manager_accepts_a_stepdown_records_the_assessment_and_steps_up(
    page, early_help_manager, mash_manager
):
    child = make_child("Maisie", "Holloway")
    stepdown_request(
        actor=mash_manager,
        person=child,
        source=make_source(child),
        summary="Maisie's attendance has dropped; mum is isolated after a house move.",
        risks_and_protective_factors="Risk: isolation, missed school. Protective: "
        "mum wants help; aunt close by.",
        at=timezone.now() - timedelta(days=2),
    )
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
        page.get_by_role("link", name="Record early help assessment")
    ).first.click()
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

    page.get_by_role("link", name="Request step-up to social care").click()
    page.axe.check()
    page.get_by_label("Why does the child need to step up to social care?").fill(
        "Mum's new partner has a history of violence."
    )
    page.get_by_label("The current concerns").fill("Maisie has an unexplained bruise.")
    page.get_by_role("checkbox", name="Physical abuse").check()
    page.get_by_role("radio", name="Yes").check()
    page.get_by_role("button", name="Send step-up to the MASH").click()
    page.axe.check()
    assert "Step-up sent to the MASH" in page.content()
    page.get_by_role("link", name=re.compile(r"^Contact \d+ to the MASH$")).click()
    page.axe.check()
    assert "5D: LA services: early help" in page.content()
    assert "Early help history" in page.content()
