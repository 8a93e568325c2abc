"""Builders for protection tests: a referral opened through the real cases service, and POST data
for formset pages."""

from __future__ import annotations

from datetime import date
from typing import Any

from frontdoor.cases.services import referral_open
from frontdoor.people.tests.factories import make_child


def open_referral(
    worker: Any, on: date = date(2026, 11, 2), first: str = "Amy", last: str = "Protect"
) -> Any:
    child = make_child(first, last)
    return referral_open(
        actor=None,
        person=child,
        referral_date=on,
        source="2A",
        primary_need="N1",
        team=worker.team,
        worker=worker,
    )


def formset_data(prefix: str, rows: list[dict[str, str]], extra: int = 0) -> dict[str, str]:
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows) + extra),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for i, row in enumerate(rows):
        for key, value in row.items():
            data[f"{prefix}-{i}-{key}"] = value
    return data


def date_data(name: str, day: date, time: str | None = None) -> dict[str, str]:
    data = {
        f"{name}_day": str(day.day),
        f"{name}_month": str(day.month),
        f"{name}_year": str(day.year),
    }
    if time:
        data[f"{name}_time"] = time
    return data
