"""Demo child in need plans, statutory visits, second child protection plans and pre-proceedings,
made through the areas' services while the protection stage works each referral (before it closes).

- every child protection plan and child in need plan has statutory visits: CP about every 10
  working days and CIN about every 20 (the product's defaults), a few late, and a few children's
  latest visit overdue today, so the overdue list has something to show;
- an assessment concluding "child in need plan" starts a plan when it is signed off; the plan is
  reviewed every 3 months and most end after 3-9 months (before the episode closes);
- about 1 ended CP plan in 12 is followed, in the same episode, by a second plan (a new strategy
  discussion, s47 and ICPC), so NumberOfPreviousCPP is not always 0;
- about 1 CP plan in 10 that lasts 3 months goes into pre-proceedings: the letter before
  proceedings (offering FGDM, as the Children's Wellbeing and Schools Act 2026 requires), an FGDM
  meeting for most, the initial meeting and reviews, then a step-up (court application) or a
  step-down decision.

It draws from its own random generator, seeded from the demo's, so the other stages' data are the
same with or without it.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from typing import Any

from frontdoor.accounts.models import User
from frontdoor.assessments.models import Assessment
from frontdoor.cases.models import Referral
from frontdoor.child_protection import services as cp_services
from frontdoor.child_protection.models import ChildProtectionPlan, S47Outcome
from frontdoor.core.calendar import LONDON
from frontdoor.demo.assessment_work import today_of, wd, working
from frontdoor.demo.context import SeedContext
from frontdoor.preproceedings import services as pp_services
from frontdoor.preproceedings.models import PreProceedings
from frontdoor.visits import services as visit_services
from frontdoor.visits.models import CINPlan

SECOND_PLAN_SHARE = 1 / 12
PRE_PROCEEDINGS_SHARE = 0.10
LATE_VISIT_SHARE = 0.08  # a visit made a few working days after it was due
OVERDUE_NOW_SHARE = 0.10  # an open plan whose latest visit is overdue today


def _rng(ctx: SeedContext) -> random.Random:
    rng: random.Random | None = getattr(ctx, "practice_rng", None)
    if rng is None:
        rng = random.Random(repr(ctx.rng.getstate()[1][:8]))  # reads, never draws
        ctx.practice_rng = rng  # type: ignore[attr-defined]
    return rng


def _at(rng: random.Random, day: date) -> datetime:
    return datetime.combine(
        day, time(rng.randint(9, 16), rng.choice([0, 15, 30, 45])), tzinfo=LONDON
    )


def after_work(ctx: SeedContext, referral: Referral, worker: User) -> None:
    """Called for each referral once its assessment and s47 work are done, before it closes."""
    rng = _rng(ctx)
    for plan in list(ChildProtectionPlan.objects.filter(referral=referral).order_by("start_date")):
        _pre_proceedings(ctx, rng, plan, worker)
        _visits(ctx, rng, worker, cp_plan=plan)
    _second_plan(ctx, rng, referral, worker)
    _cin_plan(ctx, rng, referral, worker)


def _visits(
    ctx: SeedContext,
    rng: random.Random,
    worker: User,
    *,
    cp_plan: ChildProtectionPlan | None = None,
    cin_plan: CINPlan | None = None,
) -> None:
    plan: Any = cp_plan or cin_plan
    today = today_of(ctx)
    every = 10 if cp_plan is not None else 20
    last_day = min(plan.end_date or today, today)
    if plan.end_date is None and rng.random() < OVERDUE_NOW_SHARE:
        last_day = min(last_day, wd(plan.start_date, every + rng.randint(1, every)))
        last_day = max(last_day, plan.start_date)
    day = wd(plan.start_date, rng.randint(1, 5 if cp_plan is not None else 10))
    young = plan.person.date_of_birth and (today - plan.person.date_of_birth).days < 3 * 365
    while day <= last_day:
        seen = rng.random() < 0.93
        visit_services.statutory_visit_record(
            actor=worker,
            cp_plan=cp_plan,
            cin_plan=cin_plan,
            visit_date=day,
            child_seen=seen,
            seen_alone=(not young and rng.random() < 0.75) if seen else None,
            not_seen_reason=""
            if seen
            else "No one was home; a card was left and a visit rebooked.",
            today=today,
            now=_at(rng, day),
        )
        ctx.count("statutory visits")
        late = rng.random() < LATE_VISIT_SHARE
        day = wd(day, every + (rng.randint(1, 4) if late else -rng.randint(0, 2)))


def _cin_plan(ctx: SeedContext, rng: random.Random, referral: Referral, worker: User) -> None:
    today = today_of(ctx)
    assessment = (
        Assessment.objects.filter(
            referral=referral, outcome="cin_plan", authorised_date__isnull=False
        )
        .order_by("-authorised_date")
        .first()
    )
    if assessment is None or assessment.authorised_date is None:
        return
    if ChildProtectionPlan.objects.filter(referral=referral, end_date__isnull=True).exists():
        return
    start = working(assessment.authorised_date + timedelta(days=rng.randint(0, 7)))
    if (
        start > today
        or CINPlan.objects.filter(person_id=referral.person_id, end_date__isnull=True).exists()
    ):
        return
    plan = visit_services.cin_plan_start(
        actor=worker,
        referral=referral,
        start_date=start,
        outcomes="The child attends school every day, the home has food and heating, and the "
        "parent attends the parenting programme.",
        today=today,
        now=_at(rng, start),
    )
    ctx.count("CIN plans")
    end = wd(start, rng.randint(60, 190))
    review = plan.next_review_due
    while review is not None and review <= min(end, today):
        held = working(review - timedelta(days=rng.randint(0, 10)))
        plan = visit_services.cin_plan_review_record(
            actor=worker, plan=plan, held_date=held, today=today, now=_at(rng, held)
        ).plan
        plan.refresh_from_db()
        review = plan.next_review_due
    if end <= today:
        plan = visit_services.cin_plan_end(
            actor=worker,
            plan=plan,
            end_date=end,
            reason="Needs met: the plan's outcomes were achieved",
            today=today,
        )
    _visits(ctx, rng, worker, cin_plan=plan)


def _second_plan(ctx: SeedContext, rng: random.Random, referral: Referral, worker: User) -> None:
    """A second plan in the same episode after the first ended, for a few children."""
    today = today_of(ctx)
    plans = list(ChildProtectionPlan.objects.filter(referral=referral))
    if len(plans) != 1 or plans[0].end_date is None or rng.random() >= SECOND_PLAN_SHARE:
        return
    if not Referral.objects.filter(pk=referral.pk, closure_date__isnull=True).exists():
        return
    day = wd(plans[0].end_date, rng.randint(15, 60))
    icpc = wd(day, rng.randint(5, 12))
    if icpc > today or any(s.is_open for s in referral.s47_enquiries.all()):
        return
    discussion = cp_services.strategy_discussion_record(
        actor=worker,
        referral=referral,
        lead=worker,
        held_at=_at(rng, day),
        now=_at(rng, day) + timedelta(hours=2),
        information_shared="Police: a new incident at the address after the plan ended. School: "
        "the child is again arriving hungry and withdrawn.",
        decision="s47_joint",
        rationale="The concerns that led to the first plan have returned: reasonable cause to "
        "suspect significant harm.",
        participants=[
            {"name": worker.display_name, "agency": "social_care", "role": "Social worker"},
            {"name": "DC Rowe", "agency": "police", "role": "Detective constable, CAIT"},
            {"name": "Nurse Hale", "agency": "health", "role": "Named nurse for safeguarding"},
        ],
        actions=[],
    )
    s47 = cp_services.s47_findings_record(
        actor=worker,
        s47=discussion.s47,
        child_seen_date=day,
        seen_alone=True,
        not_seen_alone_reason="",
        child_words="It's started again at home.",
        outcome=S47Outcome.ICPC,
        outcome_date=wd(day, 2),
        today=today,
    )
    plan = cp_services.icpc_record(
        actor=worker,
        s47=s47,
        icpc_date=icpc,
        cp_plan=True,
        initial_category=plans[0].latest_category,
        today=today,
        now=_at(rng, icpc),
    )
    if plan is None:
        return
    ctx.count("second CP plans")
    _cp_reviews(rng, plan, worker, today)
    plan.refresh_from_db()
    _visits(ctx, rng, worker, cp_plan=plan)


def _cp_reviews(rng: random.Random, plan: ChildProtectionPlan, worker: User, today: date) -> None:
    """Review conferences when due (Working Together), until one ends the plan or today."""
    while plan.is_open and plan.next_review_due is not None:
        held = working(plan.next_review_due - timedelta(days=rng.randint(0, 10)))
        last = plan.reviews.order_by("-held_date").first()
        held = max(held, wd(last.held_date if last else plan.start_date, 1))
        if held > today:
            return
        cp_services.cp_review_record(
            actor=worker,
            plan=plan,
            held_date=held,
            plan_continues=rng.random() < 0.6,
            category=plan.latest_category,
            today=today,
        )
        plan.refresh_from_db()


def _pre_proceedings(
    ctx: SeedContext, rng: random.Random, plan: ChildProtectionPlan, worker: User
) -> None:
    today = today_of(ctx)
    start = working(plan.start_date + timedelta(days=rng.randint(60, 120)))
    if (
        rng.random() >= PRE_PROCEEDINGS_SHARE
        or start > today
        or (plan.end_date is not None and start >= plan.end_date)
        or PreProceedings.objects.filter(
            person_id=plan.person_id, step_decision_date__isnull=True
        ).exists()
    ):
        return
    pp = pp_services.pre_proceedings_start(
        actor=worker,
        referral=plan.referral,
        pp_start_date=start,
        legal_planning_notes="Legal planning meeting: the threshold for care proceedings is met, "
        "but the parents are to be given a last chance to make changes under the PLO.",
        today=today,
        now=_at(rng, start),
    )
    ctx.count("pre-proceedings")
    letter = wd(start, rng.randint(2, 8))
    if letter > today:
        return
    pp = pp_services.pre_proceedings_letter_record(
        actor=worker,
        pp=pp,
        lbp_sent_date=letter,
        fgdm_meeting_offer=rng.random() < 0.95,
        today=today,
    )
    first = wd(letter, rng.randint(5, 12))
    if pp.fgdm_meeting_offer:
        held = rng.random() < 0.7
        meeting = wd(letter, rng.randint(5, 20))
        if meeting <= today:
            pp = pp_services.pre_proceedings_fgdm_record(
                actor=worker,
                pp=pp,
                fgdm_meeting_fac=held,
                fgdm_meeting_date=meeting if held else None,
                fgdm_not_held_reason="" if held else "The parents declined the offer of a meeting.",
                today=today,
            )
    day, kind = first, "initial"
    decision = wd(start, rng.randint(55, 80))
    while day <= min(today, decision):
        pp_services.pre_proceedings_meeting_record(
            actor=worker,
            pp=pp,
            kind=kind,
            held_date=day,
            parents_attended=rng.random() < 0.85,
            today=today,
            now=_at(rng, day),
        )
        day, kind = wd(day, rng.randint(20, 30)), "review"
    if decision > today:
        return
    pp.refresh_from_db()
    step = rng.choices(["step_up", "step_down_cp", "step_down_cin"], weights=[35, 50, 15])[0]
    pp = pp_services.pre_proceedings_decide(
        actor=worker, pp=pp, step_decision_date=decision, step_decision=step, today=today
    )
    court = wd(decision, rng.randint(3, 15))
    if step == "step_up" and court <= today:
        letter_init = wd(court, rng.randint(0, 3))
        pp_services.pre_proceedings_court_record(
            actor=worker,
            pp=pp,
            court_app_date=court,
            letter_init_cp_date=letter_init if letter_init <= today else None,
            today=today,
        )
