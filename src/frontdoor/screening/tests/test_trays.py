"""Work trays: what each holds, their order, grouping by household, and constant query counts."""

from datetime import timedelta

import pytest
from django.utils import timezone

from frontdoor.screening import selectors, services

from .helpers import DECISION, contact_for_one, contact_for_siblings, ready_to_share, start

pytestmark = pytest.mark.django_db


def recent(minutes=30):
    return timezone.now() - timedelta(minutes=minutes)


def names(rows):
    return [r.person.full_name for r in rows]


def test_the_team_queue_lists_unallocated_first_and_keeps_siblings_together(mash_worker):
    taken = contact_for_one(recent(200), "Taken")
    start(mash_worker, taken)
    contact_for_siblings(recent(100), "Waiting")
    rows = selectors.tray(user=mash_worker, name="queue")
    assert names(rows) == ["Amy Waiting", "Ben Waiting", "Taken Child"]
    assert rows[0].new_group and rows[0].group_size == 2 and not rows[1].new_group


def test_my_screenings_are_mine_only(mash_worker, mash_worker2):
    start(mash_worker, contact_for_one(recent(), "Mine"))
    start(mash_worker2, contact_for_one(recent(), "Theirs"))
    assert names(selectors.tray(user=mash_worker, name="mine")) == ["Mine Child"]


def test_strategy_discussions_are_at_the_top_of_the_managers_tray(mash_worker, mash_manager):
    first = start(mash_worker, contact_for_one(recent(300), "Advice"))[0]
    services.decision_record(actor=mash_worker, screening=first, outcome="advice", **DECISION)
    urgent = start(mash_worker, contact_for_one(recent(200), "Urgent"))[0]
    ready_to_share(mash_worker, mash_manager, urgent)
    services.decision_record(
        actor=mash_worker, screening=urgent, outcome="strategy", primary_need="N1", **DECISION
    )
    assert names(selectors.tray(user=mash_manager, name="authorise")) == [
        "Urgent Child",
        "Advice Child",
    ]
    assert selectors.tray_counts(user=mash_manager)["strategy"] == 1
    assert "strategy" not in selectors.tray_counts(user=mash_worker)
    assert selectors.tray(user=mash_worker, name="authorise") == []


def test_overdue_holds_late_decisions_and_overdue_partner_information(mash_worker):
    late = contact_for_one(timezone.now() - timedelta(days=6), "Late")
    start(mash_worker, late)
    chasing = start(mash_worker, contact_for_one(recent(), "Chasing"))[0]
    sent = timezone.now() - timedelta(hours=5)
    services.rag_set(actor=mash_worker, screening=chasing, rating="red", now=sent)
    services.information_request_send(
        actor=mash_worker, screening=chasing, agencies=["police"], question="?", now=sent
    )
    start(mash_worker, contact_for_one(recent(), "Fine"))
    rows = selectors.tray(user=mash_worker, name="overdue")
    assert sorted(names(rows)) == ["Chasing Child", "Late Child"]
    chasing_row = next(r for r in rows if r.person.full_name == "Chasing Child")
    assert (chasing_row.outstanding, chasing_row.overdue_requests) == (1, 1)


def _fill(worker, n, tag):
    for i in range(n):
        contact = contact_for_siblings(recent(10 + i), f"{tag}{i}")
        amy, ben = start(worker, contact)
        services.rag_set(
            actor=worker, screening=amy, rating="red", now=timezone.now() - timedelta(hours=6)
        )
        services.information_request_send(
            actor=worker,
            screening=amy,
            agencies=["police", "health"],
            question="?",
            now=timezone.now() - timedelta(hours=5),
        )
        services.decision_record(actor=worker, screening=ben, outcome="nfa", **DECISION)


@pytest.mark.parametrize("tray", ["mine", "queue", "authorise", "overdue", "feedback"])
def test_tray_query_counts_do_not_grow_with_rows(
    as_user, mash_worker, mash_manager, tray, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = as_user(mash_manager if tray == "authorise" else mash_worker)
    _fill(mash_worker, 2, "Few")
    client.get(f"/screening/?tray={tray}")  # warm the session and calendar
    with CaptureQueriesContext(connection) as few:
        first = client.get(f"/screening/?tray={tray}").content.decode()
    _fill(mash_worker, 6, "Many")
    with django_assert_num_queries(len(few.captured_queries)):
        second = client.get(f"/screening/?tray={tray}").content.decode()
    assert "Few1" in first and "Many5" in second
