"""Sealed people shown in passing: another child of the household, a sealed parent among the people
to see, children in the work tray and the managers' queues. For a user not on the access list the
page says "Restricted record" and never the name, date of birth or outcome; list pages are audited
with the children they showed by name."""

from __future__ import annotations

from datetime import date, datetime

import pytest
import time_machine

from frontdoor.assessments.models import PersonToSee
from frontdoor.assessments.tests.helpers import guidance
from frontdoor.audit.models import AuditEvent
from frontdoor.cases.services import referral_open
from frontdoor.core.calendar import LONDON
from frontdoor.people.services import person_access_grant, person_seal
from frontdoor.people.tests.factories import make_siblings

from .helpers import date_data, discuss, formset_data, open_referral

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 11, 26, 10, 0, tzinfo=LONDON)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def stewarts(social_worker):
    """Amy Stewart's referral, allocated to the social worker; her brother Ben is sealed."""
    mother, amy, ben = make_siblings("Stewart")
    referral = referral_open(
        actor=None,
        person=amy,
        referral_date=date(2026, 11, 2),
        source="2A",
        primary_need="N1",
        team=social_worker.team,
        worker=social_worker,
    )
    person_seal(actor=None, person=ben, reason="Adopted: new identity")
    return referral, mother, ben


def test_the_referral_page_shows_a_sealed_brother_as_restricted_record(
    as_user, social_worker, stewarts
):
    referral, _, ben = stewarts
    page = as_user(social_worker).get(f"/child-protection/referrals/{referral.pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Other children in the household" in html and "Restricted record" in html
    assert "Ben Stewart" not in html and "12 September 2018" not in html
    assert f"/people/{ben.pk}/" not in html


def test_someone_on_the_brothers_access_list_sees_his_name_and_plan(
    as_user, social_worker, stewarts
):
    referral, _, ben = stewarts
    person_access_grant(actor=None, person=ben, user=social_worker)
    html = (
        as_user(social_worker).get(f"/child-protection/referrals/{referral.pk}/").content.decode()
    )
    assert "Ben Stewart" in html and "12 September 2018" in html and "None open" in html
    assert "Restricted record" not in html


def test_the_strategy_discussion_page_masks_the_sealed_brother(as_user, social_worker, stewarts):
    referral, _, _ = stewarts
    discussion = discuss(social_worker, referral)
    response = as_user(social_worker).get(
        f"/child-protection/strategy-discussions/{discussion.pk}/"
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Restricted record" in html and "Ben Stewart" not in html
    assert "Amy Stewart" in html


def test_the_work_tray_masks_a_child_sealed_after_allocation_and_audits_who_it_named(
    as_user, social_worker
):
    open_child = open_referral(social_worker, first="Leo", last="Open")
    discuss(social_worker, open_child)
    sealed = open_referral(social_worker, first="Zara", last="Hidden")
    discuss(social_worker, sealed)
    person_seal(actor=None, person=sealed.person, reason="Witness protection")
    response = as_user(social_worker).get("/child-protection/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Zara Hidden" not in html and "Leo Open" in html
    assert html.count("Work on a restricted record: ask a manager on its access list") == 2
    assert f"/child-protection/referrals/{sealed.pk}/" not in html
    listed = AuditEvent.objects.get(actor=social_worker, action="list", record_type="cp_work_tray")
    assert listed.detail["person_ids"] == [open_child.person_id]


def test_the_managers_queues_mask_a_sealed_child_and_are_audited(
    as_user, social_worker, mash_manager
):
    shown = open_referral(social_worker, first="Leo", last="Open")
    sealed = open_referral(social_worker, first="Zara", last="Hidden")
    person_seal(actor=None, person=sealed.person, reason="Witness protection")
    response = as_user(mash_manager).get("/child-protection/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Zara Hidden" not in html and "Restricted record" in html
    assert f"/assessments/referrals/{sealed.pk}/guidance/new/" not in html
    assert f"/assessments/referrals/{shown.pk}/guidance/new/" in html
    queue = AuditEvent.objects.get(actor=mash_manager, action="list", record_type="guidance_queue")
    assert queue.detail["person_ids"] == [shown.person_id]
    assert AuditEvent.objects.filter(
        actor=mash_manager, action="list", record_type="signoff_queue"
    ).exists()


def _sealed_mother_guidance(as_user, mash_manager, referral, mother):
    """Guidance given through the page, linking the mother's record from the relatives list."""
    client = as_user(mash_manager)
    form = client.get(f"/assessments/referrals/{referral.pk}/guidance/new/").content.decode()
    assert "Restricted record (parent or carer)" in form and "Mary Stewart" not in form
    data = {
        "focus": "Bruising",
        "lines_of_enquiry": "Who cares for Amy",
        **date_data("due_date", date(2026, 12, 18)),
        "absent_parent": "none",
        "absent_parent_note": "",
        **formset_data(
            "people",
            [{"person": str(mother.pk), "relationship": "mother", "lives_with_child": "on"}],
            extra=1,
        ),
    }
    assert (
        client.post(f"/assessments/referrals/{referral.pk}/guidance/new/", data).status_code == 302
    )
    return PersonToSee.objects.get()


def test_a_sealed_mother_among_the_people_to_see_is_restricted_on_every_page(
    as_user, social_worker, mash_manager, stewarts
):
    referral, mother, _ = stewarts
    person_seal(actor=None, person=mother, reason="Refuge address")
    row = _sealed_mother_guidance(as_user, mash_manager, referral, mother)
    assert (row.person_id, row.name) == (mother.pk, "Mary Stewart")
    client = as_user(social_worker)
    client.post(
        f"/assessments/referrals/{referral.pk}/new/", date_data("start_date", date(2026, 11, 26))
    )
    assessment = referral.assessments.get()
    for url in (
        f"/assessments/{assessment.pk}/",
        f"/assessments/{assessment.pk}/print/",
        f"/assessments/guidance/{row.guidance_id}/",
        f"/assessments/{assessment.pk}/engagement/{row.pk}/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert "Mary Stewart" not in html and "Restricted record" in html, url


def test_the_sign_off_refusal_names_a_sealed_mother_by_relationship_only(
    as_user, social_worker, mash_manager, stewarts
):
    from frontdoor.assessments import services as assessment_services

    referral, mother, _ = stewarts
    person_seal(actor=None, person=mother, reason="Refuge address")
    guidance(
        mash_manager,
        referral,
        people=[
            {
                "name": "Mary Stewart",
                "person": mother,
                "relationship": "mother",
                "lives_with_child": True,
            }
        ],
        absent="none",
        now=datetime(2026, 11, 3, 9, 0, tzinfo=LONDON),
    )
    assessment = assessment_services.assessment_start(
        actor=social_worker, referral=referral, start_date=date(2026, 11, 3)
    )
    assessment_services.assessment_conclude(
        actor=social_worker, assessment=assessment, factors=["21"], outcome="nfa", analysis="Fine"
    )
    response = as_user(mash_manager).post(
        f"/assessments/{assessment.pk}/sign-off/", date_data("signoff_date", date(2026, 11, 26))
    )
    html = response.content.decode()
    assert "Record whether the mother (Restricted record) engaged in the assessment" in html
    assert "Mary Stewart" not in html
