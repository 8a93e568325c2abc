"""Four eyes on assessment sign-off (nobody who wrote or changed the assessment signs it off, and
the refusal names who can), and one open assessment per referral held by the database (run on
SQLite and PostgreSQL) with a refusal that names the child and the open assessment."""

from __future__ import annotations

from datetime import date, datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from frontdoor.assessments import guards, services
from frontdoor.assessments.models import Assessment, AssessmentGuidance
from frontdoor.audit.models import AuditEvent
from frontdoor.child_protection.tests.helpers import date_data, open_referral
from frontdoor.conftest import make_user
from frontdoor.core.calendar import LONDON

from .helpers import guidance

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 11, 26, 10, 0, tzinfo=LONDON)
EARLIER = datetime(2026, 11, 3, 9, 0, tzinfo=LONDON)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def second_manager(db):
    """Another manager who can sign off: the one the refusal should name."""
    return make_user("second_manager", "mash_manager", "MASH")


def _ready_for_sign_off(social_worker, mash_manager):
    referral = open_referral(social_worker)
    guidance(mash_manager, referral, now=EARLIER)
    assessment = services.assessment_start(
        actor=social_worker, referral=referral, start_date=date(2026, 11, 3)
    )
    for row in assessment.guidance.people_to_see.all():
        services.engagement_record(actor=social_worker, person_to_see=row, engaged=True)
    return services.assessment_conclude(
        actor=social_worker, assessment=assessment, factors=["3B"], outcome="cin_plan", analysis="a"
    )


def test_a_manager_who_changed_the_assessment_cannot_sign_it_off_and_is_told_who_can(
    as_user, social_worker, mash_manager, second_manager
):
    assessment = _ready_for_sign_off(social_worker, mash_manager)
    # The manager rewrote the child's voice (say, after reading it back to the worker).
    services.child_voice_record(
        actor=mash_manager,
        assessment=assessment,
        direct_work=["three_houses"],
        direct_work_other="",
        child_voice="She drew her nan's dog in the house of good things",
    )
    response = as_user(mash_manager).post(
        f"/assessments/{assessment.pk}/sign-off/", date_data("signoff_date", date(2026, 11, 26))
    )
    assert response.status_code == 200
    assert (
        "You cannot authorise this assessment: you made it or changed it, and a second person "
        "must check it. Ask Second Tester to authorise it." in response.content.decode()
    )
    assessment.refresh_from_db()
    assert assessment.authorised_date is None
    assert not AuditEvent.objects.filter(action="sign_off").exists()


def test_the_worker_who_wrote_the_assessment_cannot_sign_it_off(
    social_worker, mash_manager, second_manager
):
    assessment = _ready_for_sign_off(social_worker, mash_manager)
    with pytest.raises(ValidationError) as error:
        services.assessment_sign_off(
            actor=social_worker, assessment=assessment, signoff_date=date(2026, 11, 26)
        )
    assert error.value.messages[0].endswith("Ask Mash Tester or Second Tester to authorise it.")


def test_contributors_are_everyone_who_wrote_or_changed_the_assessment(
    social_worker, mash_manager, second_manager
):
    assessment = _ready_for_sign_off(social_worker, mash_manager)
    services.child_seen_record(
        actor=second_manager, assessment=assessment, seen_on=date(2026, 11, 20), seen_alone=True
    )
    assert services.assessment_contributors(assessment) == {social_worker.pk, second_manager.pk}


def test_a_manager_who_did_not_touch_the_assessment_signs_it_off(
    as_user, social_worker, mash_manager
):
    assessment = _ready_for_sign_off(social_worker, mash_manager)
    response = as_user(mash_manager).post(
        f"/assessments/{assessment.pk}/sign-off/",
        {**date_data("signoff_date", date(2026, 11, 26)), "version": str(assessment.version)},
    )
    assert response.status_code == 302
    assessment.refresh_from_db()
    assert (assessment.authorised_date, assessment.authorised_by) == (
        date(2026, 11, 26),
        mash_manager,
    )
    assert (
        AuditEvent.objects.filter(
            actor=mash_manager,
            action="sign_off",
            record_type="assessment",
            record_id=str(assessment.pk),
            person_id=assessment.person_id,
        ).count()
        == 1
    )


def _direct(referral, manager, **fields):
    g = AssessmentGuidance.objects.create(
        referral=referral,
        person=referral.person,
        manager=manager,
        given_at=EARLIER,
        focus="f",
        lines_of_enquiry="l",
        due_date=date(2026, 12, 18),
        max_due_date=date(2027, 1, 6),
        absent_parent="none",
    )
    return Assessment.objects.create(
        referral=referral,
        person=referral.person,
        guidance=g,
        start_date=date(2026, 11, 3),
        due_date=date(2026, 12, 18),
        created_at=NOW,
        **fields,
    )


def test_it_the_database_refuses_a_second_open_assessment_on_a_referral(
    social_worker, mash_manager
):
    referral = open_referral(social_worker)
    _direct(referral, mash_manager, authorised_date=date(2026, 11, 10))
    _direct(referral, mash_manager)
    with pytest.raises(IntegrityError), transaction.atomic():
        _direct(referral, mash_manager)
    assert Assessment.objects.filter(referral=referral).count() == 2


def test_a_second_assessment_lost_in_a_race_names_the_child_and_the_open_one(
    social_worker, mash_manager, monkeypatch
):
    referral = open_referral(social_worker)
    _direct(referral, mash_manager)
    guidance_row = AssessmentGuidance.objects.create(
        referral=referral,
        person=referral.person,
        manager=mash_manager,
        given_at=EARLIER,
        focus="f",
        lines_of_enquiry="l",
        due_date=date(2026, 12, 18),
        max_due_date=date(2027, 1, 6),
        absent_parent="none",
    )
    monkeypatch.setattr(guards, "can_start_assessment", lambda referral, start: None)
    with pytest.raises(ValidationError) as error:
        services.assessment_start(
            actor=social_worker, referral=referral, start_date=date(2026, 11, 4)
        )
    assert error.value.message_dict["start_date"] == [
        "Amy Protect already has an open assessment on this referral, started 3 November 2026. "
        "It must be signed off before another starts"
    ]
    assert not Assessment.objects.filter(guidance=guidance_row).exists()


def test_the_start_page_names_the_child_and_the_open_assessment(
    as_user, social_worker, mash_manager
):
    referral = open_referral(social_worker)
    _direct(referral, mash_manager)
    response = as_user(social_worker).post(
        f"/assessments/referrals/{referral.pk}/new/", date_data("start_date", date(2026, 11, 26))
    )
    assert response.status_code == 200
    assert (
        "Amy Protect already has an open assessment on this referral, started 3 November 2026"
        in response.content.decode()
    )
    assert Assessment.objects.count() == 1


def test_the_supervision_guard_refuses_anyone_but_the_accountable_manager(
    social_worker, mash_manager, second_manager
):
    referral = open_referral(social_worker)
    supervision = services.supervision_record(
        actor=social_worker,
        referral=referral,
        held_on=date(2026, 11, 20),
        chair="Sam",
        presenter="Ali",
        decision="Continue",
        accountable_manager=mash_manager,
        participants=[
            {"name": "N", "agency": "health", "role": "SN", "contribution": "x", "scale": 4}
        ],
        actions=[],
    )
    assert guards.supervision_change_problem(mash_manager, supervision) is None
    assert guards.supervision_change_problem(second_manager, supervision) == (
        "Only Mash Tester, the accountable manager who agreed this decision, can change it: "
        "ask them to"
    )
