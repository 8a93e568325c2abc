"""Browser journey: a new family — a household started for the first child, a brother, a sister
and their mother added (a mistyped year refused first), then one contact recorded for all three
children. axe-core runs on every page visited."""

from datetime import date

import pytest
from django.utils import timezone

from frontdoor.conftest import PASSWORD
from frontdoor.intake.models import Contact
from frontdoor.people.models import Person
from frontdoor.testing.browser import sign_in

from .factories import make_child

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def go(page, name: str) -> None:  # type: ignore[no-untyped-def]
    page.get_by_role("button", name=name).click()
    page.wait_for_load_state("load")
    page.axe.check()


def follow(page, name: str) -> None:  # type: ignore[no-untyped-def]
    page.get_by_role("link", name=name).first.click()
    page.wait_for_load_state("load")
    page.axe.check()


def add_member(page, relationship, kind, first, born, pr=False):  # type: ignore[no-untyped-def]
    follow(page, "Add a family member")
    page.get_by_label(relationship, exact=True).check()
    if pr:
        page.get_by_label("Has parental responsibility").check()
    page.get_by_label(kind, exact=True).check()
    page.fill("#id_first_name", first)
    page.fill("#id_date_of_birth", str(born.day))
    page.fill("#id_date_of_birth_month", str(born.month))
    page.fill("#id_date_of_birth_year", str(born.year))
    go(page, "Add to the household")


def test_a_new_familys_household_and_one_contact_for_all_its_children(page, mash_worker):
    amy = make_child("Amy", "Okafor", date(2016, 4, 2))
    sign_in(page, "mash_worker", PASSWORD)
    page.goto(f"/people/{amy.pk}/")
    page.axe.check()
    follow(page, "Household and relationships")
    go(page, "Start a household for this family")
    assert "Household recorded" in page.content() and "Okafor family" in page.content()

    add_member(page, "Sibling", "Child", "Ben", date(1890, 9, 12))
    assert "must be within the last 25 years" in page.locator(".govuk-error-summary").inner_text()
    page.fill("#id_date_of_birth_year", "2018")
    go(page, "Add to the household")
    add_member(page, "Sibling", "Child", "Cleo", date(2021, 1, 5))
    add_member(page, "Parent or carer", "Adult", "Grace", date(1990, 6, 1), pr=True)
    assert "Grace Okafor added to the household" in page.content()

    follow(page, "Record one contact for all 3 children")
    now = timezone.localtime()
    for name in ("Amy Okafor", "Ben Okafor", "Cleo Okafor"):
        assert page.get_by_label(name, exact=False).first.is_checked()
    page.fill("#id_received_at", str(now.day))
    page.fill("#id_received_at_month", str(now.month))
    page.fill("#id_received_at_year", str(now.year))
    page.fill("#id_received_at_time", now.strftime("%H:%M"))
    page.get_by_label("Phone", exact=True).check()
    page.select_option("#id_source", "2A")
    page.fill("#id_referrer_name", "Designated safeguarding lead")
    page.fill("#id_concerns", "The children often arrive at school hungry.")
    page.get_by_label("Neglect", exact=True).check()
    page.get_by_label("Yes", exact=True).check()
    go(page, "Record contact")
    assert "Contact recorded for 3 children" in page.content()
    contact = Contact.objects.get()
    assert sorted(contact.children.values_list("person__first_name", flat=True)) == [
        "Amy",
        "Ben",
        "Cleo",
    ]
    amy.refresh_from_db()
    assert Person.objects.get(first_name="Grace").household_id == amy.household_id is not None
