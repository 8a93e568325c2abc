"""The daily multi-agency screening: attendees, history, decisions per child, MARAC."""

from __future__ import annotations

from datetime import date, datetime

import pytest
import time_machine

from frontdoor.audit.models import AuditEvent
from frontdoor.core.calendar import LONDON
from frontdoor.intake.models import Contact
from frontdoor.people.models import ChronologyEntry, Person
from frontdoor.people.services import person_seal
from frontdoor.people.tests.factories import make_contact, make_siblings
from frontdoor.police.models import (
    Decision,
    MatchStatus,
    NotificationChild,
    PoliceNotification,
    ScreeningAttendee,
)

from .helpers import NOW, row, run_import

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _tuesday_morning():
    with time_machine.travel(datetime(2026, 11, 24, 10, 0, tzinfo=LONDON), tick=False):
        yield


DAY = "/police/day/2026-11-24/"


def _child(first: str = "Amy") -> NotificationChild:
    return NotificationChild.objects.get(first_name=first)


def test_the_day_shows_each_notification_with_the_childs_history(as_user, mash_worker):
    _, amy, _ = make_siblings("Featherstone")
    make_contact([amy], received_at=datetime(2026, 6, 1, 10, 0, tzinfo=LONDON))
    run_import(
        [row("PPN-OLD", incident_date="01/09/2026")], now=datetime(2026, 9, 2, 8, 0, tzinfo=LONDON)
    )
    run_import([row("PPN-001"), row("PPN-001", "Ben", dob="12/09/2018")])
    page = as_user(mash_worker).get(DAY).content.decode()
    assert "PPN-001: Domestic abuse, DASH medium" in page
    assert "Contacts: 1 (latest 1 June 2026)" in page
    assert "Other police notifications: 1 (latest 1 September 2026)" in page
    assert "PPN-OLD" not in page


def test_attendees_are_recorded_by_agency(as_user, mash_worker):
    client = as_user(mash_worker)
    response = client.post(DAY, {"name": "DC Jo Bloggs", "agency": "police", "role": "PPU"})
    assert response.status_code == 302
    assert ScreeningAttendee.objects.get().meeting.day == date(2026, 11, 24)
    page = client.get(DAY).content.decode()
    assert "DC Jo Bloggs" in page and "Police" in page
    page = client.post(DAY, {"name": "", "agency": ""}).content.decode()
    assert "Enter the attendee&#x27;s name" in page


def test_a_mash_contact_decision_creates_a_police_contact_and_chronology(as_user, mash_worker):
    _, amy, _ = make_siblings("Featherstone")
    run_import([row("PPN-001")], actor=mash_worker)
    child = _child()
    response = as_user(mash_worker).post(
        f"/police/child/{child.pk}/",
        {"decision": Decision.MASH_CONTACT, "rationale": "Third incident this year."},
    )
    assert response.status_code == 302
    child.refresh_from_db()
    contact = child.contact
    assert (contact.channel, contact.source) == ("police", "6")
    # The spine: the contact is reachable from the notification child by a real foreign key.
    assert list(contact.police_notification_children.all()) == [child]
    assert contact.categories == ["domestic_abuse"]
    assert list(contact.children.values_list("person_id", flat=True)) == [amy.pk]
    assert contact.decision_due_at > contact.received_at
    assert ChronologyEntry.objects.filter(person=amy, kind="police_screening_decision").exists()
    assert AuditEvent.objects.filter(
        action="decide", record_type="police_notification_child", person_id=amy.pk
    ).exists()


def test_a_strategy_discussion_decision_starts_the_mash_screening_at_once(as_user, mash_worker):
    make_siblings("Featherstone")
    run_import([row("PPN-001", dash_level="high")])
    child = _child()
    as_user(mash_worker).post(
        f"/police/child/{child.pk}/",
        {"decision": Decision.STRATEGY, "rationale": "Child injured during the incident."},
    )
    child.refresh_from_db()
    screening = child.contact.screenings.get()
    assert screening.owner == mash_worker
    assert screening.rag == "red"
    assert "strategy discussion is needed" in child.contact.concerns


def test_nfa_needs_a_reason_and_is_recorded_once(as_user, mash_worker):
    make_siblings("Featherstone")
    run_import([row("PPN-001")])
    child = _child()
    client = as_user(mash_worker)
    page = client.post(f"/police/child/{child.pk}/", {"decision": "nfa"}).content.decode()
    assert "Enter the reason for the decision" in page
    client.post(f"/police/child/{child.pk}/", {"decision": "nfa", "rationale": "Verbal only."})
    child.refresh_from_db()
    assert child.decision == Decision.NFA
    page = client.get(f"/police/child/{child.pk}/").content.decode()
    assert "Record decision" not in page
    assert Contact.objects.count() == 0


def test_a_child_awaiting_a_match_cannot_be_decided_until_confirmed(as_user, mash_worker):
    _, amy, _ = make_siblings("Featherstone")
    run_import([row("PPN-001", "Amie", "Featherston", child_postcode="")])
    child = _child("Amie")
    client = as_user(mash_worker)
    page = client.post(
        f"/police/child/{child.pk}/", {"decision": "nfa", "rationale": "x"}
    ).content.decode()
    assert "Confirm who this child is in the people index before recording a decision" in page
    client.post(f"/police/child/{child.pk}/match/", {"person": str(amy.pk)})
    child.refresh_from_db()
    assert (child.person, child.match_status) == (amy, MatchStatus.CONFIRMED)


def test_a_child_not_in_the_index_is_added_by_the_mash(as_user, mash_worker):
    run_import([row("PPN-001", "Nova", "Newby", "02/02/2017")])
    child = _child("Nova")
    assert child.match_status == MatchStatus.AWAITING_REVIEW
    as_user(mash_worker).post(f"/police/child/{child.pk}/match/", {"create": "1"})
    child.refresh_from_db()
    assert child.match_status == MatchStatus.CREATED
    assert Person.objects.get(pk=child.person_id).date_of_birth == date(2017, 2, 2)


def test_marac_is_flagged_for_high_dash_and_for_a_third_incident_in_12_months(as_user, mash_worker):
    run_import([row("PPN-H", dash_level="high")])
    assert PoliceNotification.objects.get(police_reference="PPN-H").marac_reason == "DASH high risk"
    for i, day in enumerate(["01/03/2026", "01/07/2026"]):
        run_import(
            [
                row(
                    f"PPN-E{i}",
                    "Cy",
                    "Other",
                    "01/01/2015",
                    incident_date=day,
                    victim_name="Val Other",
                    child_postcode="SW1A 2AA",
                )
            ]
        )
    run_import(
        [
            row(
                "PPN-E2",
                "Cy",
                "Other",
                "01/01/2015",
                victim_name="Val Other",
                child_postcode="SW1A 2AA",
            )
        ]
    )
    third = PoliceNotification.objects.get(police_reference="PPN-E2")
    assert third.marac_reason == "3 incidents in 12 months for the same victim or household"
    assert PoliceNotification.objects.get(police_reference="PPN-E1").marac_reason == ""
    client = as_user(mash_worker)
    response = client.post(
        f"/police/notification/{third.pk}/marac/",
        {
            "referred_at_day": "24",
            "referred_at_month": "11",
            "referred_at_year": "2026",
            "referred_at_time": "09:30",
        },
    )
    assert response.status_code == 302
    third.refresh_from_db()
    assert third.marac_referred_by == mash_worker
    unflagged = PoliceNotification.objects.get(police_reference="PPN-E1")
    page = client.post(
        f"/police/notification/{unflagged.pk}/marac/",
        {
            "referred_at_day": "24",
            "referred_at_month": "11",
            "referred_at_year": "2026",
            "referred_at_time": "09:30",
        },
    ).content.decode()
    assert "not flagged for MARAC: enter the professional judgement" in page


def test_a_sealed_child_is_not_shown_to_someone_off_the_access_list(as_user, outsider):
    _, amy, _ = make_siblings("Featherstone")
    person_seal(actor=None, person=amy, reason="High-profile family")
    run_import([row("PPN-001")])
    client = as_user(outsider)
    page = client.get(DAY).content.decode()
    # Amy is the notification's only child: the whole notification (address, summary) is left
    # off the board, and only the count of restricted children is shown.
    assert "1 child on this day's notifications is a restricted record" in page
    assert "Amy Featherstone" not in page
    assert "PPN-001" not in page
    assert client.get(f"/police/child/{_child().pk}/").status_code == 404


def test_the_allocated_worker_sees_notifications_about_their_cases(as_user, social_worker):
    from frontdoor.cases.services import referral_allocate, referral_open

    _, amy, _ = make_siblings("Featherstone")
    referral = referral_open(
        actor=None, person=amy, referral_date=date(2026, 10, 1), source="6", primary_need="N1"
    )
    referral_allocate(actor=None, referral=referral, team=social_worker.team, worker=social_worker)
    run_import([row("PPN-001")])
    page = as_user(social_worker).get("/police/my-cases/").content.decode()
    assert "PPN-001" in page


def test_the_day_page_does_not_grow_queries_with_notifications(
    as_user, mash_worker, django_assert_max_num_queries
):
    make_siblings("Featherstone")
    client = as_user(mash_worker)
    run_import([row("PPN-A0"), row("PPN-A0", "Ben", dob="12/09/2018")], now=NOW)
    with django_assert_max_num_queries(20) as small:
        client.get(DAY)
    run_import(
        [
            r
            for i in range(10)
            for r in (row(f"PPN-B{i}"), row(f"PPN-B{i}", "Ben", dob="12/09/2018"))
        ],
        now=NOW,
    )
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(DAY)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Notifications (11)" in page
    assert all(f"PPN-B{i}: Domestic abuse, DASH medium" in page for i in range(10))


def test_an_early_help_decision_sends_a_stepdown_with_the_analysis(as_user, mash_worker):
    from frontdoor.earlyhelp.models import StepDown

    _, amy, _ = make_siblings("Featherstone")
    run_import([row("PPN-001", dash_level="standard")])
    child = _child()
    client = as_user(mash_worker)
    page = client.post(
        f"/police/child/{child.pk}/",
        {"decision": Decision.EARLY_HELP, "rationale": "Family asking for support."},
    ).content.decode()
    assert "Enter a summary for the early help team" in page
    client.post(
        f"/police/child/{child.pk}/",
        {
            "decision": Decision.EARLY_HELP,
            "rationale": "Family asking for support.",
            "summary": "Verbal argument; mother wants parenting support.",
            "risks_and_protective_factors": "Risk: repeat arguments. Protective: supportive gran.",
        },
    )
    child.refresh_from_db()
    stepdown = StepDown.objects.get(person=amy)
    assert stepdown.police_child == child
    assert stepdown.source_type == "police_notification"
    assert stepdown.summary == "Verbal argument; mother wants parenting support."


def test_the_police_home_lists_screening_days_with_children_to_decide(as_user, mash_worker):
    make_siblings("Featherstone")
    run_import([row("PPN-001"), row("PPN-001", "Ben", dob="12/09/2018")])
    page = as_user(mash_worker).get("/police/").content.decode()
    assert 'href="/police/day/2026-11-24/"' in page
    assert '<td class="govuk-table__cell govuk-table__cell--numeric">2</td>' in page
    assert "Out-of-hours handovers" in page


def test_the_childs_page_lists_the_history(as_user, mash_worker):
    _, amy, _ = make_siblings("Featherstone")
    make_contact([amy], received_at=datetime(2026, 6, 1, 10, 0, tzinfo=LONDON))
    run_import(
        [row("PPN-OLD", incident_date="01/09/2026", dash_level="high")],
        now=datetime(2026, 9, 2, 8, 0, tzinfo=LONDON),
    )
    run_import([row("PPN-001")])
    child = NotificationChild.objects.get(notification__police_reference="PPN-001")
    page = as_user(mash_worker).get(f"/police/child/{child.pk}/").content.decode()
    assert "Contacts (1)" in page and "1 June 2026" in page
    assert "PPN-OLD</a>, 1 September 2026: domestic abuse, DASH high" in page


def test_the_day_links_to_the_working_days_either_side(as_user, mash_worker):
    page = as_user(mash_worker).get("/police/day/2026-11-23/").content.decode()
    assert 'href="/police/day/2026-11-20/"' in page  # Friday before the weekend
    assert 'href="/police/day/2026-11-24/"' in page
