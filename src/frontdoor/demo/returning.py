"""Children who come back: new contacts about children whose referral has closed, most of them
re-referred within 12 months of the previous referral, as at a real front door (DfE, Characteristics
of children in need 2024-25: 22.6% of referrals were within 12 months of a previous one).

Children whose latest referral is closed (and who have none open) are taken in a shuffled order;
each, with probability `RETURN_SHARE`, gets a new contact between the closure and 12 months after
the previous referral (sooner more often than later). While fewer than `REREFERRAL_AIM` of the
referrals of that contact's month are within 12 months of a previous one, the contact is screened
to a referral (an assessment, or a strategy discussion for some); in a month that has reached the
aim, a child who comes back is a repeat contact decided like any other contact (advice, early
help …), so re-referrals are spread over the months and the contacts that became referrals stay
near a real front door's 23%. The first months of the demo have no earlier referrals to come back
from, so a collection year that starts near them has fewer. New referrals are then allocated and worked like the others
(`protection._work`).

Runs after the protection stage (it needs closed referrals) with its own random generator, so the
stages before it are unchanged; the stages after it see the extra contacts.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import replace
from datetime import date, datetime, time, timedelta

from django.db.models import Max

from frontdoor.cases.models import Referral
from frontdoor.core.calendar import LONDON, get_calendar, months_before, within_months
from frontdoor.demo import names, protection, screening
from frontdoor.demo.context import SeedContext
from frontdoor.demo.people_contacts import CONCERN_TEXT, ORGANISATIONS, SOURCE_WEIGHTS
from frontdoor.intake.models import Channel, ConcernCategory, ParentsAware
from frontdoor.intake.services import contact_record
from frontdoor.screening.models import Decision

RETURN_SHARE = 0.85
# Re-referrals aimed at, as a share of all referrals seeded (England 22.6%; docs/demo-data.md).
REREFERRAL_AIM = 0.225
# Once the aim is reached, a child who comes back is decided as a contact like any other, but never
# referred: these outcomes, weighted as the screening stage weights them.
REPEAT_OUTCOMES = {"nfa": 17, "advice": 27, "universal": 8, "step_down": 19}
# Leave recent days to the screening stage's own queue.
QUIET = timedelta(days=3)


def _moment(rng: random.Random, day: date) -> datetime:
    return datetime.combine(day, time(rng.randint(8, 17), rng.randint(0, 59)), tzinfo=LONDON)


def _twelve_months_after(day: date) -> date:
    """The last day within 12 calendar months of `day` (core.calendar's months, never 365 days)."""
    later = months_before(day, -12)
    while not within_months(day, later, 12):
        later -= timedelta(days=1)
    return later


def seed(ctx: SeedContext) -> None:
    rng = random.Random(repr(ctx.rng.getstate()[1][8:16]))  # reads, never draws
    own = replace(ctx, rng=rng)  # the same users, counts and contacts; its own generator
    today = (ctx.now - QUIET).astimezone(LONDON).date()
    workers, managers = screening._practitioners(own), screening._managers(own)
    social_workers = ctx.staff.get("assessment_social_worker") or [ctx.users["sw.assessment"]]
    open_children = set(
        Referral.objects.filter(closure_date__isnull=True).values_list("person_id", flat=True)
    )
    latest = (
        Referral.objects.exclude(person_id__in=open_children)
        .values("person_id")
        .annotate(last=Max("referral_date"))
    )
    last_by_child = {row["person_id"]: row["last"] for row in latest}
    previous = {
        r.person_id: r
        for r in Referral.objects.filter(person_id__in=last_by_child)
        .select_related("person")
        .order_by("referral_date", "pk")
        if r.referral_date == last_by_child[r.person_id]
    }
    sources, weights = zip(*SOURCE_WEIGHTS.items(), strict=True)
    cal = get_calendar()
    referrals, again = _rereferrals()
    order = sorted(previous)
    rng.shuffle(order)
    for person_id in order:
        referral = previous[person_id]
        if rng.random() >= RETURN_SHARE or referral.closure_date is None:
            continue
        first = referral.closure_date + timedelta(days=7)
        last = min(_twelve_months_after(referral.referral_date), today)
        if first > last:
            continue
        day = first + timedelta(days=int(rng.triangular(0, (last - first).days, 0)))
        while not cal.is_working_day(day) and day < last:
            day += timedelta(days=1)
        received = _moment(rng, day)
        source = rng.choices(sources, weights=weights)[0]
        category = rng.choice(list(CONCERN_TEXT))
        contact = contact_record(
            actor=rng.choice(workers),
            received_at=received,
            channel=Channel.POLICE if source == "6" else rng.choice([Channel.PHONE, Channel.EMAIL]),
            source=source,
            concerns="Known to children's services before. " + CONCERN_TEXT[category],
            categories=[category if category in ConcernCategory.values else "other"],
            parents_aware=rng.choice(ParentsAware.values),
            children=[referral.person],
            source_organisation=ORGANISATIONS.get(source, ""),
            referrer_name=""
            if source == "9"
            else f"{rng.choice(names.FIRST_NAMES_F)} {rng.choice(names.LAST_NAMES)}",
            referrer_role="Referrer",
            referrer_phone="" if source == "9" else f"01632 {rng.randint(100000, 999999)}",
            anonymous=source == "9",
            now=ctx.now,
        )
        ctx.contacts.append(contact)
        ctx.count("contacts")
        ctx.count("returning contacts")
        month = (day.year, day.month)
        if again[month] < REREFERRAL_AIM * referrals[month]:
            outcome = rng.choice(["assessment", "assessment", "assessment", "strategy"])
        else:
            kinds, kind_weights = zip(*REPEAT_OUTCOMES.items(), strict=True)
            outcome = rng.choices(kinds, weights=kind_weights)[0]
        screening.decide_contact(own, contact, workers, managers, outcome)
        decision = (
            Decision.objects.filter(screening__contact=contact, referral__isnull=False)
            .select_related("referral__team")
            .first()
        )
        if decision is None or decision.referral is None:
            continue
        # Within 12 months of the previous referral by construction, so a re-referral.
        referrals[month] += 1
        again[month] += 1
        if decision.referral.nfa:
            continue
        ctx.count("re-referrals")
        new = decision.referral
        worker = rng.choice(social_workers)
        if new.team is not None:
            protection.referral_allocate(
                actor=rng.choice(managers),
                referral=new,
                team=worker.team or new.team,
                worker=worker,
                now=min(new.created_at + timedelta(hours=rng.randint(1, 20)), ctx.now),
            )
        protection._work(own, new, worker, rng.choice(managers), decision.outcome)


def _rereferrals() -> tuple[Counter[tuple[int, int]], Counter[tuple[int, int]]]:
    """Referrals seeded so far by (year, month) of the referral date, and how many of them are
    within 12 months of an earlier referral of the same child (the dashboard's definition)."""
    days: dict[int, list[date]] = {}
    for person_id, day in Referral.objects.order_by("referral_date", "pk").values_list(
        "person_id", "referral_date"
    ):
        days.setdefault(person_id, []).append(day)
    total: Counter[tuple[int, int]] = Counter()
    again: Counter[tuple[int, int]] = Counter()
    for child_days in days.values():
        for n, day in enumerate(child_days):
            total[day.year, day.month] += 1
            if any(within_months(d, day, 12) for d in child_days[:n] if d < day):
                again[day.year, day.month] += 1
    return total, again
