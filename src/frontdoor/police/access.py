"""The gates for police records: a notification, one child of a notification, an Operation
Encompass notice. Each is built on `frontdoor.core.gates.gate_load`, so a record about a sealed
child is refused (404, audited) to anyone not on that child's access list, and each view is
audited once per child.

Rules of their own: the daily screening ("police_screening") may open any of them; the worker
whose open case a notification was routed to may open that child's notification page. Partner
agency users never reach them (they cannot view people).
"""

from __future__ import annotations

from typing import Any

from frontdoor.accounts.models import User
from frontdoor.core.gates import gate_load
from frontdoor.people.models import Person

from .models import EncompassNotice, NotificationChild, PoliceImport, PoliceNotification


def _screens(user: User, record: Any) -> bool:
    return user.can("police_screening")


def _screens_or_routed(user: User, child: NotificationChild) -> bool:
    return user.can("police_screening") or (
        child.routed_worker_id is not None and child.routed_worker_id == user.pk
    )


def _people_of_notification(notification: PoliceNotification) -> list[Person]:
    return [c.person for c in notification.children.all() if c.person is not None]


def _person_of_child(child: NotificationChild) -> list[Person]:
    return [child.person] if child.person is not None else []


def access_notification(user: User, pk: Any, *, action: str = "view") -> PoliceNotification:
    """A police notification, refused if any of its children is hidden from the user."""
    return gate_load(
        user,
        PoliceNotification.objects.prefetch_related("children__person"),
        pk,
        record_type="police_notification",
        people_of=_people_of_notification,
        allowed=_screens,
        action=action,
    )


def access_notification_child(user: User, pk: Any, *, action: str = "view") -> NotificationChild:
    """One child of a police notification (with the notification and its person loaded)."""
    return gate_load(
        user,
        NotificationChild.objects.select_related(
            "notification", "person", "routed_worker", "decided_by"
        ),
        pk,
        record_type="police_notification_child",
        people_of=_person_of_child,
        allowed=_screens_or_routed,
        action=action,
    )


def access_encompass_notice(user: User, pk: Any, *, action: str = "view") -> EncompassNotice:
    """An Operation Encompass notice, gated by the child it is about."""
    return gate_load(
        user,
        EncompassNotice.objects.select_related("child__notification", "child__person"),
        pk,
        record_type="encompass_notice",
        people_of=lambda notice: _person_of_child(notice.child),
        allowed=_screens,
        action=action,
    )


def access_police_import(user: User, pk: Any, *, action: str = "view") -> PoliceImport:
    """An import's results (row numbers, references and reasons; no child's name): the daily
    screening's. About no child, so the view is audited once against the import; a refusal (also
    of an id that does not exist) is audited like every other gate's."""
    return gate_load(
        user,
        PoliceImport.objects.select_related("imported_by"),
        pk,
        record_type="police_import",
        people_of=lambda record: [],
        allowed=_screens,
        action=action,
    )
