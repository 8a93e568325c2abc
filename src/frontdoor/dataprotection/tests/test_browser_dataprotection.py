"""Browser journey: the officer reviews retention, places a legal hold, a second manager releases
it, and the officer reviews redactions for a subject access export; every page checked by axe."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
import time_machine

from frontdoor.conftest import PASSWORD
from frontdoor.dataprotection.models import LegalHold, SubjectAccessExport
from frontdoor.people.tests.factories import make_child, make_contact, make_siblings
from frontdoor.testing.browser import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_officer_places_a_hold_a_second_manager_releases_it_and_a_subject_access_export(
    page, officer, second_officer
):
    with time_machine.travel(datetime(2000, 6, 1, 12, 0, tzinfo=UTC), tick=False):
        old = make_child("Olive", "Archer", date(1990, 2, 2))
    mother, child, sibling = make_siblings("Stewart")
    make_contact([child], referrer_name="Jo Neighbour")

    sign_in(page, "dp_officer", PASSWORD)
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Data protection").click()
    page.axe.check()
    assert "Olive Archer" in page.content()
    page.get_by_role("link", name="Olive Archer").click()
    page.axe.check()
    page.get_by_role("button", name="Place legal hold").click()  # no reason
    page.axe.check()
    assert "Enter why the records must be kept" in page.locator(".govuk-error-summary").inner_text()
    page.get_by_label("Why must the records be kept?").fill("Civil claim CL-2026-7")
    page.get_by_role("button", name="Place legal hold").click()
    page.axe.check()
    assert "Legal hold placed on Olive Archer's records" in page.content()
    assert LegalHold.objects.get(person=old).reason == "Civil claim CL-2026-7"

    page.goto("/data-protection/?q=Stewart")
    page.axe.check()
    page.get_by_role("link", name="Amy Stewart").click()
    page.axe.check()
    page.get_by_role("link", name="Review redactions and export Amy Stewart's records").click()
    page.axe.check()
    assert "Jo Neighbour" in page.content()
    page.get_by_label("Who made the request?").fill("The young person")
    group = page.get_by_role("group", name="Date the request was received")
    group.get_by_label("Day").fill("3")
    group.get_by_label("Month").fill("3")
    group.get_by_label("Year").fill("2026")
    with page.expect_download() as download:
        page.get_by_role("button", name="Export records").click()
    assert download.value.suggested_filename.startswith(f"subject-access-{child.la_child_id}-")
    assert SubjectAccessExport.objects.get().person == child

    page.context.clear_cookies()
    sign_in(page, "dp_second", PASSWORD)
    page.goto(f"/data-protection/people/{old.pk}/")
    page.axe.check()
    page.get_by_label("Why is the legal hold no longer needed?").fill("Claim settled")
    page.get_by_role("button", name="Release legal hold").click()
    page.axe.check()
    assert "Legal hold on Olive Archer's records released" in page.content()
    assert LegalHold.objects.get(person=old).released_by == second_officer
