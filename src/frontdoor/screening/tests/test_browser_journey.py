"""Browser journey: a red contact through partner checks, consent dispensation, a strategy
discussion decision, the manager's authorisation and feedback to the referrer."""

from datetime import timedelta

import pytest
from django.utils import timezone

from frontdoor.cases.models import Referral
from frontdoor.conftest import PASSWORD
from frontdoor.people.tests.factories import make_child, make_contact
from frontdoor.screening.models import Screening
from frontdoor.testing.browser import sign_in

from .helpers import assessment_team

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def switch_user(page, username):
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_load_state("load")
    page.axe.check()
    sign_in(page, username, PASSWORD)


def test_it_takes_a_red_contact_to_an_authorised_strategy_discussion(
    page, mash_worker, mash_manager
):
    assessment_team()
    child = make_child("Rosa", "Quill")
    make_contact(
        [child],
        received_at=timezone.now() - timedelta(minutes=20),
        source="2A",
        concerns="Rosa has a burn on her hand and is scared to go home.",
    )
    sign_in(page, "mash_worker", PASSWORD)

    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Work trays").click()
    page.axe.check()
    page.get_by_role("link", name="Team queue").click()
    page.axe.check()
    page.get_by_role("button", name="Start screening").click()
    page.axe.check()

    page.get_by_role("link", name="Rate urgency").click()
    page.axe.check()
    page.get_by_role("radio", name="Red").check()
    page.get_by_role("button", name="Save rating").click()
    page.axe.check()

    page.get_by_role("link", name="Request information").click()
    page.axe.check()
    page.get_by_role("checkbox", name="Police").check()
    page.get_by_role("checkbox", name="Health").check()
    page.get_by_label("What are you asking?").fill(
        "Any history of injuries or callouts for Rosa's household?"
    )
    page.get_by_role("button", name="Send requests").click()
    page.axe.check()
    assert "2 information requests sent" in page.content()

    page.get_by_role("link", name="Record consent").click()
    page.axe.check()
    page.get_by_role("radio", name="No", exact=True).check()
    page.get_by_role("radio", name="Consent not sought").check()
    page.get_by_role(
        "radio", name="Seeking consent would place the child at risk of significant harm"
    ).check()
    page.get_by_role("button", name="Save consent").click()
    page.axe.check()

    page.get_by_role("link", name="Record the decision").click()
    page.axe.check()
    page.get_by_role("radio", name="Level 4: acute or specialist").check()
    page.get_by_role(
        "radio", name="Strategy discussion (immediate risk of significant harm)"
    ).check()
    page.get_by_label("Primary need (required for a referral)").select_option("N1")
    page.get_by_label("Rationale for the decision").fill("Unexplained burn and fear of going home.")
    page.get_by_label("Analysis of risks and protective factors").fill(
        "Risk: injury. Protective: school."
    )
    page.get_by_role("button", name="Send decision for authorisation").click()
    page.axe.check()

    switch_user(page, "mash_manager")
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Work trays").click()
    page.axe.check()
    page.get_by_role("link", name="Awaiting my authorisation").click()
    page.axe.check()
    row = page.locator("tr", has_text="Rosa Quill")
    assert "Strategy discussion" in row.inner_text()
    row.get_by_role("link", name="Rosa Quill").click()
    page.axe.check()
    page.get_by_role("link", name="Review the decision").click()
    page.axe.check()
    page.get_by_role("button", name="Authorise sharing without consent").click()
    page.axe.check()
    page.get_by_role("radio", name="Authorise", exact=True).check()
    page.get_by_role("button", name="Save review").click()
    page.axe.check()
    assert "Decision authorised" in page.content()

    page.get_by_role("link", name="Record an acknowledgement or feedback to the referrer").click()
    page.axe.check()
    page.get_by_role("radio", name="Outcome feedback").check()
    page.get_by_role("radio", name="Phone").check()
    page.get_by_role("button", name="Save").click()
    page.axe.check()

    page.get_by_role("link", name="Rosa Quill").first.click()
    page.axe.check()
    chronology = page.locator("table", has_text="Screening started").inner_text()
    for step in [
        "Screening started",
        "Rated red",
        "Information requested from police",
        "Information requested from health",
        "Consent not sought",
        "Sharing without consent authorised",
        "Decision recorded",
        "Decision authorised",
        "Referral opened",
        "Outcome fed back to the referrer",
    ]:
        assert step in chronology, step
    referral = Referral.objects.get(person=child)
    assert referral.primary_need == "N1" and Screening.objects.get().decision.referral == referral
