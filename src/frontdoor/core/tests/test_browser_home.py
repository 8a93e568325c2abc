"""Browser tests of the home page (axe on every page): a challenged decision reaches the
practitioner's home page, the header search works from it, and every role's home page renders with
a sealed child present without naming them."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from frontdoor.conftest import PASSWORD
from frontdoor.people.services.sealing import person_seal
from frontdoor.screening import services
from frontdoor.screening.tests.helpers import DECISION, contact_for_one, contact_for_siblings, start
from frontdoor.testing.browser import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_out(page) -> None:  # type: ignore[no-untyped-def]
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_load_state("load")
    page.axe.check()


def test_a_challenged_decision_appears_on_the_practitioners_home_page(
    page, mash_worker, mash_manager
):
    screening = start(mash_worker, contact_for_one(timezone.now() - timedelta(hours=2), "Chal"))[0]
    decision = services.decision_record(
        actor=mash_worker, screening=screening, outcome="advice", **DECISION
    )
    services.decision_return(
        actor=mash_manager, decision=decision, challenge="Have you spoken to the school?"
    )
    sign_in(page, "mash_worker", PASSWORD)  # lands on the home page (axe checked)
    assert page.get_by_role("heading", name="Today", exact=True).is_visible()
    section = page.get_by_role(
        "region", name=re.compile(r"^Decisions returned to you with a challenge 1 in all")
    )
    assert section.is_visible()
    section.get_by_role("link", name="Chal Child: Answer the manager’s challenge").click()
    page.wait_for_load_state("load")
    page.axe.check()
    assert "Have you spoken to the school?" in page.content()

    # The search box in the header, from any page.
    page.get_by_label("Search people").fill("Chal Child")
    page.get_by_role("button", name="Search", exact=True).click()
    page.wait_for_load_state("load")
    page.axe.check()
    assert page.get_by_role("link", name="Chal Child").first.is_visible()


def test_every_roles_home_page_renders_with_a_sealed_child_without_leaking(
    page,
    mash_worker,
    mash_manager,
    social_worker,
    early_help_manager,
    designated_officer,
    edt_worker,
    police_partner,
    analyst,
    admin_user,
):
    contact = contact_for_siblings(timezone.now() - timedelta(days=3), "Hidden")
    screenings = start(mash_worker, contact)
    for s in screenings:
        services.decision_record(
            actor=mash_worker, screening=s, outcome="advice", delay_reason="volume", **DECISION
        )
    person_seal(actor=None, person=screenings[1].person, reason="Adopted: sealed record")
    users = (
        mash_worker,
        mash_manager,
        social_worker,
        early_help_manager,
        designated_officer,
        edt_worker,
        police_partner,
        analyst,
        admin_user,
    )
    for n, user in enumerate(users):
        if n:
            sign_out(page)
        sign_in(page, user.username, PASSWORD)  # the home page, axe checked
        assert page.get_by_role("heading", name="Today", exact=True).is_visible(), user.username
        assert "Ben Hidden" not in page.content(), user.username
    # The manager sees the unsealed sibling waiting for authorisation, and nothing of the other.
    sign_out(page)
    sign_in(page, "mash_manager", PASSWORD)
    section = page.get_by_role(
        "region", name=re.compile(r"^Decisions awaiting your authorisation 1 in all")
    )
    assert "Amy Hidden" in section.inner_text()
