"""Four eyes: whoever authorises a decision or a dispensation from consent is neither its maker
nor anyone who changed it after a challenge; the refusal names who must authorise instead."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from frontdoor.accounts.roles import Role
from frontdoor.conftest import make_user
from frontdoor.screening import services
from frontdoor.screening.guards import can_authorise_consent, can_review_decision
from frontdoor.screening.models import Decision, Oversight

from .helpers import DECISION, contact_for_one, start

pytestmark = pytest.mark.django_db

INSTEAD = "Ask Mash Tester to authorise it."


def recent():
    return timezone.now() - timedelta(minutes=30)


def _answered_by_challenger(mash_worker, manager):
    """A worker's decision, returned by `manager`, who then answers the challenge themselves."""
    screening = start(mash_worker, contact_for_one(recent(), "Eyes"))[0]
    decision = services.decision_record(
        actor=mash_worker, screening=screening, outcome="advice", **DECISION
    )
    services.decision_return(actor=manager, decision=decision, challenge="Why not early help?")
    services.decision_answer(
        actor=manager, decision=decision, answer="Advice is right: I checked with the school."
    )
    decision.refresh_from_db()
    return decision


def test_a_manager_who_answered_their_own_challenge_cannot_authorise(mash_worker, mash_manager):
    other = make_user("second_manager", Role.MASH_MANAGER, "MASH")
    decision = _answered_by_challenger(mash_worker, other)
    message = (
        "You cannot authorise this decision: you made it or changed it, and a second person must "
        f"check it. {INSTEAD}"
    )
    assert can_review_decision(other, decision) == message
    with pytest.raises(ValidationError) as refused:
        services.decision_authorise(actor=other, decision=decision)
    assert refused.value.messages == [message]
    decision.refresh_from_db()
    assert decision.status == "awaiting" and decision.authorised_by is None
    # Another manager, who neither made nor changed it, can.
    services.decision_authorise(actor=mash_manager, decision=decision)
    assert Decision.objects.get().authorised_by == mash_manager


def test_the_answering_manager_is_refused_on_the_review_page_and_the_tray(
    as_user, mash_worker, mash_manager
):
    other = make_user("second_manager", Role.MASH_MANAGER, "MASH")
    decision = _answered_by_challenger(mash_worker, other)
    client = as_user(other)
    url = f"/screening/{decision.screening_id}/review/"
    page = client.get(url)
    assert page.status_code == 403 and INSTEAD in page.content.decode()
    posted = client.post(url, {"action": "authorise", "version": decision.version})
    assert posted.status_code == 403 and INSTEAD in posted.content.decode()
    assert not Oversight.objects.filter(kind="authorised").exists()
    assert "Eyes Child" not in client.get("/screening/?tray=authorise").content.decode()
    assert "Eyes Child" in as_user(mash_manager).get("/screening/?tray=authorise").content.decode()


def test_the_decision_maker_cannot_authorise_even_as_a_manager(mash_manager, mash_worker):
    screening = start(mash_manager, contact_for_one(recent(), "Own"))[0]
    decision = services.decision_record(
        actor=mash_manager, screening=screening, outcome="advice", **DECISION
    )
    with pytest.raises(ValidationError) as refused:
        services.decision_authorise(actor=mash_manager, decision=decision)
    assert "you made it or changed it" in refused.value.messages[0]
    assert refused.value.messages[0].endswith("Ask another manager who can authorise to do it.")


def test_the_manager_who_recorded_consent_cannot_authorise_sharing_without_it(
    mash_worker, mash_manager
):
    recorder = make_user("recording_manager", Role.MASH_MANAGER, "MASH")
    screening = start(mash_worker, contact_for_one(recent(), "Consent"))[0]
    services.consent_record(
        actor=recorder,
        screening=screening,
        sought=False,
        outcome="not_sought",
        reason="significant_harm",
    )
    message = (
        "You cannot authorise sharing information without consent: you made it or changed it, "
        f"and a second person must check it. {INSTEAD}"
    )
    assert can_authorise_consent(recorder, screening) == message
    with pytest.raises(ValidationError) as refused:
        services.consent_authorise(actor=recorder, screening=screening)
    assert refused.value.messages == [message]
    screening.refresh_from_db()
    assert screening.consent_authorised_by is None
    services.consent_authorise(actor=mash_manager, screening=screening)
    screening.refresh_from_db()
    assert screening.consent_authorised_by == mash_manager
