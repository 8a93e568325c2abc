"""The assessment, mapping and group supervision rules, tested through the services with a frozen
clock (26 November 2026)."""

from __future__ import annotations

from datetime import date, datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError

from frontdoor.assessments import guards, services
from frontdoor.audit.models import AuditEvent
from frontdoor.child_protection.tests.helpers import open_referral
from frontdoor.core.calendar import LONDON
from frontdoor.people.models import ChronologyEntry

from .helpers import PARENTS, guidance

pytestmark = pytest.mark.django_db


NOW = datetime(2026, 11, 26, 10, 0, tzinfo=LONDON)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


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
    from frontdoor.assessments.selectors import scaling_spread

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


def test_the_manager_who_wrote_the_assessment_cannot_sign_it_off(social_worker, mash_manager):
    """Four eyes: a manager who carried out the assessment needs another manager to sign it off."""
    referral = open_referral(social_worker, on=date(2026, 11, 2))
    guidance(mash_manager, referral, now=datetime(2026, 11, 3, 9, 0, tzinfo=LONDON))
    assessment = services.assessment_start(
        actor=mash_manager, referral=referral, start_date=date(2026, 11, 3), worker=mash_manager
    )
    services.assessment_conclude(
        actor=mash_manager, assessment=assessment, factors=["3B"], outcome="nfa", analysis="Safe."
    )
    with pytest.raises(ValidationError) as error:
        services.assessment_sign_off(
            actor=mash_manager, assessment=assessment, signoff_date=date(2026, 11, 26)
        )
    assert error.value.messages[0].startswith(
        "You cannot authorise this assessment: you made it or changed it, and a second person "
        "must check it. Ask "
    )
    assessment.refresh_from_db()
    assert (assessment.authorised_date, assessment.authorised_by_id) == (None, None)
    assert not AuditEvent.objects.filter(action="sign_off", record_id=str(assessment.pk)).exists()
