"""Partner agency users submit concerns and see only their own submissions and outcomes."""

from datetime import date

import pytest

from frontdoor.intake.models import Contact
from frontdoor.intake.partner import UNVERIFIED_FLAG
from frontdoor.people.models import Person
from frontdoor.people.tests.factories import make_child

pytestmark = pytest.mark.django_db

FORM = {
    "first_name": "Jon",
    "last_name": "Smith",
    "date_of_birth_day": "3",
    "date_of_birth_month": "2",
    "date_of_birth_year": "2016",
    "concerns": "Bruise on the cheek; said dad hit him.",
    "categories": ["physical"],
    "parents_aware": "no",
}


def test_a_concern_about_a_known_child_is_matched_to_the_index(as_user, police_partner):
    known = make_child("John", "Smith", date(2016, 2, 3))
    response = as_user(police_partner).post("/contacts/submit/", FORM)
    contact = Contact.objects.get()
    assert response.status_code == 302
    assert list(contact.children.values_list("person_id", flat=True)) == [known.pk]
    assert (contact.source, contact.channel, contact.submitted_by_partner) == (
        "6",
        "online",
        police_partner,
    )
    assert contact.source_organisation == "Test Police"


def test_an_unknown_child_is_created_and_flagged_for_checking(as_user, police_partner):
    make_child("Amelia", "Stone", date(2016, 2, 3))
    as_user(police_partner).post("/contacts/submit/", FORM)
    created = Person.objects.get(first_name="Jon")
    assert created.flags == [UNVERIFIED_FLAG]


def test_bad_input_is_explained_and_nothing_saved(as_user, police_partner):
    response = as_user(police_partner).post(
        "/contacts/submit/", FORM | {"date_of_birth_day": "31", "concerns": ""}
    )
    body = response.content.decode()
    assert "Child&#x27;s date of birth must be a real date" in body
    assert "Enter what you are worried about" in body
    assert not Contact.objects.exists() and not Person.objects.exists()


def test_the_partner_sees_the_outcome_of_their_own_concern_only(
    as_user, police_partner, mash_worker
):
    as_user(police_partner).post("/contacts/submit/", FORM)
    contact = Contact.objects.get()
    contact.outcome_summary = "Referred for a child and family assessment"
    contact.save(update_fields=["outcome_summary"])
    body = as_user(police_partner).get("/contacts/submitted/").content.decode()
    assert "Referred for a child and family assessment" in body and "Jon Smith" in body
    person = contact.children.get().person
    assert as_user(police_partner).get(f"/people/{person.pk}/").status_code == 404


def test_practitioners_cannot_use_the_partner_form(as_user, mash_worker):
    assert as_user(mash_worker).get("/contacts/submit/").status_code == 403
