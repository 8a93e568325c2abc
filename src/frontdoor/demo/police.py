"""Demo data for police notifications: a daily police file for every working day of the last 24 months,
imported through the import service and screened the next morning, Operation Encompass notices,
MARAC referrals, out-of-hours records with their handovers, and exploitation screenings.

Everything goes through the services, with clocks passed in (`now=`) from `ctx.now`.
"""

from __future__ import annotations

import csv
import io
from datetime import date, datetime, time, timedelta
from typing import Any

from frontdoor.core.calendar import LONDON, get_calendar
from frontdoor.demo import names
from frontdoor.demo.context import SeedContext
from frontdoor.people.models import Address, Person, PersonKind
from frontdoor.police.encompass import encompass_notice_record
from frontdoor.police.importer import COLUMNS, police_notifications_import
from frontdoor.police.marac import marac_referral_record
from frontdoor.police.models import Decision, MatchStatus, NotificationChild
from frontdoor.police.services import (
    notification_child_confirm,
    notification_child_create_person,
    notification_decision_record,
    screening_attendee_add,
)

from .exploitation import seed_exploitation
from .out_of_hours import seed_edt

SUMMARIES = [
    "Verbal argument overheard by neighbours; no injuries; the children were asleep upstairs.",
    "Victim pushed against a wall; the child saw it and was upset; perpetrator left before police arrived.",
    "Perpetrator breached a non-molestation order by coming to the address at night.",
    "Argument after drinking; property damaged; the children were in the living room.",
    "Victim reports coercive control over months; no physical assault today.",
    "Perpetrator arrested for assault; the victim had a visible injury; children present.",
]
OTHER_SUMMARIES = [
    "Child found wandering near the main road late at night and returned home.",
    "Concern for welfare: the home was found in a very poor state during a police visit.",
]
ATTENDEES = [
    ("police", "DS Kerry Holt", "Public protection unit"),
    ("health", "Sam Ellery", "Safeguarding nurse"),
    ("education", "Jo Patel", "Education safeguarding officer"),
    ("social_care", "Morgan Ashby", "MASH social worker"),
    ("probation", "Lee Carver", "Probation officer"),
]
# Older decisions stay within the pathway; MASH contacts and strategy discussions are only made
# for the last few days (earlier stages already made the police contacts of the past).
OLD_DECISIONS = [(Decision.NFA, 45), (Decision.INFORMATION, 40), (Decision.EARLY_HELP, 15)]
NEW_DECISIONS = [
    (Decision.NFA, 35),
    (Decision.INFORMATION, 25),
    (Decision.EARLY_HELP, 10),
    (Decision.MASH_CONTACT, 25),
    (Decision.STRATEGY, 5),
]


def _children(today: date) -> list[dict[str, Any]]:
    """Existing demo children with what the police would know about them (two queries)."""
    addresses = {
        pid: (line1, pc)
        for pid, line1, pc in Address.objects.filter(end_date__isnull=True).values_list(
            "person_id", "line1", "postcode"
        )
    }
    adults = {}
    for hh, first, last in (
        Person.objects.filter(kind=PersonKind.ADULT, household__isnull=False)
        .order_by("pk")
        .values_list("household_id", "first_name", "last_name")
    ):
        adults.setdefault(hh, f"{first} {last}")
    people = (
        Person.objects.filter(kind=PersonKind.CHILD, date_of_birth__isnull=False)
        .order_by("pk")
        .values_list("pk", "first_name", "last_name", "date_of_birth", "school", "household_id")
    )
    return [
        {
            "pk": pk,
            "first": f,
            "last": la,
            "dob": dob,
            "school": school,
            "victim": adults.get(hh, ""),
            "household": hh,
            "address": addresses.get(pk, ("", "")),
        }
        for pk, f, la, dob, school, hh in people
    ]


def _csv(rows: list[dict[str, str]]) -> io.StringIO:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS)
    writer.writeheader()
    writer.writerows(rows)
    out.seek(0)
    return out


def _day_rows(
    ctx: SeedContext, day: date, serial: int, kids: list[dict[str, Any]]
) -> list[dict[str, str]]:
    """The police file received on the morning of `day`: incidents since the previous file."""
    rng, rows = ctx.rng, []
    # About 1.4 notifications a working day at --contacts 4000, scaled (rounded at random so
    # small demos still get some).
    wanted = rng.choice([0, 1, 1, 1, 2, 2, 3]) * ctx.contacts_wanted / 4000
    count = int(wanted) + (1 if rng.random() < wanted - int(wanted) else 0)
    for i in range(count):
        incident_day = day - timedelta(days=rng.choice([1, 1, 1, 2]))
        incident = datetime.combine(
            incident_day, time(rng.choice([18, 19, 20, 21, 22, 23]), rng.randint(0, 59))
        )
        domestic = rng.random() < 0.85
        ref = f"DP/{day:%y%m%d}/{serial + i:05d}"
        family = [
            k for k in kids if k["dob"] < incident_day and (incident_day - k["dob"]).days < 17 * 365
        ]
        anchor = rng.choice(family) if family and rng.random() < 0.85 else None
        if anchor and anchor["household"]:
            group = [k for k in family if k["household"] == anchor["household"]][:3]
        else:
            group = [anchor] if anchor else []
        if not group:  # a family the council does not know yet
            last = rng.choice(names.LAST_NAMES)
            group = [
                {
                    "first": rng.choice(names.FIRST_NAMES_F + names.FIRST_NAMES_M),
                    "last": last,
                    "dob": incident_day - timedelta(days=rng.randint(200, 16 * 365)),
                    "school": rng.choice(names.SCHOOLS),
                    "victim": f"{rng.choice(names.FIRST_NAMES_F)} {last}",
                    "address": (
                        f"{rng.randint(1, 99)} {rng.choice(names.STREETS)}",
                        f"{rng.choice(names.POSTCODE_AREAS)} {rng.randint(1, 9)}AB",
                    ),
                }
            ]
        dash = (
            rng.choices(["standard", "medium", "high"], weights=[55, 30, 15])[0] if domestic else ""
        )
        for kid in group:
            first = kid["first"]
            if rng.random() < 0.06 and len(first) > 4:  # a typo in the police system
                first = first[:-1]
            rows.append(
                {
                    "police_reference": ref,
                    "incident_date": f"{incident:%d/%m/%Y}",
                    "incident_time": f"{incident:%H:%M}",
                    "incident_type": "domestic abuse" if domestic else "other",
                    "dash_level": dash,
                    "victim_name": kid["victim"] if domestic else "",
                    "perpetrator_name": f"{rng.choice(names.FIRST_NAMES_M)} {rng.choice(names.LAST_NAMES)}"
                    if domestic
                    else "",
                    "child_first_name": first,
                    "child_last_name": kid["last"],
                    "child_date_of_birth": f"{kid['dob']:%d/%m/%Y}",
                    "child_address": kid["address"][0],
                    "child_postcode": kid["address"][1],
                    "child_school": kid["school"],
                    "child_present": rng.choice(["yes", "yes", "no"]),
                    "summary": rng.choice(SUMMARIES if domestic else OTHER_SUMMARIES),
                }
            )
    return rows


def _screen_day(ctx: SeedContext, day: date, recent: bool, mash: list[Any]) -> None:
    """The multi-agency meeting at 10:00 on the day: attendees, matches, decisions, MARAC."""
    rng = ctx.rng
    meeting = datetime.combine(day, time(10, 0), tzinfo=LONDON)
    chair = rng.choice(mash)
    for agency, name, role in rng.sample(ATTENDEES, rng.randint(3, 5)):
        screening_attendee_add(
            actor=chair, day=day, name=name, agency=agency, role=role, now=meeting
        )
    children = list(
        NotificationChild.objects.filter(notification__screening_day=day)
        .select_related("notification", "person")
        .order_by("pk")
    )
    choices, weights = zip(*(NEW_DECISIONS if recent else OLD_DECISIONS), strict=True)
    for i, child in enumerate(children):
        at = meeting + timedelta(minutes=5 * i)
        if at > ctx.now:
            return
        if child.match_status == MatchStatus.AWAITING_REVIEW:
            candidates = list(Person.objects.filter(pk__in=child.candidate_ids[:1]))
            if candidates and candidates[0].date_of_birth == child.date_of_birth:
                notification_child_confirm(actor=chair, child=child, person=candidates[0])
            else:
                notification_child_create_person(actor=chair, child=child, now=at)
            ctx.count("police notification children matched by the MASH")
        decision = rng.choices(choices, weights=weights)[0]
        notification_decision_record(
            actor=chair,
            child=child,
            decision=decision,
            now=at,
            rationale=f"Daily screening: {dict(Decision.choices)[decision].lower()}.",
            summary="Police notification of a domestic incident; parent open to support.",
            risks_and_protective_factors="Risks: repeat incidents. Protective: a supportive "
            "grandparent and good school attendance.",
        )
        ctx.count("police screening decisions")
    for n in {c.notification for c in children}:
        if n.marac_reason and rng.random() < 0.9 and meeting + timedelta(hours=2) < ctx.now:
            marac_referral_record(
                actor=chair,
                notification=n,
                referred_at=meeting + timedelta(hours=2),
                now=meeting + timedelta(hours=2),
            )
            ctx.count("MARAC referrals")


def _tell_schools(ctx: SeedContext, day: date, mash: list[Any]) -> None:
    from frontdoor.police.models import EncompassNotice

    rng = ctx.rng
    for notice in (
        EncompassNotice.objects.filter(child__notification__screening_day=day)
        .select_related("child__notification", "child__person")
        .order_by("pk")
    ):
        on_time = rng.random() < 0.9
        told = (
            notice.due_at - timedelta(minutes=rng.randint(5, 60))
            if on_time
            else notice.due_at + timedelta(hours=rng.randint(1, 6))
        )
        told = max(told, notice.child.notification.received_at + timedelta(minutes=10))
        if told > ctx.now:
            continue
        encompass_notice_record(
            actor=rng.choice(mash),
            notice=notice,
            notified_at=told,
            told_name=f"{rng.choice(names.FIRST_NAMES_F)} {rng.choice(names.LAST_NAMES)}, "
            f"{'DSL' if notice.recipient == 'school_dsl' else 'duty officer'}",
            method=rng.choice(["phone", "secure_email", "portal"]),
            now=told,
        )
        ctx.count("Operation Encompass notices made")


def seed(ctx: SeedContext) -> None:
    cal = get_calendar()
    mash = [ctx.users["mash.worker"]] + [
        u for u in ctx.staff.get("mash_practitioner", []) if u.username != "mash.worker"
    ]
    today = ctx.now.astimezone(LONDON).date()
    kids = _children(today)
    day = today - timedelta(days=730)
    serial = 0
    while day <= today:
        if cal.is_working_day(day):
            received = datetime.combine(day, time(7, 30), tzinfo=LONDON)
            rows = _day_rows(ctx, day, serial, kids) if received < ctx.now else []
            if rows:
                serial += len(rows)
                police_notifications_import(
                    actor=mash[0],
                    stream=_csv(rows),
                    filename=f"police-{day:%Y-%m-%d}.csv",
                    now=received,
                )
                ctx.count("police notification rows imported", len(rows))
                recent = cal.working_days_between(day, today) <= 3
                _screen_day(ctx, day, recent, mash)
                _tell_schools(ctx, day, mash)
        day += timedelta(days=1)
    seed_edt(ctx, mash, kids)
    seed_exploitation(ctx, kids)
