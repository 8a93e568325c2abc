"""Reads for a child's family page: the relationships (current and ended) as this user may see
them, and the children a single contact can be recorded for."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q

from .access import restricted_ids, visible_people
from .models import Person, PersonKind, Relationship


@dataclass(frozen=True)
class FamilyLine:
    relationship: Relationship
    other: Person  # the person at the other end
    label: str  # what the other person is to this one: "Parent or carer", "Child", "Sibling"
    hidden: bool  # sealed from this user: shown as "Restricted record", no dates, no link


def relationships_of(*, user: Any, person: Person) -> tuple[list[FamilyLine], list[FamilyLine]]:
    """(current, ended) relationships of the person, current first by kind, ended newest first."""
    rels = list(
        Relationship.objects.filter(Q(person=person) | Q(other=person)).select_related(
            "person", "other"
        )
    )
    others = [r.other if r.person_id == person.pk else r.person for r in rels]
    hidden = restricted_ids(user, [o.pk for o in others])
    lines = []
    for rel, other in zip(rels, others, strict=True):
        if rel.person_id == person.pk:
            label = "Child" if rel.kind == "parent" else rel.get_kind_display()
        else:
            label = rel.get_kind_display()
        lines.append(FamilyLine(rel, other, label, other.pk in hidden))
    current = [line for line in lines if line.relationship.end_date is None]
    ended = sorted(
        (line for line in lines if line.relationship.end_date is not None),
        key=lambda line: line.relationship.end_date,  # type: ignore[arg-type,return-value]
        reverse=True,
    )
    return current, ended


def household_children(*, user: Any, person: Person) -> list[Person]:
    """The children (and unborn children) of the person's household this user may see, the person
    first: the children one contact can be recorded for together."""
    if not person.household_id:
        return [person] if person.is_child else []
    children = list(
        visible_people(user)
        .filter(household_id=person.household_id, kind__in=[PersonKind.CHILD, PersonKind.UNBORN])
        .order_by("date_of_birth", "pk")
    )
    return sorted(children, key=lambda p: p.pk != person.pk)
