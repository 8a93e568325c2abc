"""Creating people: validation messages next to fields, duplicate warnings, history kept."""

from datetime import date

import pytest

from frontdoor.audit.models import AuditEvent
from frontdoor.people.models import Person
from frontdoor.people.services import address_add

from .factories import make_child

pytestmark = pytest.mark.django_db

VALID = {
    "kind": "child",
    "first_name": "Rosa",
    "last_name": "Lind",
    "date_of_birth_day": "4",
    "date_of_birth_month": "5",
    "date_of_birth_year": "2016",
    "sex": "F",
    "ethnicity": "WBRI",
}


def test_it_creates_a_child_with_an_address_and_audits_it(as_user, mash_worker):
    data = VALID | {"nhs_number": "943 476 5919", "line1": "2 Cedar Close", "postcode": "dm1 2ab"}
    response = as_user(mash_worker).post("/people/new/", data)
    person = Person.objects.get(last_name="Lind")
    assert response.status_code == 302 and response["Location"] == f"/people/{person.pk}/"
    assert person.nhs_number == "9434765919"
    assert person.addresses.get().postcode == "DM1 2AB"
    assert AuditEvent.objects.filter(
        action="create", record_type="person", person_id=person.pk
    ).exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("nhs_number", "943 476 5918", "NHS number is not valid: the last digit does not match"),
        ("upn", "A801200005001", "UPN is not valid: the check letter does not match"),
        ("postcode", "not a postcode", "Enter a real postcode, like SW1A 1AA"),
        ("date_of_birth_month", "13", "Date of birth must be a real date"),
    ],
)
def test_bad_identifiers_get_clear_messages_and_nothing_is_saved(
    as_user, mash_worker, field, value, message
):
    data = VALID | {field: value, "line1": "2 Cedar Close"}
    response = as_user(mash_worker).post("/people/new/", data)
    body = response.content.decode()
    assert response.status_code == 200
    assert message in body
    assert 'class="govuk-error-summary"' in body
    assert not Person.objects.filter(last_name="Lind").exists()


def test_a_likely_duplicate_is_shown_before_creating(as_user, mash_worker):
    make_child("Rosa", "Lind", date(2016, 5, 4))
    client = as_user(mash_worker)
    response = client.post("/people/new/", VALID)
    assert "These people may already be on record" in response.content.decode()
    assert Person.objects.filter(last_name="Lind").count() == 1
    client.post("/people/new/", VALID | {"not_a_duplicate": "on"})
    assert Person.objects.filter(last_name="Lind").count() == 2


def test_an_unborn_child_needs_an_expected_date_and_has_sex_u(as_user, mash_worker):
    data = {
        "kind": "unborn",
        "first_name": "Unborn",
        "last_name": "Lind",
        "sex": "F",
        "ethnicity": "NOBT",
        "expected_date_of_birth_day": "1",
        "expected_date_of_birth_month": "3",
        "expected_date_of_birth_year": "2027",
    }
    as_user(mash_worker).post("/people/new/", data)
    assert Person.objects.get(kind="unborn").sex == "U"


def test_address_history_is_kept(mash_worker):
    child = make_child(address={"line1": "1 Elm Grove", "postcode": "DM1 2AB"})
    address_add(actor=mash_worker, person=child, line1="9 Vale Street", postcode="DM2 3BD")
    addresses = list(child.addresses.order_by("id"))
    assert [a.postcode for a in addresses] == ["DM1 2AB", "DM2 3BD"]
    assert addresses[0].end_date is not None and addresses[1].end_date is None


def test_the_household_view_shows_parents_and_siblings(as_user, mash_worker):
    from .factories import make_siblings

    mother, amy, ben = make_siblings("Hale")
    body = as_user(mash_worker).get(f"/people/{amy.pk}/").content.decode()
    assert "Mary Hale" in body and "Ben Hale" in body and "parental responsibility" in body
