"""Four eyes on the allegation outcome, one-time tokens on create forms, versions on drafts, and
the database refusing what the services refuse."""

from datetime import date

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from frontdoor.accounts.models import User
from frontdoor.accounts.roles import Role
from frontdoor.allegations import guards
from frontdoor.allegations.models import Allegation, Meeting, OutcomeProposal
from frontdoor.allegations.services import (
    allegation_outcome_authorise,
    allegation_outcome_propose,
    allegation_outcome_return,
    meeting_start,
)
from frontdoor.audit.models import AuditEvent
from frontdoor.conftest import make_user

from .factories import at, consider, final_meeting, make_referral
from .test_approaches import _referral_post

pytestmark = pytest.mark.django_db

NOW = "2026-11-24 12:00:00+00:00"


@pytest.fixture
def second_officer(db: None) -> User:
    """A second designated officer: authorises (or returns) the first officer's outcome."""
    return make_user("second_officer", Role.DESIGNATED_OFFICER, "Designated Officer Service")


@pytest.fixture
def third_officer(db: None) -> User:
    """A third designated officer: may authorise once the first two have both changed it."""
    return make_user("third_officer", Role.DESIGNATED_OFFICER, "Designated Officer Service")


@pytest.fixture
def proposed(designated_officer: User) -> OutcomeProposal:
    referral = make_referral(received_at=at(2026, 11, 2))
    consider(referral)
    final_meeting(referral)
    return allegation_outcome_propose(
        actor=designated_officer,
        allegation=referral,
        outcome="unfounded",
        concluded_on=date(2026, 11, 20),
        employer_action="none",
        now=at(2026, 11, 24),
    )


@time_machine.travel(NOW, tick=False)
def test_the_proposer_cannot_authorise_and_is_told_who_can(
    as_user, proposed, designated_officer, second_officer
):
    referral = proposed.allegation
    response = as_user(designated_officer).post(
        f"/allegations/{referral.pk}/outcome/decide/", {"authorise": "1", "version": 1}
    )
    assert response.status_code == 400
    assert (
        "You cannot authorise this allegation outcome: you made it or changed it, and a second "
        "person must check it. Ask Second Tester to authorise it."
    ) in response.content.decode()
    referral.refresh_from_db()
    assert (referral.status, referral.outcome, referral.concluded_on) == ("open", "", None)
    assert not AuditEvent.objects.filter(action="conclude").exists()


@time_machine.travel(NOW, tick=False)
def test_whoever_changed_it_after_a_return_cannot_authorise_either(
    proposed, designated_officer, second_officer, third_officer
):
    allegation_outcome_return(
        actor=second_officer, proposal=proposed, reason="The employer dismissed: check", version=1
    )
    assert AuditEvent.objects.filter(actor=second_officer, action="return_outcome").count() == 1
    changed = allegation_outcome_propose(
        actor=second_officer,
        allegation=proposed.allegation,
        outcome="unfounded",
        concluded_on=date(2026, 11, 20),
        employer_action="dismissal",
        version=2,
    )
    assert changed.version == 3 and changed.returned_reason == ""
    for barred in (designated_officer, second_officer):
        with pytest.raises(ValidationError, match="Ask Third Tester to authorise it"):
            allegation_outcome_authorise(actor=barred, proposal=changed, version=3)
    allegation = allegation_outcome_authorise(actor=third_officer, proposal=changed, version=3)
    assert (allegation.status, allegation.employer_action) == ("concluded", "dismissal")
    assert allegation.concluded_on == date(2026, 11, 20)


@time_machine.travel(NOW, tick=False)
def test_a_return_needs_a_reason(proposed, second_officer):
    with pytest.raises(ValidationError) as error:
        allegation_outcome_return(actor=second_officer, proposal=proposed, reason=" ", version=1)
    assert error.value.message_dict == {"reason": ["Enter why the outcome is being returned"]}


@time_machine.travel(NOW, tick=False)
def test_the_guards_refuse_a_second_decision_and_a_second_proposal(
    proposed, designated_officer, second_officer
):
    assert guards.can_conclude(proposed.allegation) == (
        "The outcome (unfounded) is awaiting authorisation by a second designated officer; it "
        "can be changed only if they return it"
    )
    allegation_outcome_authorise(actor=second_officer, proposal=proposed, version=1)
    proposed.refresh_from_db()
    assert guards.can_decide_outcome(proposed) == "This outcome has already been authorised"
    with pytest.raises(ValidationError, match="already been authorised"):
        allegation_outcome_return(actor=second_officer, proposal=proposed, reason="Wrong")


@time_machine.travel(NOW, tick=False)
def test_two_officers_authorising_at_once_one_wins_the_other_is_told(
    as_user, proposed, second_officer, third_officer
):
    referral = proposed.allegation
    first, second = as_user(second_officer), as_user(third_officer)
    assert first.get(f"/allegations/{referral.pk}/").status_code == 200
    assert second.get(f"/allegations/{referral.pk}/").status_code == 200
    url = f"/allegations/{referral.pk}/outcome/decide/"
    assert first.post(url, {"authorise": "1", "version": 1}).status_code == 302
    late = second.post(url, {"return": "1", "version": 1, "reason": "Check the dates"})
    assert late.status_code == 409
    assert "Second Tester changed this record at 24 November 2026, 12:00" in late.content.decode()
    proposed.refresh_from_db()
    assert (proposed.state, proposed.authorised_by, proposed.returned_reason) == (
        "authorised",
        second_officer,
        "",
    )


def test_the_database_refuses_a_second_proposal_for_one_allegation(proposed, designated_officer):
    with pytest.raises(IntegrityError), transaction.atomic():
        OutcomeProposal.objects.create(
            allegation=proposed.allegation,
            outcome="false",
            concluded_on=date(2026, 11, 20),
            employer_action="none",
            dbs_referral="none",
            proposed_at=timezone.now(),
            proposed_by=designated_officer,
        )


def test_the_database_refuses_an_outcome_authorised_by_its_proposer(proposed, designated_officer):
    with pytest.raises(IntegrityError), transaction.atomic():
        OutcomeProposal.objects.filter(pk=proposed.pk).update(
            state="authorised", authorised_by=designated_officer, authorised_at=timezone.now()
        )


def test_the_database_refuses_an_authorised_outcome_without_an_authoriser(proposed):
    with pytest.raises(IntegrityError), transaction.atomic():
        OutcomeProposal.objects.filter(pk=proposed.pk).update(state="authorised")


@time_machine.travel("2025-08-27 16:00:00+01:00", tick=False)
def test_a_referral_sent_twice_makes_one_record(as_user, designated_officer):
    client = as_user(designated_officer)
    data = {**_referral_post(), "form_token": "referral-token-1"}
    first = client.post("/allegations/referrals/new/", data)
    again = client.post("/allegations/referrals/new/", data)
    referral = Allegation.objects.get()
    assert first.url == again.url == f"/allegations/{referral.pk}/"
    assert AuditEvent.objects.filter(action="create", record_type="allegation").count() == 1


@time_machine.travel(NOW, tick=False)
def test_a_meeting_started_twice_makes_one_draft(as_user, designated_officer):
    referral = make_referral(received_at=at(2026, 11, 2))
    consider(referral)
    client = as_user(designated_officer)
    data = {"kind": "initial", "form_token": "meeting-token-1"}
    first = client.post(f"/allegations/{referral.pk}/meetings/new/", data)
    again = client.post(f"/allegations/{referral.pk}/meetings/new/", data)
    meeting = Meeting.objects.get()
    assert first.url == again.url == f"/allegations/meetings/{meeting.pk}/"


def _draft(key_issues: str, version: int) -> dict[str, object]:
    return {
        "version": version,
        "key_issues": key_issues,
        "attendees": "Alex Fairbairn, LADO",
        "decisions-TOTAL_FORMS": "1",
        "decisions-INITIAL_FORMS": "0",
        "actions-TOTAL_FORMS": "1",
        "actions-INITIAL_FORMS": "0",
    }


@time_machine.travel(NOW, tick=False)
def test_two_officers_editing_one_draft_nothing_is_lost(
    as_user, designated_officer, second_officer
):
    referral = make_referral(received_at=at(2026, 11, 2))
    consider(referral)
    meeting = meeting_start(actor=designated_officer, allegation=referral, kind="initial")
    one, two = as_user(designated_officer), as_user(second_officer)
    url = f"/allegations/meetings/{meeting.pk}/"
    assert 'name="version" value="1"' in one.get(url).content.decode()
    assert 'name="version" value="1"' in two.get(url).content.decode()
    assert one.post(url, _draft("Restraint or assault", 1)).status_code == 302
    late = two.post(url, _draft("Whether the pupil was hurt", 1))
    page = late.content.decode()
    assert late.status_code == 409
    assert "Designated Tester changed this record at 24 November 2026, 12:00" in page
    assert "Whether the pupil was hurt" in page  # what the second officer typed is kept
    meeting.refresh_from_db()
    assert (meeting.key_issues, meeting.version, meeting.changed_by) == (
        "Restraint or assault",
        2,
        designated_officer,
    )
