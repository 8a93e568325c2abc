"""The assessment pages, as users act: guidance to signed-off assessment, mapping, group
supervision and the printable pages."""

from __future__ import annotations

from datetime import date, datetime

import pytest
import time_machine

from frontdoor.assessments.models import Assessment, BottomLine, CaseMapping, GroupSupervision
from frontdoor.audit.models import AuditEvent
from frontdoor.child_protection.tests.helpers import date_data, formset_data, open_referral
from frontdoor.core.calendar import LONDON

from .helpers import guidance_post, mapping_post

pytestmark = pytest.mark.django_db


NOW = datetime(2026, 11, 26, 10, 0, tzinfo=LONDON)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def test_manager_guidance_refuses_a_due_date_beyond_45_working_days(
    as_user, social_worker, mash_manager
):
    referral = open_referral(social_worker)  # 2 November 2026: the limit is 7 January 2027
    response = as_user(mash_manager).post(
        f"/assessments/referrals/{referral.pk}/guidance/new/", guidance_post(date(2027, 1, 8))
    )
    assert "no later than 07 January 2027" in response.content.decode()
    assert (
        as_user(social_worker)
        .get(f"/assessments/referrals/{referral.pk}/guidance/new/")
        .status_code
        == 403
    )


def test_the_assessment_start_page_refuses_without_guidance(as_user, social_worker):
    referral = open_referral(social_worker)
    response = as_user(social_worker).post(
        f"/assessments/referrals/{referral.pk}/new/",
        date_data("start_date", date(2026, 11, 3)),
    )
    assert "cannot start without manager guidance" in response.content.decode()
    assert not Assessment.objects.exists()


def test_the_assessment_journey_with_mapping_and_step_down(as_user, social_worker, mash_manager):
    referral = open_referral(social_worker)
    manager, worker = as_user(mash_manager), as_user(social_worker)
    manager.post(f"/assessments/referrals/{referral.pk}/guidance/new/", guidance_post())
    worker.post(
        f"/assessments/referrals/{referral.pk}/new/",
        date_data("start_date", date(2026, 11, 26)),
    )
    assessment = Assessment.objects.get()
    base = f"/assessments/{assessment.pk}"
    worker.post(
        f"{base}/visits/new/", {**date_data("seen_on", date(2026, 11, 26)), "seen_alone": "on"}
    )
    worker.post(
        f"{base}/child-voice/", {"direct_work": ["three_houses"], "child_voice": "I like school"}
    )
    bad = mapping_post()
    bad["lines-0-trigger"] = ""
    response = worker.post(
        f"/assessments/referrals/{referral.pk}/mappings/new/?assessment={assessment.pk}", bad
    )
    assert "Bottom line 1: Enter the specific trigger" in response.content.decode()
    worker.post(
        f"/assessments/referrals/{referral.pk}/mappings/new/?assessment={assessment.pk}",
        mapping_post(),
    )
    mapping = CaseMapping.objects.get()
    assert mapping.assessment == assessment and BottomLine.objects.count() == 1
    page = worker.get(f"/assessments/mappings/{mapping.pk}/").content.decode()
    assert (
        "lowest <strong>2</strong>, highest <strong>8</strong>, median <strong>6</strong>" in page
    )
    plan = worker.get(f"/assessments/mappings/{mapping.pk}/safety-plan/").content.decode()
    assert (
        "the duty social worker will hold a strategy discussion <strong>the same day</strong>"
        in plan
    )
    response = worker.post(
        f"{base}/outcome/",
        {"analysis": "Mother protective", "factors": ["21", "3B"], "outcome": "step_down"},
    )
    assert "cannot be combined with other factors" in response.content.decode()
    worker.post(
        f"{base}/outcome/",
        {"analysis": "Mother protective", "factors": ["3B"], "outcome": "step_down"},
    )
    response = manager.post(f"{base}/sign-off/", date_data("signoff_date", date(2026, 11, 26)))
    assert "Record whether Mary engaged" in response.content.decode()
    for row in assessment.guidance.people_to_see.all():
        worker.post(
            f"{base}/engagement/{row.pk}/",
            {
                "engaged": "no",
                "not_engaged_reason": "Declined",
                "attempts": "Letters and a home visit",
            },
        )
    assert worker.get(f"{base}/sign-off/").status_code == 403
    manager.post(f"{base}/sign-off/", date_data("signoff_date", date(2026, 11, 26)))
    assessment.refresh_from_db()
    referral.refresh_from_db()
    assert assessment.authorised_date == date(2026, 11, 26)
    assert AuditEvent.objects.filter(
        action="sign_off",
        record_type="assessment",
        record_id=str(assessment.pk),
        actor_username="mash_manager",
    ).exists()
    assert (referral.closure_date, referral.reason_for_closure) == (date(2026, 11, 26), "RC9")
    from frontdoor.earlyhelp.models import StepDown

    stepdown = StepDown.objects.get()
    assert stepdown.person_id == referral.person_id
    printed = worker.get(f"{base}/print/").content.decode()
    assert "Mother protective" in printed and "I like school" in printed
    assert "A Teacher" not in printed  # the referrer's details never appear on printable pages


def test_group_supervision_page_records_and_shows_the_spread(as_user, social_worker, mash_manager):
    referral = open_referral(social_worker)
    data = {
        **date_data("held_on", date(2026, 11, 25)),
        "chair": "Priya",
        "presenter": "Sam",
        "mapping": "",
        "decision": "Continue",
        "accountable_manager": str(mash_manager.pk),
    }
    data.update(
        formset_data(
            "participants",
            [
                {
                    "name": "Sam",
                    "agency": "social_care",
                    "role": "SW",
                    "contribution": "Presented",
                    "scale": "3",
                },
                {
                    "name": "Nurse Jo",
                    "agency": "health",
                    "role": "School nurse",
                    "contribution": "Weight",
                    "scale": "5",
                },
            ],
        )
    )
    data.update(formset_data("actions", []))
    response = as_user(social_worker).post(
        f"/assessments/referrals/{referral.pk}/group-supervisions/new/", data, follow=True
    )
    supervision = GroupSupervision.objects.get()
    assert supervision.accountable_manager == mash_manager
    assert "lowest 3, highest 5, median 4" in response.content.decode()
