"""The rules of the issue, tested through the services with a frozen clock (26 November 2026)."""

from __future__ import annotations

from datetime import date, datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError

from frontdoor.audit.models import AuditEvent
from frontdoor.cases.services import referral_close
from frontdoor.core.calendar import LONDON
from frontdoor.people.models import ChronologyEntry
from frontdoor.protection import guards, services
from frontdoor.protection.models import Section47Enquiry

from .helpers import open_referral

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 11, 26, 10, 0, tzinfo=LONDON)
PARENTS = [
    {"name": "Mary Protect", "relationship": "mother", "lives_with_child": True},
    {"name": "Dan Protect", "relationship": "father", "lives_with_child": False},
]


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def discuss(
    actor,
    referral,
    held_at=datetime(2026, 11, 20, 9, 30, tzinfo=LONDON),
    decision="s47_joint",
    agencies=("social_care", "police", "health"),
):
    return services.strategy_discussion_record(
        actor=actor,
        referral=referral,
        lead=actor,
        held_at=held_at,
        information_shared="School saw bruising.",
        decision=decision,
        rationale="Reasonable cause to suspect significant harm.",
        participants=[{"name": f"P {a}", "agency": a, "role": "Officer"} for a in agencies],
        actions=[{"owner": "DC Holt", "action": "Joint visit", "due_date": date(2026, 11, 27)}],
    )


def guidance(manager, referral, due=date(2026, 12, 18), people=PARENTS, absent="named", now=None):
    return services.guidance_record(
        actor=manager,
        referral=referral,
        focus="Bruising and home conditions",
        lines_of_enquiry="Who cares for Amy after school?",
        due_date=due,
        people=people,
        absent_parent=absent,
        now=now,
    )


def test_it_sets_the_icpc_target_15_working_days_on_across_christmas_bank_holidays():
    # Start Mon 14 Dec 2026: 25 Dec, 28 Dec (Boxing Day substitute) and 1 Jan are bank holidays.
    assert guards.icpc_target_for(date(2026, 12, 14)) == date(2027, 1, 7)
    # Without holidays it would be 15 weekdays later: 4 January 2027.
    assert guards.icpc_target_for(date(2026, 11, 2)) == date(2026, 11, 23)


def test_it_stores_the_icpc_target_when_the_strategy_discussion_starts_the_s47(social_worker):
    referral = open_referral(social_worker)
    discussion = discuss(social_worker, referral)
    s47 = discussion.s47
    assert discussion.initiates_s47 is True
    assert s47.start_date == date(2026, 11, 20)
    assert s47.icpc_target == date(2026, 12, 11)
    assert s47.joint is True
    assert AuditEvent.objects.filter(
        action="create", record_type="s47", record_id=str(s47.pk)
    ).exists()
    assert ChronologyEntry.objects.filter(person=referral.person, kind="s47_start").exists()


def test_it_refuses_an_icpc_on_a_saturday(social_worker):
    s47 = discuss(social_worker, open_referral(social_worker)).s47
    services.s47_findings_record(
        actor=social_worker,
        s47=s47,
        child_seen_date=date(2026, 11, 20),
        seen_alone=True,
        not_seen_alone_reason="",
        child_words="Dad hurt me",
        outcome="substantiated_icpc",
        outcome_date=date(2026, 11, 23),
    )
    with pytest.raises(ValidationError) as error:
        services.icpc_record(
            actor=social_worker,
            s47=s47,
            icpc_date=date(2026, 11, 21 + 7),
            cp_plan=True,
            initial_category="PHY",
        )
    assert "must be a working day" in error.value.message_dict["icpc_date"][0]


def test_an_icpc_on_a_bank_holiday_or_before_the_s47_is_refused(social_worker):
    referral = open_referral(social_worker, on=date(2026, 8, 24))
    s47 = discuss(social_worker, referral, held_at=datetime(2026, 8, 24, 9, 0, tzinfo=LONDON)).s47
    services.s47_findings_record(
        actor=social_worker,
        s47=s47,
        child_seen_date=date(2026, 8, 24),
        seen_alone=True,
        not_seen_alone_reason="",
        child_words="x",
        outcome="substantiated_icpc",
        outcome_date=date(2026, 8, 25),
    )
    assert "working day" in guards.icpc_problem(s47, date(2026, 8, 31))  # summer bank holiday
    assert "on or after the start" in guards.icpc_problem(s47, date(2026, 8, 21))
    assert guards.icpc_problem(s47, date(2026, 9, 1)) is None


def test_it_starts_a_cp_plan_on_the_icpc_date_with_review_dates(social_worker):
    s47 = discuss(social_worker, open_referral(social_worker)).s47
    services.s47_findings_record(
        actor=social_worker,
        s47=s47,
        child_seen_date=date(2026, 11, 20),
        seen_alone=False,
        not_seen_alone_reason="Too young",
        child_words="Crying",
        outcome="substantiated_icpc",
        outcome_date=date(2026, 11, 23),
    )
    plan = services.icpc_record(
        actor=social_worker,
        s47=s47,
        icpc_date=date(2026, 11, 25),
        cp_plan=True,
        initial_category="PHY",
    )
    assert (plan.start_date, plan.first_review_due) == (date(2026, 11, 25), date(2027, 2, 25))
    s47.refresh_from_db()
    assert s47.cp_plan is True and s47.icpc_not_required is False and not s47.is_open
    review = services.cp_review_record(
        actor=social_worker,
        plan=plan,
        held_date=date(2026, 11, 26),
        plan_continues=True,
        category="MUL",
    )
    plan.refresh_from_db()
    assert review.due_date == date(2027, 2, 25)
    assert (plan.next_review_due, plan.latest_category, plan.initial_category) == (
        date(2027, 5, 26),
        "MUL",
        "PHY",
    )


def test_it_allows_only_one_open_s47_per_episode(social_worker):
    referral = open_referral(social_worker)
    discuss(social_worker, referral)
    with pytest.raises(ValidationError) as error:
        discuss(social_worker, referral, held_at=datetime(2026, 11, 24, 9, 0, tzinfo=LONDON))
    assert "already open" in error.value.message_dict["decision"][0]
    assert Section47Enquiry.objects.filter(referral=referral).count() == 1


def test_it_refuses_anything_dated_before_the_referral(social_worker, mash_manager):
    referral = open_referral(social_worker, on=date(2026, 11, 10))
    with pytest.raises(ValidationError) as error:
        discuss(social_worker, referral, held_at=datetime(2026, 11, 9, 9, 0, tzinfo=LONDON))
    assert (
        "on or after the referral date, 10 November 2026" in error.value.message_dict["held_at"][0]
    )
    guidance(mash_manager, referral)
    with pytest.raises(ValidationError) as error:
        services.assessment_start(
            actor=social_worker, referral=referral, start_date=date(2026, 11, 9)
        )
    assert "on or after the referral date" in error.value.message_dict["start_date"][0]


def test_it_refuses_an_s47_on_an_episode_closed_after_assessment(social_worker):
    referral = open_referral(social_worker, on=date(2026, 11, 2))
    referral_close(actor=None, referral=referral, closure_date=date(2026, 11, 19), reason="RC8")
    with pytest.raises(ValidationError) as error:
        discuss(social_worker, referral)
    assert "closed after assessment (RC8)" in error.value.message_dict["held_at"][0]


def test_a_missing_agency_is_a_warning_not_a_refusal(social_worker):
    from frontdoor.protection.selectors import strategy_warnings

    discussion = discuss(
        social_worker, open_referral(social_worker), agencies=("social_care", "police")
    )
    assert discussion.pk
    assert strategy_warnings(["social_care", "police"]) == [
        "No one from health took part: record why, and share the outcome with them"
    ]


def test_an_assessment_cannot_start_without_manager_guidance(social_worker):
    referral = open_referral(social_worker)
    with pytest.raises(ValidationError) as error:
        services.assessment_start(
            actor=social_worker, referral=referral, start_date=date(2026, 11, 3)
        )
    assert "cannot start without manager guidance" in error.value.message_dict["start_date"][0]


@pytest.mark.parametrize(
    "referral_day", [date(2026, 10, 12), date(2026, 11, 2), date(2026, 11, 20)]
)
def test_the_due_date_can_never_exceed_45_working_days_from_the_referral(
    social_worker, mash_manager, referral_day
):
    referral = open_referral(social_worker, on=referral_day)
    limit = guards.assessment_max_due(referral_day)
    with pytest.raises(ValidationError) as error:
        guidance(mash_manager, referral, due=date.fromordinal(limit.toordinal() + 1))
    assert f"no later than {limit:%d %B %Y}" in error.value.message_dict["due_date"][0]
    shorter = guidance(
        mash_manager, referral, due=date(2026, 12, 1)
    )  # the manager may set it shorter
    assert shorter.max_due_date == limit
    assessment = services.assessment_start(
        actor=social_worker, referral=referral, start_date=date(2026, 11, 26)
    )
    assert assessment.due_date == date(2026, 12, 1)


def test_guidance_must_name_a_parent_not_living_with_the_child(social_worker, mash_manager):
    referral = open_referral(social_worker)
    with pytest.raises(ValidationError) as error:
        guidance(mash_manager, referral, people=PARENTS[:1], absent="named")
    assert "does not live with the child" in error.value.message_dict["absent_parent"][0]
    with pytest.raises(ValidationError) as error:
        guidance(
            mash_manager,
            referral,
            people=[{"name": "Gran", "relationship": "significant", "lives_with_child": False}],
            absent="none",
        )
    assert error.value.message_dict["people"] == ["Name at least one parent who must be seen"]


def test_factor_21_cannot_be_combined_with_other_factors():
    assert (
        guards.factors_problem(["21", "3B"])
        == "'No factors identified' (21) cannot be combined with other factors"
    )
    assert guards.factors_problem(["21"]) is None
    assert guards.factors_problem(["3B", "16A"]) is None


def _started(social_worker, mash_manager, due=date(2026, 11, 20)):
    referral = open_referral(social_worker, on=date(2026, 11, 2))
    guidance(mash_manager, referral, due=due, now=datetime(2026, 11, 3, 9, 0, tzinfo=LONDON))
    assessment = services.assessment_start(
        actor=social_worker, referral=referral, start_date=date(2026, 11, 3)
    )
    services.assessment_conclude(
        actor=social_worker,
        assessment=assessment,
        factors=["3B"],
        outcome="nfa",
        analysis="Mother protective; father left.",
    )
    return assessment


def test_late_sign_off_needs_a_reason(social_worker, mash_manager):
    assessment = _started(social_worker, mash_manager)
    for row in assessment.guidance.people_to_see.all():
        services.engagement_record(actor=social_worker, person_to_see=row, engaged=True)
    with pytest.raises(ValidationError) as error:
        services.assessment_sign_off(
            actor=mash_manager, assessment=assessment, signoff_date=date(2026, 11, 25)
        )
    assert "after its due date (20 November 2026)" in error.value.message_dict["late_reason"][0]
    services.assessment_sign_off(
        actor=mash_manager,
        assessment=assessment,
        signoff_date=date(2026, 11, 25),
        late_reason="Father's interview delayed by his work abroad",
    )
    assessment.refresh_from_db()
    assert assessment.authorised_date == date(2026, 11, 25)
    assessment.referral.refresh_from_db()
    assert (assessment.referral.closure_date, assessment.referral.reason_for_closure) == (
        date(2026, 11, 25),
        "RC8",
    )


def test_it_cannot_sign_off_while_a_parent_has_neither_engagement_nor_a_reason(
    social_worker, mash_manager
):
    assessment = _started(social_worker, mash_manager, due=date(2026, 12, 18))
    mother, father = assessment.guidance.people_to_see.all()
    services.engagement_record(actor=social_worker, person_to_see=mother, engaged=True)
    with pytest.raises(ValidationError) as error:
        services.assessment_sign_off(
            actor=mash_manager, assessment=assessment, signoff_date=date(2026, 11, 25)
        )
    assert error.value.message_dict["signoff_date"] == [
        "Record whether Dan Protect engaged in the assessment before sign-off"
    ]
    with pytest.raises(ValidationError):
        services.engagement_record(
            actor=social_worker,
            person_to_see=father,
            engaged=False,
            not_engaged_reason="Refused",
            attempts="",
        )
    services.engagement_record(
        actor=social_worker,
        person_to_see=father,
        engaged=False,
        not_engaged_reason="Refused to meet",
        attempts="Three letters and two calls",
    )
    services.assessment_sign_off(
        actor=mash_manager, assessment=assessment, signoff_date=date(2026, 11, 25)
    )


def test_factors_and_outcome_are_refused_with_21_combined(social_worker, mash_manager):
    referral = open_referral(social_worker)
    guidance(mash_manager, referral)
    assessment = services.assessment_start(
        actor=social_worker, referral=referral, start_date=date(2026, 11, 26)
    )
    with pytest.raises(ValidationError) as error:
        services.assessment_conclude(
            actor=social_worker,
            assessment=assessment,
            factors=["21", "16A"],
            outcome="nfa",
            analysis="x",
        )
    assert "cannot be combined" in error.value.message_dict["factors"][0]


def test_only_one_open_assessment_per_episode_and_never_before_guidance(
    social_worker, mash_manager
):
    referral = open_referral(social_worker)
    guidance(mash_manager, referral, now=datetime(2026, 11, 3, 9, 0, tzinfo=LONDON))
    with pytest.raises(ValidationError) as error:
        services.assessment_start(
            actor=social_worker, referral=referral, start_date=date(2026, 11, 2)
        )
    assert "cannot start before the manager's guidance was given (03 November 2026)" in str(
        error.value
    )
    services.assessment_start(actor=social_worker, referral=referral, start_date=date(2026, 11, 3))
    with pytest.raises(ValidationError) as error:
        guidance(mash_manager, referral)
        services.assessment_start(
            actor=social_worker, referral=referral, start_date=date(2026, 11, 4)
        )
    assert "already open" in str(error.value)


BOTTOM = {
    "trigger": "Dan comes to the house",
    "agency_action": "hold a strategy discussion",
    "who_acts": "the duty social worker",
    "how_quickly": "the same day",
    "family_must": "Mary must not let Dan in and must call 999",
}


def _mapping(actor, referral, lines):
    return services.mapping_record(
        actor=actor,
        referral=referral,
        held_on=date(2026, 11, 24),
        harm="Bruises to Amy's arm",
        dangers=[
            {"danger": "Amy may be hit again", "safety_goal": "Amy is cared for without being hurt"}
        ],
        next_steps=[{"who": "Sam", "what": "Visit", "by_when": date(2026, 11, 30)}],
        scores=[
            {"name": "Sam", "role": "professional", "score": 3},
            {"name": "Mary", "role": "family", "score": 7},
            {"name": "Amy", "role": "child", "score": 5},
        ],
        bottom_lines=lines,
    )


@pytest.mark.parametrize(
    "missing,message",
    [
        (
            "trigger",
            "Bottom line 1: Enter the specific trigger (what would happen) for this bottom line",
        ),
        ("agency_action", "Bottom line 1: Enter what the agency will do for this bottom line"),
    ],
)
def test_a_bottom_line_missing_its_trigger_or_action_is_refused(social_worker, missing, message):
    referral = open_referral(social_worker)
    with pytest.raises(ValidationError) as error:
        _mapping(social_worker, referral, [{**BOTTOM, missing: "  "}])
    assert error.value.message_dict["bottom_lines"] == [message]


def test_a_free_text_only_bottom_line_is_refused(social_worker):
    referral = open_referral(social_worker)
    with pytest.raises(ValidationError) as error:
        _mapping(social_worker, referral, [{"trigger": "If things get worse we will act"}])
    assert "Enter what the agency will do" in error.value.message_dict["bottom_lines"][0]
    assert "Enter what the family must do" in error.value.message_dict["bottom_lines"][0]


def test_the_scaling_spread_is_min_max_median(social_worker):
    from frontdoor.protection.selectors import scaling_spread

    mapping = _mapping(social_worker, open_referral(social_worker), [BOTTOM])
    spread = scaling_spread([s.score for s in mapping.scores.all()])
    assert (spread.count, spread.low, spread.high, spread.median) == (3, 3, 7, 5)


def test_a_danger_statement_needs_its_safety_goal(social_worker):
    with pytest.raises(ValidationError) as error:
        services.mapping_record(
            actor=social_worker,
            referral=open_referral(social_worker),
            held_on=date(2026, 11, 24),
            harm="Bruises",
            dangers=[{"danger": "Amy may be hit", "safety_goal": ""}],
            next_steps=[],
            scores=[],
            bottom_lines=[],
        )
    assert "both the danger statement and its safety goal" in error.value.message_dict["dangers"][0]


def test_group_supervision_needs_the_accountable_manager_and_goes_on_the_chronology(
    social_worker, mash_manager
):
    referral = open_referral(social_worker)
    row = {
        "name": "Sam",
        "agency": "social_care",
        "role": "SW",
        "contribution": "Presented",
        "scale": 4,
    }
    with pytest.raises(ValidationError) as error:
        services.supervision_record(
            actor=social_worker,
            referral=referral,
            held_on=date(2026, 11, 25),
            chair="Priya",
            presenter="Sam",
            decision="Continue",
            accountable_manager=social_worker,
            participants=[row],
            actions=[],
        )
    assert "accountable manager" in error.value.message_dict["accountable_manager"][0]
    services.supervision_record(
        actor=social_worker,
        referral=referral,
        held_on=date(2026, 11, 25),
        chair="Priya",
        presenter="Sam",
        decision="Continue the assessment.",
        accountable_manager=mash_manager,
        participants=[row, {**row, "name": "Nurse", "agency": "health", "scale": 6}],
        actions=[{"owner": "Sam", "action": "Visit dad", "due_date": date(2026, 12, 1)}],
    )
    entry = ChronologyEntry.objects.get(person=referral.person, kind="group_supervision")
    assert "risk scales 4–6" in entry.summary and "Continue the assessment." in entry.summary
