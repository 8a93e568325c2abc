"""Small builders for test data, going through the real services."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.utils import timezone

from frontdoor.intake.models import Contact
from frontdoor.intake.services import contact_record
from frontdoor.people.models import Person
from frontdoor.people.services import household_create, person_create, relationship_add

_counter = {"n": 0}


def make_child(
    first: str = "Test", last: str = "Child", dob: date = date(2015, 3, 27), **kw: Any
) -> Person:
    return person_create(actor=None, first_name=first, last_name=last, date_of_birth=dob, **kw)


def make_adult(
    first: str = "Parent", last: str = "Child", dob: date = date(1985, 1, 1), **kw: Any
) -> Person:
    return person_create(
        actor=None, kind="adult", first_name=first, last_name=last, date_of_birth=dob, **kw
    )


def make_siblings(last: str = "Sibling") -> tuple[Person, Person, Person]:
    """A household of a mother and two children who are siblings."""
    household = household_create(actor=None, label=f"{last} household")
    mother = make_adult("Mary", last, household=household)
    older = make_child("Amy", last, date(2014, 5, 1), household=household)
    younger = make_child("Ben", last, date(2018, 9, 12), household=household)
    for child in (older, younger):
        relationship_add(
            actor=None, person=mother, other=child, kind="parent", parental_responsibility=True
        )
    relationship_add(actor=None, person=older, other=younger, kind="sibling")
    return mother, older, younger


def make_contact(
    children: list[Person],
    received_at: datetime | None = None,
    actor: Any = None,
    source: str = "2A",
    **kw: Any,
) -> Contact:
    defaults = dict(
        channel="phone",
        concerns="Child arrived with bruises.",
        parents_aware="no",
        categories=["physical"],
        source_organisation="Test School",
        referrer_name="A Teacher",
    )
    defaults.update(kw)
    return contact_record(
        actor=actor,
        received_at=received_at or timezone.now(),
        source=source,
        children=children,
        **defaults,
    )
