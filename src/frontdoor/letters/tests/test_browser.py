"""Browser journey: a MASH practitioner writes the acknowledgement to the referrer from the child's
page, previews and edits it, emails it, and sees it filed with its print layout; axe on every
page."""

from __future__ import annotations

import pytest
from django.utils import timezone

from frontdoor.conftest import PASSWORD
from frontdoor.letters.models import Letter
from frontdoor.letters.services import letter_templates_install
from frontdoor.people.tests.factories import make_child, make_contact
from frontdoor.testing.browser import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _go(page, name: str, role: str = "link") -> None:
    page.get_by_role(role, name=name).first.click()
    page.wait_for_load_state("load")
    page.axe.check()


def test_a_letter_is_previewed_edited_emailed_and_filed_on_the_child(page, mash_worker):
    letter_templates_install(actor=None)  # a transactional test starts with the tables emptied
    child = make_child("Nia", "Attwood", nhs_number="9990000018")
    make_contact(
        [child],
        received_at=timezone.now(),
        referrer_name="Jo Teacher",
        referrer_email="jo.teacher@demoton-primary.example",
    )
    sign_in(page, "mash_worker", PASSWORD)
    page.goto(f"/people/{child.pk}/")
    page.axe.check()
    _go(page, "Write a letter or email about Nia Attwood")
    _go(page, "Acknowledgement to the referrer")
    assert page.get_by_label("To (name)").input_value() == "Jo Teacher"
    body = page.get_by_label("Text of the letter")
    assert "NHS number 999 000 0018" in body.input_value()
    body.fill(body.input_value() + "\n\nThank you for calling us so quickly.")
    _go(page, "Preview", "button")
    preview = page.locator(".govuk-inset-text").inner_text()
    assert "Thank you for calling us so quickly." in preview
    _go(page, "Send or file the letter", "button")
    main = page.locator("main").inner_text()
    assert "Letter sent by email" in main and "OFFICIAL-SENSITIVE" in main
    letter = Letter.objects.get()
    assert (letter.person, letter.method) == (child, "email")
    page.goto(f"/people/{child.pk}/")
    page.axe.check()
    assert "Letter emailed to Jo Teacher" in page.locator("main").inner_text()
