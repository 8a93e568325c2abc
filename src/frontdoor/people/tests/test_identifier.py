"""The NHS number as the child's consistent identifier: its status, how it was verified, the reason
when it is missing (a fixed list), the mod-11 check digit, the tray of children with open work and
no NHS number, and the line every outbound notice and export prints."""

from datetime import date

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from frontdoor.audit.models import AuditEvent
from frontdoor.core.concurrency import StaleRecord
from frontdoor.people.identifiers import NhsMissingReason, NhsStatus
from frontdoor.people.models import ChronologyEntry, Person
from frontdoor.people.selectors import children_without_nhs_number, identifier_line
from frontdoor.people.services import person_seal, person_update
from frontdoor.people.services.identifier import person_identifier_record
from frontdoor.sharing.templatetags.sharing import nhs_number_line

from .factories import make_adult, make_child, make_contact, make_siblings

pytestmark = pytest.mark.django_db

VALID = "9434765919"


def test_a_child_added_without_a_number_records_why():
    child = make_child("Amy", "Cole")
    assert (child.nhs_status, child.nhs_missing_reason) == ("not_known", "not_checked")
    assert identifier_line(child) == (
        "NHS number not known: Not yet checked with health: the child was added without one"
    )


def test_a_number_given_is_recorded_but_not_verified_until_checked():
    child = make_child("Amy", "Cole", nhs_number="943 476 5919")
    assert (child.nhs_number, child.nhs_status, child.nhs_missing_reason) == (
        VALID,
        "unverified",
        "",
    )
    assert identifier_line(child) == "NHS number 943 476 5919"
    person_update(actor=None, person=child, nhs_number="")
    child.refresh_from_db()
    assert (child.nhs_status, child.nhs_missing_reason) == ("not_known", "not_checked")


def test_an_unborn_child_has_none_yet_and_an_adult_needs_no_reason():
    unborn = Person.objects.get(
        pk=make_child(
            "Baby", "Cole", None, kind="unborn", expected_date_of_birth=timezone.localdate()
        ).pk
    )
    assert (unborn.nhs_status, unborn.nhs_missing_reason) == ("not_applicable", "unborn")
    assert make_adult("Mary", "Cole").nhs_missing_reason == ""


@pytest.mark.parametrize(
    "fields, constraint",
    [
        ({"nhs_status": "verified", "nhs_number": VALID}, "person_nhs_verified_has_number_and_how"),
        ({"nhs_status": "unverified", "nhs_number": ""}, "person_nhs_status_recorded_has_number"),
        ({"nhs_missing_reason": ""}, "person_child_without_nhs_number_has_reason"),
    ],
)
def test_the_database_refuses_an_inconsistent_identifier(fields, constraint):
    child = make_child("Amy", "Cole")
    with pytest.raises(IntegrityError, match=constraint), transaction.atomic():
        Person.objects.filter(pk=child.pk).update(**fields)


def test_recording_a_verified_number_is_audited_and_on_the_chronology(mash_worker):
    child = make_child("Amy", "Cole")
    person_identifier_record(
        actor=mash_worker,
        person=child,
        version=child.version,
        nhs_number="943 476 5919",
        status="verified",
        verified_how="pds",
    )
    child.refresh_from_db()
    assert (child.nhs_number, child.nhs_status, child.nhs_verified_how) == (
        VALID,
        "verified",
        "pds",
    )
    assert child.nhs_missing_reason == ""
    event = AuditEvent.objects.get(record_type="person_identifier", record_id=str(child.pk))
    assert event.actor == mash_worker and event.action == "update"
    assert event.detail["changed"]["nhs_status"] == ["not_known", "verified"]
    entry = ChronologyEntry.objects.get(person=child, kind="nhs_number")
    assert entry.summary == (
        "Consistent identifier recorded: NHS number 943 476 5919 (verified: Traced on the NHS "
        "Personal Demographics Service (PDS))"
    )


def test_every_problem_is_given_at_once(mash_worker):
    child = make_child("Amy", "Cole")
    with pytest.raises(Exception) as refused:
        person_identifier_record(
            actor=mash_worker,
            person=child,
            version=child.version,
            nhs_number=VALID,
            status="not_known",
            missing_reason="",
        )
    assert refused.value.message_dict == {
        "nhs_number": [
            "Remove the NHS number, or select 'Verified' or 'Recorded but not verified'"
        ],
        "nhs_missing_reason": ["Select why the child's NHS number is not known"],
    }


def test_the_check_digit_is_checked(mash_worker):
    child = make_child("Amy", "Cole")
    with pytest.raises(Exception) as refused:
        person_identifier_record(
            actor=mash_worker,
            person=child,
            version=child.version,
            nhs_number="943 476 5918",
            status="verified",
            verified_how="",
        )
    assert refused.value.message_dict == {
        "nhs_verified_how": ["Select how the NHS number was verified"],
        "nhs_number": [
            "NHS number is not valid: the last digit does not match. Check it was typed correctly"
        ],
    }


def test_a_stale_page_is_refused(mash_worker):
    child = make_child("Amy", "Cole")
    version = child.version
    person_update(actor=mash_worker, person=child, school="Demoton Primary")
    with pytest.raises(StaleRecord):
        person_identifier_record(
            actor=mash_worker,
            person=child,
            version=version,
            nhs_number="",
            status="not_known",
            missing_reason="delay",
        )


def test_the_page_records_the_reason_and_the_person_page_shows_it(as_user, mash_worker):
    child = make_child("Amy", "Cole")
    client = as_user(mash_worker)
    page = client.get(f"/people/{child.pk}/nhs-number/")
    assert page.status_code == 200 and "Why is the child" in page.content.decode()
    response = client.post(
        f"/people/{child.pk}/nhs-number/",
        {
            "version": child.version,
            "nhs_number": "",
            "nhs_status": "not_known",
            "nhs_missing_reason": "delay",
        },
    )
    assert response.status_code == 302
    child.refresh_from_db()
    assert child.nhs_missing_reason == NhsMissingReason.DELAY
    body = client.get(f"/people/{child.pk}/").content.decode()
    assert (
        "Not known: Finding it now would cause unreasonable delay to protecting the child" in body
    )


def test_the_page_shows_errors_next_to_the_fields(as_user, mash_worker):
    child = make_child("Amy", "Cole")
    response = as_user(mash_worker).post(
        f"/people/{child.pk}/nhs-number/",
        {"version": child.version, "nhs_number": "", "nhs_status": "verified"},
    )
    body = response.content.decode()
    assert response.status_code == 200 and "govuk-error-summary" in body
    assert "Enter the NHS number, or select" in body
    assert "Select how the NHS number was verified" in body


def test_a_stale_post_is_shown_again_with_409(as_user, mash_worker):
    child = make_child("Amy", "Cole")
    version = child.version
    person_update(actor=mash_worker, person=child, school="Demoton Primary")
    response = as_user(mash_worker).post(
        f"/people/{child.pk}/nhs-number/",
        {"version": version, "nhs_number": VALID, "nhs_status": "unverified"},
    )
    assert response.status_code == 409 and VALID in response.content.decode()


def test_the_tray_lists_children_with_open_work_and_no_number(as_user, mash_manager):
    waiting = make_child("Amy", "Cole", date(2015, 1, 2))
    traced = make_child("Ben", "Cole", date(2016, 1, 2), nhs_number=VALID)
    no_work = make_child("Cal", "Cole", date(2017, 1, 2))
    make_contact([waiting, traced])
    rows, total = children_without_nhs_number(user=mash_manager)
    assert [(r.person, r.open_work) for r in rows] == [(waiting, ["contact awaiting decision"])]
    assert total == 1 and no_work not in [r.person for r in rows]
    body = as_user(mash_manager).get("/people/no-nhs-number/").content.decode()
    assert "Amy Cole" in body and "Contact awaiting decision" in body
    assert "Not yet checked with health" in body and "Ben Cole" not in body
    listed = AuditEvent.objects.get(record_type="children_without_nhs_number")
    assert listed.detail == {"person_ids": [waiting.pk]}


def test_the_tray_leaves_out_a_sealed_sibling(as_user, mash_worker):
    mother, older, younger = make_siblings("Stewart")
    make_contact([older, younger])
    person_seal(actor=None, person=younger, reason="Adoption placement")
    body = as_user(mash_worker).get("/people/no-nhs-number/").content.decode()
    assert "Amy Stewart" in body
    assert "Ben Stewart" not in body and "12 September 2018" not in body


def test_outbound_notices_carry_the_identifier_or_the_reason():
    child = make_child("Amy", "Cole")
    Person.objects.filter(pk=child.pk).update(nhs_missing_reason=NhsMissingReason.TRACE_NO_MATCH)
    child.refresh_from_db()
    assert nhs_number_line(child) == (
        "NHS number not known: Traced on the NHS Personal Demographics Service: no match found"
    )
    assert nhs_number_line(make_child("Ben", "Cole", nhs_number=VALID)) == "NHS number 943 476 5919"
    assert NhsStatus.VERIFIED.label == "Verified"
