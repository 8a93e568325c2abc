"""The shape every record type's gate takes: load one protected record for a user, or refuse.

Each area's `access.py` defines `access_<record>(user, pk, *, action="view")` with `gate_load`,
giving it the queryset to load from, how to find the child (or children) the record is about, and
any rule of its own (e.g. a partner sees only what they submitted). A refused record — including an
id that does not exist — answers 404 so its existence never leaks, and the refusal is audited; an
allowed view is audited once per child so it shows on each child's "who has viewed" page.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Model, QuerySet
from django.http import Http404

from frontdoor.audit.services import audit_record

M = TypeVar("M", bound=Model)


def gate_load(
    user: Any,
    queryset: QuerySet[M],
    pk: Any,
    *,
    record_type: str,
    people_of: Callable[[M], Iterable[Any]],
    allowed: Callable[[Any, M], bool] | None = None,
    action: str = "view",
) -> M:
    """Load `queryset.get(pk=pk)` for `user`, or audit the refusal and raise Http404.

    `people_of(record)` gives the people the record is about; every one must be visible to the user
    (`frontdoor.people.access.can_see_person`), so a record about a sealed child is refused to
    anyone not on that child's access list. `allowed(user, record)` adds the area's own rule.
    """
    from frontdoor.people.access import can_see_person

    try:
        record = queryset.get(pk=int(pk))
    except (ObjectDoesNotExist, ValueError, TypeError):
        record = None
    people = list(people_of(record)) if record is not None else []
    ok = (
        record is not None
        and all(can_see_person(user, p) for p in people)
        and (allowed is None or allowed(user, record))
        and (people or _can_see_unlinked(user))
    )
    if not ok:
        audit_record(
            actor=user,
            action="refused",
            record_type=record_type,
            record_id=str(pk)[:100],
            person_id=people[0].pk if people else None,
            detail={"requested": action},
        )
        raise Http404("No such record")
    assert record is not None
    if not people:
        audit_record(actor=user, action=action, record_type=record_type, record_id=record.pk)
    for person in people:
        audit_record(
            actor=user,
            action=action,
            record_type=record_type,
            record_id=record.pk,
            person_id=person.pk,
        )
    return record


def _can_see_unlinked(user: Any) -> bool:
    """A record not (yet) linked to any child is still case material: practitioners only."""
    return bool(user.is_authenticated and user.can("view_people"))
