"""Writing the audit trail. Call `audit_record` inside the same transaction as the change."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.utils import timezone

from .middleware import current_request
from .models import AuditEvent

if TYPE_CHECKING:
    from typing import TypeAlias

    from django.contrib.auth.models import AnonymousUser

    from frontdoor.accounts.models import User

    # The acting user: a signed-in user, an anonymous visitor (a refused sign-in), or None (the
    # system: imports, demo seeding, commands).
    Actor: TypeAlias = User | AnonymousUser | None


def audit_event(
    *,
    actor: Actor,
    action: str,
    record_type: str,
    record_id: Any,
    person_id: int | None = None,
    detail: dict[str, Any] | None = None,
    at: datetime | None = None,
) -> AuditEvent:
    """One audit event, not yet saved: who (and in what role), did what, to which record, when,
    from which request. `audit_record` saves one; a bulk path (the police import) inserts many."""
    from frontdoor.accounts.models import User

    context = current_request.get()
    user = actor if isinstance(actor, User) and actor.is_authenticated else None
    return AuditEvent(
        actor=user,
        actor_username=user.username if user else "",
        actor_role=user.role if user else "",
        action=action,
        record_type=record_type,
        record_id=str(record_id),
        person_id=person_id,
        at=at or timezone.now(),
        client_address=context.client_address if context else None,
        request_id=context.request_id if context else "",
        client_request_id=context.client_request_id if context else "",
        detail=detail or {},
    )


def audit_record(
    *,
    actor: Actor,
    action: str,
    record_type: str,
    record_id: Any,
    person_id: int | None = None,
    detail: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one audit event: who (and in what role), did what, to which record, when, from where."""
    event = audit_event(
        actor=actor,
        action=action,
        record_type=record_type,
        record_id=record_id,
        person_id=person_id,
        detail=detail,
    )
    event.save()
    return event


def audit_list_view(
    *, actor: Actor, record_type: str, person_ids: Any, detail: dict[str, Any] | None = None
) -> AuditEvent:
    """Audit a list page that shows children (search results, queues, trays, drill-downs): one row
    with the ids shown, so "who saw this child in a list" can be answered."""
    ids = sorted({int(i) for i in person_ids if i is not None})
    return audit_record(
        actor=actor,
        action="list",
        record_type=record_type,
        record_id=f"{len(ids)} shown",
        detail={**(detail or {}), "person_ids": ids},
    )
