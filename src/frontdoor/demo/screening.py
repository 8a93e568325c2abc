"""Demo screenings and decisions for the seeded contacts, made through the screening services.

Proportions follow DOMAIN.md §10: about 23% of contacts become referrals (assessment or strategy
discussion); about one decision in twelve is late with a recorded reason; most referrers are
acknowledged and told the outcome. The most recent contacts are left in the queue at every stage
of screening, so the work trays look like a real morning.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from frontdoor.cases.guards import can_open_referral
from frontdoor.cases.selectors import open_referral_for
from frontdoor.core.calendar import local_date
from frontdoor.demo.context import SeedContext
from frontdoor.screening import services
from frontdoor.screening.models import REFERRAL_OUTCOMES, SHARING_OUTCOMES, Screening, UpdateKind

# DOMAIN.md §10: 6.5% of referrals end with no further action. Only referrals from screening are
# drawn here (not those the later stages make); measured, about 7% of all referrals end NFA
# (docs/demo-data.md).
NFA_SHARE = 0.07
# Contacts received in the last two days wait in the queue (at least 8, at most 40), as on a real
# morning; everything older has been decided.
WAITING = timedelta(days=2)
MIN_UNDECIDED, MAX_UNDECIDED = 8, 40
# Contacts received in this period get the full screening record (RAG and partner checks).
DETAILED = timedelta(days=183)

# Outcome for a contact: weights per 100 contacts (assessment + strategy = 23; with the children
# who come back and are re-referred, about 23% of contacts become referrals: docs/demo-data.md).
OUTCOMES = {
    "nfa": 17,
    "advice": 27,
    "universal": 8,
    "step_down": 19,
    "assessment": 15,
    "strategy": 8,
    "designated_officer": 3,
    "transfer": 3,
}
LEVEL = {
    "nfa": 1,
    "advice": 1,
    "universal": 2,
    "step_down": 3,
    "assessment": 4,
    "strategy": 4,
    "allocated_worker": 4,
    "designated_officer": 3,
    "transfer": 3,
}
PRIMARY_NEED = {"assessment": ["N1", "N1", "N4", "N5", "N3", "N2", "N6"], "strategy": ["N1"]}
RATIONALE = {
    "nfa": "No safeguarding concerns once partner checks were complete; the family is coping and "
    "the school has no worries.",
    "advice": "The referrer's worry is understandable but below threshold; advice given and the "
    "family signposted to the family hub.",
    "universal": "Needs can be met by the school and health visitor; no additional support needed.",
    "step_down": "Several additional needs that the family agrees to work on; a targeted early help "
    "response with a lead professional is proportionate.",
    "assessment": "Needs are complex and the parent's capacity is unclear; a child and family "
    "assessment is needed to understand the child's lived experience.",
    "strategy": "Reasonable cause to suspect the child is suffering significant harm; a strategy "
    "discussion with police and health is needed today.",
    "allocated_worker": "The child has an open case: the information goes to the allocated social "
    "worker to consider in the current plan.",
    "designated_officer": "The concern is about an adult who works with children; passed to the "
    "designated officer.",
    "transfer": "The family has moved to another council's area; transferred to that council's "
    "front door.",
}
RISKS = (
    "Risks: the concerns reported, previous contacts and what partners shared. Protective factors: "
    "a supportive relative, regular school attendance, and a parent willing to engage."
)
AGENCIES = ["police", "health", "education", "probation", "housing", "early_help", "other_la"]
SHARED = {
    "police": "Two domestic incidents at the address in the last year; no charges.",
    "health": "Immunisations up to date; missed two health visitor appointments.",
    "education": "Attendance 88%; the school has noticed the child is tired and hungry some days.",
    "probation": "The father is not known to probation.",
    "housing": "Rent arrears; a notice seeking possession was served last month.",
    "early_help": "The family had a short early help plan two years ago that closed with outcomes met.",
    "other_la": "Not known to the previous council.",
}


def _minutes(ctx: SeedContext, low: int, high: int) -> timedelta:
    return timedelta(minutes=ctx.rng.randint(low, high))


def _practitioners(ctx: SeedContext) -> list[Any]:
    return [
        ctx.users["mash.worker"],
        *[u for u in ctx.staff.get("mash_practitioner", []) if u.pk != ctx.users["mash.worker"].pk],
    ]


def _managers(ctx: SeedContext) -> list[Any]:
    return [
        ctx.users["mash.manager"],
        *[u for u in ctx.staff.get("mash_manager", []) if u.pk != ctx.users["mash.manager"].pk],
    ]


def _screen(
    ctx: SeedContext,
    contact: Any,
    worker: Any,
    start: datetime,
    *,
    take: bool = True,
    detailed: bool = True,
) -> tuple[list[Screening], datetime]:
    """Start screenings, rate them and send partner requests. Returns the screenings and the
    time of the last event. Older contacts (`detailed=False`) skip the RAG and partner checks,
    which keeps seeding fast; their decisions, oversight and feedback are still complete."""
    rng = ctx.rng
    screenings = services.screenings_start_for_contact(
        actor=worker if take else ctx.users["mash.manager"], contact=contact, take=take, now=start
    )
    if not (take and detailed):
        return screenings, start
    rating = rng.choices(["red", "amber", "green"], weights=[12, 50, 38])[0]
    latest = start
    for screening in screenings:
        services.rag_set(actor=worker, screening=screening, rating=rating, now=start)
        if rng.random() < 0.45:
            sent = start + _minutes(ctx, 2, 20)
            agencies = rng.sample(AGENCIES[:3], rng.choice([1, 1, 2, 2, 3]))
            if rng.random() < 0.15:
                agencies.append(rng.choice(AGENCIES[3:]))
            services.information_request_send(
                actor=worker,
                screening=screening,
                agencies=agencies,
                question="What do you know about the child and household?",
                now=sent,
            )
            latest = max(latest, sent)
    return screenings, latest


def _answer_requests(
    ctx: SeedContext, worker: Any, screenings: list[Screening], before: datetime
) -> None:
    """Partners answer before the decision (for late decisions, that is why they were late)."""
    for screening in screenings:
        for request in screening.requests.all():
            room = int((before - request.sent_at).total_seconds() // 60) - 5
            if room < 16 or ctx.rng.random() < 0.05:
                continue  # no answer in time: the decision was made without it
            received = request.sent_at + _minutes(ctx, 15, room)
            services.information_request_answer(
                actor=worker,
                request=request,
                answered_by=f"{request.get_agency_display()} MASH officer",
                shared=SHARED[request.agency],
                received_at=received,
                now=received,
            )


def _decision_time(ctx: SeedContext, contact: Any, after: datetime, *, late: bool) -> datetime:
    due = contact.decision_due_at
    if late:
        decided = due + _minutes(ctx, 30, 60 * 20)
    else:
        room = int((due - after).total_seconds() // 60) - 15
        decided = after + _minutes(ctx, 20, max(room, 25))
    return max(min(decided, ctx.now - timedelta(minutes=2)), after + timedelta(minutes=10))


def _consent(
    ctx: SeedContext, worker: Any, manager: Any, screening: Screening, at: datetime
) -> None:
    rng = ctx.rng
    roll = rng.random()
    if roll < 0.55:
        services.consent_record(
            actor=worker, screening=screening, sought=True, outcome="given", now=at
        )
        return
    if roll < 0.7:
        services.consent_record(
            actor=worker,
            screening=screening,
            sought=True,
            outcome="refused",
            reason="other",
            explanation="The parent refused, but the child's welfare "
            "needs partner information to be shared.",
            now=at,
        )
    else:
        services.consent_record(
            actor=worker,
            screening=screening,
            sought=False,
            outcome="not_sought",
            reason=rng.choice(["significant_harm", "undue_delay", "lose_evidence"]),
            now=at,
        )
    services.consent_authorise(actor=manager, screening=screening, now=at + _minutes(ctx, 2, 8))


def _outcome_for(ctx: SeedContext, screening: Screening, chosen: str) -> str:
    has_open = open_referral_for(person_id=screening.person_id) is not None
    if has_open and (chosen in REFERRAL_OUTCOMES or ctx.rng.random() < 0.6):
        return "allocated_worker"
    if chosen in REFERRAL_OUTCOMES and can_open_referral(
        person_id=screening.person_id, referral_date=local_date(screening.contact.received_at)
    ):
        # A contact decided late in seeding may predate an episode already recorded for the child.
        return "advice"
    return chosen


def _decide(
    ctx: SeedContext,
    worker: Any,
    manager: Any,
    screenings: list[Screening],
    after: datetime,
    decided: datetime,
    outcome: str | None = None,
) -> list[Any]:
    rng = ctx.rng
    contact = screenings[0].contact
    chosen = outcome or rng.choices(list(OUTCOMES), weights=list(OUTCOMES.values()))[0]
    outcomes = [_outcome_for(ctx, s, chosen) for s in screenings]
    due = contact.decision_due_at
    if any(o in SHARING_OUTCOMES for o in outcomes) or any(s.requests.exists() for s in screenings):
        for screening in screenings:
            _consent(ctx, worker, manager, screening, after + timedelta(minutes=1))
    delay = {}
    if decided > due:
        reason = rng.choices(
            ["partner_information", "volume", "complexity", "consent"], weights=[55, 25, 15, 5]
        )[0]
        delay = {"delay_reason": reason}
    decisions = []
    first = None
    for screening, outcome in zip(screenings, outcomes, strict=True):
        if first is not None and outcome == first.outcome:
            decisions += services.decision_apply_to_siblings(
                actor=worker, decision=first, screenings=[screening], now=decided
            )
            continue
        decision = services.decision_record(
            actor=worker,
            screening=screening,
            level_of_need=LEVEL[outcome],
            outcome=outcome,
            rationale=RATIONALE[outcome],
            risks_and_protective_factors=RISKS,
            primary_need=rng.choice(PRIMARY_NEED[outcome]) if outcome in PRIMARY_NEED else "",
            now=decided,
            **delay,
        )
        first = first or decision
        decisions.append(decision)
    return decisions


def seed(ctx: SeedContext) -> None:
    """Screen every seeded contact: older ones decided, authorised and fed back; the most recent
    ones left at each stage of screening."""
    workers, managers = _practitioners(ctx), _managers(ctx)
    contacts = sorted(ctx.contacts, key=lambda c: c.received_at)
    decided_part, open_part = split_recent(ctx, contacts)
    for contact in decided_part:
        decide_contact(ctx, contact, workers, managers)
    _leave_in_queue(ctx, open_part, workers, managers)


def split_recent(ctx: SeedContext, contacts: list[Any]) -> tuple[list[Any], list[Any]]:
    """Contacts sorted by receipt, split into (to decide, to leave waiting in the queue)."""
    recent = sum(1 for c in contacts if c.received_at >= ctx.now - WAITING)
    waiting = min(max(recent, MIN_UNDECIDED), MAX_UNDECIDED, len(contacts))
    return contacts[: len(contacts) - waiting], contacts[len(contacts) - waiting :]


def decide_contact(
    ctx: SeedContext,
    contact: Any,
    workers: list[Any],
    managers: list[Any],
    outcome: str | None = None,
) -> None:
    """Screen one contact and take it to an authorised, fed-back decision (`outcome` when the
    caller chooses it, else drawn from OUTCOMES)."""
    rng = ctx.rng
    worker, manager = rng.choice(workers), rng.choice(managers)
    start = contact.received_at + _minutes(ctx, 10, 90)
    if start >= ctx.now:
        return
    detailed = contact.received_at >= ctx.now - DETAILED
    screenings, latest = _screen(ctx, contact, worker, start, detailed=detailed)
    decided = _decision_time(ctx, contact, latest, late=rng.random() < 0.08)
    _answer_requests(ctx, worker, screenings, decided)
    decisions = _decide(ctx, worker, manager, screenings, latest, decided, outcome)
    authorised = min(decided + _minutes(ctx, 15, 240), ctx.now - timedelta(minutes=1))
    if rng.random() < 0.04:  # a few are challenged first
        services.decision_return(
            actor=manager,
            decision=decisions[0],
            challenge="What did the school say?",
            now=authorised,
        )
        services.decision_answer(
            actor=worker,
            decision=decisions[0],
            answer="The school shares the worry; see the education response.",
            now=authorised,
        )
    for decision in decisions:
        services.decision_authorise(actor=manager, decision=decision, now=authorised)
        ctx.count("screening decisions")
        if decision.referral_id and decision.outcome in REFERRAL_OUTCOMES:
            ctx.count("referrals from screening")
            if rng.random() < NFA_SHARE:
                services.referral_record_nfa(
                    actor=manager,
                    decision=decision,
                    now=authorised + timedelta(minutes=30),
                    reason="The assessment team found the needs already met by the school's support plan.",
                )
                ctx.count("NFA referrals")
    _referrer(ctx, contact, worker, authorised)


def seed_followup(ctx: SeedContext) -> None:
    """Decide the contacts that later stages made (police notifications, EDT handovers, early help
    step-ups) once they are more than a working day old, so only recent work waits in the queue."""
    from frontdoor.intake.models import Contact, ContactStatus

    workers, managers = _practitioners(ctx), _managers(ctx)
    waiting = (
        Contact.objects.filter(
            status=ContactStatus.OPEN, received_at__lt=ctx.now - timedelta(days=2)
        )
        .exclude(pk__in=ctx.keep_open)
        .exclude(screenings__isnull=False)
        .order_by("received_at", "pk")
    )
    for contact in waiting:
        decide_contact(ctx, contact, workers, managers)
        ctx.count("later contacts decided")


def _referrer(ctx: SeedContext, contact: Any, worker: Any, authorised: datetime) -> None:
    if contact.anonymous:
        return
    rng = ctx.rng
    method = (
        "phone"
        if contact.source in ("1A", "1B", "1C", "1D")
        else rng.choice(["phone", "email", "portal"])
    )
    if rng.random() < 0.92:
        ack = contact.received_at + _minutes(ctx, 20, 60 * 6)
        if ack <= ctx.now:
            services.referrer_update_record(
                actor=worker,
                contact=contact,
                kind=UpdateKind.ACKNOWLEDGEMENT,
                method=method,
                given_at=ack,
                now=ack,
            )
    if rng.random() < 0.85 and contact.status == "decided":
        told = authorised + _minutes(ctx, 30, 60 * 30)
        if told <= ctx.now:
            services.referrer_update_record(
                actor=worker,
                contact=contact,
                kind=UpdateKind.FEEDBACK,
                method=method,
                given_at=told,
                now=told,
            )
            ctx.count("referrer feedback")


def _leave_in_queue(
    ctx: SeedContext, contacts: list[Any], workers: list[Any], managers: list[Any]
) -> None:
    """Recent contacts at each stage: not started, unallocated, being screened, awaiting a manager."""
    for index, contact in enumerate(contacts):
        ctx.keep_open.add(contact.pk)
        stage = index % 4
        if stage == 0:
            continue
        worker, manager = ctx.rng.choice(workers), ctx.rng.choice(managers)
        start = min(contact.received_at + _minutes(ctx, 5, 40), ctx.now - timedelta(minutes=3))
        screenings, latest = _screen(ctx, contact, worker, start, take=stage != 1)
        if stage == 3:
            decided = _decision_time(ctx, contact, latest, late=False)
            _answer_requests(ctx, worker, screenings, decided)
            _decide(ctx, worker, manager, screenings, latest, decided)
        ctx.count("screenings in the queue", len(screenings))
