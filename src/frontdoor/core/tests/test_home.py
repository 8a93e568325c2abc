"""The home page: what needs each user today, counted, with deadlines in words, sealed-aware, in a
fixed number of queries."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
import time_machine
from django.utils import timezone

from frontdoor.audit.models import AuditEvent
from frontdoor.core.calendar import LONDON
from frontdoor.core.home import due_in_words, home_sections
from frontdoor.people.services.sealing import person_seal
from frontdoor.screening import services
from frontdoor.screening.tests.helpers import (
    DECISION,
    contact_for_one,
    contact_for_siblings,
    ready_to_share,
    start,
)

pytestmark = pytest.mark.django_db

# A Tuesday, 10:00 in London.
NOW = datetime(2026, 11, 24, 10, 0, tzinfo=LONDON)


def section(sections, key):
    return next(s for s in sections if s.key == key)


def test_deadlines_in_words():
    assert due_in_words(datetime(2026, 11, 24, 15, 0, tzinfo=LONDON), NOW) == "due by 3pm today"
    assert due_in_words(datetime(2026, 11, 24, 16, 30, tzinfo=LONDON), NOW) == "due by 4:30pm today"
    assert due_in_words(datetime(2026, 11, 25, 10, 0, tzinfo=LONDON), NOW) == "due tomorrow by 10am"
    # Friday 10:00 to Tuesday 10:00 is two working days (the weekend does not count).
    assert (
        due_in_words(datetime(2026, 11, 20, 10, 0, tzinfo=LONDON), NOW)
        == "overdue by 2 working days"
    )
    assert due_in_words(NOW.date(), NOW) == "due today"
    assert due_in_words(None, NOW) == "no deadline"


def test_a_challenged_decision_is_returned_to_the_practitioners_home(
    as_user, mash_worker, mash_manager
):
    screening = start(mash_worker, contact_for_one(timezone.now() - timedelta(hours=1), "Chal"))[0]
    decision = services.decision_record(
        actor=mash_worker, screening=screening, outcome="advice", **DECISION
    )
    before = as_user(mash_worker).get("/").content.decode()
    assert "Decisions returned to you with a challenge" in before
    assert "No decision of yours has been challenged." in before
    services.decision_return(actor=mash_manager, decision=decision, challenge="Ask the school.")
    page = as_user(mash_worker).get("/")
    assert page.status_code == 200
    body = page.content.decode()
    sections, _ = home_sections(mash_worker)
    challenged = section(sections, "challenged")
    assert challenged.count == 1 and challenged.items[0].person.pk == screening.person_id
    assert "Chal Child: Answer the manager’s challenge" in body
    assert f'href="/screening/{screening.pk}/"' in body
    # The manager's home does not list it as awaiting authorisation any more.
    assert section(home_sections(mash_manager)[0], "authorise").count == 0


def test_the_managers_home_puts_strategy_discussions_first_with_counts(mash_worker, mash_manager):
    advice = start(mash_worker, contact_for_one(timezone.now() - timedelta(hours=3), "Advice"))[0]
    services.decision_record(actor=mash_worker, screening=advice, outcome="advice", **DECISION)
    urgent = start(mash_worker, contact_for_one(timezone.now() - timedelta(hours=1), "Urgent"))[0]
    ready_to_share(mash_worker, mash_manager, urgent)
    services.decision_record(
        actor=mash_worker, screening=urgent, outcome="strategy", primary_need="N1", **DECISION
    )
    awaiting = section(home_sections(mash_manager)[0], "authorise")
    assert awaiting.count == 2
    assert [i.person.full_name for i in awaiting.items] == ["Urgent Child", "Advice Child"]
    assert awaiting.items[0].label == "Strategy discussion: authorise now"


def test_overdue_and_due_today_are_counted_and_worded(as_user, mash_worker):
    with time_machine.travel(NOW - timedelta(days=7), tick=False):
        late = contact_for_one(timezone.now(), "Late")
        start(mash_worker, late)
    with time_machine.travel(NOW, tick=False):
        today = contact_for_one(datetime(2026, 11, 24, 8, 0, tzinfo=LONDON), "Today")
        start(mash_worker, today)
        sections, _ = home_sections(mash_worker)
        mine = section(sections, "screenings")
        assert mine.count == 2 and mine.overdue == 1
        assert [i.person.full_name for i in mine.items] == ["Late Child", "Today Child"]
        body = as_user(mash_worker).get("/").content.decode()
    assert "overdue by 4 working days" in body
    assert "due tomorrow by 8am" not in body  # the deadline of a contact received at 8am is today
    assert "1 item overdue, out of" in body


def test_home_queries_do_not_grow_with_the_number_of_items(
    as_user, mash_worker, mash_manager, django_assert_max_num_queries
):
    def count_queries():
        client = as_user(mash_manager)
        client.get("/")  # warm the session and the calendar
        with django_assert_max_num_queries(60) as ctx:
            assert client.get("/").status_code == 200
        return len(ctx.captured_queries)

    contact_for_siblings(timezone.now() - timedelta(days=3), "One")
    few = count_queries()
    for n in range(8):
        contact = contact_for_siblings(timezone.now() - timedelta(days=3, hours=n), f"Many{n}")
        screening = start(mash_worker, contact)[0]
        services.decision_record(
            actor=mash_worker,
            screening=screening,
            outcome="advice",
            delay_reason="volume",
            **DECISION,
        )
    many = count_queries()
    assert many == few
    sections, _ = home_sections(mash_manager)
    assert section(sections, "authorise").count == 8
    assert len(section(sections, "authorise").items) == 5


def test_a_sealed_child_never_shows_on_anyones_home(
    as_user,
    mash_worker,
    mash_manager,
    social_worker,
    early_help_manager,
    designated_officer,
    edt_worker,
    police_partner,
    analyst,
    admin_user,
):
    contact = contact_for_siblings(timezone.now() - timedelta(days=3), "Hidden")
    screenings = start(mash_worker, contact)
    for s in screenings:
        services.decision_record(
            actor=mash_worker, screening=s, outcome="advice", delay_reason="volume", **DECISION
        )
    ben = screenings[1].person
    person_seal(actor=None, person=ben, reason="Adopted: sealed record")
    for user in (
        mash_worker,
        mash_manager,
        social_worker,
        early_help_manager,
        designated_officer,
        edt_worker,
        police_partner,
        analyst,
        admin_user,
    ):
        response = as_user(user).get("/")
        assert response.status_code == 200, user.username
        body = response.content.decode()
        assert "Ben Hidden" not in body, user.username
        assert "<h1" in body and "Today" in body
    # The manager still sees the sibling who is not sealed, and the audit row lists what was shown.
    body = as_user(mash_manager).get("/").content.decode()
    assert "Amy Hidden" in body
    row = AuditEvent.objects.filter(actor=mash_manager, record_type="home_page").latest("pk")
    assert row.detail["person_ids"] == [screenings[0].person_id]


def test_a_partner_sees_their_own_concerns(as_user, police_partner, mash_worker):
    body = as_user(police_partner).get("/").content.decode()
    assert "Concerns you submitted" in body and "You have not submitted a concern yet." in body
    assert "Your screenings" not in body


def test_the_analyst_sees_the_front_door_in_numbers(as_user, analyst, mash_worker):
    contact_for_one(timezone.now() - timedelta(days=3), "Old")
    body = as_user(analyst).get("/").content.decode()
    assert "The front door today" in body
    assert "1 contact past the one-working-day decision deadline" in body
    assert "Old Child" not in body


def test_referrals_waiting_for_a_worker_are_on_the_allocating_managers_home(
    as_user, mash_manager, social_worker
):
    from frontdoor.cases.services import referral_open
    from frontdoor.people.tests.factories import make_child

    waiting = referral_open(
        actor=None,
        person=make_child("Nobody", "Yet"),
        referral_date=timezone.localdate(),
        source="2A",
        primary_need="N1",
    )
    sealed = make_child("Sealed", "Waiting")
    referral_open(
        actor=None,
        person=sealed,
        referral_date=timezone.localdate(),
        source="2A",
        primary_need="N1",
    )
    person_seal(actor=None, person=sealed, reason="Refuge")
    sections, hidden = home_sections(mash_manager)
    unallocated = section(sections, "unallocated")
    assert unallocated.count == 2 and sealed.pk in hidden
    body = as_user(mash_manager).get("/").content.decode()
    assert "Nobody Yet" in body and "Sealed Waiting" not in body
    assert f"/cases/referrals/{waiting.pk}/allocate/" in body
    # A social worker does not allocate: no such section for them.
    assert "unallocated" not in [s.key for s in home_sections(social_worker)[0]]


def test_the_edt_worker_and_early_help_manager_see_their_own_work(
    as_user, edt_worker, early_help_manager
):
    from frontdoor.earlyhelp.tests.test_views import _stepdown
    from frontdoor.out_of_hours.tests.test_edt import _record
    from frontdoor.people.tests.factories import make_child

    _record(edt_worker, make_child("Night", "Call"))
    body = as_user(edt_worker).get("/").content.decode()
    assert "Your records not yet acknowledged by the MASH" in body
    assert "Night Call: Handover not acknowledged" in body and "overdue by" in body
    _stepdown(make_child("Step", "Down"))
    body = as_user(early_help_manager).get("/").content.decode()
    assert "Step-downs waiting for your decision" in body
    assert "Step Down: Accept or decline the step-down" in body
