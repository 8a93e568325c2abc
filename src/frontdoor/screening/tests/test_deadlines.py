"""Frozen-clock tests of the RAG and decision deadlines across a weekend and a bank holiday."""

from datetime import datetime, timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError

from frontdoor.core.calendar import LONDON
from frontdoor.screening import services
from frontdoor.screening.guards import rag_deadline
from frontdoor.screening.models import Decision

from .helpers import DECISION, contact_for_one, start

pytestmark = pytest.mark.django_db

FRI_4PM = datetime(2026, 11, 27, 16, 0, tzinfo=LONDON)  # Friday
XMAS_EVE_4PM = datetime(
    2026, 12, 24, 16, 0, tzinfo=LONDON
)  # Thursday; 25 and 28 Dec are bank holidays


def test_red_runs_in_clock_hours_even_over_a_weekend():
    assert rag_deadline("red", FRI_4PM) == datetime(2026, 11, 27, 20, 0, tzinfo=LONDON)
    assert rag_deadline("red", XMAS_EVE_4PM) == datetime(2026, 12, 24, 20, 0, tzinfo=LONDON)


def test_amber_and_green_count_working_hours_only_across_a_weekend():
    # Friday 16:00-17:00 (1h), Mon 8h, Tue 8h, Wed 7h -> Wednesday 16:00
    assert rag_deadline("amber", FRI_4PM) == datetime(2026, 12, 2, 16, 0, tzinfo=LONDON)
    # 72 working hours is nine office days: Friday 16:00 -> the ninth working day after, 16:00
    assert rag_deadline("green", FRI_4PM) == datetime(2026, 12, 10, 16, 0, tzinfo=LONDON)


def test_amber_skips_christmas_and_the_boxing_day_substitute():
    # Thu 24th 1h, Fri 25th and Mon 28th closed, Tue 29th 8h, Wed 30th 8h, Thu 31st 7h
    assert rag_deadline("amber", XMAS_EVE_4PM) == datetime(2026, 12, 31, 16, 0, tzinfo=LONDON)


def test_rag_hours_are_a_setting(settings):
    settings.FRONTDOOR_RAG_HOURS = {"red": 2, "amber": 6, "green": 24}
    assert rag_deadline("red", FRI_4PM) == datetime(2026, 11, 27, 18, 0, tzinfo=LONDON)
    assert rag_deadline("amber", FRI_4PM) == datetime(2026, 11, 30, 14, 0, tzinfo=LONDON)


def test_a_late_decision_without_a_delay_reason_is_refused_across_a_weekend(mash_worker):
    contact = contact_for_one(datetime(2026, 11, 27, 15, 0, tzinfo=LONDON))  # Friday 15:00
    assert contact.decision_due_at == datetime(2026, 11, 30, 15, 0, tzinfo=LONDON)  # Monday 15:00
    screening = start(mash_worker, contact, now=datetime(2026, 11, 27, 15, 30, tzinfo=LONDON))[0]
    monday_4pm = datetime(2026, 11, 30, 16, 0, tzinfo=LONDON)
    with time_machine.travel(monday_4pm, tick=False), pytest.raises(ValidationError) as refused:
        services.decision_record(
            actor=mash_worker, screening=screening, outcome="advice", **DECISION
        )
    assert refused.value.message_dict["delay_reason"] == [
        "This decision is after the one-working-day deadline (30 November 2026, 15:00): "
        "select the reason for the delay"
    ]
    assert not Decision.objects.exists()
    decision = services.decision_record(
        actor=mash_worker,
        screening=screening,
        outcome="advice",
        delay_reason="partner_information",
        now=monday_4pm,
        **DECISION,
    )
    assert decision.late and decision.delay_reason == "partner_information"


def test_a_decision_on_the_bank_holiday_is_not_late(mash_worker):
    contact = contact_for_one(datetime(2026, 12, 24, 11, 0, tzinfo=LONDON))
    assert contact.decision_due_at == datetime(2026, 12, 29, 11, 0, tzinfo=LONDON)
    screening = start(mash_worker, contact, now=datetime(2026, 12, 24, 11, 30, tzinfo=LONDON))[0]
    on_holiday = datetime(2026, 12, 28, 10, 0, tzinfo=LONDON)
    with time_machine.travel(on_holiday, tick=False):
        decision = services.decision_record(
            actor=mash_worker, screening=screening, outcome="advice", **DECISION
        )
    assert not decision.late and decision.delay_reason == ""


def test_information_requests_are_due_by_the_rating_given(mash_worker):
    contact = contact_for_one(datetime(2026, 11, 27, 14, 0, tzinfo=LONDON))
    screening = start(mash_worker, contact, now=FRI_4PM)[0]
    services.rag_set(actor=mash_worker, screening=screening, rating="amber", now=FRI_4PM)
    (police,) = services.information_request_send(
        actor=mash_worker,
        screening=screening,
        agencies=["police"],
        question="Any callouts?",
        now=FRI_4PM,
    )
    assert police.due_at == datetime(2026, 12, 2, 16, 0, tzinfo=LONDON)
    assert screening.checks_due_at == police.due_at


def test_late_decisions_are_reported_with_their_reasons(as_user, mash_worker, mash_manager):
    from django.utils import timezone

    received = timezone.now() - timedelta(days=5)
    late = start(mash_worker, contact_for_one(received, "Late"), now=received)[0]
    services.decision_record(
        actor=mash_worker, screening=late, outcome="advice", delay_reason="volume", **DECISION
    )
    on_time = start(mash_worker, contact_for_one(timezone.now() - timedelta(minutes=5), "Prompt"))[
        0
    ]
    services.decision_record(actor=mash_worker, screening=on_time, outcome="advice", **DECISION)
    assert as_user(mash_worker).get("/screening/late/").status_code == 403
    body = as_user(mash_manager).get("/screening/late/").content.decode()
    assert "Late Child" in body and "Prompt Child" not in body
    assert (
        'Volume of work in the team</td><td class="govuk-table__cell govuk-table__cell--numeric">1<'
        in body
    )


def test_the_late_decisions_page_query_count_does_not_grow(
    as_user, mash_worker, mash_manager, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    def add(n, tag):
        for i in range(n):
            received = timezone.now() - timedelta(days=5)
            screening = start(mash_worker, contact_for_one(received, f"{tag}{i}"), now=received)[0]
            services.decision_record(
                actor=mash_worker,
                screening=screening,
                outcome="advice",
                delay_reason="other",
                delay_explanation="Sickness",
                **DECISION,
            )

    client = as_user(mash_manager)
    add(1, "Few")
    client.get("/screening/late/")
    with CaptureQueriesContext(connection) as few:
        client.get("/screening/late/")
    add(4, "Many")
    with django_assert_num_queries(len(few.captured_queries)):
        assert "Many3" in client.get("/screening/late/").content.decode()
