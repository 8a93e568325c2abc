"""Only designated officers (and system administrators for support) open allegation records."""

import pytest

from frontdoor.audit.models import AuditEvent
from frontdoor.people.tests.factories import make_child

from .factories import final_meeting, make_referral

pytestmark = pytest.mark.django_db


def test_it_refuses_a_mash_worker_an_allegation_record_and_audits_it(as_user, mash_worker):
    allegation = make_referral()
    response = as_user(mash_worker).get(f"/allegations/{allegation.pk}/")
    assert response.status_code == 403
    refusal = AuditEvent.objects.get(actor=mash_worker, action="refused")
    assert refusal.record_id == f"/allegations/{allegation.pk}/"
    assert refusal.detail == {"capability": "allegations"}


def test_it_refuses_the_gate_itself_with_404_and_audits_it(mash_worker):
    from django.http import Http404

    from frontdoor.allegations.access import access_allegation

    allegation = make_referral()
    with pytest.raises(Http404):
        access_allegation(mash_worker, allegation.pk)
    refusal = AuditEvent.objects.get(actor=mash_worker, action="refused")
    assert (refusal.record_type, refusal.record_id) == ("allegation", str(allegation.pk))


@pytest.mark.parametrize(
    "persona",
    [
        "mash_worker",
        "mash_manager",
        "social_worker",
        "police_partner",
        "analyst",
        "early_help_manager",
    ],
)
def test_it_refuses_every_other_role_every_page(request, as_user, persona):
    user = request.getfixturevalue(persona)
    allegation = make_referral()
    meeting = final_meeting(allegation)
    client = as_user(user)
    for url in [
        "/allegations/",
        f"/allegations/{allegation.pk}/",
        "/allegations/referrals/new/",
        f"/allegations/meetings/{meeting.pk}/",
        "/allegations/report/",
        "/allegations/report.csv",
        "/allegations/people/",
        f"/allegations/{allegation.subject_id}/outcome/",
    ]:
        assert client.get(url).status_code == 403, url
    assert AuditEvent.objects.filter(actor=user, action="refused").count() == 8


def test_it_lets_the_designated_officer_and_admin_in_and_audits_each_view(
    as_user, designated_officer, admin_user
):
    child = make_child("Robin", "Pupil")
    allegation = make_referral()
    from frontdoor.allegations.services import allegation_child_add

    allegation_child_add(actor=designated_officer, allegation=allegation, person=child)
    for user in (designated_officer, admin_user):
        response = as_user(user).get(f"/allegations/{allegation.pk}/")
        assert response.status_code == 200
        view = AuditEvent.objects.get(actor=user, action="view", record_type="allegation")
        assert view.record_id == str(allegation.pk)
        assert view.person_id == child.pk  # shows on the child's "who viewed" page


def test_it_answers_404_for_a_missing_record_and_audits_the_refusal(as_user, designated_officer):
    assert as_user(designated_officer).get("/allegations/999/").status_code == 404
    assert AuditEvent.objects.filter(
        actor=designated_officer, action="refused", record_type="allegation", record_id="999"
    ).exists()


def test_the_nav_and_home_page_take_the_designated_officer_to_the_work_tray(
    as_user, designated_officer
):
    response = as_user(designated_officer).get("/", follow=True)
    assert response.redirect_chain[-1][0] == "/allegations/"
    assert "Allegations work tray" in response.content.decode()
