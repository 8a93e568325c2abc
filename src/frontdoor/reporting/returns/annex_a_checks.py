"""Annex A checks for the returns health page: lists 1-7 as `write_annex_a` writes them for the six
months to a day, every cell checked as councils' cleaning tools read Ofsted's lists
(`data/annex_a_accepted.json`, copied from the Annex A schema): a cell the lists require is
answered, a coded cell is one of Ofsted's lettered values spelled exactly, a date cell is a real
date and a count a whole number. A problem is stored like a census rule's (`reporting.services`)
under a code naming the list and the check: `AnnexA7-blank` is list 7, a required cell left blank.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from .annex_a import BUILDERS, AnnexA, Cell, six_months_to
from .annex_a_codes import HEADINGS
from .census import collection_year

ACCEPTED: dict[str, Any] = json.loads(
    (Path(__file__).parent / "data" / "annex_a_accepted.json").read_text()
)

TITLES = {
    "List 1": "Contacts",
    "List 2": "Early help",
    "List 3": "Referrals",
    "List 4": "Assessments",
    "List 5": "Section 47 enquiries",
    "List 6": "Children in need",
    "List 7": "Child protection",
}
CHECKS = {
    "blank": "A cell Ofsted's list requires is blank",
    "value": "A value is not one of Ofsted's lettered values",
    "date": "A date cell is not a real date",
    "number": "A count is not a whole number",
}
PREFIX = "AnnexA"


@dataclass(frozen=True)
class AnnexCheck:
    code: str
    list_name: str
    check: str

    @property
    def title(self) -> str:
        return TITLES[self.list_name]

    @property
    def message(self) -> str:
        return f"Annex A {self.list_name.lower()} ({self.title}): {CHECKS[self.check]}"

    kind = "Annex A"
    is_query = False


def _code(list_name: str, check: str) -> str:
    return f"{PREFIX}{list_name.removeprefix('List ')}-{check}"


ANNEX_A_CHECKS: dict[str, AnnexCheck] = {
    _code(name, check): AnnexCheck(_code(name, check), name, check)
    for name in TITLES
    for check in CHECKS
}


@dataclass(frozen=True)
class AnnexProblem:
    """A cell of a list that Ofsted's lists would refuse, with the record to fix."""

    rule: str
    person_id: int
    episode_id: int | None
    message: str
    url: str
    is_query: bool = False


def cell_problem(spec: dict[str, Any], value: Cell) -> str | None:
    """Which check a cell fails, given its column's spec (kind, may it be blank, accepted values)."""
    if value is None or value == "":
        return None if spec["blank"] else "blank"
    if spec["kind"] == "category" and value not in spec["accepted"]:
        return "value"
    if spec["kind"] == "date" and not isinstance(value, date):
        return "date"
    if spec["kind"] == "numeric" and (
        isinstance(value, bool) or not isinstance(value, int) or value < 0
    ):
        return "number"
    return None


def annex_a_end(year: int, today: date) -> date:
    """The last day of the six months checked for a collection year: today, or the reference date
    of a year already over."""
    return min(today, collection_year(year)[1])


def annex_a_problems(end: date) -> Iterator[AnnexProblem]:
    """Every cell of lists 1-7 for the six months to `end` that Ofsted's lists would refuse."""
    start, end = six_months_to(end)
    annex = AnnexA(start=start, end=end)
    for name, builder in BUILDERS.items():
        columns = ACCEPTED[name]
        headings = HEADINGS[name]
        for number, row in enumerate(builder(annex), start=2):  # row 1 holds the headings
            for heading, value in zip(headings, row.cells, strict=False):
                check = cell_problem(columns[heading], value)
                if check is None:
                    continue
                shown = "blank" if check == "blank" else f"“{value}”"
                yield AnnexProblem(
                    rule=_code(name, check),
                    person_id=row.person_id,
                    episode_id=row.referral_id,
                    message=f"{name}, row {number}: “{heading}” is {shown}. "
                    + _advice(check, heading),
                    url=row.url,
                )


def _advice(check: str, heading: str) -> str:
    if check == "blank":
        return "Ofsted's list needs an answer: record it on this page."
    if check == "value":
        return (
            "Ofsted's list does not accept it: correct the record so it maps to a lettered value."
        )
    if check == "date":
        return "Record the date on this page."
    return f"“{heading}” must be a whole number."
