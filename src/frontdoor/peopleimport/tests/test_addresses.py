"""The person service's addresses, as imports need them: no postcode and an address abroad are kept
and say so; an address without its first line is refused with a message, never silently dropped."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from frontdoor.people.models import Address
from frontdoor.people.services import address_add, person_create
from frontdoor.people.tests.factories import make_child

pytestmark = pytest.mark.django_db


def test_an_address_without_a_postcode_is_kept() -> None:
    child = person_create(
        actor=None,
        first_name="Amy",
        last_name="Stone",
        date_of_birth=date(2015, 3, 4),
        address={"line1": "4 Mill Lane", "town": "Demoton", "postcode": ""},
    )
    address = Address.objects.get(person=child)
    assert (address.postcode, str(address)) == ("", "4 Mill Lane, Demoton")


def test_an_address_abroad_keeps_its_postcode_as_given() -> None:
    child = make_child()
    address_add(
        actor=None, person=child, line1="Rua das Flores 12", postcode="4050-262", country="Portugal"
    )
    address = Address.objects.get(person=child)
    assert (address.postcode, address.country) == ("4050-262", "Portugal")


def test_a_uk_postcode_is_still_checked() -> None:
    with pytest.raises(ValidationError) as refused:
        address_add(actor=None, person=make_child(), line1="1 High St", postcode="NOT A CODE")
    assert refused.value.message_dict == {"postcode": ["Enter a real postcode, like SW1A 1AA"]}


def test_an_address_without_its_first_line_is_refused_not_dropped() -> None:
    with pytest.raises(ValidationError) as refused:
        person_create(
            actor=None,
            first_name="Ben",
            last_name="Stone",
            date_of_birth=date(2016, 1, 2),
            address={"line1": "", "town": "Demoton", "postcode": "DM1 4AB"},
        )
    assert refused.value.message_dict["line1"] == [
        "Enter the first line of the address, or leave the whole address empty"
    ]
