"""Two people on one assessment record: guidance, the assessment, a mapping and a supervision
decision each carry a version, so the second of two posts from pages opened together is refused,
naming who changed it, with what they typed shown again; create forms carry a one-time token, so
a double submit makes one record."""

from __future__ import annotations

from datetime import date, datetime

import pytest
import time_machine

from frontdoor.assessments import services
from frontdoor.assessments.models import (
    Assessment,
    AssessmentGuidance,
    CaseMapping,
    ChildSeen,
    GroupSupervision,
)
from frontdoor.audit.models import AuditEvent
from frontdoor.child_protection.tests.helpers import date_data, formset_data, open_referral
from frontdoor.conftest import make_user
from frontdoor.core.calendar import LONDON

from .helpers import guidance, guidance_post, mapping_post

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 11, 26, 10, 0, tzinfo=LONDON)
EARLIER = datetime(2026, 11, 3, 9, 0, tzinfo=LONDON)


def stale(name: str) -> str:
    return f"{name} changed this record at 26 November 2026, 10:00 after you opened the page"


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def second_worker(db):
    """A second social worker on the same assessment, to race the first."""
    return make_user("second_worker", "assessment_social_worker", "Assessment Team North")


@pytest.fixture
def second_manager(db):
    """A second manager, to race the first over guidance and sign-off."""
    return make_user("second_manager", "mash_manager", "MASH")


def _assessment(social_worker, mash_manager):
    referral = open_referral(social_worker)
    guidance(mash_manager, referral, now=EARLIER)
    return services.assessment_start(
        actor=social_worker, referral=referral, start_date=date(2026, 11, 3)
    )


def test_two_managers_changing_the_guidance_at_once_one_saves_the_other_is_told(
    as_user, social_worker, mash_manager, second_manager
):
    g = guidance(mash_manager, open_referral(social_worker), now=EARLIER)
    url = f"/assessments/guidance/{g.pk}/edit/"
    assert 'name="version" value="1"' in as_user(mash_manager).get(url).content.decode()
    post = {"lines_of_enquiry": "Who cares for Amy", **date_data("due_date", date(2026, 12, 11))}
    saved = as_user(second_manager).post(url, {**post, "focus": "School's worries", "version": "1"})
    assert saved.status_code == 302
    refused = as_user(mash_manager).post(url, {**post, "focus": "Home conditions", "version": "1"})
    assert refused.status_code == 409
    assert stale("Second Tester") in refused.content.decode()
    assert "Home conditions" in refused.content.decode()
    g.refresh_from_db()
    assert (g.focus, g.due_date, g.version) == ("School's worries", date(2026, 12, 11), 2)
    assert (
        AuditEvent.objects.filter(
            actor=second_manager, action="update", record_type="assessment_guidance"
        ).count()
        == 1
    )


def test_a_new_due_date_in_the_guidance_moves_the_open_assessment(
    as_user, social_worker, mash_manager
):
    assessment = _assessment(social_worker, mash_manager)
    response = as_user(mash_manager).post(
        f"/assessments/guidance/{assessment.guidance_id}/edit/",
        {
            "focus": "x",
            "lines_of_enquiry": "y",
            **date_data("due_date", date(2026, 12, 4)),
            "version": "1",
        },
    )
    assert response.status_code == 302
    assessment.refresh_from_db()
    assert (assessment.due_date, assessment.version) == (date(2026, 12, 4), 2)


def test_guidance_cannot_change_after_sign_off(social_worker, mash_manager):
    from django.core.exceptions import ValidationError

    assessment = _assessment(social_worker, mash_manager)
    services.assessment_conclude(
        actor=social_worker, assessment=assessment, factors=["21"], outcome="cin_plan", analysis="a"
    )
    for row in assessment.guidance.people_to_see.all():
        services.engagement_record(actor=social_worker, person_to_see=row, engaged=True)
    services.assessment_sign_off(
        actor=mash_manager, assessment=assessment, signoff_date=date(2026, 11, 26)
    )
    with pytest.raises(ValidationError) as error:
        services.guidance_update(
            actor=mash_manager,
            guidance=assessment.guidance,
            focus="x",
            lines_of_enquiry="y",
            due_date=date(2026, 12, 4),
        )
    assert error.value.message_dict["__all__"] == [
        "The assessment is signed off, so its guidance can no longer change"
    ]


def test_two_workers_writing_the_childs_voice_at_once_one_saves_the_other_is_told(
    as_user, social_worker, mash_manager, second_worker
):
    assessment = _assessment(social_worker, mash_manager)
    url = f"/assessments/{assessment.pk}/child-voice/"
    assert 'name="version" value="1"' in as_user(social_worker).get(url).content.decode()
    saved = as_user(second_worker).post(
        url, {"direct_work": ["three_houses"], "child_voice": "I like my nan's dog", "version": "1"}
    )
    assert saved.status_code == 302
    refused = as_user(social_worker).post(
        url, {"direct_work": ["safety_house"], "child_voice": "Dad shouts", "version": "1"}
    )
    assert refused.status_code == 409
    assert stale("Second Tester") in refused.content.decode()
    assert "Dad shouts" in refused.content.decode()
    assessment.refresh_from_db()
    assert (assessment.child_voice, assessment.version) == ("I like my nan's dog", 2)


def test_an_outcome_posted_over_someone_elses_engagement_record_is_refused(
    as_user, social_worker, mash_manager, second_worker
):
    assessment = _assessment(social_worker, mash_manager)
    row = assessment.guidance.people_to_see.first()
    engaged = as_user(second_worker).post(
        f"/assessments/{assessment.pk}/engagement/{row.pk}/", {"engaged": "yes", "version": "1"}
    )
    assert engaged.status_code == 302
    refused = as_user(social_worker).post(
        f"/assessments/{assessment.pk}/outcome/",
        {"analysis": "Needs a plan", "factors": ["3B"], "outcome": "cin_plan", "version": "1"},
    )
    assert refused.status_code == 409 and stale("Second Tester") in refused.content.decode()
    assessment.refresh_from_db()
    assert (assessment.outcome, assessment.version) == ("", 2)


def test_two_managers_signing_off_at_once_one_signs_the_other_is_told(
    as_user, social_worker, mash_manager, second_manager
):
    assessment = _assessment(social_worker, mash_manager)
    services.assessment_conclude(
        actor=social_worker, assessment=assessment, factors=["3B"], outcome="cin_plan", analysis="a"
    )
    for row in assessment.guidance.people_to_see.all():
        services.engagement_record(actor=social_worker, person_to_see=row, engaged=True)
    assessment.refresh_from_db()
    url = f"/assessments/{assessment.pk}/sign-off/"
    post = {**date_data("signoff_date", date(2026, 11, 26)), "version": str(assessment.version)}
    assert as_user(second_manager).post(url, post).status_code == 302
    refused = as_user(mash_manager).post(url, post)
    assert refused.status_code == 409 and stale("Second Tester") in refused.content.decode()
    assessment.refresh_from_db()
    assert assessment.authorised_by == second_manager
    assert AuditEvent.objects.filter(action="sign_off", record_type="assessment").count() == 1


def test_two_people_correcting_a_mapping_at_once_one_saves_the_other_is_told(
    as_user, social_worker, second_worker
):
    referral = open_referral(social_worker)
    as_user(social_worker).post(
        f"/assessments/referrals/{referral.pk}/mappings/new/", mapping_post()
    )
    mapping = CaseMapping.objects.get()
    url = f"/assessments/mappings/{mapping.pk}/edit/"
    assert 'name="version" value="1"' in as_user(social_worker).get(url).content.decode()
    saved = as_user(second_worker).post(url, {"harm": "Bruise on the upper arm", "version": "1"})
    assert saved.status_code == 302
    refused = as_user(social_worker).post(url, {"harm": "Bruise and a burn", "version": "1"})
    assert refused.status_code == 409
    assert stale("Second Tester") in refused.content.decode()
    assert "Bruise and a burn" in refused.content.decode()
    mapping.refresh_from_db()
    assert (mapping.harm, mapping.strengths, mapping.version) == ("Bruise on the upper arm", "", 2)


def _supervision(referral, manager, actor):
    return services.supervision_record(
        actor=actor,
        referral=referral,
        held_on=date(2026, 11, 20),
        chair="Sam Chair",
        presenter="Ali Presenter",
        decision="Continue the assessment.",
        accountable_manager=manager,
        participants=[
            {"name": "Nurse", "agency": "health", "role": "SN", "contribution": "x", "scale": 4}
        ],
        actions=[],
    )


def test_the_accountable_manager_changing_the_decision_from_two_pages_saves_once(
    as_user, social_worker, mash_manager
):
    supervision = _supervision(open_referral(social_worker), mash_manager, social_worker)
    url = f"/assessments/group-supervisions/{supervision.pk}/decision/"
    first, second = as_user(mash_manager), as_user(mash_manager)
    assert 'name="version" value="1"' in first.get(url).content.decode()
    assert (
        first.post(url, {"decision": "Convene a safety network", "version": "1"}).status_code == 302
    )
    refused = second.post(url, {"decision": "Step down", "version": "1"})
    assert refused.status_code == 409 and stale("Mash Tester") in refused.content.decode()
    supervision.refresh_from_db()
    assert (supervision.decision, supervision.version) == ("Convene a safety network", 2)


def test_only_the_accountable_manager_may_change_the_agreed_decision(
    as_user, social_worker, mash_manager, second_manager
):
    supervision = _supervision(open_referral(social_worker), mash_manager, social_worker)
    response = as_user(second_manager).post(
        f"/assessments/group-supervisions/{supervision.pk}/decision/",
        {"decision": "Close", "version": "1"},
    )
    assert response.status_code == 200
    assert (
        "Only Mash Tester, the accountable manager who agreed this decision, can change it"
        in response.content.decode()
    )
    supervision.refresh_from_db()
    assert (supervision.decision, supervision.version) == ("Continue the assessment.", 1)


def test_double_submits_make_one_guidance_assessment_and_visit(
    as_user, social_worker, mash_manager
):
    referral = open_referral(social_worker)
    manager, worker = as_user(mash_manager), as_user(social_worker)
    url = f"/assessments/referrals/{referral.pk}/guidance/new/"
    assert 'name="form_token"' in manager.get(url).content.decode()
    data = {**guidance_post(), "form_token": "guidance-token"}
    assert manager.post(url, data)["Location"] == manager.post(url, data)["Location"]
    assert AssessmentGuidance.objects.count() == 1
    url = f"/assessments/referrals/{referral.pk}/new/"
    data = {**date_data("start_date", date(2026, 11, 26)), "form_token": "start-token"}
    first = worker.post(url, data)
    assert worker.post(url, data)["Location"] == first["Location"]
    assessment = Assessment.objects.get()
    assert first["Location"] == f"/assessments/{assessment.pk}/"
    url = f"/assessments/{assessment.pk}/visits/new/"
    data = {**date_data("seen_on", date(2026, 11, 26)), "seen_alone": "on", "form_token": "visit"}
    worker.post(url, data)
    worker.post(url, data)
    assert ChildSeen.objects.count() == 1
    assert AuditEvent.objects.filter(action="child_seen", record_type="assessment").count() == 1


def test_double_submits_make_one_mapping_and_one_supervision(as_user, social_worker, mash_manager):
    referral = open_referral(social_worker)
    client = as_user(social_worker)
    url = f"/assessments/referrals/{referral.pk}/mappings/new/"
    assert 'name="form_token"' in client.get(url).content.decode()
    data = {**mapping_post(), "form_token": "mapping-token"}
    assert client.post(url, data)["Location"] == client.post(url, data)["Location"]
    assert CaseMapping.objects.count() == 1
    url = f"/assessments/referrals/{referral.pk}/group-supervisions/new/"
    data = {
        **date_data("held_on", date(2026, 11, 24)),
        "chair": "Sam",
        "presenter": "Ali",
        "mapping": "",
        "decision": "Continue",
        "accountable_manager": str(mash_manager.pk),
        **formset_data(
            "participants",
            [{"name": "N", "agency": "health", "role": "SN", "contribution": "x", "scale": "3"}],
        ),
        **formset_data("actions", []),
        "form_token": "supervision-token",
    }
    first = client.post(url, data)
    assert first.status_code == 302 and client.post(url, data)["Location"] == first["Location"]
    assert GroupSupervision.objects.count() == 1
