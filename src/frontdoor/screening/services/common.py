"""What every screening service shares: the chronology-and-audit event, refusals, row locks."""

from __future__ import annotations

from datetime import datetime
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.urls import reverse

from frontdoor.accounts.models import User
from frontdoor.audit.services import audit_record
from frontdoor.core.concurrency import Versioned, lock_version
from frontdoor.people.services import chronology_add

from ..models import Screening

V = TypeVar("V", bound=Versioned)


def user_or_none(actor: User | None) -> User | None:
    return actor if actor is not None and actor.pk else None


def screening_url(screening: Screening) -> str:
    return reverse("screening:detail", args=[screening.pk])


def event(
    screening: Screening,
    *,
    actor: User | None,
    kind: str,
    summary: str,
    at: datetime,
    record: Any = None,
    action: str = "update",
    detail: dict[str, Any] | None = None,
) -> None:
    """The chronology entry and the audit row for one screening event."""
    chronology_add(
        person=screening.person,
        kind=kind,
        summary=summary,
        actor=actor,
        occurred_at=at,
        record=record or screening,
        url=screening_url(screening),
    )
    audit_record(
        actor=actor,
        action=action,
        record_type=kind,
        record_id=(record or screening).pk,
        person_id=screening.person_id,
        detail={"screening": screening.pk, **(detail or {})},
    )


def refuse(reason: str | None, field: str = "__all__") -> None:
    if reason:
        raise ValidationError({field: reason})


def locked(record: V, version: int | None) -> V:
    """Lock `record`'s row for this transaction and reload it, refusing with `StaleRecord` when
    the page it was posted from showed another version (`version=None`: called from code)."""
    lock_version(type(record)._default_manager.all(), record.pk, expected=version)
    record.refresh_from_db()
    return record
