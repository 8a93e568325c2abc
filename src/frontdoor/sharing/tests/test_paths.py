"""Every sharing path writes exactly one sharing record per child and event, with the right
recipient and the child's NHS number at the time (Working Together 2023; Children Act 2004 s16LC)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from frontdoor.accounts.models import User
from frontdoor.audit.models import AuditEvent
from frontdoor.people.tests.factories import make_child, make_contact
from frontdoor.police.encompass import encompass_notice_record, encompass_school_nurse_add
from frontdoor.police.marac import marac_referral_record
from frontdoor.screening import services as screening
from frontdoor.screening.tests.helpers import start
from frontdoor.sharing.models import SharingRecord

from .factories import notification, police_child, school_notice

pytestmark = pytest.mark.django_db
NHS = "9434765919"


def recent():  # type: ignore[no-untyped-def]
    return timezone.now() - timedelta(minutes=30)


def _rated_screening(actor: User, nhs_number: str = NHS):  # type: ignore[no-untyped-def]
    child = make_child("Leo", "Stewart", nhs_number=nhs_number)
    contact = make_contact([child], received_at=recent(), now=recent())
    found = start(actor, contact)[0]
    screening.rag_set(actor=actor, screening=found, rating="amber")
    found.refresh_from_db()
    return found


def test_an_information_request_writes_one_record_per_agency_asked(mash_worker: User) -> None:
    found = _rated_screening(mash_worker)
    requests = screening.information_request_send(
        actor=mash_worker,
        screening=found,
        agencies=["health", "police"],
        question="Is the family known to you?",
    )
    rows = SharingRecord.objects.order_by("recipient_agency")
    assert list(
        rows.values_list(
            "person", "contact", "recipient_agency", "direction", "nhs_number", "purpose"
        )
    ) == [
        (found.person_id, found.contact_id, "Health", "sent", NHS, "mash_checks"),
        (found.person_id, found.contact_id, "Police", "sent", NHS, "mash_checks"),
    ]
    assert [r.information_request for r in rows] == requests
    assert rows[0].recipient == "Health MASH representative"
    assert (
        AuditEvent.objects.filter(
            record_type="sharing_record", action="share", person_id=found.person_id
        ).count()
        == 2
    )


def test_an_agency_answer_writes_one_record_of_what_was_shared_with_us(mash_worker: User) -> None:
    found = _rated_screening(mash_worker, nhs_number="")
    request = screening.information_request_send(
        actor=mash_worker, screening=found, agencies=["health"], question="Known to you?"
    )[0]
    screening.information_request_answer(
        actor=mash_worker, request=request, answered_by="Nurse Jo Hall", shared="Known to the GP"
    )
    answer = SharingRecord.objects.get(direction="received")
    assert (answer.recipient, answer.recipient_agency) == (
        "Mash Tester",
        "Demoshire County Council children's social care (MASH)",
    )
    assert answer.what == (
        f"Health's answer to information request {request.pk}, given by Nurse Jo Hall"
    )
    assert (answer.nhs_number, answer.nhs_number_absent) == ("", "not_known")
    assert (answer.information_request, answer.at) == (request, request.received_at)
    assert SharingRecord.objects.count() == 2  # the request and its answer


def test_an_acknowledgement_writes_one_record_per_child_on_the_contact(
    as_user, mash_worker: User
) -> None:  # type: ignore[no-untyped-def]
    amy = make_child("Amy", "Sibling", nhs_number=NHS)
    ben = make_child("Ben", "Sibling")
    contact = make_contact([amy, ben], received_at=recent(), now=recent())
    response = as_user(mash_worker).post(
        f"/screening/contact/{contact.pk}/referrer/",
        {"kind": "acknowledgement", "method": "email"},
    )
    assert response.status_code == 302
    rows = SharingRecord.objects.order_by("person__first_name")
    assert list(
        rows.values_list("person", "recipient", "recipient_agency", "channel", "nhs_number")
    ) == [
        (amy.pk, "A Teacher", "Test School", "secure_email", NHS),
        (ben.pk, "A Teacher", "Test School", "secure_email", ""),
    ]
    assert rows[1].nhs_number_absent == "not_known"
    assert rows[0].what == f"That contact {contact.pk} was received and is being screened"
    assert {r.referrer_update_id for r in rows} == {contact.referrer_updates.get().pk}


def test_outcome_feedback_writes_one_record_with_the_outcome(
    as_user, mash_worker: User, mash_manager: User
) -> None:  # type: ignore[no-untyped-def]
    found = _rated_screening(mash_worker)
    worker = as_user(mash_worker)
    worker.post(
        f"/screening/{found.pk}/decision/",
        {
            "level_of_need": "1",
            "outcome": "nfa",
            "primary_need": "N1",
            "rationale": "No concerns once checks were made.",
            "risks_and_protective_factors": "Protective: engaged parents.",
        },
    )
    as_user(mash_manager).post(f"/screening/{found.pk}/review/", {"action": "authorise"})
    response = worker.post(
        f"/screening/contact/{found.contact_id}/referrer/", {"kind": "feedback", "method": "letter"}
    )
    assert response.status_code == 302
    record = SharingRecord.objects.get()
    found.contact.refresh_from_db()
    assert (
        record.what == f"The outcome of contact {found.contact_id}: {found.contact.outcome_summary}"
    )
    assert (record.person, record.channel, record.purpose, record.nhs_number) == (
        found.person,
        "letter",
        "referrer_feedback",
        NHS,
    )


def test_an_encompass_notice_writes_one_record_for_the_school(mash_worker: User) -> None:
    child = make_child("Amy", "Featherstone", nhs_number=NHS)
    notice = school_notice(police_child(notification(recent()), child))
    told_at = timezone.now() - timedelta(minutes=5)
    encompass_notice_record(
        actor=mash_worker,
        notice=notice,
        told_name="Mrs Dale",
        method="phone",
        notified_at=told_at,
    )
    record = SharingRecord.objects.get()
    assert (record.person, record.recipient, record.recipient_agency, record.channel) == (
        child,
        "Mrs Dale",
        "Oakfield Primary",
        "phone",
    )
    assert (record.nhs_number, record.encompass_notice, record.at, record.purpose) == (
        NHS,
        notice,
        told_at,
        "encompass",
    )


def test_a_school_nurse_notice_writes_its_own_record(mash_worker: User) -> None:
    child = make_child("Amy", "Featherstone", nhs_number=NHS)
    linked = police_child(notification(recent()), child)
    nurse = encompass_school_nurse_add(
        actor=mash_worker, child=linked, organisation="Demoshire School Nursing"
    )
    assert SharingRecord.objects.count() == 0  # adding the notice tells nobody yet
    encompass_notice_record(
        actor=mash_worker,
        notice=nurse,
        told_name="Nurse Ola",
        method="secure_email",
        notified_at=timezone.now(),
    )
    record = SharingRecord.objects.get()
    assert (record.recipient, record.recipient_agency, record.nhs_number) == (
        "Nurse Ola",
        "Demoshire School Nursing",
        NHS,
    )


def test_an_encompass_notice_for_an_unmatched_child_shows_on_their_page_once_matched(
    as_user, mash_worker: User
) -> None:  # type: ignore[no-untyped-def]
    unmatched = police_child(notification(recent()), None, first="Zed")
    notice = school_notice(unmatched)
    encompass_notice_record(
        actor=mash_worker,
        notice=notice,
        told_name="Mr Aziz",
        method="in_person",
        notified_at=timezone.now(),
    )
    record = SharingRecord.objects.get()
    assert (record.person, record.nhs_number, record.nhs_number_absent) == (None, "", "not_known")
    person = make_child("Zed", "Unmatched")
    unmatched.person = person
    unmatched.save(update_fields=["person"])
    page = as_user(mash_worker).get(f"/sharing/people/{person.pk}/")
    assert page.status_code == 200
    assert "Mr Aziz" in page.content.decode()


def test_a_marac_referral_writes_one_record_per_matched_child(mash_worker: User) -> None:
    parent = notification(recent(), marac_reason="DASH high risk")
    amy = make_child("Amy", "Featherstone", nhs_number=NHS)
    ben = make_child("Ben", "Featherstone")
    police_child(parent, amy, row=1)
    police_child(parent, ben, row=2)
    police_child(parent, None, first="Cal", row=3)
    referred = timezone.now() - timedelta(minutes=1)
    marac_referral_record(actor=mash_worker, notification=parent, referred_at=referred)
    rows = SharingRecord.objects.order_by("person__first_name")
    assert list(
        rows.values_list("person", "recipient", "marac_notification", "nhs_number", "at")
    ) == [
        (amy.pk, "MARAC coordinator", parent.pk, NHS, referred),
        (ben.pk, "MARAC coordinator", parent.pk, "", referred),
    ]
    assert {r.purpose for r in rows} == {"marac"}
