"""Lead practitioners (Working Together 2023, Families First): the lead child protection
practitioner is a qualified social worker; the Family Help lead may be from a partner agency;
one current of each kind (database), ending, versions, one-time tokens, audit, the person page."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from frontdoor.administration.tests.test_users import edit
from frontdoor.audit.models import AuditEvent
from frontdoor.cases.models import LeadKind, LeadPractitioner
from frontdoor.cases.services import lead_practitioner_end, lead_practitioner_record
from frontdoor.core.concurrency import StaleRecord
from frontdoor.people.services import person_seal
from frontdoor.people.tests.factories import make_child, make_siblings

pytestmark = pytest.mark.django_db


@pytest.fixture
def qualified(social_worker):
    social_worker.qualified_social_worker = True
    social_worker.swe_registration = "SW123456"
    social_worker.save(update_fields=["qualified_social_worker", "swe_registration"])
    return social_worker


def test_the_lead_child_protection_practitioner_must_be_a_qualified_social_worker(
    mash_manager, social_worker
):
    child = make_child("Lead", "Child")
    with pytest.raises(ValidationError) as refused:
        lead_practitioner_record(
            actor=mash_manager,
            person=child,
            kind=LeadKind.CHILD_PROTECTION,
            user=social_worker,
            start_date=date(2026, 11, 2),
        )
    assert refused.value.message_dict == {
        "user": [
            f"{social_worker.display_name} is not recorded as a qualified social worker: the "
            "lead child protection practitioner must be one"
        ]
    }
    with pytest.raises(ValidationError):
        lead_practitioner_record(
            actor=mash_manager,
            person=child,
            kind=LeadKind.CHILD_PROTECTION,
            name="Someone from the school",
            start_date=date(2026, 11, 2),
        )


def test_a_new_lead_ends_the_current_one_and_both_are_audited(mash_manager, qualified):
    child = make_child("Lead", "Child")
    first = lead_practitioner_record(
        actor=mash_manager,
        person=child,
        kind=LeadKind.FAMILY_HELP,
        name="Ada Hart",
        agency="Demoton Primary School",
        start_date=date(2026, 10, 1),
    )
    second = lead_practitioner_record(
        actor=mash_manager,
        person=child,
        kind=LeadKind.FAMILY_HELP,
        user=qualified,
        start_date=date(2026, 11, 2),
    )
    first.refresh_from_db()
    assert first.end_date == date(2026, 11, 2) and second.end_date is None
    assert first.shown == "Ada Hart (Demoton Primary School)"
    assert (
        AuditEvent.objects.filter(
            action="create", record_type="lead_practitioner", person_id=child.pk
        ).count()
        == 2
    )
    assert child.chronology.filter(kind="lead_practitioner").count() == 2


def test_the_person_page_shows_the_panel_and_the_form_records_one_once(
    as_user, mash_manager, qualified
):
    _, amy, ben = make_siblings("Panel")
    person_seal(actor=None, person=ben, reason="Adoption", access=[])
    client = as_user(mash_manager)
    data = {
        "kind": "child_protection",
        "user": str(qualified.pk),
        "start_date_day": "2",
        "start_date_month": "11",
        "start_date_year": "2026",
        "form_token": "lead-once",
    }
    url = f"/cases/people/{amy.pk}/lead-practitioners/new/"
    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 302
    assert LeadPractitioner.objects.filter(person=amy).count() == 1
    page = client.get(f"/people/{amy.pk}/").content.decode()
    assert "Lead practitioners" in page and "Lead child protection practitioner" in page
    assert qualified.display_name in page and "Ben Panel" not in page


def test_the_form_shows_every_problem_at_once(as_user, mash_manager):
    child = make_child("Empty", "Form")
    response = as_user(mash_manager).post(f"/cases/people/{child.pk}/lead-practitioners/new/", {})
    text = response.content.decode()
    assert response.status_code == 400
    assert "Choose which lead practitioner you are recording" in text
    assert "Enter the date the lead practitioner started" in text


def test_ending_a_lead_is_versioned_and_refused_for_a_sealed_child(
    as_user, mash_manager, qualified, outsider
):
    child = make_child("End", "Lead")
    lead = lead_practitioner_record(
        actor=mash_manager,
        person=child,
        kind=LeadKind.CHILD_PROTECTION,
        user=qualified,
        start_date=date(2026, 10, 1),
    )
    opened = lead.version
    lead_practitioner_end(actor=mash_manager, lead=lead, end_date=date(2026, 11, 1), version=opened)
    with pytest.raises(StaleRecord), transaction.atomic():
        lead_practitioner_end(
            actor=mash_manager, lead=lead, end_date=date(2026, 11, 2), version=opened
        )
    stale = as_user(mash_manager).post(
        f"/cases/lead-practitioners/{lead.pk}/end/",
        {"version": opened, "end_date_day": "3", "end_date_month": "11", "end_date_year": "2026"},
    )
    assert stale.status_code == 409
    lead.refresh_from_db()
    assert lead.end_date == date(2026, 11, 1)
    person_seal(actor=None, person=child, reason="Adoption", access=[qualified])
    assert as_user(mash_manager).get(f"/cases/lead-practitioners/{lead.pk}/end/").status_code == 404


def test_the_database_refuses_two_current_leads_of_a_kind_and_a_lead_with_no_one(
    mash_manager, qualified
):
    child = make_child("Db", "Lead")
    row = dict(person=child, kind=LeadKind.FAMILY_HELP, recorded_at=timezone.now())
    LeadPractitioner.objects.create(**row, name="A", start_date=date(2026, 10, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        LeadPractitioner.objects.create(**row, name="B", start_date=date(2026, 10, 2))
    with pytest.raises(IntegrityError), transaction.atomic():
        LeadPractitioner.objects.create(
            **{**row, "kind": LeadKind.CHILD_PROTECTION}, start_date=date(2026, 10, 2)
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        LeadPractitioner.objects.create(
            **{**row, "kind": LeadKind.CHILD_PROTECTION},
            user=qualified,
            start_date=date(2026, 10, 2),
            end_date=date(2026, 10, 1),
        )


def test_an_administrator_records_a_qualified_social_worker(as_user, admin_user, social_worker):
    url = f"/administration/users/{social_worker.pk}/edit/"
    missing = as_user(admin_user).post(url, edit(social_worker, 1, qualified_social_worker="on"))
    assert "Enter the Social Work England registration number" in missing.content.decode()
    response = as_user(admin_user).post(
        url, edit(social_worker, 1, qualified_social_worker="on", swe_registration="SW654321")
    )
    assert response.status_code == 302
    social_worker.refresh_from_db()
    assert social_worker.qualified_social_worker and social_worker.swe_registration == "SW654321"
    event = AuditEvent.objects.get(action="update", record_type="user")
    assert set(event.detail["changed"]) >= {"qualified_social_worker", "swe_registration"}
