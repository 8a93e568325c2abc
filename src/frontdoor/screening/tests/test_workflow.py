"""The screening journey through the pages, and the rules that refuse with nothing saved."""

from datetime import timedelta

import pytest
from django.utils import timezone

from frontdoor.audit.models import AuditEvent
from frontdoor.cases.models import Referral
from frontdoor.people.models import ChronologyEntry
from frontdoor.screening.models import Decision, InformationRequest, Oversight, RagRating, Screening

from .helpers import (
    DECISION,
    assessment_team,
    contact_for_one,
    contact_for_siblings,
    ready_to_share,
    start,
)

pytestmark = pytest.mark.django_db


def recent():
    return timezone.now() - timedelta(minutes=30)


def decision_post(**overrides):
    data = {
        "level_of_need": "4",
        "outcome": "strategy",
        "primary_need": "N1",
        "rationale": DECISION["rationale"],
        "risks_and_protective_factors": DECISION["risks_and_protective_factors"],
    }
    data.update(overrides)
    return data


def test_it_starts_screenings_for_every_child_on_a_contact_from_the_contact_page(
    as_user, mash_worker
):
    contact = contact_for_siblings(recent(), "Start")
    client = as_user(mash_worker)
    page = client.get(f"/contacts/{contact.pk}/").content.decode()
    assert "Start screening" in page
    response = client.post(f"/screening/contact/{contact.pk}/start/")
    screenings = list(Screening.objects.filter(contact=contact).order_by("pk"))
    assert len(screenings) == 2 and all(s.owner == mash_worker for s in screenings)
    assert response.url == f"/screening/{screenings[0].pk}/"
    assert ChronologyEntry.objects.filter(kind="screening").count() == 2
    body = client.get(response.url).content.decode()
    assert "Screening for Amy Start" in body and "History at a glance" in body
    assert AuditEvent.objects.filter(
        actor=mash_worker, action="view", record_type="screening", person_id=screenings[0].person_id
    ).exists()


def test_the_whole_journey_to_an_authorised_strategy_discussion(as_user, mash_worker, mash_manager):
    team = assessment_team()
    contact = contact_for_one(recent(), "Journey", source="2A")
    screening = start(mash_worker, contact)[0]
    worker, manager = as_user(mash_worker), as_user(mash_manager)
    url = f"/screening/{screening.pk}/"
    assert worker.post(url + "rag/", {"rating": "red"}).status_code == 302
    assert (
        worker.post(
            url + "requests/new/",
            {"agencies": ["police", "health"], "question": "What do you hold?"},
        ).status_code
        == 302
    )
    police = InformationRequest.objects.get(agency="police")
    assert (
        worker.post(
            f"/screening/requests/{police.pk}/answer/",
            {"answered_by": "DC Smith", "shared": "Two domestic callouts."},
        ).status_code
        == 302
    )
    assert (
        worker.post(
            url + "consent/",
            {"sought": "no", "outcome": "not_sought", "reason": "significant_harm"},
        ).status_code
        == 302
    )
    assert worker.post(url + "decision/", decision_post()).status_code == 302
    tray = manager.get("/screening/?tray=authorise").content.decode()
    assert "Strategy discussion" in tray and "Journey Child" in tray
    refused = manager.post(url + "review/", {"action": "authorise", "text": "Agreed."})
    assert "Authorise sharing information without consent first" in refused.content.decode()
    assert Decision.objects.get().status == "awaiting" and not Referral.objects.exists()
    assert worker.post(url + "consent/authorise/").status_code == 403  # a practitioner cannot
    assert manager.post(url + "consent/authorise/?next=review").url == url + "review/"
    assert (
        manager.post(url + "review/", {"action": "authorise", "text": "Agreed."}).status_code == 302
    )
    decision = Decision.objects.get()
    assert decision.status == "authorised" and decision.authorised_by == mash_manager
    referral = Referral.objects.get()
    assert (referral.referral_date, referral.source, referral.primary_need, referral.team) == (
        timezone.localtime(contact.received_at).date(),
        "2A",
        "N1",
        team,
    )
    assert decision.referral == referral
    assert "Re-referral" not in worker.get(url).content.decode()  # its own referral does not count
    contact.refresh_from_db()
    assert (
        contact.status == "decided"
        and contact.outcome_summary == "Referred for a child protection response"
    )
    kinds = set(
        ChronologyEntry.objects.filter(person=screening.person).values_list("kind", flat=True)
    )
    assert {
        "screening",
        "rag",
        "information_request",
        "information_received",
        "consent",
        "consent_authorised",
        "decision",
        "decision_authorised",
        "referral",
    } <= kinds


def test_a_decision_without_rationale_is_refused_and_nothing_saved(as_user, mash_worker):
    screening = start(mash_worker, contact_for_one(recent()))[0]
    before = ChronologyEntry.objects.count()
    response = as_user(mash_worker).post(
        f"/screening/{screening.pk}/decision/",
        decision_post(outcome="nfa", rationale="", risks_and_protective_factors=""),
    )
    body = response.content.decode()
    assert "Enter the rationale for the decision" in body
    assert "Enter the analysis of risks and protective factors" in body
    assert not Decision.objects.exists() and ChronologyEntry.objects.count() == before
    screening.refresh_from_db()
    assert screening.status == "open"


def test_a_referral_needs_a_primary_need(as_user, mash_worker):
    screening = start(mash_worker, contact_for_one(recent()))[0]
    response = as_user(mash_worker).post(
        f"/screening/{screening.pk}/decision/", decision_post(outcome="assessment", primary_need="")
    )
    assert "Select the primary need: it is required for a referral" in response.content.decode()
    assert not Decision.objects.exists()


def test_a_rag_change_without_rationale_is_refused_and_nothing_saved(as_user, mash_worker):
    screening = start(mash_worker, contact_for_one(recent()))[0]
    client = as_user(mash_worker)
    client.post(f"/screening/{screening.pk}/rag/", {"rating": "green"})
    response = client.post(f"/screening/{screening.pk}/rag/", {"rating": "red", "rationale": ""})
    assert (
        "Enter why the rating is changing: a change of RAG needs a rationale"
        in response.content.decode()
    )
    screening.refresh_from_db()
    assert screening.rag == "green" and RagRating.objects.count() == 1
    client.post(
        f"/screening/{screening.pk}/rag/", {"rating": "red", "rationale": "Police report a weapon."}
    )
    assert list(RagRating.objects.values_list("rating", flat=True)) == ["red", "green"]


def test_a_dispensation_without_reason_is_refused_and_nothing_saved(as_user, mash_worker):
    screening = start(mash_worker, contact_for_one(recent()))[0]
    response = as_user(mash_worker).post(
        f"/screening/{screening.pk}/consent/", {"sought": "yes", "outcome": "refused"}
    )
    assert "Select the reason for sharing information without consent" in response.content.decode()
    screening.refresh_from_db()
    assert (
        screening.consent_outcome == ""
        and not ChronologyEntry.objects.filter(kind="consent").exists()
    )
    response = as_user(mash_worker).post(
        f"/screening/{screening.pk}/consent/",
        {"sought": "yes", "outcome": "refused", "reason": "other"},
    )
    assert "Explain the other reason" in response.content.decode()


def test_sharing_after_partner_requests_needs_consent_recorded(as_user, mash_worker):
    screening = start(mash_worker, contact_for_one(recent()))[0]
    client = as_user(mash_worker)
    client.post(f"/screening/{screening.pk}/rag/", {"rating": "amber"})
    client.post(
        f"/screening/{screening.pk}/requests/new/",
        {"agencies": ["education"], "question": "Attendance?"},
    )
    response = client.post(f"/screening/{screening.pk}/decision/", decision_post(outcome="nfa"))
    assert "Record whether consent to share information was sought" in response.content.decode()
    assert not Decision.objects.exists()


def test_a_practitioner_cannot_authorise_and_a_manager_cannot_authorise_their_own(
    as_user, mash_worker, mash_manager
):
    screening = start(mash_manager, contact_for_one(recent()))[0]
    manager = as_user(mash_manager)
    manager.post(f"/screening/{screening.pk}/decision/", decision_post(outcome="nfa"))
    decision = Decision.objects.get()
    assert (
        as_user(mash_worker)
        .post(f"/screening/{screening.pk}/review/", {"action": "authorise"})
        .status_code
        == 403
    )
    response = manager.post(f"/screening/{screening.pk}/review/", {"action": "authorise"})
    assert response.status_code == 403
    assert (
        "You cannot authorise this decision: you made it or changed it, and a second person "
        "must check it." in response.content.decode()
    )
    decision.refresh_from_db()
    assert decision.status == "awaiting" and not Oversight.objects.exists()
    assert "Journey" not in manager.get("/screening/?tray=authorise").content.decode()


def test_a_challenge_must_be_answered_and_every_step_is_kept(as_user, mash_worker, mash_manager):
    screening = start(mash_worker, contact_for_one(recent(), "Challenge"))[0]
    worker, manager = as_user(mash_worker), as_user(mash_manager)
    url = f"/screening/{screening.pk}/"
    worker.post(url + "decision/", decision_post(outcome="advice", level_of_need="2"))
    empty = manager.post(url + "review/", {"action": "return", "text": ""})
    assert "Enter the challenge" in empty.content.decode()
    manager.post(url + "review/", {"action": "return", "text": "Have you spoken to the school?"})
    assert Decision.objects.get().status == "returned"
    page = worker.get(url + "decision/").content.decode()
    assert "Have you spoken to the school?" in page
    no_answer = worker.post(url + "decision/", decision_post(outcome="advice", level_of_need="2"))
    assert "Enter your answer to the manager&#x27;s challenge" in no_answer.content.decode()
    worker.post(
        url + "decision/",
        decision_post(
            outcome="advice", level_of_need="1", answer="School confirm good attendance."
        ),
    )
    manager.post(url + "review/", {"action": "authorise", "text": ""})
    decision = Decision.objects.get()
    assert decision.status == "authorised" and decision.level_of_need == 1
    assert list(decision.oversight.values_list("kind", flat=True)) == [
        "challenge",
        "answer",
        "authorised",
    ]
    body = worker.get(url).content.decode()
    assert "Have you spoken to the school?" in body and "School confirm good attendance." in body


def test_apply_the_decision_to_the_siblings_records_one_decision_per_child(
    as_user, mash_worker, mash_manager
):
    contact = contact_for_siblings(recent(), "Apply")
    amy, ben = start(mash_worker, contact)
    worker = as_user(mash_worker)
    worker.post(
        f"/screening/{amy.pk}/decision/", decision_post(outcome="advice", level_of_need="2")
    )
    assert (
        "Apply this decision to the siblings"
        in worker.get(f"/screening/{amy.pk}/").content.decode()
    )
    worker.post(f"/screening/{amy.pk}/siblings/", {"siblings": [str(ben.pk)]})
    first, second = Decision.objects.order_by("pk")
    assert second.screening == ben and second.applied_from == first and second.outcome == "advice"
    manager = as_user(mash_manager)
    manager.post(f"/screening/{amy.pk}/review/", {"action": "authorise"})
    contact.refresh_from_db()
    assert contact.status == "open"  # Ben's decision still needs its own authorisation
    manager.post(f"/screening/{ben.pk}/review/", {"action": "authorise"})
    contact.refresh_from_db()
    assert (
        contact.status == "decided"
        and contact.outcome_summary == "Information, advice or signposting"
    )


def test_an_open_case_goes_to_its_allocated_worker(
    as_user, mash_worker, mash_manager, social_worker
):
    from frontdoor.cases.services import referral_open

    contact = contact_for_one(recent(), "Open")
    screening = start(mash_worker, contact)[0]
    referral = referral_open(
        actor=None,
        person=screening.person,
        referral_date=timezone.localdate() - timedelta(days=40),
        source="6",
        primary_need="N1",
        team=assessment_team(),
        worker=social_worker,
    )
    worker = as_user(mash_worker)
    response = worker.post(
        f"/screening/{screening.pk}/decision/", decision_post(outcome="assessment")
    )
    assert "already has an open referral" in response.content.decode()
    body = worker.get(f"/screening/{screening.pk}/").content.decode()
    assert "allocated to Social Tester" in body and "Re-referral" in body
    ready_to_share(mash_worker, mash_manager, screening)
    worker.post(f"/screening/{screening.pk}/decision/", decision_post(outcome="allocated_worker"))
    as_user(mash_manager).post(f"/screening/{screening.pk}/review/", {"action": "authorise"})
    assert Decision.objects.get().referral == referral and Referral.objects.count() == 1
    assert "Re-referral" in worker.get(f"/screening/{screening.pk}/").content.decode()
    assert (
        "passed to Social Tester"
        in ChronologyEntry.objects.filter(kind="decision_authorised").get().summary
    )


def test_step_down_asks_early_help(as_user, mash_worker, mash_manager):
    from frontdoor.earlyhelp.models import StepDown

    screening = start(mash_worker, contact_for_one(recent(), "Step"))[0]
    ready_to_share(mash_worker, mash_manager, screening)
    as_user(mash_worker).post(
        f"/screening/{screening.pk}/decision/",
        decision_post(outcome="step_down", level_of_need="3"),
    )
    as_user(mash_manager).post(f"/screening/{screening.pk}/review/", {"action": "authorise"})
    stepdown = StepDown.objects.get()
    decision = Decision.objects.get()
    assert (stepdown.person, stepdown.source_type, stepdown.decision) == (
        screening.person,
        "screening",
        decision,
    )
    assert decision.stepdown == stepdown


def test_the_referrer_is_acknowledged_and_told_the_outcome(as_user, mash_worker, mash_manager):
    contact = contact_for_one(
        recent(), "Feedback", source="1B", referrer_name="Nosy Neighbour", source_organisation=""
    )
    screening = start(mash_worker, contact)[0]
    worker = as_user(mash_worker)
    assert "Feedback Child" in worker.get("/screening/?tray=feedback").content.decode()
    early = worker.post(
        f"/screening/contact/{contact.pk}/referrer/", {"kind": "feedback", "method": "phone"}
    )
    assert "Outcome feedback can be given once every child" in early.content.decode()
    worker.post(
        f"/screening/contact/{contact.pk}/referrer/", {"kind": "acknowledgement", "method": "phone"}
    )
    worker.post(
        f"/screening/{screening.pk}/decision/", decision_post(outcome="nfa", level_of_need="1")
    )
    as_user(mash_manager).post(f"/screening/{screening.pk}/review/", {"action": "authorise"})
    assert "Feedback Child" in worker.get("/screening/?tray=feedback").content.decode()
    worker.post(
        f"/screening/contact/{contact.pk}/referrer/", {"kind": "feedback", "method": "letter"}
    )
    assert "Feedback Child" not in worker.get("/screening/?tray=feedback").content.decode()
    assert list(contact.referrer_updates.values_list("kind", "method", "given_by")) == [
        ("acknowledgement", "phone", mash_worker.pk),
        ("feedback", "letter", mash_worker.pk),
    ]
    assert ChronologyEntry.objects.filter(
        kind="referrer_feedback", person=screening.person
    ).exists()
    page = worker.get(f"/screening/{screening.pk}/").content.decode()
    assert "Confidential: never share with the family." in page


def test_anonymous_referrers_are_not_owed_feedback(as_user, mash_worker):
    contact = contact_for_one(recent(), "Anon", source="9", anonymous=True, referrer_name="")
    client = as_user(mash_worker)
    assert "Anon Child" not in client.get("/screening/?tray=feedback").content.decode()
    response = client.post(
        f"/screening/contact/{contact.pk}/referrer/", {"kind": "acknowledgement", "method": "phone"}
    )
    assert "The referrer is anonymous" in response.content.decode()
    assert not contact.referrer_updates.exists()


def test_a_partner_sees_none_of_it(as_user, police_partner, mash_worker, mash_manager):
    contact = contact_for_one(recent(), "Partner", source="6", submitted_by_partner=police_partner)
    screening = start(mash_worker, contact)[0]
    as_user(mash_worker).post(
        f"/screening/{screening.pk}/decision/", decision_post(outcome="nfa", level_of_need="1")
    )
    as_user(mash_manager).post(f"/screening/{screening.pk}/review/", {"action": "authorise"})
    partner = as_user(police_partner)
    for url in [
        "/screening/",
        f"/screening/{screening.pk}/",
        f"/screening/{screening.pk}/decision/",
        f"/screening/{screening.pk}/review/",
        f"/screening/contact/{contact.pk}/referrer/",
    ]:
        assert partner.get(url).status_code == 403, url
    own = partner.get("/contacts/submitted/").content.decode()
    assert "No further action" in own and DECISION["rationale"] not in own
    assert AuditEvent.objects.filter(actor=police_partner, action="refused").count() == 5


def test_a_sealed_child_screening_is_refused_and_audited(
    as_user, mash_worker, mash_manager, outsider
):
    from frontdoor.people.services import person_seal

    screening = start(mash_worker, contact_for_one(recent(), "Sealed"))[0]
    person_seal(actor=mash_manager, person=screening.person, reason="High profile")
    assert as_user(outsider).get(f"/screening/{screening.pk}/").status_code == 404
    assert AuditEvent.objects.filter(
        actor=outsider, action="refused", record_type="screening"
    ).exists()
    assert "Sealed Child" not in as_user(outsider).get("/screening/?tray=queue").content.decode()


def test_a_manager_can_record_a_mash_referral_as_nfa(as_user, mash_worker, mash_manager):
    assessment_team()
    screening = start(mash_worker, contact_for_one(recent(), "Nfa"))[0]
    ready_to_share(mash_worker, mash_manager, screening)
    as_user(mash_worker).post(
        f"/screening/{screening.pk}/decision/", decision_post(outcome="assessment")
    )
    manager = as_user(mash_manager)
    manager.post(f"/screening/{screening.pk}/review/", {"action": "authorise"})
    url = f"/screening/{screening.pk}/referral-nfa/"
    assert as_user(mash_worker).get(url).status_code == 403
    assert (
        "Enter why the referral needs no further action"
        in manager.post(url, {"reason": ""}).content.decode()
    )
    assert Referral.objects.get().nfa is False
    manager.post(url, {"reason": "Family moved abroad the same day."})
    referral = Referral.objects.get()
    assert (referral.nfa, referral.closure_date, referral.reason_for_closure) == (
        True,
        referral.referral_date,
        "RC7",
    )
    assert ChronologyEntry.objects.filter(kind="referral_nfa", person=screening.person).exists()
    assert manager.get(url).status_code == 403  # already closed


def test_a_colleague_can_take_a_screening_and_it_is_audited(as_user, mash_worker, mash_worker2):
    screening = start(mash_worker, contact_for_one(recent(), "Taken"))[0]
    response = as_user(mash_worker2).post(f"/screening/{screening.pk}/take/")
    assert response.status_code == 302
    screening.refresh_from_db()
    assert screening.owner == mash_worker2
    event = AuditEvent.objects.get(actor=mash_worker2, action="take", record_type="screening")
    assert (
        event.detail == {"previous_owner": "mash_worker"} and event.person_id == screening.person_id
    )


def test_starting_from_the_queue_takes_unallocated_screenings(as_user, mash_manager, mash_worker):
    from frontdoor.screening import services

    contact = contact_for_one(recent(), "Unallocated")
    services.screenings_start_for_contact(actor=mash_manager, contact=contact, take=False)
    assert Screening.objects.get().owner is None
    as_user(mash_worker).post(f"/screening/contact/{contact.pk}/start/")
    assert Screening.objects.get().owner == mash_worker


def test_every_decision_step_is_audited_with_the_child(as_user, mash_worker, mash_manager):
    screening = start(mash_worker, contact_for_one(recent(), "Audited"))[0]
    as_user(mash_worker).post(
        f"/screening/{screening.pk}/decision/", decision_post(outcome="nfa", level_of_need="1")
    )
    as_user(mash_manager).post(f"/screening/{screening.pk}/review/", {"action": "authorise"})
    decision = Decision.objects.get()
    assert AuditEvent.objects.filter(
        actor=mash_worker,
        action="create",
        record_type="decision",
        record_id=str(decision.pk),
        person_id=screening.person_id,
    ).exists()
    assert AuditEvent.objects.filter(
        actor=mash_manager,
        action="authorise",
        record_type="decision_authorised",
        record_id=str(decision.pk),
        person_id=screening.person_id,
    ).exists()
    assert AuditEvent.objects.filter(
        actor=mash_manager, action="decide", record_type="contact", person_id=screening.person_id
    ).exists()
