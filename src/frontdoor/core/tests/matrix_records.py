"""Records the demo holds too few of for all five variants of a page: allegations with a child
linked (in each workflow state), their meetings and meeting actions, child protection plans, group
supervisions, exploitation screenings, decisions awaiting review and referrals that can still be
recorded as no further action.

Each is made through its area's services, about a new child of its own, four of each kind, so that
the builder's "one", "another", "sealed" and "sealed_listed" can each be a different child (the
builder seals them as it goes). The same four children carry every kind, in the same order, so a
child sealed for one page serves as the sealed variant of the next.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from frontdoor.accounts.models import User
from frontdoor.accounts.roles import Role
from frontdoor.core.calendar import LONDON, get_calendar
from frontdoor.people.models import Person
from frontdoor.screening.models import Screening

FIRST_NAMES = ("Oriel", "Anwen", "Sorcha", "Linnea")  # one, another, sealed, sealed_listed
# Referrals still open to "no further action" need children with no other open referral.
OTHER_FIRST_NAMES = ("Tamsin", "Idris", "Maelle", "Corin")
LAST_NAME = "Matrixford"
Pairs = list[tuple[int, int]]  # (id for the URL, id for the probe page)


def _working_day_before(today: date, days: int) -> date:
    day = today - timedelta(days=days)
    while not get_calendar().is_working_day(day):
        day -= timedelta(days=1)
    return day


def _at(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour, 0), tzinfo=LONDON)


def _children(manager: User, today: date, first_names: tuple[str, ...]) -> list[Person]:
    from frontdoor.people.services import person_create

    return [
        person_create(
            actor=manager,
            first_name=first,
            last_name=LAST_NAME,
            date_of_birth=date(today.year - 14, 3, 1 + n),
        )
        for n, first in enumerate(first_names)
    ]


def _allegations(officer: User, children: list[Person], day: date) -> dict[str, Pairs]:
    """Per child: a referral awaiting its initial consideration, and one with the consideration
    and a final meeting (with an action) ready for its outcome."""
    from frontdoor.allegations import services

    waiting: Pairs = []
    ready: Pairs = []
    meetings: Pairs = []
    actions: Pairs = []
    received = _at(day, 10)
    for child in children:
        subject = services.subject_create(
            actor=officer,
            first_name="Robin",
            last_name=f"Coach{child.first_name}",
            sector="sport",
            job_role="Coach",
            employer="Demoton Juniors FC",
            date_of_birth=date(1984, 2, 2),
            regulated_activity=True,
        )
        made = []
        for _ in range(2):
            allegation = services.referral_record(
                actor=officer,
                subject=subject,
                received_at=received,
                employer_learned_on=day,
                referrer_type="employer",
                harm_limbs=["harmed"],
                summary="A player said the coach pushed them at training.",
                now=received,
            )
            services.allegation_child_add(
                actor=officer, allegation=allegation, person=child, now=received
            )
            made.append(allegation)
        services.initial_consideration_record(
            actor=officer,
            allegation=made[1],
            nature_and_context="Physical contact at training.",
            history="None known.",
            police_needed=False,
            s47_needed=False,
            stay_in_role="alternatives",
            alternatives_considered="Coaching only with another adult present.",
            hold_meeting=True,
            rationale="Harm test met; a meeting is needed.",
            now=received,
        )
        meeting = services.meeting_start(
            actor=officer, allegation=made[1], kind="initial", now=received
        )
        services.meeting_save(
            actor=officer,
            meeting=meeting,
            held_on=day,
            attendees="Designated officer\nClub welfare officer",
            key_issues="Whether the push was deliberate.",
            support_provider="Club welfare officer",
            support_description="Weekly contact",
            no_support_reason="",
            feedback_due_on=day + timedelta(days=14),
            decisions=[("Club to interview witnesses", "Two other players were present")],
            actions=[("Interview witnesses", "Club welfare officer", day + timedelta(days=7))],
        )
        services.meeting_finalise(actor=officer, meeting=meeting, now=received)
        waiting.append((made[0].pk, made[0].pk))
        ready.append((made[1].pk, made[1].pk))
        meetings.append((meeting.pk, meeting.pk))
        actions += [(a.pk, meeting.pk) for a in meeting.actions.order_by("pk")]
    return {
        "allegations:detail": waiting,
        "allegations:initial_consideration": waiting,
        "allegations:meeting_new": waiting,
        "allegations:outcome": ready,
        "allegations:meeting": meetings,
        "allegations:action_done": actions,
    }


def _protection(worker: User, manager: User, children: list[Person], day: date) -> dict[str, Pairs]:
    """Per child: a referral, a strategy discussion starting an s47 that needs an ICPC, the ICPC
    making a plan, a group supervision, a mapping and a letter, all on one working day."""
    from frontdoor.assessments.services import mapping_record, supervision_record
    from frontdoor.cases.services import referral_open
    from frontdoor.child_protection import services
    from frontdoor.letters.services import letter_send

    plans: Pairs = []
    supervisions: Pairs = []
    mappings: Pairs = []
    letters: Pairs = []
    for child in children:
        referral = referral_open(
            actor=manager,
            person=child,
            referral_date=day,
            source="2A",
            primary_need="N1",
            team=worker.team,
            worker=worker,
        )
        discussion = services.strategy_discussion_record(
            actor=worker,
            referral=referral,
            lead=worker,
            held_at=_at(day, 9),
            information_shared="School saw bruising.",
            decision="s47_joint",
            rationale="Reasonable cause to suspect significant harm.",
            participants=[
                {"name": f"P {agency}", "agency": agency, "role": "Officer"}
                for agency in ("social_care", "police", "health")
            ],
            actions=[{"owner": "DC Holt", "action": "Joint visit", "due_date": day}],
        )
        s47 = services.s47_findings_record(
            actor=worker,
            s47=discussion.s47,
            child_seen_date=day,
            seen_alone=True,
            not_seen_alone_reason="",
            child_words="I want to stay at home.",
            outcome="substantiated_icpc",
            outcome_date=day,
        )
        plan = services.icpc_record(
            actor=worker, s47=s47, icpc_date=day, cp_plan=True, initial_category="NEG"
        )
        assert plan is not None
        supervision = supervision_record(
            actor=worker,
            referral=referral,
            held_on=day,
            chair="Sam Chair",
            presenter="Ali Presenter",
            decision="Continue the enquiry.",
            accountable_manager=manager,
            participants=[
                {"name": "Nurse", "agency": "health", "role": "SN", "contribution": "x", "scale": 4}
            ],
            actions=[],
        )
        mapping = mapping_record(
            actor=worker,
            referral=referral,
            held_on=day,
            harm="Bruising seen at school.",
            dangers=[{"danger": "Hurt again at home.", "safety_goal": "Safe with a network."}],
            next_steps=[{"who": "Social worker", "what": "Meet the network", "by_when": day}],
            scores=[{"name": "Worker", "role": "professional", "score": 4}],
            bottom_lines=[],
        )
        letter = letter_send(
            actor=worker,
            person=child,
            kind="family_outcome",
            method="print",
            recipient_name="A Parent",
            recipient_address="1 Matrix Road, Leeds, LS1 1AA",
            subject="What happens next",
            body="We will visit next week.",
            deliver=False,
        )
        plans.append((plan.pk, plan.pk))
        supervisions.append((supervision.pk, supervision.pk))
        mappings.append((mapping.pk, mapping.pk))
        letters.append((letter.pk, letter.pk))
    # The demo's small seed holds too few mappings and letters of different children for every
    # variant (how many depends on the demo's proportions), so the matrix makes its own.
    return {
        "child_protection:plan_detail": plans,
        "assessments:supervision_detail": supervisions,
        "assessments:mapping_detail": mappings,
        "letters:detail": letters,
    }


def _plans_after_protection(worker: User, plans: Pairs, day: date) -> dict[str, Pairs]:
    """Per child protection plan's episode: pre-proceedings and a child in need plan."""
    from frontdoor.child_protection.models import ChildProtectionPlan
    from frontdoor.preproceedings.services import pre_proceedings_start
    from frontdoor.visits.services import cin_plan_start

    pre: Pairs = []
    cin: Pairs = []
    for plan_pk, _ in plans:
        referral = (
            ChildProtectionPlan.objects.select_related("referral__person").get(pk=plan_pk).referral
        )
        pp = pre_proceedings_start(
            actor=worker,
            referral=referral,
            pp_start_date=day,
            legal_planning_notes="Threshold met.",
        )
        plan = cin_plan_start(
            actor=worker, referral=referral, start_date=day, outcomes="Safe at home."
        )
        pre.append((pp.pk, pp.pk))
        cin.append((plan.pk, plan.pk))
    return {"preproceedings:detail": pre, "visits:cin_plan_detail": cin}


def _exploitation(worker: User, children: list[Person]) -> dict[str, Pairs]:
    from frontdoor.exploitation.scoring import INDICATORS
    from frontdoor.exploitation.services import exploitation_screening_create

    made: Pairs = []
    for child in children:
        screening = exploitation_screening_create(
            actor=worker,
            person=child,
            answers={c: "yes" if c in ("missing", "phones") else "no" for c in INDICATORS},
            danger_statement=f"{child.first_name} may be exploited by older associates.",
            safety_goal=f"{child.first_name} is home each night.",
        )
        made.append((screening.pk, screening.pk))
    return {"exploitation:detail": made}


def _contact_screening(worker: User, child: Person, now: datetime) -> Screening:
    from frontdoor.intake.services import contact_record
    from frontdoor.screening import services

    contact = contact_record(
        actor=worker,
        received_at=now,
        channel="phone",
        source="2A",
        concerns="The school saw the child hungry again.",
        parents_aware="yes",
        children=[child],
        categories=["neglect"],
        source_organisation="Demoton Primary School",
        referrer_name="A Teacher",
    )
    (screening,) = services.screenings_start_for_contact(actor=worker, contact=contact, now=now)
    return screening


def _screening(
    worker: User, manager: User, children: list[Person], others: list[Person]
) -> dict[str, Pairs]:
    """Per child: a decision awaiting a manager's review; per other child (no open referral): an
    authorised referral for assessment with nothing done on it yet, which a manager may still
    record as no further action."""
    from frontdoor.screening import services

    review: Pairs = []
    nfa: Pairs = []
    now = timezone.now()
    for child in children:
        screening = _contact_screening(worker, child, now)
        services.decision_record(
            actor=worker,
            screening=screening,
            level_of_need=2,
            outcome="advice",
            rationale="Low level concern; advice to the school.",
            risks_and_protective_factors="Risk: hunger. Protective: attends school daily.",
            now=now,
        )
        review.append((screening.pk, screening.pk))
    for child in others:
        screening = _contact_screening(worker, child, now)
        services.consent_record(
            actor=worker,
            screening=screening,
            sought=False,
            outcome="not_sought",
            reason="significant_harm",
            now=now,
        )
        services.consent_authorise(actor=manager, screening=screening, now=now)
        decision = services.decision_record(
            actor=worker,
            screening=screening,
            level_of_need=3,
            outcome="assessment",
            primary_need="N1",
            rationale="Neglect over months; an assessment is needed.",
            risks_and_protective_factors="Risk: hunger. Protective: attends school daily.",
            now=now,
        )
        services.decision_authorise(actor=manager, decision=decision, now=now)
        nfa.append((screening.pk, screening.pk))
    return {"screening:review": review, "screening:referral_nfa": nfa}


def _jobs(users: dict[str, User]) -> dict[str, Pairs]:
    """Two finished census jobs, each with its file, started by the analyst (the matrix's users see
    them through the capability their kind needs, never as the one who started them)."""
    from frontdoor.jobs.models import Job, JobStatus
    from frontdoor.jobs.services import results_dir

    now = timezone.now()
    pairs: Pairs = []
    for n in range(2):
        job = Job.objects.create(
            kind="cin_census",
            params={"year": 2026},
            requested_by=users[Role.ANALYST],
            requested_at=now,
            status=JobStatus.SUCCEEDED,
            started_at=now,
            finished_at=now,
            summary="CIN census 2025-26.",
            result_name=f"CIN_census_999_2026_{n}.xml",
            result_file=f"matrix-{n}-{now.timestamp():.0f}.xml",
            result_type="application/xml",
        )
        (results_dir() / job.result_file).write_bytes(b"<Message/>")
        pairs.append((job.pk, job.pk))
    return {"jobs:detail": pairs}


def _leads(manager: User, children: list[Person], day: date) -> dict[str, Pairs]:
    """Per child: a Family Help lead practitioner from a partner agency (cases:lead_end)."""
    from frontdoor.cases.models import LeadKind
    from frontdoor.cases.services import lead_practitioner_record

    leads: Pairs = []
    for child in children:
        lead = lead_practitioner_record(
            actor=manager,
            person=child,
            kind=LeadKind.FAMILY_HELP,
            name="Ada Hart",
            agency="Demoton Primary School",
            start_date=day,
        )
        leads.append((lead.pk, lead.pk))
    return {"cases:lead_end": leads}


def matrix_records(users: dict[str, User]) -> dict[str, Callable[[], Pairs]]:
    """Make the records and say, per URL name, which (id, probe id) pairs to try."""
    today = timezone.localdate()
    day = _working_day_before(today, 7)
    manager = users[Role.MASH_MANAGER]
    worker = users[Role.ASSESSMENT_SOCIAL_WORKER]
    children = _children(manager, today, FIRST_NAMES)
    others = _children(manager, today, OTHER_FIRST_NAMES)
    found: dict[str, Pairs] = {}
    found |= _allegations(users[Role.DESIGNATED_OFFICER], children, day)
    found |= _protection(worker, manager, children, day)
    found |= _plans_after_protection(worker, found["child_protection:plan_detail"], day)
    found |= _exploitation(users[Role.MASH_PRACTITIONER], children)
    found |= _screening(users[Role.MASH_PRACTITIONER], manager, children, others)
    found |= _leads(manager, children, day)
    found |= _jobs(users)
    return {name: (lambda pairs=pairs: pairs) for name, pairs in found.items()}
