"""The one access gate for a person's record.

Every page that shows a person (or anything of theirs) loads the person through `access_person`,
which refuses with 404 (no leak of existence) and audits the refusal, or audits the view.
Rules: the user's role must be able to view people (partner agency users never can); a sealed
person is visible only to users on that person's access list.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from frontdoor.accounts.roles import RESTRICTED_RECORDS
from frontdoor.audit.services import audit_record

from .models import Person, PersonAccess, Relationship, Seal


def can_see_person(user: Any, person: Person) -> bool:
    if not (user.is_authenticated and user.can("view_people")):
        return False
    if person.sealed:
        return PersonAccess.objects.filter(person=person, user=user).exists()
    return True


def visible_people(user: Any) -> QuerySet[Person]:
    """People this user may see (for search and lists). Sealed people only for their access list;
    a record merged into another (frontdoor.duplicates) is left out: its records are the other's."""
    if not (user.is_authenticated and user.can("view_people")):
        return Person.objects.none()
    on_list = PersonAccess.objects.filter(person=OuterRef("pk"), user=user)
    return Person.objects.filter(Q(sealed=False) | Q(Exists(on_list)), merged_into__isnull=True)


# What an open break-glass grant opens: (record type, action) of the person page and who viewed it.
BREAK_GLASS_PAGES = {("person", "view"), ("person", "view_audit")}


def access_person(
    user: Any,
    person_id: Any,
    *,
    action: str = "view",
    record_type: str = "person",
    record_id: Any = None,
) -> Person:
    """Load a person for `user`, auditing the view (or the refusal). Raises Http404 when refused."""
    try:
        person = Person.objects.select_related("household").get(pk=int(person_id))
    except (Person.DoesNotExist, ValueError, TypeError):
        person = None
    # The one exception to the role rule: an administrator's open break-glass grant to THIS person
    # (never a sealed one) opens the person page and its "who has viewed" page only, audited as
    # break-glass use (docs/administration.md).
    grant = None
    visible = person is not None and can_see_person(user, person)
    if person is not None and not visible and (record_type, action) in BREAK_GLASS_PAGES:
        from frontdoor.administration.selectors import break_glass_active

        grant = break_glass_active(user, person)
    if person is None or not (visible or grant is not None):
        audit_record(
            actor=user,
            action="refused",
            record_type=record_type,
            record_id=record_id if record_id is not None else person_id,
            person_id=person.pk if person else None,
            detail={"requested": action},
        )
        raise Http404("No such record")
    audit_record(
        actor=user,
        action=action if grant is None else f"break_glass_{action}"[:60],
        record_type=record_type,
        record_id=record_id if record_id is not None else person.pk,
        person_id=person.pk,
        detail=None if grant is None else {"break_glass_grant": grant.pk, "reason": grant.reason},
    )
    return person


RESTRICTED = "Restricted record"


def restricted_ids(user: Any, person_ids: Any) -> set[int]:
    """Of `person_ids`, the sealed people this user is not on the access list of (one query).

    Anything that shows *another* person in passing (siblings, household, relationships, chronology
    lines, trays, drill-downs) shows "Restricted record" for these instead of a name, dates or
    outcomes.
    """
    ids = {int(i) for i in person_ids if i is not None}
    if not ids:
        return set()
    sealed = set(Person.objects.filter(pk__in=ids, sealed=True).values_list("pk", flat=True))
    if not sealed:
        return set()
    if not getattr(user, "is_authenticated", False):
        return sealed
    allowed = set(
        PersonAccess.objects.filter(person_id__in=sealed, user=user).values_list(
            "person_id", flat=True
        )
    )
    return sealed - allowed


def shown_name(user: Any, person: Person, hidden: set[int] | None = None) -> str:
    """The person's name as this user may see it: "Restricted record" for a sealed person."""
    if hidden is None:
        hidden = restricted_ids(user, [person.pk])
    return RESTRICTED if person.pk in hidden else person.full_name


def access_seal(user: Any, seal_id: Any, *, action: str = "view") -> Seal:
    """Load a seal for its periodic review. Restricted-records managers review every seal, also of
    people whose access list they are not on; the page then shows "Restricted record" in place of
    the name (`restricted_ids`), so the review judges the reason, the dates and the access list,
    never the child's record. Anyone else is refused with 404, audited, like a missing seal."""
    try:
        seal = Seal.objects.select_related("person", "sealed_by").get(pk=int(seal_id))
    except (Seal.DoesNotExist, ValueError, TypeError):
        seal = None
    allowed = bool(getattr(user, "is_authenticated", False) and user.can(RESTRICTED_RECORDS))
    if seal is None or not allowed:
        audit_record(
            actor=user,
            action="refused",
            record_type="seal",
            record_id=str(seal_id)[:100],
            person_id=seal.person_id if seal else None,
            detail={"requested": action},
        )
        raise Http404("No such record")
    audit_record(
        actor=user, action=action, record_type="seal", record_id=seal.pk, person_id=seal.person_id
    )
    return seal


def access_relationship(user: Any, pk: Any, *, action: str = "view") -> Relationship:
    """A relationship, for ending it: both people must be visible to the user (a relationship
    with a sealed person the user is not on the list of answers 404, audited)."""
    from frontdoor.core.gates import gate_load

    return gate_load(
        user,
        Relationship.objects.select_related("person", "other"),
        pk,
        record_type="relationship",
        people_of=lambda rel: [rel.person, rel.other],
        action=action,
    )
