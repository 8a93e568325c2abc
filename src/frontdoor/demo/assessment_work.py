"""Demo manager guidance, assessments (visits, the child's voice, engagement, outcome and sign-off),
Signs of Safety mappings and group supervisions, made through the assessments services.

Proportions follow DOMAIN.md §10: 85.7% of assessments signed off within 45 working days (the rest
late, with a reason). A parent who is in the people index is linked to their record, so a sealed
parent is masked on the assessment for anyone not on their access list.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from frontdoor.accounts.models import User
from frontdoor.assessments import guards as assessment_guards
from frontdoor.assessments import services as assessment_services
from frontdoor.assessments.models import Assessment, CaseMapping
from frontdoor.cases.models import Referral
from frontdoor.core.calendar import LONDON, get_calendar, local_date
from frontdoor.demo import names
from frontdoor.demo.context import SeedContext
from frontdoor.people.models import Relationship

LATE_REASONS = [
    "The father was abroad and could only be seen on his return.",
    "The family moved address during the assessment and had to be traced.",
    "The worker was off sick for two weeks; the case was reallocated.",
    "Specialist health information arrived late.",
]
FACTORS = [
    "3B",
    "4B",
    "2B",
    "1B",
    "16A",
    "17A",
    "5B",
    "6B",
    "10A",
    "14A",
    "24A",
    "11A",
    "18C",
    "7A",
    "20",
]
TOOLS = ["three_houses", "words_and_pictures", "fairy_wizard", "safety_house"]
VOICES = [
    "In the house of worries she drew shouting downstairs; in the house of good things, her nan's dog.",
    "He said he likes school because he gets breakfast there, and wishes his mum was less tired.",
    "She said she feels safe with her mum and wants her dad to stop drinking.",
    "He would not talk at first; with the Fairy/Wizard he wished for 'no more police coming'.",
]
DANGERS = [
    (
        "Children's services are worried that the children may be hurt if the adults argue and fight again.",
        "The children live in a home where adults settle disagreements without violence, for six months.",
    ),
    (
        "We are worried the children will go without food, warmth and clean clothes and fall ill.",
        "The children have regular meals, a warm home and clean clothes every day, seen on visits.",
    ),
    (
        "We are worried that the child will be left alone overnight and come to harm.",
        "An adult the child knows is with them every night, agreed in a rota the network keeps to.",
    ),
]
BOTTOM_LINES = [
    {
        "trigger": "the children are present at another violent incident",
        "agency_action": "hold a strategy discussion with police and consider legal advice",
        "who_acts": "the team manager",
        "how_quickly": "the same working day",
        "family_must": "keep the children away from any adult "
        "who is violent and ring 999 if they are in danger",
    },
    {
        "trigger": "the child is left alone overnight again",
        "agency_action": "arrange for the child to stay with a safe family member",
        "who_acts": "the allocated social worker",
        "how_quickly": "within 24 hours",
        "family_must": "agree who will care for the child every night and stick to it",
    },
]


def today_of(ctx: SeedContext) -> date:
    return local_date(ctx.now)


def at(day: date, ctx: SeedContext, low: int = 9, high: int = 16) -> datetime:
    return datetime.combine(
        day, time(ctx.rng.randint(low, high), ctx.rng.choice([0, 15, 30, 45])), tzinfo=LONDON
    )


def wd(day: date, n: int) -> date:
    return get_calendar().add_working_days(day, n)


def working(day: date) -> date:
    """`day` if it is a working day, else the next one."""
    cal = get_calendar()
    return day if cal.is_working_day(day) else cal.next_working_day(day)


def _people(referral: Referral, ctx: SeedContext) -> list[dict[str, Any]]:
    parents = list(
        Relationship.objects.filter(other=referral.person, kind="parent").select_related("person")[
            :2
        ]
    )
    rows = [
        {
            "name": r.person.full_name,
            "person": r.person,
            "relationship": "mother" if i == 0 else "father",
            "lives_with_child": r.lives_with,
        }
        for i, r in enumerate(parents)
    ]
    if not rows:
        rows = [
            {
                "name": f"{ctx.rng.choice(names.FIRST_NAMES_F)} {referral.person.last_name}",
                "relationship": "mother",
                "lives_with_child": True,
            }
        ]
    if len(rows) < 2 and ctx.rng.random() < 0.7:
        rows.append(
            {
                "name": f"{ctx.rng.choice(names.FIRST_NAMES_M)} {ctx.rng.choice(names.LAST_NAMES)}",
                "relationship": "father",
                "lives_with_child": False,
            }
        )
    if ctx.rng.random() < 0.4:
        rows.append(
            {
                "name": f"{ctx.rng.choice(names.FIRST_NAMES_F)} {referral.person.last_name}",
                "relationship": "significant",
                "lives_with_child": False,
            }
        )
    return rows


def assessment_for(
    ctx: SeedContext, referral: Referral, worker: User, manager: User, start: date
) -> Assessment | None:
    rng = ctx.rng
    given_at = at(start, ctx, 9, 11)
    if given_at > ctx.now:
        return None
    limit = assessment_guards.assessment_max_due(referral.referral_date)
    due = limit if rng.random() < 0.8 else wd(referral.referral_date, rng.randint(25, 40))
    people = _people(referral, ctx)
    absent = (
        "named"
        if any(
            p["relationship"] in ("mother", "father") and not p["lives_with_child"] for p in people
        )
        else "none"
    )
    assessment_services.guidance_record(
        actor=manager,
        referral=referral,
        now=given_at,
        due_date=due,
        people=people,
        absent_parent=absent,
        focus="The child's daily lived experience and the parents' capacity to keep them safe.",
        lines_of_enquiry="What happened, and has it happened before? Who else is in the child's life? "
        "What does the father who does not live with the child offer?",
    )
    assessment = assessment_services.assessment_start(
        actor=worker,
        referral=referral,
        start_date=start,
        worker=worker,
        now=given_at + timedelta(hours=1),
    )
    return assessment


def conclude(
    ctx: SeedContext,
    referral: Referral,
    assessment: Assessment,
    worker: User,
    manager: User,
    state: dict[str, Any],
) -> None:
    rng, today = ctx.rng, today_of(ctx)
    start, due = assessment.start_date, assessment.due_date
    allowed = get_calendar().working_days_between(start, due)
    # 85.7% on time nationally; late ones finish later and are more often still open at `now`.
    if rng.random() < 0.85:
        finish = wd(start, max(1, min(allowed, int(rng.triangular(8, allowed, 33)))))
    else:
        finish = wd(due, rng.randint(1, 15))
    for offset in sorted(rng.sample(range(0, 12), rng.randint(1, 2))):
        seen = wd(start, offset)
        if seen <= min(today, finish):
            assessment_services.child_seen_record(
                actor=worker,
                assessment=assessment,
                seen_on=seen,
                seen_alone=rng.random() < 0.7,
                notes="Home visit.",
                today=today,
            )
    if wd(start, 3) <= today:
        tools = rng.sample(TOOLS, rng.randint(1, 2))
        assessment_services.child_voice_record(
            actor=worker,
            assessment=assessment,
            direct_work=tools,
            direct_work_other="",
            child_voice=rng.choice(VOICES),
        )
    mapping_day = wd(start, rng.randint(5, 12))
    if mapping_day <= min(today, finish) and rng.random() < 0.45:
        mapping = _mapping(ctx, referral, assessment, mapping_day, worker)
        if rng.random() < 0.2:
            _supervision(ctx, referral, mapping, mapping_day, manager)
    if finish > today:
        return
    for row in assessment.guidance.people_to_see.all():
        if rng.random() < 0.8 or row.relationship == "mother":
            assessment_services.engagement_record(actor=worker, person_to_see=row, engaged=True)
        else:
            assessment_services.engagement_record(
                actor=worker,
                person_to_see=row,
                engaged=False,
                not_engaged_reason="Did not respond and did not attend two appointments.",
                attempts="Two letters, three phone calls and an unannounced visit.",
            )
    plan = state.get("plan")
    if plan is not None:
        outcome, factors = "child_protection", rng.sample(FACTORS[:8], rng.randint(1, 3))
    elif state.get("s47") is not None:
        outcome, factors = (
            rng.choice(["cin_plan", "cin_plan", "step_down"]),
            rng.sample(FACTORS, rng.randint(1, 3)),
        )
    else:
        outcome = rng.choices(
            ["nfa", "step_down", "cin_plan", "accommodation"], weights=[33, 32, 33, 2]
        )[0]
        factors = (
            ["21"]
            if outcome == "nfa" and rng.random() < 0.5
            else rng.sample(FACTORS, rng.randint(1, 3))
        )
    assessment_services.assessment_conclude(
        actor=worker,
        assessment=assessment,
        factors=factors,
        outcome=outcome,
        analysis="The assessment found the concerns reported, what is working well "
        "and the parents' capacity to change; the outcome is proportionate.",
    )
    s47 = state.get("s47")
    if s47 is not None:
        s47.refresh_from_db()
        if s47.is_open:  # sign off only once the enquiry has concluded, so closures stay clean
            return
    late = finish > due
    assessment_services.assessment_sign_off(
        actor=manager,
        assessment=assessment,
        signoff_date=finish,
        late_reason=rng.choice(LATE_REASONS) if late else "",
        now=at(finish, ctx),
    )


def _mapping(
    ctx: SeedContext, referral: Referral, assessment: Assessment, day: date, worker: User
) -> CaseMapping:
    rng = ctx.rng
    danger = rng.choice(DANGERS)
    scores = [
        {"name": worker.display_name, "role": "professional", "score": rng.randint(2, 6)},
        {"name": "Parent", "role": "family", "score": rng.randint(5, 9)},
        {"name": "School", "role": "professional", "score": rng.randint(3, 7)},
    ]
    if rng.random() < 0.5:
        scores.append(
            {"name": referral.person.first_name, "role": "child", "score": rng.randint(3, 9)}
        )
    return assessment_services.mapping_record(
        actor=worker,
        referral=referral,
        assessment=assessment,
        held_on=day,
        now=at(day, ctx),
        harm="The child was hurt during an incident at home and has been left without care at times.",
        dangers=[{"danger": danger[0], "safety_goal": danger[1]}],
        complicating_factors="Parental alcohol use; the family has moved three times in a year.",
        strengths="The mother takes the child to school every day; grandparents are close by.",
        existing_safety="The mother took the children to her sister's when the father was drunk.",
        grey_areas="Whether the father still visits the home.",
        next_steps=[
            {
                "who": "Social worker",
                "what": "Meet the grandparents to build the safety network",
                "by_when": wd(day, 5),
            }
        ],
        scores=scores,
        bottom_lines=[rng.choice(BOTTOM_LINES)],
    )


def _supervision(
    ctx: SeedContext, referral: Referral, mapping: CaseMapping, day: date, manager: User
) -> None:
    rng = ctx.rng
    participants = [
        {
            "name": f"{rng.choice(names.FIRST_NAMES_F)} {rng.choice(names.LAST_NAMES)}",
            "agency": a,
            "role": role,
            "contribution": text,
            "scale": rng.randint(2, 7),
        }
        for a, role, text in [
            ("social_care", "Social worker", "Presented the case and the mapping"),
            ("health", "School nurse", "Growth and health appointments"),
            ("education", "Designated safeguarding lead", "Attendance and presentation"),
            ("social_care", "Senior practitioner", "Asked about the father's role"),
        ]
    ]
    assessment_services.supervision_record(
        actor=manager,
        referral=referral,
        held_on=day,
        chair=manager.display_name,
        presenter="Allocated social worker",
        mapping=mapping,
        decision="Continue the assessment; involve the grandparents in a safety network meeting.",
        accountable_manager=manager,
        participants=participants,
        now=at(day, ctx),
        actions=[
            {
                "owner": "Allocated social worker",
                "action": "Arrange the safety network meeting",
                "due_date": wd(day, 5),
                "done_date": None,
            }
        ],
    )
