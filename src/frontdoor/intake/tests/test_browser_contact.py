"""Browser journey: a MASH practitioner finds a family and records one contact about two siblings."""

import pytest

from frontdoor.conftest import PASSWORD
from frontdoor.people.tests.factories import make_siblings
from frontdoor.testing.browser import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_it_records_a_contact_for_two_siblings(page, mash_worker):
    make_siblings("Featherstone")
    sign_in(page, "mash_worker", PASSWORD)

    page.get_by_role("navigation", name="Menu").get_by_role("link", name="People").click()
    page.axe.check()
    page.get_by_label("Name, NHS number or UPN").fill("Amy Fetherstone")  # misspelt on purpose
    page.locator("#main-content").get_by_role("button", name="Search").click()
    page.axe.check()
    page.get_by_role("link", name="Amy Featherstone").click()
    page.axe.check()
    assert page.get_by_role("link", name="Ben Featherstone").is_visible()

    page.get_by_role("link", name="Record a contact").click()
    page.axe.check()
    page.get_by_label("Ben Featherstone").check()
    page.get_by_label("Day").fill("24")
    page.get_by_label("Month").fill("11")
    page.get_by_label("Year").fill("2026")
    page.get_by_label("Time (24-hour)").fill("10:15")
    page.get_by_role("radio", name="Phone").check()
    page.get_by_label("Source").select_option("2A")
    page.get_by_label("Organisation (optional for individuals)").fill("Demoton Primary School")
    page.get_by_label("Referrer's name").fill("Pat Teacher")
    page.get_by_label("The concerns, in the referrer's words").fill(
        "Both children came to school hungry."
    )
    page.get_by_role("checkbox", name="Neglect").check()
    page.get_by_role("radio", name="Not known").check()
    page.get_by_role("button", name="Record contact").click()
    page.axe.check()
    assert "Contact recorded for 2 children" in page.content()

    page.get_by_role("link", name="MASH queue", exact=True).click()
    page.axe.check()
    row = page.locator("tr", has_text="Amy Featherstone")
    assert row.count() == 1
    assert "Ben Featherstone" in row.inner_text()


def test_it_shows_errors_next_to_fields_when_the_contact_is_incomplete(page, mash_worker):
    _, amy, _ = make_siblings("Oakley")
    sign_in(page, "mash_worker", PASSWORD)
    page.goto(f"/contacts/new/?person={amy.pk}")
    page.axe.check()
    page.get_by_label("Amy Oakley").uncheck()
    page.get_by_role("button", name="Record contact").click()
    page.axe.check()
    summary = page.locator(".govuk-error-summary")
    assert "Select at least one child the contact is about" in summary.inner_text()
    assert "Enter the date and time the contact was received" in summary.inner_text()
