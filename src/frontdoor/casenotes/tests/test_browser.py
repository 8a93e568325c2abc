"""Browser journey: a social worker files a case note on a child (an error first), reads it, adds
to it; a manager sees the oversight needed and records it. axe-core runs on every page visited."""

from datetime import timedelta

import pytest
from django.utils import timezone

from frontdoor.casenotes.models import CaseNote
from frontdoor.conftest import PASSWORD
from frontdoor.people.services import chronology_add
from frontdoor.people.tests.factories import make_siblings
from frontdoor.testing.browser import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def go(page, name: str) -> None:  # type: ignore[no-untyped-def]
    page.get_by_role("button", name=name).click()
    page.wait_for_load_state("load")
    page.axe.check()


def follow(page, name: str) -> None:  # type: ignore[no-untyped-def]
    page.get_by_role("link", name=name, exact=True).first.click()
    page.wait_for_load_state("load")
    page.axe.check()


def test_a_case_note_is_filed_on_a_child_and_oversight_recorded(page, social_worker, mash_manager):
    mother, amy, ben = make_siblings("Harlow")
    chronology_add(
        person=amy,
        kind="allocation",
        summary="Allocated",
        actor=mash_manager,
        occurred_at=timezone.now() - timedelta(days=1),
    )
    yesterday = timezone.localtime() - timedelta(days=1)
    sign_in(page, "social_worker", PASSWORD)
    page.goto(f"/people/{amy.pk}/")
    page.axe.check()
    assert page.locator(".fd-child-alerts").is_visible()
    follow(page, "Add a case note")
    page.get_by_label("Visit").check()
    go(page, "Save the case note")
    summary = page.locator(".govuk-error-summary").inner_text()
    assert "Enter when it happened" in summary and "Enter what happened" in summary
    page.fill("#id_occurred_at", str(yesterday.day))
    page.fill("#id_occurred_at_month", str(yesterday.month))
    page.fill("#id_occurred_at_year", str(yesterday.year))
    page.fill("#id_occurred_at_time", "10:30")
    page.get_by_label("Mary Harlow (parent or carer)").check()
    page.fill("#id_text", "Home visit. Amy showed me her room and said she feels safe.")
    go(page, "Save the case note")
    assert "Case note saved" in page.content()
    note = CaseNote.objects.get(person=amy)
    assert set(note.seen.values_list("first_name", flat=True)) == {"Amy", "Mary"}
    follow(page, "Add an amendment")
    page.fill("#id_text", "Ben was at nursery.")
    go(page, "Add the amendment")
    assert "Ben was at nursery." in page.content()

    page.context.clear_cookies()
    sign_in(page, "mash_manager", PASSWORD)
    page.goto(f"/case-notes/person/{amy.pk}/")
    page.axe.check()
    assert "Management oversight needed: allocation of" in page.content()
    follow(page, "Record management oversight")
    page.get_by_label("Allocation").check()
    now = timezone.localtime()
    page.fill("#id_occurred_at", str(now.day))
    page.fill("#id_occurred_at_month", str(now.month))
    page.fill("#id_occurred_at_year", str(now.year))
    page.fill("#id_occurred_at_time", now.strftime("%H:%M"))
    page.fill("#id_text", "Agree with the allocation; review in four weeks.")
    go(page, "Save the case note")
    page.goto(f"/people/{amy.pk}/")
    page.axe.check()
    assert "Management oversight needed" not in page.content()
    assert CaseNote.objects.filter(person=amy, kind="management_oversight").count() == 1
