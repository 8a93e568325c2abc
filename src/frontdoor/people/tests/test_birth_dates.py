"""Plausible dates of birth: one validator (`core.validators`) used by the person form, corrections,
the partner's concern form and the partner API. No child born more than 25 years ago or in the
future; an unborn child has an expected date of delivery within the next ten months."""

from datetime import date

import pytest
import time_machine
from django.core.exceptions import ValidationError

from frontdoor.core.validators import check_child_date_of_birth, check_expected_date_of_birth
from frontdoor.intake.models import Contact
from frontdoor.people.models import Person

from .factories import make_child
from .helpers import correction_post

pytestmark = pytest.mark.django_db

TODAY = date(2026, 12, 1)


@pytest.mark.parametrize(
    ("born", "ok"),
    [
        (date(2001, 12, 1), True),  # exactly 25 years ago: a care leaver, still a child here
        (date(2001, 11, 30), False),
        (date(1890, 5, 1), False),
        (TODAY, True),
        (date(2026, 12, 2), False),
    ],
)
def test_it_allows_only_a_child_born_in_the_last_25_years(born, ok):
    if ok:
        assert check_child_date_of_birth(born, today=TODAY) == born
    else:
        with pytest.raises(ValidationError):
            check_child_date_of_birth(born, today=TODAY)


@pytest.mark.parametrize(
    ("expected", "ok"),
    [
        (date(2027, 10, 1), True),  # ten months ahead
        (date(2027, 10, 2), False),
        (date(2026, 11, 1), True),  # a month overdue
        (date(2026, 10, 31), False),
    ],
)
def test_an_expected_date_of_delivery_is_within_the_next_ten_months(expected, ok):
    if ok:
        assert check_expected_date_of_birth(expected, today=TODAY) == expected
    else:
        with pytest.raises(ValidationError):
            check_expected_date_of_birth(expected, today=TODAY)


@time_machine.travel("2026-12-01 10:00 +0000", tick=False)
def test_the_partner_form_refuses_a_child_born_in_1890_with_every_other_problem(
    as_user, police_partner
):
    form = {
        "first_name": "Jon",
        "last_name": "Smith",
        "date_of_birth_day": "3",
        "date_of_birth_month": "2",
        "date_of_birth_year": "1890",
        "concerns": "",
        "categories": ["physical"],
        "parents_aware": "no",
    }
    response = as_user(police_partner).post("/contacts/submit/", form)
    body = response.content.decode()
    assert response.status_code == 200
    assert "A child&#x27;s date of birth must be within the last 25 years" in body
    assert "Enter what you are worried about" in body
    assert not Contact.objects.exists() and not Person.objects.exists()


@time_machine.travel("2026-12-01 10:00 +0000", tick=False)
def test_the_person_form_refuses_an_unborn_child_due_in_two_years_and_a_bad_nhs_number_together(
    as_user, mash_worker
):
    response = as_user(mash_worker).post(
        "/people/new/",
        {
            "kind": "unborn",
            "first_name": "Baby",
            "last_name": "Stone",
            "expected_date_of_birth_day": "1",
            "expected_date_of_birth_month": "12",
            "expected_date_of_birth_year": "2028",
            "sex": "U",
            "ethnicity": "NOBT",
            "nhs_number": "1234567890",
        },
    )
    body = response.content.decode()
    assert "The expected date of delivery must be within the next 10 months" in body
    assert "NHS number is not valid" in body
    assert not Person.objects.exists()


@time_machine.travel("2026-12-01 10:00 +0000", tick=False)
def test_a_correction_to_a_date_of_birth_in_the_future_is_refused(as_user, mash_worker):
    child = make_child("Leo", "Stewart", date(2015, 3, 27))
    response = as_user(mash_worker).post(
        f"/people/{child.pk}/correct/",
        correction_post(child, "Typed", date_of_birth=date(2027, 1, 1)),
    )
    assert "Date of birth must be today or in the past" in response.content.decode()
    child.refresh_from_db()
    assert child.date_of_birth == date(2015, 3, 27)
