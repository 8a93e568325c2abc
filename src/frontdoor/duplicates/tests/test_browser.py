"""Browser journeys: a practitioner proposes a merge from the duplicate review; a manager compares
the two records, merges them (an error first) and undoes the merge. axe-core on every page."""

from datetime import date

import pytest

from frontdoor.conftest import PASSWORD
from frontdoor.duplicates.finding import find_duplicates
from frontdoor.duplicates.models import DuplicatePair, Merge, PairStatus
from frontdoor.people.models import Person
from frontdoor.people.tests.factories import make_child
from frontdoor.testing.browser import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def go(page, name: str) -> None:  # type: ignore[no-untyped-def]
    page.get_by_role("button", name=name).click()
    page.wait_for_load_state("load")
    page.axe.check()


def follow(page, name: str) -> None:  # type: ignore[no-untyped-def]
    page.get_by_role("link", name=name).first.click()
    page.wait_for_load_state("load")
    page.axe.check()


def test_propose_then_merge_and_undo(page, mash_worker, mash_manager):
    a = make_child("Jessica", "Thompson", date(2015, 3, 4))
    b = make_child("Jess", "Thopmson", date(2015, 4, 3))
    find_duplicates()
    sign_in(page, "mash_worker", PASSWORD)
    follow(page, "Possible duplicates")
    follow(page, "compare Jessica Thompson and Jess Thopmson")
    assert "date of birth day and month swapped" in page.content()
    page.get_by_label("Note (optional)").fill("Same school, same parents")
    go(page, "Propose a merge")
    assert DuplicatePair.objects.get().status == PairStatus.MERGE_PROPOSED

    page.context.clear_cookies()
    sign_in(page, "mash_manager", PASSWORD)
    page.goto(page.url.split("/", 3)[0] + "//" + page.url.split("/", 3)[2] + "/duplicates/")
    page.axe.check()
    follow(page, "Merge proposed")
    follow(page, "compare Jessica Thompson and Jess Thopmson")
    follow(page, "Compare and merge these records")
    page.get_by_label(f"Jessica Thompson ({a.la_child_id})").check()
    go(page, "Merge records")
    assert (
        "Say why these records are the same person"
        in page.locator(".govuk-error-summary").inner_text()
    )
    page.get_by_label("Why are these the same person?").fill("The school confirmed")
    page.get_by_role("group", name="Date of birth").get_by_label("3 April 2015").check()
    go(page, "Merge records")
    merge = Merge.objects.get()
    assert Person.objects.get(pk=a.pk).date_of_birth == date(2015, 4, 3)
    assert Person.objects.get(pk=b.pk).merged_into_id == a.pk
    assert "Records moved" in page.content()
    page.get_by_label("Why undo this merge?").fill("Two children after all")
    go(page, "Undo merge")
    merge.refresh_from_db()
    assert merge.is_undone
    assert Person.objects.get(pk=a.pk).date_of_birth == date(2015, 3, 4)
    assert Person.objects.get(pk=b.pk).merged_into_id is None
