"""Helpers shared by the child protection and assessment services: the clock, the chronology moment
of a dated event, guard results as field errors, and the rows of actions a meeting agrees."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime, time
from typing import Any

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from frontdoor.accounts.models import User
from frontdoor.core.calendar import LONDON


def now_or(now: datetime | None) -> datetime:
    """`now` when given (demo seeding, tests), else the real clock."""
    return now or timezone.now()


def moment_on(day: date) -> datetime:
    """A chronology moment for an event known only by its date (midday, London time)."""
    return datetime.combine(day, time(12, 0), tzinfo=LONDON)


def add_months(day: date, months: int) -> date:
    """Calendar months (Working Together's "within 3 months", "every 6 months")."""
    result: date = day + relativedelta(months=months)
    return result


def signed_in(actor: User | None) -> User | None:
    """The acting user to store on a record, or None for a system action (demo seeding)."""
    return actor if actor is not None and getattr(actor, "pk", None) else None


def refuse_if(problem: str | None, field: str = "__all__") -> None:
    """A guard's reason, raised as the error on `field`."""
    if problem:
        raise ValidationError({field: problem})


@contextmanager
def refused_as(problem: Callable[[], str | None], field: str) -> Iterator[None]:
    """The database constraint is the last word: a row refused by it (another user won a race
    past the guard) becomes the guard's message on the field, never a 500."""
    try:
        with transaction.atomic():
            yield
    except IntegrityError:
        raise ValidationError(
            {field: problem() or "Someone else changed this record at the same time: try again"}
        ) from None


def checked_actions(rows: list[dict[str, Any]], earliest: date) -> list[dict[str, Any]]:
    """The actions a meeting agreed: each needs an owner, what must be done and a due date on or
    after the meeting."""
    errors: dict[str, str] = {}
    for i, row in enumerate(rows, start=1):
        if not (row.get("owner") or "").strip():
            errors["actions"] = f"Action {i}: enter who owns the action"
        elif not (row.get("action") or "").strip():
            errors["actions"] = f"Action {i}: enter what must be done"
        elif not row.get("due_date"):
            errors["actions"] = f"Action {i}: enter the date it is due"
        elif row["due_date"] < earliest:
            errors["actions"] = f"Action {i}: the due date must be on or after the meeting date"
    if errors:
        raise ValidationError(errors)
    return rows
