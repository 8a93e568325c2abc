"""Browser journey for the system administrator: every administration page, with axe-core on each
page visited: users (create with an error first, change, deactivate), teams, roles, partner
organisations and break-glass access to one person's record."""

import pytest

from frontdoor.accounts.models import User
from frontdoor.administration.models import BreakGlassGrant
from frontdoor.conftest import PASSWORD
from frontdoor.people.tests.factories import make_child
from frontdoor.testing.browser import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def go(page, name: str) -> None:  # type: ignore[no-untyped-def]
    page.get_by_role("button", name=name).click()
    page.wait_for_load_state("load")
    page.axe.check()


def link(page, name: str) -> None:  # type: ignore[no-untyped-def]
    page.get_by_role("link", name=name, exact=True).first.click()
    page.wait_for_load_state("load")
    page.axe.check()


def test_the_administrator_manages_accounts_teams_and_organisations(page, admin_user):
    sign_in(page, "admin_user", PASSWORD)  # lands on the home page (core/home.py)
    link(page, "Administration")
    assert page.get_by_role("heading", name="Administration", exact=True).is_visible()

    link(page, "Partner organisations")
    link(page, "Add a partner organisation")
    page.fill("#id_name", "Oakfield Primary")
    go(page, "Add organisation")
    assert (
        "Choose the agency the organisation belongs to"
        in page.locator(".govuk-error-summary").inner_text()
    )
    page.select_option("#id_agency", "education")
    go(page, "Add organisation")
    link(page, "Oakfield Primary")
    page.fill("#id_name", "Oakfield Primary School")
    go(page, "Save changes")
    assert "Oakfield Primary School updated" in page.content()

    page.goto("/administration/teams/")
    page.axe.check()
    link(page, "Add a team")
    page.fill("#id_name", "MASH South")
    go(page, "Add team")
    link(page, "MASH South")
    page.fill("#id_kind", "mash")
    go(page, "Save changes")

    page.goto("/administration/roles/")
    page.axe.check()
    assert page.get_by_role("cell", name="System administrator").is_visible()

    page.goto("/administration/users/")
    page.axe.check()
    link(page, "Create a user")
    page.fill("#id_username", "school.dsl")
    page.fill("#id_first_name", "Dana")
    page.fill("#id_last_name", "Lee")
    page.select_option("#id_role", "partner")
    page.fill("#id_password", "a-long-first-password-42")
    go(page, "Create user")
    assert (
        "Choose the partner organisation this user submits concerns for"
        in page.locator(".govuk-error-summary").inner_text()
    )
    page.select_option("#id_organisation", label="Oakfield Primary School")
    page.fill("#id_password", "a-long-first-password-42")
    go(page, "Create user")
    assert page.get_by_role("heading", name="Dana Lee").is_visible()
    link(page, "Change details")
    page.fill("#id_job_title", "Designated safeguarding lead")
    go(page, "Save changes")
    assert "Designated safeguarding lead" in page.content()
    go(page, "Deactivate account")
    assert "Dana Lee's account deactivated" in page.content()
    user = User.objects.get(username="school.dsl")
    assert (user.is_active, user.organisation) == (False, "Oakfield Primary School")


def test_the_administrator_uses_break_glass_for_one_record(page, admin_user):
    child = make_child("Leo", "Stewart")
    sign_in(page, "admin_user", PASSWORD)  # lands on the home page (core/home.py)
    link(page, "Administration")
    link(page, "Break-glass access")
    link(page, "Use break-glass access")
    page.fill("#id_person", str(child.pk))
    go(page, "Open the record")
    assert (
        "Enter the reason for the emergency access"
        in page.locator(".govuk-error-summary").inner_text()
    )
    page.fill("#id_reason", "Police at the door out of hours; EDT asked for the GP's details")
    go(page, "Open the record")
    assert page.get_by_role("heading", name="Leo Stewart").first.is_visible()
    page.goto("/administration/break-glass/")
    page.axe.check()
    go(page, f"End access (grant {BreakGlassGrant.objects.get().pk})")
    assert "Break-glass access ended" in page.content()
    assert BreakGlassGrant.objects.get().ended_at is not None
