"""Browser journey: a MASH manager opens a child's sharing page from the person page, records a
decision not to share (first with a missing reason), and finds it in the information-governance
report. The accessibility check runs on every page visited."""

from __future__ import annotations

import pytest

from frontdoor.conftest import PASSWORD
from frontdoor.people.tests.factories import make_child
from frontdoor.sharing.models import SharingRecord
from frontdoor.testing.browser import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_manager_records_a_decision_not_to_share_and_finds_it_in_the_report(page, mash_manager):
    child = make_child("Maisie", "Holloway", nhs_number="9434765919")

    sign_in(page, "mash_manager", PASSWORD)
    page.goto(f"/people/{child.pk}/")
    page.axe.check()
    page.get_by_role("link", name="What we shared, with whom and why").click()
    page.axe.check()
    assert "Maisie Holloway, NHS number 943 476 5919" in page.content()
    page.get_by_role("link", name="Record a decision not to share").click()
    page.axe.check()

    page.get_by_label("What information was asked for or considered").fill(
        "The mother's new address"
    )
    page.get_by_label("Who asked for it, or who it would have gone to").fill("Mr Fox")
    page.get_by_label("Their agency or organisation").fill("Father's solicitor")
    page.get_by_label("Lawful basis and purpose the request relied on").select_option("s16la")
    page.get_by_label("How it was asked for").select_option("letter")
    page.get_by_role("button", name="Record decision not to share").click()
    page.axe.check()
    summary = page.locator(".govuk-error-summary").inner_text()
    assert "Enter why the information was not shared" in summary

    page.get_by_label("Why the information is not being shared").fill(
        "Sharing the address would put Maisie and her mother at risk"
    )
    page.get_by_role("button", name="Record decision not to share").click()
    page.axe.check()
    assert "Decision not to share about Maisie Holloway recorded" in page.content()
    assert "Father&#x27;s solicitor" in page.content() or "Father's solicitor" in page.content()
    assert SharingRecord.objects.get().shared is False

    page.goto("/sharing/report/?shared=no")
    page.axe.check()
    assert "1 record" in page.content()
    assert "Maisie Holloway" in page.content()
