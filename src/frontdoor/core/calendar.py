"""The one working-day calendar. Every deadline in Front Door is computed here.

Working days are Monday to Friday, excluding bank holidays in England (from the maintained
`holidays` package) and the council's local closure days (table `core.LocalClosure`). Office hours
come from settings (default 09:00-17:00, Europe/London). Deadlines are computed once, when the
clock starts, and stored on the record, so reports never recompute history differently.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import holidays
from django.conf import settings
from django.utils import timezone

LONDON = ZoneInfo("Europe/London")


@dataclass(frozen=True)
class WorkingCalendar:
    """Pure calendar logic; `get_calendar()` builds one with the council's closure days."""

    closures: frozenset[date] = frozenset()
    office_start: time = time(9, 0)
    office_end: time = time(17, 0)
    _bank_holidays: dict[int, holidays.HolidayBase] = field(
        default_factory=dict, compare=False, repr=False
    )

    # -- days -------------------------------------------------------------------------------
    def _holidays_for(self, year: int) -> holidays.HolidayBase:
        cached = self._bank_holidays.get(year)
        if cached is None:
            cached = holidays.country_holidays("GB", subdiv="ENG", years=year)
            self._bank_holidays[year] = cached
        return cached

    def is_bank_holiday(self, day: date) -> bool:
        return day in self._holidays_for(day.year)

    def is_working_day(self, day: date) -> bool:
        return day.weekday() < 5 and not self.is_bank_holiday(day) and day not in self.closures

    def next_working_day(self, day: date) -> date:
        """The first working day strictly after `day`."""
        day += timedelta(days=1)
        while not self.is_working_day(day):
            day += timedelta(days=1)
        return day

    def previous_working_day(self, day: date) -> date:
        """The last working day strictly before `day`."""
        day -= timedelta(days=1)
        while not self.is_working_day(day):
            day -= timedelta(days=1)
        return day

    def add_working_days(self, day: date, n: int) -> date:
        """`day` plus `n` working days (n >= 0). Adding 0 to a non-working day gives that day."""
        if n < 0:
            raise ValueError("n must not be negative")
        for _ in range(n):
            day = self.next_working_day(day)
        return day

    def working_days_between(self, start: date, end: date) -> int:
        """Working days after `start` up to and including `end` (0 when end <= start).

        So `working_days_between(d, add_working_days(d, n)) == n` for every date d.
        """
        if end <= start:
            return 0
        count = 0
        day = start
        while day < end:
            day += timedelta(days=1)
            if self.is_working_day(day):
                count += 1
        return count

    # -- hours ------------------------------------------------------------------------------
    @property
    def office_day(self) -> timedelta:
        return datetime.combine(date.min, self.office_end) - datetime.combine(
            date.min, self.office_start
        )

    def _local(self, moment: datetime) -> datetime:
        if timezone.is_naive(moment):
            raise ValueError("naive datetimes are not allowed; use django.utils.timezone.now()")
        return moment.astimezone(LONDON)

    def _open(self, day: date) -> datetime:
        return datetime.combine(day, self.office_start, tzinfo=LONDON)

    def _close(self, day: date) -> datetime:
        return datetime.combine(day, self.office_end, tzinfo=LONDON)

    def next_office_moment(self, moment: datetime) -> datetime:
        """`moment` if it is within office hours on a working day, else the next opening."""
        local = self._local(moment)
        day = local.date()
        if self.is_working_day(day):
            if local < self._open(day):
                return self._open(day)
            if local < self._close(day):
                return local
        return self._open(self.next_working_day(day))

    def add_clock_hours(self, moment: datetime, hours: float) -> datetime:
        """`moment` plus `hours` of clock time, nights and weekends included (e.g. red RAG work,
        which is finished even out of hours)."""
        return self._local(moment) + timedelta(hours=hours)

    def add_working_hours(self, moment: datetime, hours: float) -> datetime:
        """`moment` plus `hours` of office time on working days (time out of hours does not count)."""
        remaining = timedelta(hours=hours)
        current = self.next_office_moment(moment)
        while True:
            left_today = self._close(current.date()) - current
            if remaining <= left_today:
                return current + remaining
            remaining -= left_today
            current = self._open(self.next_working_day(current.date()))

    def working_hours_between(self, start: datetime, end: datetime) -> float:
        """Office hours on working days between two moments (0 when end <= start)."""
        if end <= start:
            return 0.0
        total = timedelta()
        current = self.next_office_moment(start)
        end_local = self._local(end)
        while current < end_local:
            stop = min(self._close(current.date()), end_local)
            total += stop - current
            current = self._open(self.next_working_day(current.date()))
        return total.total_seconds() / 3600

    def add_working_day_deadline(self, moment: datetime, days: int = 1) -> datetime:
        """A deadline of `days` whole working days from a moment: the same office time `days`
        working days later (an out-of-hours receipt starts at the next opening).

        Working Together: a decision on a referral within one working day of receipt.
        """
        return self.add_working_hours(moment, days * self.office_day.total_seconds() / 3600)

    def at_next_working_day(self, moment: datetime, at: time) -> datetime:
        """`at` o'clock on the first working day after the day of `moment`."""
        day = self.next_working_day(self._local(moment).date())
        return datetime.combine(day, at, tzinfo=LONDON)

    # -- words ------------------------------------------------------------------------------
    def describe(self, deadline: datetime | date | None, now: datetime | None = None) -> str:
        """A deadline in plain words: "due in 3 working hours", "overdue by 2 working days"."""
        if deadline is None:
            return "no deadline"
        now = now or timezone.now()
        if not isinstance(deadline, datetime):
            today = self._local(now).date()
            if deadline == today:
                return "due today"
            if deadline > today:
                return (
                    f"due in {_plural(self.working_days_between(today, deadline), 'working day')}"
                )
            return f"overdue by {_plural(max(1, self.working_days_between(deadline, today)), 'working day')}"
        if deadline >= now:
            hours = self.working_hours_between(now, deadline)
            day_hours = self.office_day.total_seconds() / 3600
            if hours >= day_hours:
                return f"due in {_plural(int(hours // day_hours), 'working day')}"
            if hours >= 1:
                return f"due in {_plural(int(hours), 'working hour')}"
            minutes = int((deadline - now).total_seconds() // 60)
            if hours == 0 and minutes >= 60:
                return "due at the start of the next working day"
            return f"due in {_plural(max(minutes, 1), 'minute')}"
        hours = self.working_hours_between(deadline, now)
        day_hours = self.office_day.total_seconds() / 3600
        if hours >= day_hours:
            return f"overdue by {_plural(int(hours // day_hours), 'working day')}"
        if hours >= 1:
            return f"overdue by {_plural(int(hours), 'working hour')}"
        return "overdue"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


_lock = threading.Lock()
_cached: WorkingCalendar | None = None


def build_calendar(closures: Iterable[date] = ()) -> WorkingCalendar:
    return WorkingCalendar(
        closures=frozenset(closures),
        office_start=settings.OFFICE_HOURS_START,
        office_end=settings.OFFICE_HOURS_END,
    )


def get_calendar() -> WorkingCalendar:
    """The council's calendar: bank holidays in England plus local closure days."""
    global _cached
    with _lock:
        if _cached is None:
            from .models import LocalClosure

            _cached = build_calendar(LocalClosure.objects.values_list("day", flat=True))
        return _cached


def reset_calendar() -> None:
    """Forget the cached calendar (called after local closures change, and between tests)."""
    global _cached
    with _lock:
        _cached = None


def is_overdue(deadline: datetime | date | None, now: datetime | None = None) -> bool:
    if deadline is None:
        return False
    now = now or timezone.now()
    if isinstance(deadline, datetime):
        return deadline < now
    return deadline < now.astimezone(LONDON).date()


def local_date(moment: datetime) -> date:
    return moment.astimezone(LONDON).date()


# Date windows. "Within 12 months", "in the last six months": one definition for every area, so a
# screening page and the dashboard never disagree (DOMAIN.md §2: a re-referral is within 12 months).


def months_before(day: date, months: int) -> date:
    """The same day `months` calendar months earlier (negative: later); the month's last day when
    that day does not exist (31 March less one month is 28 or 29 February)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return date(year, month, candidate)
        except ValueError:
            continue
    raise ValueError(day)


def window_start(day: date, months: int) -> date:
    """The first day of the window "within `months` months" of `day`: an event on this day or later
    counts (a referral exactly 12 months after the previous one is a re-referral)."""
    return months_before(day, months)


def within_months(earlier: date, later: date, months: int) -> bool:
    """Whether `earlier` falls within `months` calendar months before `later` (inclusive)."""
    return window_start(later, months) <= earlier <= later
