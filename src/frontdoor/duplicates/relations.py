"""Every foreign key to `people.Person`, found from the models themselves, so a record type added
by any app later is moved by a merge (and back by its undo) without changing this app."""

from __future__ import annotations

from django.db import models

from frontdoor.people.models import Person

# Links to a person that a merge must not move, and why. Everything else moves.
KEEP: dict[tuple[str, str], str] = {
    ("people.Person", "merged_into"): "says which record a merged record went into",
    ("duplicates.DuplicatePair", "person_a"): "the pair reviewed: it names the two records",
    ("duplicates.DuplicatePair", "person_b"): "the pair reviewed: it names the two records",
    ("duplicates.Merge", "survivor"): "the merge itself names the two records",
    ("duplicates.Merge", "merged"): "the merge itself names the two records",
}


def person_links() -> list[models.ForeignKey[Person, Person]]:
    """Every foreign key (and one-to-one) to Person, including hidden ones (`related_name="+"`
    and the tables behind many-to-many fields), which `_meta.related_objects` leaves out."""
    links = []
    for rel in Person._meta.get_fields(include_hidden=True):
        if rel.auto_created and not rel.concrete and (rel.one_to_many or rel.one_to_one):
            links.append(rel.field)  # type: ignore[union-attr]
    return links


def label(link: models.Field[object, object]) -> tuple[str, str]:
    return (link.model._meta.label, link.name)


def moved_links() -> list[models.ForeignKey[Person, Person]]:
    """The links a merge moves from the merged record to the survivor."""
    return [link for link in person_links() if label(link) not in KEEP]
