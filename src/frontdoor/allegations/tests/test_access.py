"""Only designated officers open allegation records: not the system administrator, who manages
accounts, not cases; sealed children linked to an allegation are masked on its page."""

import pytest
from django.http import Http404
from django.utils import timezone

from frontdoor.allegations.access import access_allegation
from frontdoor.allegations.models import Allegation
from frontdoor.allegations.services import allegation_child_add
from frontdoor.audit.models import AuditEvent
from frontdoor.people.models import PersonAccess
from frontdoor.people.services import person_seal
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
        "admin_user",
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


def test_it_lets_the_designated_officer_in_and_audits_each_view(as_user, designated_officer):
    child = make_child("Robin", "Pupil")
    allegation = make_referral()
    allegation_child_add(actor=designated_officer, allegation=allegation, person=child)
    response = as_user(designated_officer).get(f"/allegations/{allegation.pk}/")
    assert response.status_code == 200
    assert "Robin Pupil" in response.content.decode()
    view = AuditEvent.objects.get(actor=designated_officer, action="view", record_type="allegation")
    assert view.record_id == str(allegation.pk)
    assert view.person_id == child.pk  # shows on the child's "who viewed" page


def test_the_administrator_is_refused_every_allegation_page_and_record(as_user, admin_user):
    allegation = make_referral()
    meeting = final_meeting(allegation)
    client = as_user(admin_user)
    assert client.get(f"/allegations/{allegation.pk}/").status_code == 403
    assert client.post("/allegations/referrals/new/", {"summary": "x"}).status_code == 403
    assert client.get(f"/allegations/meetings/{meeting.pk}/").status_code == 403
    assert Allegation.objects.count() == 1
    with pytest.raises(Http404):
        access_allegation(admin_user, allegation.pk)
    refusals = AuditEvent.objects.filter(actor=admin_user, action="refused")
    assert sorted(refusals.values_list("record_type", flat=True)) == [
        "allegation",
        "page",
        "page",
        "page",
    ]
    assert not admin_user.can("allegations_support")
    assert 'href="/allegations/"' not in client.get("/", follow=True).content.decode()


def test_a_sealed_child_is_masked_for_an_officer_not_on_the_access_list(
    as_user, designated_officer
):
    sealed = make_child("Secret", "Pupil")
    shown = make_child("Robin", "Pupil")
    allegation = make_referral()
    for child in (sealed, shown):
        allegation_child_add(actor=None, allegation=allegation, person=child)
    person_seal(actor=None, person=sealed, reason="Adoption placement")
    page = as_user(designated_officer).get(f"/allegations/{allegation.pk}/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "Secret" not in html and "27 March 2015" in html  # only the visible child's birth date
    assert html.count("Restricted record") == 1 and "Robin Pupil" in html
    views = AuditEvent.objects.filter(actor=designated_officer, action="view")
    assert list(views.values_list("person_id", flat=True)) == [shown.pk]


def test_an_officer_on_the_access_list_sees_the_sealed_child(as_user, designated_officer):
    sealed = make_child("Secret", "Pupil")
    allegation = make_referral()
    allegation_child_add(actor=None, allegation=allegation, person=sealed)
    person_seal(actor=None, person=sealed, reason="Adoption placement")
    PersonAccess.objects.create(person=sealed, user=designated_officer, granted_at=timezone.now())
    html = as_user(designated_officer).get(f"/allegations/{allegation.pk}/").content.decode()
    assert "Secret Pupil" in html and "Restricted record" not in html


def test_it_answers_404_for_a_missing_record_and_audits_the_refusal(as_user, designated_officer):
    assert as_user(designated_officer).get("/allegations/999/").status_code == 404
    assert AuditEvent.objects.filter(
        actor=designated_officer, action="refused", record_type="allegation", record_id="999"
    ).exists()


def test_the_nav_and_home_page_take_the_designated_officer_to_the_work_tray(
    as_user, designated_officer
):
    client = as_user(designated_officer)
    home = client.get("/")  # the home page ("Today"), no longer a redirect to the area
    assert home.status_code == 200
    body = home.content.decode()
    assert '<a class="govuk-service-navigation__link" href="/allegations/">Allegations</a>' in body
    assert 'href="/allegations/">The designated officer’s work tray</a>' in body
    response = client.get("/allegations/")
    assert "Allegations work tray" in response.content.decode()
