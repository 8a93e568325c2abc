"""Reads of the duplicate review: the queue (only pairs whose two people the user may see) and the
side-by-side comparison of a pair."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from frontdoor.people.access import visible_people
from frontdoor.people.models import Address, Person

from .models import DuplicatePair, Merge, PairStatus
from .relations import moved_links
from .services import CHOICES


def review_queue(*, user: Any, status: str = PairStatus.OPEN) -> QuerySet[DuplicatePair]:
    """Pairs in `status`, most likely first. A pair with a sealed person the user is not on the
    access list of is left out (the restricted-records managers review those)."""
    people = visible_people(user).values("pk")
    return (
        DuplicatePair.objects.filter(status=status, person_a__in=people, person_b__in=people)
        .select_related("person_a", "person_b")
        .order_by("-score", "id")
    )


def merges_of(*, pair: DuplicatePair) -> QuerySet[Merge]:
    return pair.merges.select_related("survivor", "merged", "merged_by").order_by("-merged_at")


@dataclass
class Row:
    key: str
    label: str
    a: str
    b: str

    @property
    def differs(self) -> bool:
        return self.a != self.b


LABELS = {
    "name": "Name",
    "middle_names": "Middle names",
    "date_of_birth": "Date of birth",
    "sex": "Sex",
    "ethnicity": "Ethnicity",
    "nhs_number": "NHS number",
    "upn": "UPN",
    "first_language": "First language",
    "school": "School",
}


def shown(person: Person, key: str) -> str:
    if key == "name":
        return person.full_name
    if key == "date_of_birth":
        return person.date_of_birth.strftime("%-d %B %Y") if person.date_of_birth else ""
    field = CHOICES[key][0]
    display = getattr(person, f"get_{field}_display", None)
    value = display() if display is not None else getattr(person, field)
    return str(value or "")


def comparison(a: Person, b: Person) -> list[Row]:
    """The details side by side, in the order a manager reads them."""
    return [Row(key, LABELS[key], shown(a, key), shown(b, key)) for key in CHOICES]


def other_names(person: Person) -> list[str]:
    return [f"{n.first_name} {n.last_name}" for n in person.names.exclude(kind="current")]


def current_address(person: Person) -> str:
    address = Address.objects.filter(person=person, end_date__isnull=True).first()
    return str(address) if address else ""


def records_held(person: Person) -> dict[str, int]:
    """How many records of each type point at the person (what a merge would move)."""
    held: Counter[str] = Counter()
    for link in moved_links():
        count = link.model._base_manager.filter(**{link.name: person.pk}).count()
        if count:
            held[str(link.model._meta.verbose_name_plural).capitalize()] += count
    return dict(sorted(held.items()))
