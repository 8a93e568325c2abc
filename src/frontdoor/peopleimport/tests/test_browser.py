"""Browser journey: the administrator uploads a legacy people file with a problem (nothing is
imported, the report lists it by row), then the documented sample (imported, counted). axe-core
on every page."""

from pathlib import Path

import pytest

from frontdoor.conftest import PASSWORD
from frontdoor.people.models import Person
from frontdoor.peopleimport.models import PeopleImport
from frontdoor.testing.browser import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SAMPLE = Path(__file__).resolve().parents[4] / "docs" / "samples" / "legacy-people.csv"


def test_import_a_file_with_a_problem_then_the_sample(page, admin_user, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("legacy_id,first_name,last_name,date_of_birth\nX1,Amy,Stone,31/02/2015\n")
    sign_in(page, "admin_user", PASSWORD)
    page.goto(page.url.split("/", 3)[0] + "//" + page.url.split("/", 3)[2] + "/administration/")
    page.axe.check()
    page.get_by_role("link", name="Import people from an old system").click()
    page.axe.check()
    page.get_by_role("button", name="Check and import").click()
    page.axe.check()
    assert "Enter the name of the old system" in page.locator(".govuk-error-summary").inner_text()
    page.get_by_label("Name of the old system").fill("CareFirst")
    page.get_by_label("People file (CSV or JSON lines)").set_input_files(str(bad))
    page.get_by_role("button", name="Check and import").click()
    page.axe.check()
    assert "Refused: nothing imported" in page.content()
    assert "Enter a real date" in page.content()
    assert Person.objects.count() == 0
    page.get_by_role("link", name="Back to people imports").click()
    page.axe.check()
    page.get_by_label("Name of the old system").fill("CareFirst")
    page.get_by_label("People file (CSV or JSON lines)").set_input_files(str(SAMPLE))
    page.get_by_role("button", name="Check and import").click()
    page.axe.check()
    record = PeopleImport.objects.order_by("-pk").first()
    assert (record.status, record.created) == ("imported", 4)
    assert "Created" in page.content()
    assert Person.objects.count() == 4
