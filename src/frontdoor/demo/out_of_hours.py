"""Demo out-of-hours records: one to three a week, most handovers acknowledged on time."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

from frontdoor.core.calendar import LONDON
from frontdoor.demo import names
from frontdoor.demo.context import SeedContext
from frontdoor.out_of_hours.services import edt_handover_acknowledge, edt_record_create
from frontdoor.people.models import Person

CALLS = [
    (
        "police",
        "Child found alone at home late at night; parent arrested.",
        ["visit", "emergency_accommodation"],
        False,
    ),
    ("police", "Young person reported missing from home since the afternoon.", ["advice"], True),
    ("health", "Teenager in A&E after an overdose; parent not answering.", ["visit"], False),
    ("family", "Grandparent worried after a row between the parents.", ["advice"], True),
    ("police", "Injury seen on a child at a domestic incident.", ["strategy_discussion"], False),
    (
        "police",
        "Parents incapable of care through intoxication.",
        ["police_protection", "visit"],
        False,
    ),
]


def seed_edt(ctx: SeedContext, mash: list[Any], kids: list[dict[str, Any]]) -> None:
    rng = ctx.rng
    worker = ctx.users.get("edt.worker")
    if worker is None or not kids:
        return
    today = ctx.now.astimezone(LONDON).date()
    week = today - timedelta(days=728)
    people = Person.objects.in_bulk([k["pk"] for k in kids])
    while week <= today:
        for _ in range(max(1, round(rng.randint(1, 3) * ctx.contacts_wanted / 4000))):
            day = week + timedelta(days=rng.choice([0, 4, 5, 5, 6, 6]))  # mostly weekends
            hour = rng.choice([0, 1, 2, 18, 19, 20, 21, 22, 23])
            received = datetime.combine(day, time(hour, rng.randint(0, 59)), tzinfo=LONDON)
            if received > ctx.now - timedelta(hours=1):
                continue
            kid = rng.choice(kids)
            agency, request, actions, can_wait = rng.choice(CALLS)
            record = edt_record_create(
                actor=worker,
                person=people[kid["pk"]],
                received_at=received,
                caller_name=f"{rng.choice(names.FIRST_NAMES_F + names.FIRST_NAMES_M)} "
                f"{rng.choice(names.LAST_NAMES)}",
                caller_agency=agency,
                caller_phone=f"01632 {rng.randint(100000, 999999)}",
                address=kid["address"][0],
                request=request,
                can_wait=can_wait,
                risk_judgement="Could wait until the morning."
                if can_wait
                else "Could not wait: the child was not safe overnight.",
                actions=actions,
                rationale="Acted to keep the child safe until the day service.",
                now=received + timedelta(minutes=40),
            )
            ctx.count("out-of-hours records")
            late = rng.random() < 0.1
            ack = record.handover_due_at + (
                timedelta(hours=rng.randint(1, 30))
                if late
                else -timedelta(minutes=rng.randint(5, 50))
            )
            recent = (today - ack.astimezone(LONDON).date()) <= timedelta(days=3)
            forgotten = (today - day).days <= 14 and rng.random() < 0.35
            if ack > ctx.now or forgotten:
                continue  # still waiting for the MASH (managers see these)
            edt_handover_acknowledge(
                actor=rng.choice(mash),
                record=record,
                now=ack,
                create_contact=recent and not can_wait,
                note=""
                if recent and not can_wait
                else "Read and passed to the allocated worker; no new contact needed.",
            )
            ctx.count("out-of-hours handovers acknowledged")
        week += timedelta(days=7)
