"""The home page: what needs this user today, from every area they work in.

Each area builds its own sections with a selector in its app (`home_*` in `<app>/selectors.py`),
filtered by the user and by `visible_people(user)`, in a fixed number of queries (a count and the
first few rows). This module only says which sections a user gets (by capability), puts deadlines
into words and masks, once for the page, any child shown in passing who is sealed from the user.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.utils import timezone

from .calendar import LONDON, get_calendar, is_overdue, local_date

ROWS = 5  # rows shown in each section; the count is of everything, with a link to the full list


@dataclass
class HomeItem:
    label: str
    url: str
    due: datetime | date | None = None
    person: Any = None  # a child shown in passing: masked when sealed from the user
    detail: str = ""
    # A child given by id and name (an area's own list that names them): masked the same way.
    person_id: int | None = None
    name: str = ""

    @property
    def child_id(self) -> int | None:
        return self.person.pk if self.person is not None else self.person_id

    @property
    def child_name(self) -> str:
        return str(self.person.full_name) if self.person is not None else self.name

    @property
    def overdue(self) -> bool:
        return is_overdue(self.due)


@dataclass
class HomeSection:
    key: str
    title: str
    count: int
    items: list[HomeItem] = field(default_factory=list)
    more_url: str = ""
    more_label: str = ""
    empty: str = "Nothing due today or overdue."
    overdue: int | None = None  # how many of `count` are past their deadline, when known

    @property
    def more(self) -> int:
        return max(0, self.count - len(self.items))


def end_of_today(now: datetime) -> datetime:
    """The first moment of tomorrow in London: "due today" means due before it."""
    tomorrow = local_date(now) + timedelta(days=1)
    return datetime.combine(tomorrow, datetime.min.time(), tzinfo=LONDON)


def _clock(moment: datetime) -> str:
    local = timezone.localtime(moment, LONDON)
    hour = local.hour % 12 or 12
    suffix = "am" if local.hour < 12 else "pm"
    return f"{hour}{suffix}" if local.minute == 0 else f"{hour}:{local.minute:02d}{suffix}"


def due_in_words(due: datetime | date | None, now: datetime | None = None) -> str:
    """A deadline as a person says it: "due by 3pm today", "due today", "overdue by 2 working
    days", "due tomorrow by 10am", "due in 3 working days"."""
    if due is None:
        return "no deadline"
    now = now or timezone.now()
    today = local_date(now)
    calendar = get_calendar()
    if isinstance(due, datetime):
        if due < now:
            return calendar.describe(due, now)
        day = local_date(due)
        if day == today:
            return f"due by {_clock(due)} today"
        if day == today + timedelta(days=1):
            return f"due tomorrow by {_clock(due)}"
        return calendar.describe(due, now)
    return calendar.describe(due, now)


def home_allocations(*, user: Any, now: datetime) -> list[HomeSection]:
    """Allocations, from the `cases` app's selectors: referrals waiting for a worker (for those
    who allocate; urgent ones first, with their allocation deadline) and work newly allocated to
    this user in the last two working days."""
    from frontdoor.cases import selectors as cases

    sections: list[HomeSection] = []
    unallocated = getattr(cases, "unallocated_referrals", None)
    if unallocated is not None and user.can("allocate"):
        rows = unallocated(user)
        sections.append(
            HomeSection(
                "unallocated",
                "Referrals waiting for a worker",
                len(rows),
                [
                    HomeItem(
                        label=w.kind,
                        url=w.url,
                        due=w.deadline,
                        person_id=w.person_id,
                        name=w.name,
                    )
                    for w in rows[:ROWS]
                ],
                more_url=_reverse_or_blank("cases:unallocated"),
                more_label="All referrals waiting for a worker",
                empty="Every open referral has a worker.",
                overdue=sum(1 for w in rows if w.overdue),
            )
        )
    mine = getattr(cases, "my_allocations", None)
    if mine is not None:
        since = now - timedelta(days=3)
        rows = [w for w in mine(user) if w.since and w.since >= since]
        sections.append(
            HomeSection(
                "allocated",
                "Work allocated to you recently",
                len(rows),
                [
                    HomeItem(
                        label=w.kind,
                        url=w.url,
                        person_id=w.person_id,
                        name=w.name,
                        detail=f"allocated {w.since:%-d %B}",
                    )
                    for w in rows[:ROWS]
                ],
                empty="Nothing new has been allocated to you in the last three days.",
            )
        )
    return sections


def _reverse_or_blank(name: str) -> str:
    from django.urls import NoReverseMatch, reverse

    try:
        return reverse(name)
    except NoReverseMatch:
        return ""


# Which sections a user gets: (capability, builder). Builders are imported lazily so core does not
# import the apps at load time.
Builder = Callable[..., list[HomeSection]]


def _builders() -> list[tuple[str, Builder]]:
    from frontdoor.administration.selectors import home_admin
    from frontdoor.allegations.selectors import home_allegations
    from frontdoor.child_protection.selectors import home_child_protection
    from frontdoor.earlyhelp.selectors import home_early_help
    from frontdoor.intake.selectors import home_partner
    from frontdoor.out_of_hours.selectors import home_handovers, home_own_records
    from frontdoor.police.selectors import home_encompass
    from frontdoor.reporting.selectors import home_reports
    from frontdoor.screening.selectors import home_screening

    return [
        ("screen", home_screening),
        ("view_queue", home_allocations),
        ("child_protection", home_child_protection),
        ("early_help", home_early_help),
        ("acknowledge_handover", home_handovers),
        ("edt", home_own_records),
        ("police_screening", home_encompass),
        ("allegations", home_allegations),
        ("submit_concern", home_partner),
        ("view_reports", home_reports),
        ("admin", home_admin),
    ]


def home_sections(user: Any, now: datetime | None = None) -> tuple[list[HomeSection], set[int]]:
    """The user's sections, most urgent first, and which children shown are sealed from them."""
    from frontdoor.people.access import restricted_ids

    now = now or timezone.now()
    sections: list[HomeSection] = []
    for capability, build in _builders():
        if user.can(capability):
            sections.extend(build(user=user, now=now))
    for section in sections:
        for item in section.items:
            item.words = due_in_words(item.due, now)  # type: ignore[attr-defined]
    people = {i.child_id for s in sections for i in s.items if i.child_id is not None}
    hidden = restricted_ids(user, people) if people else set()
    # Sections with something overdue first, then those with something in them, keeping the
    # areas' own order otherwise.
    order = {id(s): n for n, s in enumerate(sections)}
    sections.sort(key=lambda s: (not (s.overdue or 0), s.count == 0, order[id(s)]))
    return sections, hidden
