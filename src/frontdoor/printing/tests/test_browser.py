"""Browser: the printable pages pass axe on screen, and printed (print media) they hide the
service's header, navigation and buttons and keep the marking and the council's name."""

from __future__ import annotations

import pytest
from django.utils import timezone

from frontdoor.child_protection.tests.helpers import discuss, open_referral
from frontdoor.conftest import PASSWORD
from frontdoor.people.tests.factories import make_child, make_contact
from frontdoor.testing.browser import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_print_pages_are_accessible_and_print_with_the_marking(page, social_worker):
    child = make_child("Nia", "Attwood")
    contact = make_contact([child], received_at=timezone.now())
    discussion = discuss(social_worker, open_referral(social_worker))
    sign_in(page, "social_worker", PASSWORD)
    for url in (
        f"/print/contacts/{contact.pk}/",
        f"/print/people/{child.pk}/chronology/",
        f"/print/strategy-discussions/{discussion.pk}/",
        f"/print/icpc/{discussion.s47.pk}/",
    ):
        page.goto(url)
        page.axe.check()
        assert page.locator(".fd-print-marking").first.inner_text() == "OFFICIAL-SENSITIVE"
    page.emulate_media(media="print")
    assert not page.locator(".govuk-service-navigation").is_visible()
    assert not page.locator(".govuk-back-link").is_visible()
    assert page.locator(".fd-print-meta").is_visible()
    assert "Demoshire County Council. Printed" in page.locator(".fd-print-meta").inner_text()
