"""Pre-submission checks: every DfE CIN census validation rule Front Door implements, one small
function (or one row of a table of alike rules) per rule, one module per part of the census
(docs/returns.md lists them).

`check_census(children, year)` runs every rule that applies to the collection year on exactly
what the XML writer will write, and yields a `Failure` for each problem: the rule, the child, a
plain sentence and the page of the record to fix.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from ..census import CensusChild
from . import (  # noqa: F401  (each module registers its rules)
    assessments,
    cin_details,
    cin_plans,
    header,
    identifiers,
    pre_proceedings,
    protection_plans,
    section47,
)
from .base import REGISTRY, Context, Hit, Rule

__all__ = ["REGISTRY", "RULES", "Failure", "Rule", "check_census", "check_child", "rules_for"]


@dataclass(frozen=True)
class Failure:
    rule: str
    person_id: int | None  # None for a rule about the whole return
    child_id: str
    name: str
    message: str
    url: str
    episode_id: int | None = None

    @property
    def title(self) -> str:
        return REGISTRY[self.rule].message

    @property
    def is_query(self) -> bool:
        return REGISTRY[self.rule].is_query


def rules_for(year: int) -> list[Rule]:
    """The rules of one collection year, in number order."""
    return sorted(
        (r for r in REGISTRY.values() if r.applies(year)),
        key=lambda r: (r.code.rstrip("Q"), r.code),
    )


RULES: dict[str, str] = {r.code: r.message for r in rules_for(2100)}


def _failure(code: str, child: CensusChild | None, found: Hit) -> Failure:
    return Failure(
        rule=code,
        person_id=child.person.pk if child else None,
        child_id=child.la_child_id if child else "",
        name=child.person.full_name if child else "",
        message=found.detail,
        url=found.url or (child.url if child else ""),
        episode_id=found.episode,
    )


def check_child(child: CensusChild, year: int = 2026) -> Iterator[Failure]:
    ctx = Context.for_year(year)
    for r in rules_for(year):
        if not r.la:
            for found in r.check(child, ctx):
                yield _failure(r.code, child, found)


def check_return(
    children: list[CensusChild], year: int, stated_ref: date | None = None
) -> Iterator[Failure]:
    """The rules about the whole return (LA level); a failure names a child when it is about one
    (a UPN shared by two children), none otherwise. `stated_ref`: a file's header ReferenceDate."""
    ctx = Context.for_year(year, stated_ref)
    by_url = {c.url: c for c in children}
    for r in rules_for(year):
        if r.la:
            for found in r.check(children, ctx):
                yield _failure(r.code, by_url.get(found.url), found)


def check_census(
    children: Iterable[CensusChild], year: int = 2026, stated_ref: date | None = None
) -> Iterator[Failure]:
    seen: list[CensusChild] = []
    for child in children:
        seen.append(child)
        yield from check_child(child, year)
    yield from check_return(seen, year, stated_ref)
