"""Council-wide settings changes."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.db import transaction

from frontdoor.audit.services import audit_record

from .calendar import reset_calendar
from .models import LocalClosure

if TYPE_CHECKING:
    from frontdoor.accounts.models import User


def closure_add(*, actor: User | None, day: date, reason: str) -> LocalClosure:
    """Add a local closure day; every deadline computed after this skips it."""
    with transaction.atomic():
        closure = LocalClosure(day=day, reason=reason)
        closure.full_clean()
        closure.save()
        audit_record(
            actor=actor,
            action="create",
            record_type="local_closure",
            record_id=closure.pk,
            detail={"day": day.isoformat(), "reason": reason},
        )
        transaction.on_commit(reset_calendar)
    return closure
