"""Demo strategy discussions, s47 enquiries, ICPCs, CP plans (and, through
`demo.assessment_work`, assessments, mappings and group supervisions) for the referrals the
screening stage opened, made through the areas' services.

Proportions follow DOMAIN.md §10 (a mid-sized council's year): nearly every referral that is not
NFA gets an assessment, 85.7% signed off within 45 working days (the rest late, with a reason);
s47 enquiries for about 36% of referrals (800/2200); an ICPC for about 31% of s47s (250/800), 81%
of them within 15 working days; most ICPCs make a plan; plans are reviewed and some end. Dates obey
the CIN census rules (DOMAIN.md §9), so the census export is clean.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from frontdoor.accounts.models import User
from frontdoor.assessments.models import Assessment
from frontdoor.cases.models import Referral
from frontdoor.cases.services import referral_allocate, referral_close, referral_open
from frontdoor.child_protection import services as cp_services
from frontdoor.child_protection.models import ChildProtectionPlan, S47Outcome, Section47Enquiry
from frontdoor.core.calendar import get_calendar, local_date
from frontdoor.demo import names, practice
from frontdoor.demo.assessment_work import (
    VOICES,
    assessment_for,
    at,
    conclude,
    today_of,
    wd,
    working,
)
from frontdoor.demo.context import SeedContext
from frontdoor.preproceedings.models import PreProceedings
from frontdoor.screening.models import Decision
from frontdoor.visits.models import CINPlan

CATEGORY_WEIGHTS = {"NEG": 50, "EMO": 35, "PHY": 7, "SAB": 4, "MUL": 4}


def _outcomes(ctx: SeedContext) -> dict[int, str]:
    """The screening decision behind each referral (strategy or assessment)."""
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


def _work(ctx: SeedContext, referral: Referral, worker: User, manager: User, decision: str) -> None:
    """One episode's life: an s47 for about 36% of referrals, an assessment for all."""
    rng, today = ctx.rng, today_of(ctx)
    start = working(referral.referral_date + timedelta(days=rng.choice([0, 0, 1])))
    if start > today:
        return
    s47_first = decision == "strategy" or (not decision and rng.random() < 0.26)
    wants_s47 = rng.random() < (0.85 if s47_first else 0.18)
    state: dict[str, Any] = {"plan": None, "s47": None}
    if wants_s47 and s47_first:
        _strategy_and_s47(ctx, referral, worker, start, state)
    assessment = assessment_for(ctx, referral, worker, manager, start)
    if wants_s47 and not s47_first and assessment is not None:
        later = wd(assessment.start_date, rng.randint(3, 15))
        if later <= today:
            _strategy_and_s47(ctx, referral, worker, later, state)
    if assessment is not None:
        conclude(ctx, referral, assessment, worker, manager, state)
    practice.after_work(ctx, referral, worker)
    _close_later(ctx, referral, state)


def _strategy_and_s47(
    ctx: SeedContext, referral: Referral, worker: User, day: date, state: dict[str, Any]
) -> None:
    rng, today = ctx.rng, today_of(ctx)
    held_at = at(day, ctx)
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
                "due_date": wd(day, 1),
                "done_date": None,
            },
            {
                "owner": worker.display_name,
                "action": "See the child and siblings",
                "due_date": wd(day, 2),
                "done_date": None,
            },
        ],
    )
    s47 = discussion.s47
    state["s47"] = s47
    for item in discussion.actions.all():
        if item.due_date < today and rng.random() < 0.9:
            cp_services.action_complete(actor=worker, item=item, done_date=item.due_date)
    outcome_day = wd(day, rng.randint(2, 9))
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
        child_seen_date=min(wd(day, rng.randint(0, 1)), outcome_day),
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
        icpc = wd(outcome_day, rng.randint(0, max(span, 0)))
    else:
        icpc = wd(s47.icpc_target, rng.randint(1, 10))
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
        now=at(icpc, ctx),
    )
    state["plan"] = plan
    if plan is not None:
        _reviews(ctx, plan, worker)


def _reviews(ctx: SeedContext, plan: ChildProtectionPlan, worker: User) -> None:
    rng, today = ctx.rng, today_of(ctx)
    while plan.is_open:
        due = plan.next_review_due
        assert due is not None  # an open plan always has its next review due
        held = (
            working(due - timedelta(days=rng.randint(0, 14)))
            if rng.random() < 0.9
            else wd(due, rng.randint(1, 8))
        )
        last = plan.reviews.order_by("-held_date").first()
        floor = last.held_date if last else plan.start_date
        if held <= floor:
            held = wd(floor, 1)
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


def _close_later(ctx: SeedContext, referral: Referral, state: dict[str, Any]) -> None:
    """Child in need and ended CP work closes later with RC7 (services ceased)."""
    referral.refresh_from_db()
    if not referral.is_open:
        return
    assessments = list(Assessment.objects.filter(referral=referral))
    s47s = list(Section47Enquiry.objects.filter(referral=referral))
    plans = list(ChildProtectionPlan.objects.filter(referral=referral))
    cin_plans = list(CINPlan.objects.filter(referral=referral))
    pre = list(PreProceedings.objects.filter(referral=referral))
    if (
        any(a.is_open for a in assessments)
        or any(s.is_open for s in s47s)
        or any(p.is_open for p in plans)
        or any(p.is_open for p in cin_plans)
        or any(p.is_open for p in pre)
    ):
        return
    last = max(
        [a.authorised_date for a in assessments if a.authorised_date]
        + [p.end_date for p in plans if p.end_date]
        + [p.end_date for p in cin_plans if p.end_date]
        + [
            d
            for p in pre
            for d in (p.step_decision_date, p.court_app_date, p.letter_init_cp_date)
            if d
        ]
        + [d for s in s47s for d in (s.outcome_date, s.icpc_date) if d]
        + [referral.referral_date]
    )
    closure = last + timedelta(days=ctx.rng.randint(60, 270))
    if closure <= today_of(ctx) and ctx.rng.random() < 0.8:
        referral_close(
            actor=ctx.users["mash.manager"], referral=referral, closure_date=closure, reason="RC7"
        )
