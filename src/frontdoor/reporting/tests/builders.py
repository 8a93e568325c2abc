"""Small builders for reporting tests: records through the real services, dates set exactly."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from frontdoor.cases.models import Referral
from frontdoor.cases.services import referral_close, referral_open
from frontdoor.core.calendar import LONDON
from frontdoor.intake.models import Contact
from frontdoor.people.models import Person
from frontdoor.people.tests.factories import make_child, make_contact


def at(y: int, m: int, d: int, hh: int = 10, mm: int = 0) -> datetime:
    """A moment in Europe/London."""
    return datetime(y, m, d, hh, mm, tzinfo=LONDON)


def contact(
    children: list[Person],
    received: datetime,
    *,
    decided: datetime | None = None,
    source: str = "2A",
    **kw: Any,
) -> Contact:
    made = make_contact(children, received_at=received, source=source, **kw)
    if decided is not None:
        # The decision itself belongs to screening; here only its time matters to the figure.
        Contact.objects.filter(pk=made.pk).update(decided_at=decided, status="decided")
        made.refresh_from_db()
    return made


def referral(
    child: Person,
    day: date,
    *,
    nfa: bool = False,
    source: str = "2A",
    contact: Any = None,
    team: Any = None,
    worker: Any = None,
    closed: date | None = None,
    reason: str = "RC7",
    need: str = "N1",
) -> Referral:
    made = referral_open(
        actor=None,
        person=child,
        referral_date=day,
        source=source,
        primary_need="" if nfa else need,
        nfa=nfa,
        contact=contact,
        team=team,
        worker=worker,
    )
    if closed is not None and not nfa:
        referral_close(actor=None, referral=made, closure_date=closed, reason=reason)
    return made


def child(first: str, last: str = "Child", dob: date = date(2015, 3, 27), **kw: Any) -> Person:
    return make_child(first, last, dob, **kw)
