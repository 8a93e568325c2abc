"""Browser journey for the child's consistent identifier: search finds a child by a misspelt name
and says why, the tray of children without an NHS number lists them, the NHS number page refuses
a wrong check digit with the error beside the field, then records the verified number. axe-core
runs on every page visited."""

from datetime import date

import pytest

from frontdoor.conftest import PASSWORD
from frontdoor.people.models import Person
from frontdoor.testing.browser import sign_in

from .factories import make_child, make_contact

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_find_a_child_and_record_their_nhs_number(page, mash_worker):
    child = make_child("Lachlan", "De Angelis", date(2014, 5, 17))
    make_contact([child])
    sign_in(page, "mash_worker", PASSWORD)

    page.goto("/people/?q=lachlan+de+angellis")
    page.axe.check()
    row = page.locator("tbody tr").first.inner_text()
    assert "Lachlan De Angelis" in row and "surname sounds alike; first name exact" in row

    page.goto("/people/no-nhs-number/")
    page.axe.check()
    assert "Not yet checked with health" in page.locator("tbody").inner_text()
    page.get_by_role("link", name="Record NHS number for Lachlan De Angelis").click()
    page.wait_for_load_state("load")
    page.axe.check()

    page.fill("#id_nhs_number", "943 476 5918")
    page.get_by_label("Verified", exact=True).check()
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state("load")
    page.axe.check()
    summary = page.locator(".govuk-error-summary").inner_text()
    assert "the last digit does not match" in summary
    assert "Select how the NHS number was verified" in summary

    page.fill("#id_nhs_number", "943 476 5919")
    page.get_by_label("Traced on the NHS Personal Demographics Service (PDS)").check()
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state("load")
    page.axe.check()
    assert "NHS number recorded" in page.content()
    child = Person.objects.get(pk=child.pk)
    assert (child.nhs_number, child.nhs_status, child.nhs_verified_how) == (
        "9434765919",
        "verified",
        "pds",
    )
