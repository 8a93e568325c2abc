"""Meeting records: each required part is enforced when finalising, with a message naming it."""

from datetime import date

import pytest
import time_machine

from frontdoor.allegations.models import Meeting
from frontdoor.allegations.services import meeting_save, meeting_start
from frontdoor.audit.models import AuditEvent

from .factories import COMPLETE_MEETING, at, consider, make_referral

pytestmark = pytest.mark.django_db


def _post(**overrides: object) -> dict[str, object]:
    """The meeting page's form, filled in completely, with one decision and one action row."""
    m = COMPLETE_MEETING
    data: dict[str, object] = {
        "held_on_day": "5",
        "held_on_month": "11",
        "held_on_year": "2026",
        "attendees": m["attendees"],
        "key_issues": m["key_issues"],
        "support_provider": m["support_provider"],
        "support_description": m["support_description"],
        "no_support_reason": "",
        "feedback_due_on_day": "19",
        "feedback_due_on_month": "11",
        "feedback_due_on_year": "2026",
        "decisions-TOTAL_FORMS": "1",
        "decisions-INITIAL_FORMS": "0",
        "decisions-0-decision": "Police to interview the pupil",
        "decisions-0-rationale": "Possible offence",
        "actions-TOTAL_FORMS": "1",
        "actions-INITIAL_FORMS": "0",
        "actions-0-description": "Interview pupil",
        "actions-0-owner": "DC Lee, police",
        "actions-0-due_on_day": "12",
        "actions-0-due_on_month": "11",
        "actions-0-due_on_year": "2026",
        "finalise": "1",
    }
    data.update(overrides)
    return data


@pytest.fixture
def meeting(db: None) -> Meeting:
    referral = make_referral(received_at=at(2026, 11, 2))
    consider(referral)
    return meeting_start(actor=None, allegation=referral, kind="initial", now=at(2026, 11, 2))


MISSING_CASES = {
    "key issues": ({"key_issues": ""}, "Key issues are missing"),
    "decision": (
        {"decisions-0-decision": "", "decisions-0-rationale": ""},
        "Decisions are missing",
    ),
    "rationale": ({"decisions-0-rationale": ""}, "Decision 1 has no rationale"),
    "no actions": (
        {
            "actions-0-description": "",
            "actions-0-owner": "",
            "actions-0-due_on_day": "",
            "actions-0-due_on_month": "",
            "actions-0-due_on_year": "",
        },
        "Actions are missing",
    ),
    "owner": ({"actions-0-owner": ""}, "Action 1 has no owner"),
    "due date": (
        {"actions-0-due_on_day": "", "actions-0-due_on_month": "", "actions-0-due_on_year": ""},
        "Action 1 has no due date",
    ),
    "support": (
        {"support_provider": "", "support_description": ""},
        "Support for the person the allegation is about is missing",
    ),
    "support half": (
        {"support_description": ""},
        "Support for the person the allegation is about is incomplete",
    ),
    "feedback due": (
        {"feedback_due_on_day": "", "feedback_due_on_month": "", "feedback_due_on_year": ""},
        "The date feedback to the designated officer is due is missing",
    ),
}


@time_machine.travel("2026-11-05 15:00:00+00:00", tick=False)
@pytest.mark.parametrize("case", list(MISSING_CASES))
def test_it_will_not_finalise_while_a_required_part_is_missing(
    case, meeting, as_user, designated_officer
):
    overrides, message = MISSING_CASES[case]
    response = as_user(designated_officer).post(
        f"/allegations/meetings/{meeting.pk}/", _post(**overrides)
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "govuk-error-summary" in page and message in page
    meeting.refresh_from_db()
    assert meeting.final is False
    assert meeting.key_issues == (overrides.get("key_issues", COMPLETE_MEETING["key_issues"]))
    assert not AuditEvent.objects.filter(action="finalise").exists()


@time_machine.travel("2026-11-05 15:00:00+00:00", tick=False)
def test_it_names_every_missing_part_at_once(meeting, as_user, designated_officer):
    empty = {k: "" for k in _post() if not k.endswith(("TOTAL_FORMS", "INITIAL_FORMS"))}
    empty["finalise"] = "1"
    page = (
        as_user(designated_officer)
        .post(f"/allegations/meetings/{meeting.pk}/", _post(**empty))
        .content.decode()
    )
    for message in [
        "Enter the date the meeting was held",
        "List who attended",
        "Key issues are missing",
        "Decisions are missing",
        "Actions are missing",
        "Support for the person the allegation is about is missing",
        "The date feedback to the designated officer is due is missing",
    ]:
        assert message in page


@time_machine.travel("2026-11-05 15:00:00+00:00", tick=False)
def test_it_finalises_a_complete_record_and_audits_it(meeting, as_user, designated_officer):
    response = as_user(designated_officer).post(f"/allegations/meetings/{meeting.pk}/", _post())
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.final is True
    assert [(a.owner, a.due_on) for a in meeting.actions.all()] == [
        ("DC Lee, police", date(2026, 11, 12))
    ]
    assert AuditEvent.objects.filter(
        action="finalise",
        record_type="allegation_meeting",
        record_id=str(meeting.pk),
        actor=designated_officer,
    ).exists()
    # A final record cannot be changed.
    as_user(designated_officer).post(
        f"/allegations/meetings/{meeting.pk}/", _post(key_issues="Changed")
    )
    meeting.refresh_from_db()
    assert meeting.key_issues == COMPLETE_MEETING["key_issues"]


@time_machine.travel("2026-11-05 15:00:00+00:00", tick=False)
def test_a_reason_why_no_support_is_needed_is_enough(meeting, as_user, designated_officer):
    data = _post(
        support_provider="",
        support_description="",
        no_support_reason="The person has left the country and is not contactable",
    )
    assert (
        as_user(designated_officer).post(f"/allegations/meetings/{meeting.pk}/", data).status_code
        == 302
    )


@time_machine.travel("2026-11-05 15:00:00+00:00", tick=False)
def test_save_and_add_another_keeps_the_draft_and_offers_a_blank_row(
    meeting, as_user, designated_officer
):
    client = as_user(designated_officer)
    data = _post(key_issues="", add_decision="1")
    data.pop("finalise")
    response = client.post(f"/allegations/meetings/{meeting.pk}/", data)
    assert response.status_code == 302 and response.url.endswith("#decisions")
    page = client.get(f"/allegations/meetings/{meeting.pk}/").content.decode()
    assert 'name="decisions-TOTAL_FORMS" value="2"' in page
    assert "Decision 2" in page
    meeting.refresh_from_db()
    assert meeting.final is False and meeting.decisions.count() == 1


@time_machine.travel("2026-11-20 10:00:00+00:00", tick=False)
def test_feedback_arrival_and_action_completion_are_recorded(meeting, as_user, designated_officer):
    client = as_user(designated_officer)
    client.post(f"/allegations/meetings/{meeting.pk}/", _post())
    action = meeting.actions.get()
    client.post(f"/allegations/actions/{action.pk}/done/")
    action.refresh_from_db()
    assert action.completed_on == date(2026, 11, 20)
    response = client.post(
        f"/allegations/meetings/{meeting.pk}/feedback/",
        {"received_on_day": "18", "received_on_month": "11", "received_on_year": "2026"},
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.feedback_received_on == date(2026, 11, 18)
    assert AuditEvent.objects.filter(action="feedback_received").count() == 1
    assert AuditEvent.objects.filter(action="action_done").count() == 1


def test_only_one_draft_meeting_at_a_time(meeting):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="Finalise the draft meeting record"):
        meeting_start(actor=None, allegation=meeting.allegation, kind="review")


def test_blank_rows_are_dropped_and_rows_renumbered(meeting):
    meeting_save(
        actor=None,
        meeting=meeting,
        held_on=None,
        attendees="",
        key_issues="",
        support_provider="",
        support_description="",
        no_support_reason="",
        feedback_due_on=None,
        decisions=[("", ""), ("Second", "Why")],
        actions=[("", "", None)],
    )
    assert [(d.position, d.decision) for d in meeting.decisions.all()] == [(1, "Second")]
    assert meeting.actions.count() == 0


def test_marking_an_action_done_is_a_post_and_a_get_changes_nothing(
    meeting, as_user, designated_officer
):
    client = as_user(designated_officer)
    client.post(f"/allegations/meetings/{meeting.pk}/", _post())
    action = meeting.actions.get()
    for pk in (action.pk, 987654):
        response = client.get(f"/allegations/actions/{pk}/done/")
        assert response.status_code == 405
        assert response["Allow"] == "POST"
    action.refresh_from_db()
    assert action.completed_on is None
    assert not AuditEvent.objects.filter(action__in=["action_done", "complete_action"]).exists()
