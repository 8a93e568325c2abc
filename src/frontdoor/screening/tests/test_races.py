"""No lost work: two sessions load the same form and both post; one saves, the other is told
who changed the record and keeps what they typed. Double submits make one record."""

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from frontdoor.accounts.roles import Role
from frontdoor.conftest import make_user
from frontdoor.screening import services
from frontdoor.screening.models import (
    Decision,
    InformationRequest,
    Oversight,
    RagRating,
    ReferrerUpdate,
)

from .helpers import DECISION, contact_for_one, start

pytestmark = pytest.mark.django_db


def recent():
    return timezone.now() - timedelta(minutes=30)


def decision_post(version, **overrides):
    data = {
        "level_of_need": "2",
        "outcome": "advice",
        "rationale": DECISION["rationale"],
        "risks_and_protective_factors": DECISION["risks_and_protective_factors"],
        "version": str(version),
    }
    return data | overrides


def _awaiting(worker):
    screening = start(worker, contact_for_one(recent(), "Race"))[0]
    return services.decision_record(actor=worker, screening=screening, outcome="advice", **DECISION)


def test_a_challenge_racing_an_authorisation_loses_with_a_clear_message(
    as_user, mash_worker, mash_manager
):
    second = make_user("second_manager", Role.MASH_MANAGER, "MASH")
    decision = _awaiting(mash_worker)
    url = f"/screening/{decision.screening_id}/review/"
    first, other = as_user(mash_manager), as_user(second)
    assert first.get(url).status_code == 200 and other.get(url).status_code == 200
    won = first.post(url, {"action": "authorise", "version": decision.version})
    lost = other.post(
        url, {"action": "return", "text": "Speak to the school first", "version": decision.version}
    )
    assert won.status_code == 302 and lost.status_code == 409
    body = lost.content.decode()
    assert "Mash Tester changed this record at " in body
    assert "Speak to the school first" in body  # what they typed is kept
    decision.refresh_from_db()
    assert decision.status == "authorised" and decision.authorised_by == mash_manager
    assert list(Oversight.objects.values_list("kind", flat=True)) == ["authorised"]


def test_an_authorisation_racing_a_challenge_does_not_override_it(
    as_user, mash_worker, mash_manager
):
    second = make_user("second_manager", Role.MASH_MANAGER, "MASH")
    decision = _awaiting(mash_worker)
    url = f"/screening/{decision.screening_id}/review/"
    challenged = as_user(second).post(
        url, {"action": "return", "text": "Check the school", "version": decision.version}
    )
    late = as_user(mash_manager).post(url, {"action": "authorise", "version": decision.version})
    assert challenged.status_code == 302 and late.status_code == 409
    assert "Second Tester changed this record at " in late.content.decode()
    decision.refresh_from_db()
    assert decision.status == "returned" and decision.authorised_by is None


def test_two_practitioners_deciding_at_once_get_one_decision_and_a_message(
    as_user, mash_worker, mash_worker2
):
    screening = start(mash_worker, contact_for_one(recent(), "Twice"))[0]
    url = f"/screening/{screening.pk}/decision/"
    first, second = as_user(mash_worker), as_user(mash_worker2)
    assert first.get(url).status_code == 200 and second.get(url).status_code == 200
    won = first.post(url, decision_post(screening.version))
    lost = second.post(url, decision_post(screening.version, rationale="My own rationale"))
    assert won.status_code == 302 and lost.status_code == 409
    assert "Mash Tester changed this record at " in lost.content.decode()
    assert "My own rationale" in lost.content.decode()
    assert Decision.objects.get().decided_by == mash_worker


def test_two_ratings_from_the_same_page_keep_the_first_and_tell_the_second(
    as_user, mash_worker, mash_worker2
):
    screening = start(mash_worker, contact_for_one(recent(), "Rag"))[0]
    url = f"/screening/{screening.pk}/rag/"
    won = as_user(mash_worker).post(url, {"rating": "red", "version": screening.version})
    lost = as_user(mash_worker2).post(
        url, {"rating": "amber", "rationale": "Less urgent", "version": screening.version}
    )
    assert won.status_code == 302 and lost.status_code == 409
    assert "Mash Tester changed this record at " in lost.content.decode()
    assert list(RagRating.objects.values_list("rating", flat=True)) == ["red"]


def test_consent_recorded_twice_from_the_same_page_keeps_the_first(
    as_user, mash_worker, mash_worker2
):
    screening = start(mash_worker, contact_for_one(recent(), "Consent"))[0]
    url = f"/screening/{screening.pk}/consent/"
    given = {"sought": "yes", "outcome": "given", "version": screening.version}
    refused = {"sought": "yes", "outcome": "refused", "reason": "significant_harm"}
    assert as_user(mash_worker).post(url, given).status_code == 302
    lost = as_user(mash_worker2).post(url, refused | {"version": screening.version})
    assert lost.status_code == 409
    screening.refresh_from_db()
    assert (screening.consent_outcome, screening.version) == ("given", 2)


def test_an_agency_answer_recorded_twice_keeps_the_first(as_user, mash_worker, mash_worker2):
    screening = start(mash_worker, contact_for_one(recent(), "Answer"))[0]
    services.rag_set(actor=mash_worker, screening=screening, rating="amber")
    info = services.information_request_send(
        actor=mash_worker, screening=screening, agencies=["police"], question="Known?"
    )[0]
    url = f"/screening/requests/{info.pk}/answer/"
    answer = {"answered_by": "PC Jones", "shared": "Nothing known", "version": info.version}
    assert as_user(mash_worker).post(url, answer).status_code == 302
    lost = as_user(mash_worker2).post(url, answer | {"shared": "Two call-outs last year"})
    assert lost.status_code == 409 and "Two call-outs last year" in lost.content.decode()
    assert InformationRequest.objects.get().shared == "Nothing known"


def test_two_acknowledgements_from_the_same_page_make_one(as_user, mash_worker, mash_worker2):
    contact = contact_for_one(recent(), "Ack")
    url = f"/screening/contact/{contact.pk}/referrer/"
    ack = {"kind": "acknowledgement", "method": "phone", "version": contact.version}
    assert as_user(mash_worker).post(url, ack).status_code == 302
    lost = as_user(mash_worker2).post(url, ack | {"note": "Rang the school"})
    assert lost.status_code == 409 and "Mash Tester changed this record at " in (
        lost.content.decode()
    )
    assert ReferrerUpdate.objects.count() == 1


def test_a_request_form_sent_twice_sends_one_set_of_requests(as_user, mash_worker):
    screening = start(mash_worker, contact_for_one(recent(), "Double"))[0]
    services.rag_set(actor=mash_worker, screening=screening, rating="green")
    client = as_user(mash_worker)
    data = {"agencies": ["police", "health"], "question": "Known?", "form_token": "tok-req-1"}
    first = client.post(f"/screening/{screening.pk}/requests/new/", data)
    second = client.post(f"/screening/{screening.pk}/requests/new/", data)
    assert first.status_code == 302 and second.status_code == 302
    assert second.url == first.url
    assert InformationRequest.objects.count() == 2


def test_the_database_refuses_a_second_decision_for_a_screening(mash_worker):
    decision = _awaiting(mash_worker)
    with pytest.raises(IntegrityError), transaction.atomic():
        Decision.objects.create(
            screening=decision.screening,
            level_of_need=2,
            outcome="advice",
            rationale="Again",
            risks_and_protective_factors="Again",
            decided_at=timezone.now(),
            decided_by=mash_worker,
        )


def test_the_database_refuses_an_authorised_decision_authorised_by_its_maker(mash_worker):
    decision = _awaiting(mash_worker)
    with pytest.raises(IntegrityError), transaction.atomic():
        Decision.objects.filter(pk=decision.pk).update(
            status="authorised", authorised_by=mash_worker, authorised_at=timezone.now()
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        Decision.objects.filter(pk=decision.pk).update(status="authorised")
    assert Decision.objects.get().status == "awaiting"
