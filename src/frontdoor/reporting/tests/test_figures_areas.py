"""Figures from the other areas against hand-built fixtures with exactly known answers, and the
plain "no data recorded" when an area has recorded nothing. Rows are created directly: these
figures only read the areas' records."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest
import time_machine

from frontdoor.allegations.models import Allegation
from frontdoor.core.calendar import LONDON
from frontdoor.earlyhelp.models import EarlyHelpEpisode, StepDown
from frontdoor.exploitation.models import ExploitationScreening
from frontdoor.intake.models import Contact, ContactChild
from frontdoor.out_of_hours.models import EdtRecord
from frontdoor.police.models import EncompassNotice, NotificationChild, PoliceNotification
from frontdoor.reporting.figures import compute
from frontdoor.reporting.periods import Period
from frontdoor.screening.models import Decision, InformationRequest, ReferrerUpdate, Screening

from . import protection_builders as pb
from .builders import at, child, contact, referral

pytestmark = pytest.mark.django_db
NOV = Period(date(2025, 11, 1), date(2025, 11, 30))
AUTUMN = Period(date(2025, 9, 1), date(2025, 11, 30))


def values(fig):
    return {row.key: row.value for row in fig.rows}


@pytest.mark.parametrize(
    "key",
    [
        "late_reasons",
        "rag_compliance",
        "consent",
        "referrer_feedback",
        "strategy_s47",
        "icpc_timeliness",
        "assessment_timeliness",
        "edt_handovers",
        "encompass",
        "exploitation_reviews",
        "step_downs",
        "lado_timeliness",
    ],
)
def test_an_area_with_nothing_recorded_says_so(key):
    fig = compute(key, NOV)
    assert fig.no_data and fig.rows == [] and "recorded" in fig.no_data


@time_machine.travel("2025-12-05 12:00Z")
def test_icpc_timeliness_counts_working_days_from_the_initiating_strategy_discussion(social_worker):
    a, b = child("Amy"), child("Ben")
    # Strategy discussion Friday 7 November; 15 working days later is Friday 28 November.
    on_time = referral(a, date(2025, 11, 6))
    pb.s47(
        on_time,
        social_worker,
        date(2025, 11, 7),
        date(2025, 11, 28),
        icpc=date(2025, 11, 28),
        plan=True,
        outcome="substantiated_icpc",
    )
    late = referral(b, date(2025, 11, 6))
    pb.s47(
        late,
        social_worker,
        date(2025, 11, 7),
        date(2025, 11, 28),
        icpc=date(2025, 12, 1),
        plan=True,
        outcome="substantiated_icpc",
    )
    fig = compute("icpc_timeliness", Period(date(2025, 11, 1), date(2025, 12, 5)))
    assert values(fig) == {"on_time": 1, "late": 1}
    assert fig.row("late").people == {b.pk}
    assert fig.headline.startswith("50.0% of 2 ICPCs") and "81%" in fig.comparator
    s47 = compute("strategy_s47", Period(date(2025, 11, 1), date(2025, 12, 5)))
    assert values(s47) == {"discussions": 2, "initiating": 2, "s47": 2}


@time_machine.travel("2025-12-05 12:00Z")
def test_assessments_are_judged_against_45_working_days_from_the_referral(social_worker):
    kids = [child(n) for n in ("Amy", "Ben", "Cat", "Dan")]
    # From Monday 1 September 2025, 45 working days is Monday 3 November.
    for kid, authorised in zip(kids, (date(2025, 11, 3), date(2025, 11, 4), None), strict=False):
        pb.assessment(
            referral(kid, date(2025, 9, 1)), social_worker, date(2025, 9, 2), authorised=authorised
        )
    pb.assessment(referral(kids[3], date(2025, 11, 20)), social_worker, date(2025, 11, 20))
    fig = compute("assessment_timeliness", AUTUMN)
    assert values(fig) == {"on_time": 1, "late": 1, "open_over": 1, "open": 1}
    assert fig.row("open_over").people == {kids[2].pk}
    assert "85.7%" in fig.comparator


def _screening(kid, received, **kw):
    made = contact([kid], received)
    link = ContactChild.objects.get(contact=made, person=kid)
    return Screening.objects.create(
        contact_child=link, contact=made, person=kid, started_at=received, **kw
    )


@time_machine.travel("2025-12-05 12:00Z")
def test_consent_and_rag_compliance_and_late_reasons(mash_worker, mash_manager):
    kids = [child(n) for n in ("Amy", "Ben", "Cat", "Dan")]
    s1 = _screening(kids[0], at(2025, 11, 3), consent_sought=True, consent_outcome="given")
    s2 = _screening(
        kids[1],
        at(2025, 11, 4),
        consent_sought=False,
        consent_outcome="not_sought",
        consent_authorised_at=at(2025, 11, 4, 12),
    )
    s3 = _screening(kids[2], at(2025, 11, 5), consent_sought=True, consent_outcome="refused")
    _screening(kids[3], at(2025, 11, 6))
    due = at(2025, 11, 3, 14)
    for screening, received in (
        (s1, at(2025, 11, 3, 13, 59)),
        (s1, at(2025, 11, 3, 14, 1)),
        (s2, None),
    ):
        InformationRequest.objects.create(
            screening=screening,
            agency="police",
            question="Known?",
            sent_at=at(2025, 11, 3, 10),
            due_at=due,
            received_at=received,
        )
    for screening, late, reason in ((s1, False, ""), (s2, True, "volume"), (s3, True, "")):
        Decision.objects.create(
            screening=screening,
            level_of_need=3,
            outcome="assessment",
            rationale="R",
            risks_and_protective_factors="R",
            late=late,
            delay_reason=reason,
            decided_at=at(2025, 11, 6),
            decided_by=mash_worker,
        )
    consent = compute("consent", NOV)
    assert values(consent) == {
        "given": 1,
        "not_sought_authorised": 1,
        "not_sought_unauthorised": 0,
        "refused_authorised": 0,
        "refused_unauthorised": 1,
        "not_recorded": 1,
    }
    assert consent.headline.startswith("50.0% of 2 screenings without consent")
    rag = compute("rag_compliance", NOV)
    assert values(rag) == {"on_time": 1, "late": 1, "overdue": 1, "waiting": 0}
    # The contacts decided late (after authorisation): s2 and s3 recorded late, Dan's recorded in
    # time but authorised late; Amy's decided in time is not counted.
    late_at = at(2025, 11, 10)
    for screening in (s2, s3, Screening.objects.get(person=kids[3])):
        Contact.objects.filter(pk=screening.contact_id).update(decided_at=late_at)
    Contact.objects.filter(pk=s1.contact_id).update(decided_at=at(2025, 11, 3, 12))
    late = compute("late_reasons", NOV)
    assert {r.label: r.value for r in late.rows} == {
        "Volume of work in the team": 1,
        "No reason recorded": 1,
        "Recorded in time, authorised after the deadline": 1,
    }
    assert late.headline == "3 contacts decided late; 2 without a recorded reason"
    # The same contacts as the timeliness figure's "Decided late" (issue 13: 44 against 28).
    timeliness = compute("contact_decisions", NOV)
    assert values(timeliness)["late"] == sum(r.value for r in late.rows) == 3


@time_machine.travel("2025-12-05 12:00Z")
def test_referrer_feedback_excludes_anonymous_and_undecided_contacts(mash_worker):
    told = contact([child("Amy")], at(2025, 11, 3), decided=at(2025, 11, 3, 15))
    contact([child("Ben")], at(2025, 11, 3), decided=at(2025, 11, 3, 15))
    contact(
        [child("Cat")], at(2025, 11, 3), decided=at(2025, 11, 3, 15), source="9", anonymous=True
    )
    contact([child("Dan")], at(2025, 11, 3))
    ReferrerUpdate.objects.create(
        contact=told,
        kind="feedback",
        method="phone",
        given_at=at(2025, 11, 4),
        given_by=mash_worker,
    )
    fig = compute("referrer_feedback", NOV)
    assert values(fig) == {"given": 1, "not_given": 1}


@time_machine.travel("2025-12-05 12:00Z")
def test_edt_handovers_and_exploitation_reviews():
    amy, ben, cat = child("Amy"), child("Ben"), child("Cat")
    due = at(2025, 11, 10, 9)  # Saturday night's work: due 09:00 Monday
    for kid, acknowledged in (
        (amy, at(2025, 11, 10, 9)),
        (ben, at(2025, 11, 10, 9, 1)),
        (cat, None),
    ):
        EdtRecord.objects.create(
            received_at=at(2025, 11, 8, 22),
            caller_name="PC",
            caller_agency="police",
            person=kid,
            request="R",
            can_wait=False,
            risk_judgement="R",
            actions=[],
            rationale="R",
            recorded_at=at(2025, 11, 8, 23),
            handover_due_at=due,
            acknowledged_at=acknowledged,
        )
    edt = compute("edt_handovers", NOV)
    assert values(edt) == {"on_time": 1, "late": 1, "overdue": 1, "waiting": 0}

    def screen(kid, when, review_due, previous=None):
        return ExploitationScreening.objects.create(
            person=kid,
            screened_at=when,
            score=3,
            computed_level="medium",
            level="medium",
            review_due=review_due,
            previous=previous,
        )

    first = screen(amy, at(2025, 10, 1), date(2025, 11, 12))
    screen(amy, at(2025, 11, 12, 16), date(2025, 12, 24), previous=first)  # on the due date
    second = screen(ben, at(2025, 10, 1), date(2025, 11, 12))
    screen(ben, at(2025, 11, 13), date(2025, 12, 25), previous=second)  # a day late
    screen(cat, at(2025, 10, 1), date(2025, 11, 20))  # never reviewed: overdue
    reviews = compute("exploitation_reviews", NOV)
    assert values(reviews) == {"on_time": 1, "late": 1, "overdue": 1}
    assert reviews.row("overdue").people == {cat.pk}


@time_machine.travel("2025-12-05 12:00Z")
def test_encompass_notices_on_time():
    amy = child("Amy")
    note = PoliceNotification.objects.create(
        police_reference="P1",
        incident_at=at(2025, 11, 3, 1),
        incident_type="domestic_abuse",
        received_at=at(2025, 11, 3, 7),
        screening_day=date(2025, 11, 3),
    )
    kids = [
        NotificationChild.objects.create(
            notification=note,
            first_name=n,
            last_name="X",
            date_of_birth=date(2015, 1, 1),
            present=True,
            person=p,
            match_status="linked",
            row_number=i,
        )
        for i, (n, p) in enumerate((("Amy", amy), ("Ben", None)), start=1)
    ]
    due = at(2025, 11, 3, 8, 30)
    EncompassNotice.objects.create(
        child=kids[0], recipient="school_dsl", due_at=due, notified_at=at(2025, 11, 3, 8)
    )
    EncompassNotice.objects.create(
        child=kids[1], recipient="school_dsl", due_at=due, notified_at=at(2025, 11, 3, 9)
    )
    fig = compute("encompass", NOV)
    assert values(fig) == {"on_time": 1, "late": 1, "overdue": 0, "waiting": 0}
    assert fig.row("late").people == frozenset()  # not matched to a person: counted, not listed


@time_machine.travel("2025-12-05 12:00Z")
def test_step_downs_and_step_ups(mash_worker):
    amy, ben = child("Amy"), child("Ben")
    for kid, status in ((amy, "accepted"), (ben, "declined"), (ben, "pending")):
        # Each step-down comes from its own screening decision (a real foreign key).
        decision = Decision.objects.create(
            screening=_screening(kid, at(2025, 11, 3)),
            level_of_need=2,
            outcome="step_down",
            rationale="R",
            risks_and_protective_factors="R",
            decided_at=at(2025, 11, 3, 12),
            decided_by=mash_worker,
        )
        StepDown.objects.create(
            person=kid,
            decision=decision,
            summary="S",
            risks_and_protective_factors="R",
            requested_at=at(2025, 11, 3),
            status=status,
        )
    EarlyHelpEpisode.objects.create(
        person=amy,
        start_date=date(2025, 9, 1),
        lead_professional="L",
        organisation="O",
        end_date=date(2025, 11, 20),
        end_reason="step_up",
        created_at=at(2025, 9, 1),
    )
    fig = compute("step_downs", NOV)
    assert values(fig) == {"accepted": 1, "declined": 1, "pending": 1, "step_up": 1}


@time_machine.travel("2025-12-05 12:00Z")
def test_lado_timeliness_against_one_three_and_twelve_months():
    received = datetime.combine(date(2025, 8, 15), time(10), tzinfo=LONDON)
    for concluded in (date(2025, 9, 15), date(2025, 9, 16), date(2025, 11, 15), date(2025, 11, 16)):
        Allegation.objects.create(
            kind="referral",
            sector="education",
            received_at=received,
            referrer_type="employer",
            summary="S",
            created_at=received,
            concluded_on=concluded,
            outcome="unfounded",
            status="closed",
        )
    Allegation.objects.create(
        kind="referral",
        sector="education",
        referrer_type="employer",
        received_at=datetime.combine(date(2024, 9, 1), time(10), tzinfo=LONDON),
        summary="S",
        created_at=received,
        concluded_on=date(2025, 11, 20),
        outcome="unfounded",
        status="closed",
    )
    fig = compute("lado_timeliness", Period(date(2025, 9, 1), date(2025, 11, 30)))
    assert values(fig) == {"one": 1, "three": 2, "twelve": 1, "over": 1}
    assert fig.people == frozenset()  # counts only
    assert "20.0% within one month (target 80%), 60.0% within three months" in fig.headline


def test_lado_bands_use_calendar_months_at_the_end_of_a_month():
    from frontdoor.reporting.figures.specialist import _band

    assert _band(date(2025, 1, 31), date(2025, 2, 28)) == "one"  # no 31 February
    assert _band(date(2025, 1, 31), date(2025, 3, 1)) == "three"
    assert _band(date(2025, 1, 31), date(2025, 4, 30)) == "three"
    assert _band(date(2025, 1, 31), date(2025, 5, 1)) == "twelve"
    assert _band(date(2024, 1, 31), date(2025, 1, 31)) == "twelve"
    assert _band(date(2024, 1, 31), date(2025, 2, 1)) == "over"
