"""Trays that do not mislead (issue 13): counted, paginated (never cut short), most urgent first,
and the feedback tray shows today's contacts on its first page."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from frontdoor.audit.models import AuditEvent
from frontdoor.screening import selectors

from .helpers import contact_for_one, start

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_pages(monkeypatch):
    monkeypatch.setattr(selectors, "TRAY_PAGE", 2)


def test_the_feedback_tray_puts_todays_contacts_first_and_counts_them_all(
    as_user, mash_worker, small_pages
):
    for days in (40, 30, 20):
        contact_for_one(timezone.now() - timedelta(days=days), f"Old{days}")
    contact_for_one(timezone.now() - timedelta(minutes=20), "Today")
    page = selectors.tray_page(user=mash_worker, name="feedback")
    assert page.total == 4
    names = [cc.person.full_name for c in page.rows for cc in c.children.all()]
    # Still in time first; then the overdue, most recently overdue first.
    assert names == ["Today Child", "Old20 Child"]
    second = selectors.tray_page(user=mash_worker, name="feedback", number=2)
    assert [cc.person.full_name for c in second.rows for cc in c.children.all()] == [
        "Old30 Child",
        "Old40 Child",
    ]
    body = as_user(mash_worker).get("/screening/?tray=feedback").content.decode()
    assert "Today Child" in body and "4 in this tray, showing 1 to 2" in body
    assert "Feedback owed (4<span" in body
    assert 'href="?tray=feedback&amp;page=2"' in body


def test_a_tray_is_never_cut_short(as_user, mash_worker, small_pages, monkeypatch):
    monkeypatch.setattr(selectors, "TRAY_LIMIT", 1)  # no longer used by the trays
    for n in range(5):
        start(mash_worker, contact_for_one(timezone.now() - timedelta(hours=n + 1), f"Mine{n}"))
    rows = selectors.tray(user=mash_worker, name="mine")
    assert len(rows) == 5
    # The least urgent row (latest decision due, then the later contact) is the one on the last
    # page. Which child that is depends on the time of day: contacts received out of hours share a
    # deadline, so it is not always the most recently received.
    least_urgent = max(rows, key=lambda r: (r.contact.decision_due_at, r.contact_id))
    name = least_urgent.person.full_name
    client = as_user(mash_worker)
    last = client.get("/screening/?tray=mine&page=3").content.decode()
    assert "5 in this tray, showing 5 to 5" in last and name in last
    assert all(f"Mine{n} Child" not in last for n in range(5) if f"Mine{n} Child" != name)
    assert "Page 3 of 3" in last
    row = AuditEvent.objects.filter(record_type="work_tray").latest("pk")
    assert row.detail["page"] == 3 and len(row.detail["person_ids"]) == 1
    assert name not in client.get("/screening/?tray=mine&page=1").content.decode()


def test_the_counts_cover_every_tray(mash_worker, mash_manager):
    contact_for_one(timezone.now() - timedelta(hours=2), "Counted")
    counts = selectors.tray_counts(user=mash_manager)
    assert counts["feedback"] == 1 and counts["queue"] == 1 and counts["authorise"] == 0
    assert "authorise" not in selectors.tray_counts(user=mash_worker)
