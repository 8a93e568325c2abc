"""Every value Annex A writes is one Ofsted's lists accept, spelled exactly: each cell of lists
1–7 is compared with the accepted spellings copied from the Annex A schema councils' cleaning tools
use (`annex_a_accepted.json`, copied from the schema, never read from outside the project). Required
cells are answered (yes or no), coded cells are lettered, date cells are real dates."""

from __future__ import annotations

import io
import json
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
import time_machine
from django.urls import reverse

from frontdoor.people.tests.factories import make_child
from frontdoor.visits.services import statutory_visit_record

from . import protection_builders as pb
from .builders import at, contact, referral
from .test_annex_a import build

pytestmark = pytest.mark.django_db
ACCEPTED = json.loads(
    (Path(__file__).parent.parent / "returns" / "data" / "annex_a_accepted.json").read_text()
)


def _book(client) -> dict[str, list[tuple]]:
    response = client.post(
        reverse("reporting:annex_a_download"),
        {"end_day": "31", "end_month": "12", "end_year": "2025"},
    )
    assert response.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    return {ws.title: list(ws.iter_rows(values_only=True)) for ws in book.worksheets}


def _problems(name: str, rows: list[tuple]) -> list[str]:
    columns = ACCEPTED[name]
    problems = []
    for n, row in enumerate(rows[1:], start=2):
        for heading, value in zip(rows[0], row, strict=False):
            spec = columns[heading]
            where = f"{name} row {n} {heading}: {value!r}"
            if value in (None, ""):
                if not spec["blank"]:
                    problems.append(f"{where} is blank")
            elif spec["kind"] == "category" and value not in spec["accepted"]:
                problems.append(f"{where} is not an accepted value")
            elif spec["kind"] == "date" and not isinstance(value, datetime):
                problems.append(f"{where} is not a date")
            elif spec["kind"] == "numeric" and not (isinstance(value, int) and value >= 0):
                problems.append(f"{where} is not a whole number")
    return problems


@time_machine.travel("2026-01-05 09:00Z")
def test_every_value_written_is_an_accepted_spelling(as_user, analyst, social_worker):
    amy, _ = build(social_worker)
    # Early help (source 5D) and a child whose ethnicity is not yet obtained.
    cal = make_child("Cal", "Annex", date(2017, 6, 1), sex="M", ethnicity="NOBT")
    contact([cal], at(2025, 11, 10), source="5D")
    cal_referral = referral(cal, date(2025, 11, 10), source="5D", worker=social_worker)
    # A second child protection plan for Cal, with no police protection: EPO column "b) No".
    first = pb.s47(
        cal_referral,
        social_worker,
        date(2025, 11, 11),
        date(2025, 11, 20),
        icpc=date(2025, 11, 20),
        plan=True,
        outcome="substantiated_icpc",
    )
    pb.cp_plan(first, date(2025, 11, 20), end=date(2025, 11, 25))
    second = pb.s47(
        cal_referral,
        social_worker,
        date(2025, 11, 26),
        date(2025, 12, 5),
        icpc=date(2025, 12, 5),
        plan=True,
        outcome="substantiated_icpc",
    )
    plan = pb.cp_plan(second, date(2025, 12, 5))
    with time_machine.travel("2025-12-20 09:00Z"):
        statutory_visit_record(
            actor=social_worker,
            cp_plan=plan,
            visit_date=date(2025, 12, 15),
            child_seen=True,
            seen_alone=True,
        )
    book = _book(as_user(analyst))
    problems = [p for n in range(1, 8) for p in _problems(f"List {n}", book[f"List {n}"])]
    assert problems == []
    list1 = {row[0]: row for row in book["List 1"][1:]}
    assert (
        list1[cal.la_child_id][2] == "s) NOBT"
        and list1[cal.la_child_id][6] == "p1) 5D: LA services"
    )
    list7 = {(row[0], row[6]): row for row in book["List 7"][1:]}
    cal_second = list7[(cal.la_child_id, datetime(2025, 12, 5))]
    assert cal_second[9:15] == (datetime(2025, 12, 15), "a) Yes", None, None, "b) No", 1)
    assert list7[(cal.la_child_id, datetime(2025, 11, 20))][13:15] == ("b) No", 0)
    assert list7[(amy.la_child_id, datetime(2025, 11, 27))][13] == "a) Yes"  # police protection


def test_a_value_outside_the_lists_is_caught():
    problems = _problems(
        "List 1",
        [
            tuple(
                [
                    "Child Unique ID",
                    "Gender",
                    "Ethnicity",
                    "Date of Birth",
                    "Age of Child (Years)",
                    "Date of Contact",
                    "Contact Source",
                ]
            ),
            ("1", "a) Male", "t) NOBT", None, 3, "03/11/2025", "f) LA services"),
        ],
    )
    assert problems == [
        "List 1 row 2 Ethnicity: 't) NOBT' is not an accepted value",
        "List 1 row 2 Date of Contact: '03/11/2025' is not a date",
        "List 1 row 2 Contact Source: 'f) LA services' is not an accepted value",
    ]
