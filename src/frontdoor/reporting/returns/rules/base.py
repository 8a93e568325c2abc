"""The registry of the DfE's CIN census validation rules and what a rule reports.

A rule is a small function with the DfE's number, message and logic (in its docstring), registered
with `@rule(...)`; rules that differ only in their fields, dates and sentences are rows of a table,
each registered with `table_rule(...)` around one generic check. A child-level rule looks at one
child as the census reports them (`CensusChild`); an LA-level rule (`la=True`) looks at the whole
return. Each yields `Hit`s: the record to fix (its page) and a plain sentence saying what is wrong
with it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..census import CensusChild, Episode, collection_year


@dataclass(frozen=True)
class Hit:
    url: str
    detail: str
    episode: int | None = None


@dataclass(frozen=True)
class Context:
    """The collection year a rule checks against: 1 April (YEAR-1) to the reference date."""

    year: int
    start: date
    ref: date
    stated_ref: date | None = None  # the header's ReferenceDate, when checking a file read back

    @classmethod
    def for_year(cls, year: int, stated_ref: date | None = None) -> Context:
        start, ref = collection_year(year)
        return cls(year=year, start=start, ref=ref, stated_ref=stated_ref)

    def in_year(self, day: date | None) -> bool:
        return day is not None and self.start <= day <= self.ref


ChildCheck = Callable[[CensusChild, Context], Iterable[Hit]]
ReturnCheck = Callable[[list[CensusChild], Context], Iterable[Hit]]


@dataclass(frozen=True)
class Rule:
    code: str
    message: str
    module: str
    check: Any  # ChildCheck, or ReturnCheck when `la`
    la: bool = False
    since: int = 2026  # first collection year (reference date year) the rule applies to

    @property
    def is_query(self) -> bool:
        return self.code.endswith("Q")

    @property
    def kind(self) -> str:
        return "query" if self.is_query else "error"

    @property
    def logic(self) -> str:
        return " ".join((self.check.__doc__ or "").split())

    def applies(self, year: int) -> bool:
        return year >= self.since


REGISTRY: dict[str, Rule] = {}


def rule(
    code: str, message: str, *, module: str, la: bool = False, since: int = 2026
) -> Callable[[Any], Any]:
    """Register a rule under its DfE number (each number once)."""

    def register(check: Any) -> Any:
        if code in REGISTRY:
            raise ValueError(f"rule {code} registered twice")
        REGISTRY[code] = Rule(code, message, module, check, la=la, since=since)
        return check

    return register


def table_rule(
    code: str,
    message: str,
    logic: str,
    check: Any,
    *,
    module: str,
    la: bool = False,
    since: int = 2026,
) -> None:
    """Register a rule that is one row of a table: `check` is a generic check bound to the row's
    fields, `logic` the DfE's logic that a rule function would have as its docstring."""
    check.__doc__ = logic
    check.__name__ = check.__qualname__ = f"r{code.lower()}"
    rule(code, message, module=module, la=la, since=since)(check)


def ukdate(day: date | None) -> str:
    return f"{day.day} {day:%B %Y}" if day else "(no date)"


def when(e: Episode) -> str:
    return f"Referral of {ukdate(e.referral_date)}"


def hit(url: str, detail: str, episode: Episode | None = None) -> Hit:
    return Hit(url=url, detail=detail, episode=episode.pk if episode else None)


def episode_hits(child: CensusChild, test: Callable[[Episode], str | None]) -> Iterator[Hit]:
    """A Hit on each episode for which `test` returns a sentence."""
    for e in child.episodes:
        detail = test(e)
        if detail:
            yield hit(e.url, detail, e)


def overlaps(a_start: date, b_start: date, b_end: date | None, ref: date) -> bool:
    """Whether `a_start` falls on or between `b_start` and `b_end` (the reference date if open)."""
    return b_start <= a_start <= (b_end or ref)
