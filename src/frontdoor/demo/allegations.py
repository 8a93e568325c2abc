"""Demo allegations: consultations and referrals over the last 24 months, across sectors and
outcomes, with initial considerations, meetings, actions (some overdue) and outcomes.

About `contacts_wanted / 30` approaches in all (a mid-sized council's ~10,000 contacts a year
gives ~330 approaches a year), ~60% of them consultations. Made only through the services, with
every clock passed in, so the same seed gives the same data.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from frontdoor.accounts.models import User
from frontdoor.allegations import services
from frontdoor.allegations.models import Allegation, AllegationSubject, HarmLimb
from frontdoor.core.calendar import LONDON, get_calendar, local_date
from frontdoor.demo import names
from frontdoor.demo.context import SeedContext
from frontdoor.people.models import Person

SECTOR_WEIGHTS = {
    "education": 38,
    "early_years": 10,
    "health": 6,
    "police": 3,
    "faith": 3,
    "sport": 7,
    "transport": 4,
    "foster_care": 8,
    "residential": 8,
    "voluntary": 4,
    "social_care": 5,
    "other": 4,
}
EMPLOYERS = {
    "education": ["Demoton Primary School", "Sampleby Academy", "Mockbridge High School"],
    "early_years": ["Little Stars Nursery", "Rainbow Day Nursery", "a registered childminder"],
    "health": ["Demoton General Hospital", "Riverside GP Practice"],
    "police": ["Demoshire Police"],
    "faith": ["St Example's Church", "Testwich Community Mosque"],
    "sport": ["Demoton Juniors FC", "Sampleby Swimming Club"],
    "transport": ["Demoshire School Transport", "Mockbridge Taxis"],
    "foster_care": ["Demoshire Fostering Service", "an independent fostering agency"],
    "residential": ["Oak House children's home", "Willow Lodge"],
    "voluntary": ["Demoton Scouts", "Family Support Charity"],
    "social_care": ["Demoshire Children's Services"],
    "other": ["Demoton Library", "a tutoring agency"],
}
ROLES = {
    "education": ["Teacher", "Teaching assistant", "Lunchtime supervisor"],
    "early_years": ["Nursery practitioner", "Childminder"],
    "health": ["Nurse", "Healthcare assistant"],
    "police": ["Police constable"],
    "faith": ["Youth leader"],
    "sport": ["Coach", "Swimming instructor"],
    "transport": ["Driver", "Passenger assistant"],
    "foster_care": ["Foster carer"],
    "residential": ["Residential support worker"],
    "voluntary": ["Volunteer leader"],
    "social_care": ["Social worker"],
    "other": ["Tutor", "Library assistant"],
}
REGULATORS = {
    "education": "Teaching Regulation Agency",
    "early_years": "Ofsted",
    "health": "Nursing and Midwifery Council",
    "foster_care": "Ofsted",
    "residential": "Ofsted",
    "social_care": "Social Work England",
}
OUTCOME_WEIGHTS = {
    "substantiated": 25,
    "unsubstantiated": 30,
    "false": 10,
    "malicious": 3,
    "unfounded": 32,
}
REFERRER_WEIGHTS = {"employer": 70, "police": 10, "social_care": 10, "parent": 7, "other": 3}
SUMMARIES = [
    "A pupil said the member of staff grabbed their arm during an argument.",
    "Inappropriate messages were sent to a young person on social media.",
    "The adult was arrested for an offence outside work that may indicate a risk to children.",
    "A child was restrained in a way that left bruising.",
    "The carer was seen slapping a child in the car park.",
    "Concerns about the adult giving gifts and lifts to a young person alone.",
]
CONSULTATIONS = [
    (
        "A member of staff shouted at a child.",
        "Below the harm test: handle as a low-level concern.",
    ),
    (
        "A coach messaged the team group late at night.",
        "Low-level concern; remind of the code of conduct.",
    ),
    ("A parent complained about handling during PE.", "Below the harm test; employer to review."),
    (
        "Staff member's partner is under police investigation.",
        "Transferable risk not indicated; keep under review.",
    ),
]


def _pick(ctx: SeedContext, weights: dict[str, int]) -> str:
    return ctx.rng.choices(list(weights), weights=list(weights.values()))[0]


def _moment(ctx: SeedContext, day: date) -> datetime:
    calendar = get_calendar()
    while not calendar.is_working_day(day):
        day -= timedelta(days=1)
    minutes = ctx.rng.randint(9 * 60, 16 * 60 + 45)
    return datetime.combine(day, time(minutes // 60, minutes % 60), tzinfo=LONDON)


def _subject(
    ctx: SeedContext, actor: User, sector: str, when: datetime, earlier: list[AllegationSubject]
) -> AllegationSubject:
    if earlier and ctx.rng.random() < 0.06:  # someone with an earlier allegation
        return ctx.rng.choice(earlier)
    first = ctx.rng.choice(names.FIRST_NAMES_F + names.FIRST_NAMES_M)
    dob = (
        None
        if ctx.rng.random() < 0.1
        else (local_date(when) - timedelta(days=ctx.rng.randint(20 * 365, 62 * 365)))
    )
    subject = services.subject_create(
        actor=actor,
        first_name=first,
        last_name=ctx.rng.choice(names.LAST_NAMES),
        sector=sector,
        date_of_birth=dob,
        job_role=ctx.rng.choice(ROLES[sector]),
        employer=ctx.rng.choice(EMPLOYERS[sector]),
        regulated_activity=ctx.rng.random() < 0.85,
        now=when,
    )
    earlier.append(subject)
    return subject


def seed(ctx: SeedContext) -> None:
    actor = ctx.users["lado"]
    calendar = get_calendar()
    today = local_date(ctx.now)
    total = max(6, ctx.contacts_wanted // 30)
    children = list(
        Person.objects.filter(kind="child", sealed=False)
        .order_by("pk")
        .values_list("pk", flat=True)[:5000]
    )
    earlier: list[AllegationSubject] = []
    days = sorted(today - timedelta(days=ctx.rng.randint(1, 730)) for _ in range(total))
    # Make sure a few arrive in the last working days, so the tray has fresh work.
    days[-3:] = [today - timedelta(days=d) for d in (0, 1, 2)]
    for index, day in enumerate(days):
        received = _moment(ctx, day)
        if received > ctx.now:
            received = ctx.now - timedelta(minutes=30 + index)
        sector = _pick(ctx, SECTOR_WEIGHTS)
        if ctx.rng.random() < 0.6 and index < len(days) - 3:
            _consultation(ctx, actor, sector, received, earlier)
        else:
            _referral(ctx, actor, sector, received, earlier, children, calendar, today)


def _consultation(
    ctx: SeedContext, actor: User, sector: str, received: datetime, earlier: list[AllegationSubject]
) -> None:
    summary, advice = ctx.rng.choice(CONSULTATIONS)
    subject = _subject(ctx, actor, sector, received, earlier) if ctx.rng.random() < 0.4 else None
    services.consultation_record(
        actor=actor,
        received_at=received,
        sector=sector,
        employer=ctx.rng.choice(EMPLOYERS[sector]),
        referrer_type=_pick(ctx, REFERRER_WEIGHTS),
        referrer_organisation=ctx.rng.choice(EMPLOYERS[sector]),
        summary=summary,
        advice_given=advice,
        subject=subject,
        now=received,
    )
    ctx.count("LADO consultations")


def _referral(
    ctx: SeedContext,
    actor: User,
    sector: str,
    received: datetime,
    earlier: list[AllegationSubject],
    children: list[int],
    calendar: Any,
    today: date,
) -> None:
    rng = ctx.rng
    subject = _subject(ctx, actor, sector, received, earlier)
    lag = 0 if rng.random() < 0.6 else (1 if rng.random() < 0.7 else rng.randint(2, 6))
    learned = local_date(received) - timedelta(days=lag)
    limbs = rng.sample(HarmLimb.values, k=rng.choice([1, 1, 1, 2, 2, 3]))
    referral = services.referral_record(
        actor=actor,
        subject=subject,
        received_at=received,
        employer_learned_on=learned,
        referrer_type=_pick(ctx, REFERRER_WEIGHTS),
        referrer_organisation=subject.employer,
        harm_limbs=limbs,
        summary=rng.choice(SUMMARIES),
        now=received,
    )
    ctx.count("LADO referrals")
    if children and rng.random() < 0.7:
        child = Person.objects.get(pk=rng.choice(children))
        services.allegation_child_add(actor=actor, allegation=referral, person=child, now=received)
    due = referral.initial_consideration_due
    assert due is not None
    if due > ctx.now:
        return  # still waiting for its initial consideration
    considered_at = (
        due - timedelta(hours=rng.randint(1, 6))
        if rng.random() < 0.9
        else calendar.add_working_hours(due, rng.randint(2, 16))
    )
    considered_at = min(max(considered_at, received + timedelta(minutes=20)), ctx.now)
    hold_meeting = rng.random() < 0.75
    stay = rng.choice(["yes", "alternatives", "suspended", "not_working"])
    services.initial_consideration_record(
        actor=actor,
        allegation=referral,
        nature_and_context=referral.summary,
        history="No earlier concerns known." if rng.random() < 0.8 else "One earlier consultation.",
        police_needed="offence" in limbs,
        s47_needed=rng.random() < 0.2,
        stay_in_role=stay,
        alternatives_considered="" if stay == "yes" else "Non-contact duties were considered.",
        hold_meeting=hold_meeting,
        rationale="Harm test met; agencies need to share information."
        if hold_meeting
        else "Employer can manage with advice; no meeting needed.",
        now=considered_at,
    )
    # How long the case runs: most within a month (DfE targets: 80% / 90% / 100%).
    roll = rng.random()
    span = (
        rng.randint(3, 20)
        if roll < 0.62
        else rng.randint(22, 85)
        if roll < 0.88
        else rng.randint(95, 330)
        if roll < 0.97
        else rng.randint(370, 420)
    )
    concludes_on = calendar.add_working_days(local_date(received), span)
    meeting_day = calendar.add_working_days(local_date(considered_at), rng.randint(1, 5))
    if hold_meeting and meeting_day < today:
        _meetings(ctx, actor, referral, meeting_day, min(concludes_on, today), calendar, today)
    if concludes_on <= today and not referral.meetings.filter(final=False).exists():
        _conclude(
            ctx,
            actor,
            referral,
            max(concludes_on, meeting_day if hold_meeting else concludes_on),
            sector,
            today,
        )


def _meetings(
    ctx: SeedContext,
    actor: User,
    referral: Allegation,
    first_day: date,
    until: date,
    calendar: Any,
    today: date,
) -> None:
    rng = ctx.rng
    held = first_day
    kind = "initial"
    while held <= until:
        at = datetime.combine(held, time(10), tzinfo=LONDON)
        meeting = services.meeting_start(actor=actor, allegation=referral, kind=kind, now=at)
        feedback_due = calendar.add_working_days(held, rng.randint(5, 15))
        actions = [
            (text, owner, calendar.add_working_days(held, rng.randint(3, 15)))
            for text, owner in rng.sample(
                [
                    ("Interview the child with an appropriate adult", "DC Patel, police"),
                    ("Employer to complete its investigation", "Headteacher"),
                    ("Obtain the person's account", "HR adviser"),
                    ("Check earlier records with the previous employer", "Designated officer"),
                    ("Review the risk assessment for the setting", "Setting manager"),
                ],
                k=rng.randint(1, 3),
            )
        ]
        draft = held >= today - timedelta(days=3) and rng.random() < 0.3
        services.meeting_save(
            actor=actor,
            meeting=meeting,
            held_on=held,
            attendees="Designated officer, LADO service\nDetective constable, police\n"
            "HR adviser, employer",
            key_issues="Whether the account of the child is supported, and whether the person "
            "can safely stay in their role.",
            support_provider="" if rng.random() < 0.1 else "Employer's welfare lead",
            support_description="Weekly check-in and access to counselling",
            no_support_reason="The person declined support and has union representation",
            feedback_due_on=feedback_due,
            decisions=[
                ("Police to investigate first; employer to wait", "A possible offence"),
                (
                    "Person to stay on non-contact duties",
                    "Protects children while the facts are established",
                ),
            ],
            actions=actions,
        )
        if draft:
            return
        services.meeting_finalise(actor=actor, meeting=meeting, now=at)
        for item in meeting.actions.all():
            if (
                item.due_on
                and item.due_on < today
                and (held + timedelta(days=40) < until or rng.random() < 0.7)
            ):
                services.meeting_action_complete(
                    actor=actor, action=item, completed_on=min(item.due_on, today)
                )
        if feedback_due < today and rng.random() < 0.8:
            services.meeting_feedback_received(
                actor=actor, meeting=meeting, received_on=feedback_due, now=ctx.now
            )
        held = calendar.add_working_days(held, rng.randint(20, 45))
        kind = "review"


def _conclude(
    ctx: SeedContext,
    actor: User,
    referral: Allegation,
    concluded_on: date,
    sector: str,
    today: date,
) -> None:
    rng = ctx.rng
    concluded_on = min(concluded_on, today)
    outcome = _pick(ctx, OUTCOME_WEIGHTS)
    if outcome == "substantiated":
        action = rng.choice(["dismissal", "warning", "resigned", "training"])
    elif outcome == "unsubstantiated":
        action = rng.choice(["training", "none", "warning"])
    else:
        action = "none"
    dbs = "duty" if outcome == "substantiated" and action in ("dismissal", "resigned") else "none"
    regulator = REGULATORS.get(sector, "") if outcome == "substantiated" else ""
    proposal = services.allegation_outcome_propose(
        actor=actor,
        allegation=referral,
        outcome=outcome,
        concluded_on=concluded_on,
        employer_action=action,
        dbs_referral=dbs,
        dbs_referred_on=concluded_on if dbs != "none" else None,
        regulator=regulator,
        regulator_referred_on=concluded_on if regulator else None,
        now=ctx.now,
    )
    # Four eyes: a second designated officer authorises every outcome.
    services.allegation_outcome_authorise(actor=ctx.users["lado2"], proposal=proposal, now=ctx.now)
    ctx.count("LADO outcomes")
