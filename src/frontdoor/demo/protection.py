"""Demo strategy discussions, s47 enquiries, ICPCs, CP plans, assessments, mappings and group
supervisions for the referrals the screening stage opened, made through this app's services.

Proportions follow DOMAIN.md §10 (a mid-sized council's year): nearly every referral that is not
NFA gets an assessment, 85.7% signed off within 45 working days (the rest late, with a reason);
s47 enquiries for about 36% of referrals (800/2200); an ICPC for about 31% of s47s (250/800), 81%
of them within 15 working days; most ICPCs make a plan; plans are reviewed and some end. Dates obey
the CIN census rules (DOMAIN.md §9), so the census export is clean.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from frontdoor.assessments import guards as assessment_guards
from frontdoor.assessments import services as assessment_services
from frontdoor.cases.models import Referral
from frontdoor.cases.services import referral_allocate, referral_close, referral_open
from frontdoor.child_protection import services as cp_services
from frontdoor.child_protection.models import S47Outcome
from frontdoor.core.calendar import LONDON, get_calendar, local_date
from frontdoor.demo import names
from frontdoor.demo.context import SeedContext
from frontdoor.people.models import Relationship

CATEGORY_WEIGHTS = {"NEG": 50, "EMO": 35, "PHY": 7, "SAB": 4, "MUL": 4}
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


def _day(ctx: SeedContext) -> date:
    return local_date(ctx.now)


def _at(day: date, ctx: SeedContext, low: int = 9, high: int = 16) -> datetime:
    return datetime.combine(
        day, time(ctx.rng.randint(low, high), ctx.rng.choice([0, 15, 30, 45])), tzinfo=LONDON
    )


def _wd(day: date, n: int) -> date:
    return get_calendar().add_working_days(day, n)


def _working(day: date) -> date:
    """`day` if it is a working day, else the next one."""
    cal = get_calendar()
    return day if cal.is_working_day(day) else cal.next_working_day(day)


def _outcomes(ctx: SeedContext) -> dict[int, str]:
    """The screening decision behind each referral (strategy or assessment), when screening ran."""
    try:
        from frontdoor.screening.models import Decision
    except ImportError:  # the screening area is not installed in this build
        return {}
    opened = Decision.objects.filter(referral__isnull=False, outcome__in=["assessment", "strategy"])
    return dict(opened.values_list("referral_id", "outcome"))


def _open_own_referrals(ctx: SeedContext) -> None:
    """No screening stage: open referrals for about 23% of contacts' children ourselves."""
    from frontdoor.accounts.models import Team

    team = Team.objects.filter(kind="assessment").order_by("name").first()
    for contact in ctx.contacts:
        if ctx.rng.random() >= 0.23:
            continue
        for link in contact.children.select_related("person"):
            if Referral.objects.filter(person=link.person, closure_date__isnull=True).exists():
                continue
            day = local_date(contact.received_at)
            if Referral.objects.filter(person=link.person, closure_date__gt=day).exists():
                continue
            referral_open(
                actor=ctx.users["mash.manager"],
                person=link.person,
                referral_date=day,
                source=contact.source,
                primary_need=ctx.rng.choice(["N1", "N1", "N4", "N5"]),
                contact=contact,
                team=team,
                now=contact.received_at,
            )


def seed(ctx: SeedContext) -> None:
    if not Referral.objects.filter(nfa=False).exists():
        _open_own_referrals(ctx)
    decisions = _outcomes(ctx)
    workers = ctx.staff.get("assessment_social_worker") or [ctx.users["sw.assessment"]]
    managers = ctx.staff.get("mash_manager") or [ctx.users["mash.manager"]]
    referrals = list(
        Referral.objects.filter(nfa=False, closure_date__isnull=True)
        .select_related("person", "team")
        .order_by("referral_date", "pk")
    )
    ctx.count("referrals worked by social workers", len(referrals))
    for referral in referrals:
        worker = ctx.users["sw.assessment"] if ctx.rng.random() < 0.3 else ctx.rng.choice(workers)
        if referral.team is not None:
            allocated = min(referral.created_at + timedelta(hours=ctx.rng.randint(1, 20)), ctx.now)
            referral_allocate(
                actor=ctx.rng.choice(managers),
                referral=referral,
                team=worker.team or referral.team,
                worker=worker,
                now=allocated,
            )
        _work(ctx, referral, worker, ctx.rng.choice(managers), decisions.get(referral.pk, ""))


def _work(ctx: SeedContext, referral: Referral, worker: Any, manager: Any, decision: str) -> None:
    """One episode's life: an s47 for about 36% of referrals, an assessment for all."""
    rng, today = ctx.rng, _day(ctx)
    start = _working(referral.referral_date + timedelta(days=rng.choice([0, 0, 1])))
    if start > today:
        return
    s47_first = decision == "strategy" or (not decision and rng.random() < 0.26)
    wants_s47 = rng.random() < (0.85 if s47_first else 0.18)
    state: dict[str, Any] = {"plan": None, "s47": None}
    if wants_s47 and s47_first:
        _strategy_and_s47(ctx, referral, worker, start, state)
    assessment = _assessment(ctx, referral, worker, manager, start)
    if wants_s47 and not s47_first and assessment is not None:
        later = _wd(assessment.start_date, rng.randint(3, 15))
        if later <= today:
            _strategy_and_s47(ctx, referral, worker, later, state)
    if assessment is not None:
        _conclude(ctx, referral, assessment, worker, manager, state)
    _close_later(ctx, referral, state)


def _strategy_and_s47(
    ctx: SeedContext, referral: Referral, worker: Any, day: date, state: dict[str, Any]
) -> None:
    rng, today = ctx.rng, _day(ctx)
    held_at = _at(day, ctx)
    if held_at > ctx.now:
        return
    agencies = ["social_care", "police", "health"] + (["education"] if rng.random() < 0.6 else [])
    if rng.random() < 0.08:
        agencies.remove("health")  # held without health: shown as a warning on the record
    participants = [
        {
            "name": f"{rng.choice(names.FIRST_NAMES_F + names.FIRST_NAMES_M)} "
            f"{rng.choice(names.LAST_NAMES)}",
            "agency": a,
            "role": {
                "social_care": "Social worker",
                "police": "Detective constable, CAIT",
                "health": "Named nurse for safeguarding",
                "education": "Designated safeguarding lead",
            }[a],
        }
        for a in agencies
    ]
    discussion = cp_services.strategy_discussion_record(
        actor=worker,
        referral=referral,
        lead=worker,
        held_at=held_at,
        now=held_at + timedelta(hours=2),
        information_shared="Police: previous call-outs to the address. Health: missed appointments. "
        "School: the child has been withdrawn and had an unexplained injury.",
        decision=rng.choice(["s47_single", "s47_joint", "s47_joint"]),
        rationale="There is reasonable cause to suspect the child is suffering, or likely to suffer, "
        "significant harm.",
        participants=participants,
        actions=[
            {
                "owner": "Police, DC on the joint investigation",
                "action": "Joint visit and ABE interview if needed",
                "due_date": _wd(day, 1),
                "done_date": None,
            },
            {
                "owner": worker.display_name,
                "action": "See the child and siblings",
                "due_date": _wd(day, 2),
                "done_date": None,
            },
        ],
    )
    s47 = discussion.s47
    state["s47"] = s47
    for item in discussion.actions.all():
        if item.due_date < today and rng.random() < 0.9:
            cp_services.action_complete(
                actor=worker, item=item, done_date=item.due_date, person_id=referral.person_id
            )
    outcome_day = _wd(day, rng.randint(2, 9))
    if outcome_day > today:
        return
    outcome = (
        S47Outcome.ICPC
        if rng.random() < 0.31
        else rng.choice([S47Outcome.NO_ICPC, S47Outcome.NOT_SUBSTANTIATED])
    )
    alone = rng.random() < 0.8
    cp_services.s47_findings_record(
        actor=worker,
        s47=s47,
        child_seen_date=min(_wd(day, rng.randint(0, 1)), outcome_day),
        seen_alone=alone,
        not_seen_alone_reason=""
        if alone
        else "The child is pre-verbal and was seen with their mother.",
        child_words=rng.choice(VOICES),
        outcome=outcome,
        outcome_date=outcome_day,
        today=today,
    )
    if outcome != S47Outcome.ICPC:
        return
    if rng.random() < 0.81:  # within 15 working days of the strategy discussion
        span = get_calendar().working_days_between(outcome_day, s47.icpc_target)
        icpc = _wd(outcome_day, rng.randint(0, max(span, 0)))
    else:
        icpc = _wd(s47.icpc_target, rng.randint(1, 10))
    if icpc > today:
        return
    cp_plan = rng.random() < 0.88
    category = rng.choices(list(CATEGORY_WEIGHTS), weights=list(CATEGORY_WEIGHTS.values()))[0]
    plan = cp_services.icpc_record(
        actor=worker,
        s47=s47,
        icpc_date=icpc,
        cp_plan=cp_plan,
        initial_category=category if cp_plan else "",
        today=today,
        now=_at(icpc, ctx),
    )
    state["plan"] = plan
    if plan is not None:
        _reviews(ctx, plan, worker)


def _reviews(ctx: SeedContext, plan: Any, worker: Any) -> None:
    rng, today = ctx.rng, _day(ctx)
    while plan.is_open:
        due = plan.next_review_due
        held = (
            _working(due - timedelta(days=rng.randint(0, 14)))
            if rng.random() < 0.9
            else _wd(due, rng.randint(1, 8))
        )
        last = plan.reviews.order_by("-held_date").first()
        floor = last.held_date if last else plan.start_date
        if held <= floor:
            held = _wd(floor, 1)
        if held > today:
            return
        continues = rng.random() < 0.65
        category = (
            plan.latest_category if rng.random() < 0.85 else rng.choice(list(CATEGORY_WEIGHTS))
        )
        cp_services.cp_review_record(
            actor=worker,
            plan=plan,
            held_date=held,
            plan_continues=continues,
            category=category,
            today=today,
        )
        plan.refresh_from_db()


def _people(referral: Referral, ctx: SeedContext) -> list[dict[str, Any]]:
    parents = list(
        Relationship.objects.filter(other=referral.person, kind="parent").select_related("person")[
            :2
        ]
    )
    rows = [
        {
            "name": r.person.full_name,
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


def _assessment(
    ctx: SeedContext, referral: Referral, worker: Any, manager: Any, start: date
) -> Any:
    rng = ctx.rng
    given_at = _at(start, ctx, 9, 11)
    if given_at > ctx.now:
        return None
    limit = assessment_guards.assessment_max_due(referral.referral_date)
    due = limit if rng.random() < 0.8 else _wd(referral.referral_date, rng.randint(25, 40))
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


def _conclude(
    ctx: SeedContext,
    referral: Referral,
    assessment: Any,
    worker: Any,
    manager: Any,
    state: dict[str, Any],
) -> None:
    rng, today = ctx.rng, _day(ctx)
    start, due = assessment.start_date, assessment.due_date
    allowed = get_calendar().working_days_between(start, due)
    # 85.7% on time nationally; late ones finish later and are more often still open at `now`.
    if rng.random() < 0.85:
        finish = _wd(start, max(1, min(allowed, int(rng.triangular(8, allowed, 33)))))
    else:
        finish = _wd(due, rng.randint(1, 15))
    for offset in sorted(rng.sample(range(0, 12), rng.randint(1, 2))):
        seen = _wd(start, offset)
        if seen <= min(today, finish):
            assessment_services.child_seen_record(
                actor=worker,
                assessment=assessment,
                seen_on=seen,
                seen_alone=rng.random() < 0.7,
                notes="Home visit.",
                today=today,
            )
    if _wd(start, 3) <= today:
        tools = rng.sample(TOOLS, rng.randint(1, 2))
        assessment_services.child_voice_record(
            actor=worker,
            assessment=assessment,
            direct_work=tools,
            direct_work_other="",
            child_voice=rng.choice(VOICES),
        )
    mapping_day = _wd(start, rng.randint(5, 12))
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
        now=_at(finish, ctx),
    )


def _mapping(ctx: SeedContext, referral: Referral, assessment: Any, day: date, worker: Any) -> Any:
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
        now=_at(day, ctx),
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
                "by_when": _wd(day, 5),
            }
        ],
        scores=scores,
        bottom_lines=[rng.choice(BOTTOM_LINES)],
    )


def _supervision(
    ctx: SeedContext, referral: Referral, mapping: Any, day: date, manager: Any
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
        now=_at(day, ctx),
        actions=[
            {
                "owner": "Allocated social worker",
                "action": "Arrange the safety network meeting",
                "due_date": _wd(day, 5),
                "done_date": None,
            }
        ],
    )


def _close_later(ctx: SeedContext, referral: Referral, state: dict[str, Any]) -> None:
    """Child in need and ended CP work closes later with RC7 (services ceased)."""
    referral.refresh_from_db()
    if not referral.is_open:
        return
    from frontdoor.assessments.models import Assessment
    from frontdoor.child_protection.models import ChildProtectionPlan, Section47Enquiry

    assessments = list(Assessment.objects.filter(referral=referral))
    s47s = list(Section47Enquiry.objects.filter(referral=referral))
    plans = list(ChildProtectionPlan.objects.filter(referral=referral))
    if (
        any(a.is_open for a in assessments)
        or any(s.is_open for s in s47s)
        or any(p.is_open for p in plans)
    ):
        return
    last = max(
        [a.authorised_date for a in assessments if a.authorised_date]
        + [p.end_date for p in plans if p.end_date]
        + [d for s in s47s for d in (s.outcome_date, s.icpc_date) if d]
        + [referral.referral_date]
    )
    closure = last + timedelta(days=ctx.rng.randint(60, 270))
    if closure <= _day(ctx) and ctx.rng.random() < 0.8:
        referral_close(
            actor=ctx.users["mash.manager"], referral=referral, closure_date=closure, reason="RC7"
        )
