"""Browser journey for a restricted-records manager: correct a child's details (an error first),
seal the record choosing its access list, unseal it, and review an old seal. axe-core runs on
every page visited."""

from datetime import datetime

import pytest
from django.utils import timezone

from frontdoor.conftest import PASSWORD
from frontdoor.core.calendar import months_before
from frontdoor.people.models import Person, PersonCorrection, Seal, SealReview
from frontdoor.people.services import person_seal
from frontdoor.testing.browser import sign_in

from .factories import make_child

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def go(page, name: str) -> None:  # type: ignore[no-untyped-def]
    page.get_by_role("button", name=name).click()
    page.wait_for_load_state("load")
    page.axe.check()


def follow(page, name: str) -> None:  # type: ignore[no-untyped-def]
    page.get_by_role("link", name=name).click()
    page.wait_for_load_state("load")
    page.axe.check()


def test_correct_seal_unseal_and_review(page, records_manager, mash_worker):
    child = make_child("Leo", "Stewart")
    old = make_child("Old", "Seal")
    seal = person_seal(actor=records_manager, person=old, reason="Staff member's child")
    long_ago = months_before(timezone.localdate(), 13)
    Seal.objects.filter(pk=seal.pk).update(
        sealed_at=timezone.make_aware(datetime(long_ago.year, long_ago.month, long_ago.day, 10))
    )
    sign_in(page, "records_manager", PASSWORD)

    page.goto(f"/people/{child.pk}/")
    page.axe.check()
    follow(page, "Correct details")
    page.fill("#id_school", "Demoton Primary")
    go(page, "Save corrections")
    summary = page.locator(".govuk-error-summary").inner_text()
    assert "Enter why these details are being corrected" in summary
    page.fill("#id_reason", "School confirmed by phone")
    go(page, "Save corrections")
    assert "Details corrected" in page.content()
    row = page.locator("#corrections + table tbody tr").first.inner_text()
    assert "School or setting" in row and "Demoton Primary" in row
    assert PersonCorrection.objects.get(person=child).reason == "School confirmed by phone"

    follow(page, "Seal this record")
    page.fill("#id_reason", "Child of a MASH staff member")
    page.get_by_label("Mash Tester (MASH practitioner, MASH)").check()
    go(page, "Seal the record")
    assert page.get_by_role("heading", name="Access list").is_visible()
    assert set(child.access_list.values_list("user__username", flat=True)) == {
        "records_manager",
        "mash_worker",
    }

    page.goto(f"/people/{child.pk}/")
    page.axe.check()
    follow(page, "Unseal this record")
    go(page, "Unseal the record")
    assert "Enter why this record no longer needs to be sealed" in page.content()
    page.fill("#id_reason", "Staff member has left the council")
    go(page, "Unseal the record")
    assert Person.objects.get(pk=child.pk).sealed is False
    assert "Staff member has left the council" in page.content()

    follow(page, "Seals to review")
    assert "Staff member&#x27;s child" in page.content() or "Staff member's child" in page.content()
    page.fill(f"#id_seal-{seal.pk}-note", "Still works in the MASH")
    go(page, f"Reviewed: keep sealed (seal {seal.pk})")
    assert "No sealed record is due for review." in page.content()
    assert SealReview.objects.get(seal=seal).note == "Still works in the MASH"
