"""Builders for child protection and assessment tests: a referral opened through the real cases
service, a strategy discussion through the real service, and POST data for formset pages."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from frontdoor.cases.services import referral_open
from frontdoor.child_protection import services
from frontdoor.core.calendar import LONDON
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


def discuss(
    actor,
    referral,
    held_at=datetime(2026, 11, 20, 9, 30, tzinfo=LONDON),
    decision="s47_joint",
    agencies=("social_care", "police", "health"),
):
    return services.strategy_discussion_record(
        actor=actor,
        referral=referral,
        lead=actor,
        held_at=held_at,
        information_shared="School saw bruising.",
        decision=decision,
        rationale="Reasonable cause to suspect significant harm.",
        participants=[{"name": f"P {a}", "agency": a, "role": "Officer"} for a in agencies],
        actions=[{"owner": "DC Holt", "action": "Joint visit", "due_date": date(2026, 11, 27)}],
    )


def strategy_post(
    decision="s47_single", agencies=("social_care", "police", "health"), day=date(2026, 11, 20)
):
    data = {
        **date_data("held_at", day, "09:30"),
        "information_shared": "Bruises seen at school",
        "decision": decision,
        "rationale": "Injury to a non-mobile area",
    }
    data.update(
        formset_data(
            "participants",
            [{"name": f"P{i}", "agency": a, "role": "Officer"} for i, a in enumerate(agencies)],
            extra=2,
        )
    )
    data.update(
        formset_data(
            "actions",
            [{"owner": "DC Holt", "action": "Visit", **date_data("due_date", day)}],
            extra=1,
        )
    )
    return data
