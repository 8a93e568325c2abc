"""What a dashboard figure is, and the registry of figures in the order the dashboard shows them.

A figure is computed from the records for one period (and team). Each row keeps the children
behind it so the drill-down lists exactly the children counted, never a re-derived set.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, TypeVar

from ..periods import Period


@dataclass
class Row:
    key: str
    label: str
    value: int
    people: frozenset[int] = frozenset()

    @property
    def children(self) -> int:
        return len(self.people)


@dataclass
class Figure:
    key: str
    title: str
    headline: str = ""
    rows: list[Row] = field(default_factory=list)
    chart: str = "bar"  # "bar", "line" or "" (table only)
    value_label: str = "Number"
    comparator: str = ""
    no_data: str = ""  # set when the area behind the figure has recorded nothing
    note: str = ""
    svg: str = ""  # the chart, filled in by the dashboard

    def row(self, key: str) -> Row | None:
        return next((row for row in self.rows if row.key == key), None)

    @property
    def people(self) -> frozenset[int]:
        return frozenset().union(*(row.people for row in self.rows)) if self.rows else frozenset()


FigureFn = Callable[[Period], Figure]
REGISTRY: dict[str, tuple[str, str, FigureFn]] = {}  # key -> (area, title, function)


def figure(key: str, *, area: str, title: str) -> Callable[[FigureFn], FigureFn]:
    def register(fn: FigureFn) -> FigureFn:
        REGISTRY[key] = (area, title, fn)
        return fn

    return register


def compute(key: str, period: Period) -> Figure:
    area, title, fn = REGISTRY[key]
    result = fn(period)
    result.key, result.title = key, title
    return result


T = TypeVar("T")
_shared: ContextVar[dict[Any, Any] | None] = ContextVar("reporting_shared", default=None)


@contextmanager
def sharing() -> Iterator[None]:
    """Within this block, figures share the rows they load (one dashboard = one read of each)."""
    token = _shared.set({})
    try:
        yield
    finally:
        _shared.reset(token)


def shared(key: Any, load: Callable[[], T]) -> T:
    cache = _shared.get()
    if cache is None:
        return load()
    if key not in cache:
        cache[key] = load()
    return cache[key]  # type: ignore[no-any-return]


class WorkingDays:
    """`working_days_between` for many date pairs: each day's working status is looked up once
    from the council's calendar (the same answer as `core.calendar`, read cumulatively)."""

    def __init__(self) -> None:
        from frontdoor.core.calendar import get_calendar

        self.calendar = get_calendar()
        self.first: date | None = None
        self.totals: list[int] = []

    def _cover(self, first: date, last: date) -> None:
        if (
            self.first is not None
            and self.first <= first
            and last < self.first + timedelta(days=len(self.totals))
        ):
            return
        start = min(first, self.first) if self.first else first
        end = max(last, self.first + timedelta(days=len(self.totals) - 1)) if self.first else last
        total, totals, day = 0, [], start
        while day <= end:
            total += self.calendar.is_working_day(day)
            totals.append(total)
            day += timedelta(days=1)
        self.first, self.totals = start, totals

    def between(self, start: date, end: date) -> int:
        """Working days after `start` up to and including `end` (0 when end <= start)."""
        if end <= start:
            return 0
        self._cover(start, end)
        assert self.first is not None
        return self.totals[(end - self.first).days] - self.totals[(start - self.first).days]


def no_data(message: str) -> Figure:
    return Figure(key="", title="", no_data=message, chart="")


def count(n: int, one: str, many: str | None = None) -> str:
    """ "1 contact", "2 contacts"."""
    return f"{n} {one if n == 1 else many or one + 's'}"


def percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "–"


def people_of(pairs: Iterable[tuple[Any, int]], keys: Iterable[Any]) -> frozenset[int]:
    wanted = set(keys)
    return frozenset(person for key, person in pairs if key in wanted)
