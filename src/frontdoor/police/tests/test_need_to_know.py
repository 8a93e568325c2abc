"""Need to know on police records: the gates, sealed siblings shown in passing, and the
restricted records queue a notification about a sealed child lands in."""

from __future__ import annotations

from datetime import datetime

import pytest
import time_machine
from django.template.loader import render_to_string

from frontdoor.audit.models import AuditEvent
from frontdoor.conftest import make_user
from frontdoor.core.calendar import LONDON
from frontdoor.people.services import person_access_grant, person_seal
from frontdoor.people.tests.factories import make_siblings
from frontdoor.police.models import EncompassNotice, NotificationChild
from frontdoor.police.selectors import restricted_notification_children

from .helpers import row, run_import

pytestmark = pytest.mark.django_db
DAY = "/police/day/2026-11-24/"


@pytest.fixture(autouse=True)
def _tuesday_morning():
    with time_machine.travel(datetime(2026, 11, 24, 10, 0, tzinfo=LONDON), tick=False):
        yield


@pytest.fixture
def sealed_amy():
    """Amy is sealed (high-profile family); Ben, her brother, is not. Both on one notification."""
    _, amy, ben = make_siblings("Featherstone")
    person_seal(actor=None, person=amy, reason="High-profile family")
    run_import([row("PPN-001"), row("PPN-001", "Ben", dob="12/09/2018")])
    return amy, ben


@pytest.fixture
def records_manager(db):
    """A MASH manager named as a restricted-records manager: gets every sealed child's queue."""
    return make_user("records", "mash_manager", "MASH", restricted_records_manager=True)


def test_a_sealed_sibling_is_restricted_on_the_brothers_page(as_user, mash_worker, sealed_amy):
    amy, _ = sealed_amy
    ben_child = NotificationChild.objects.get(first_name="Ben")
    response = as_user(mash_worker).get(f"/police/child/{ben_child.pk}/")
    page = response.content.decode()
    assert response.status_code == 200
    assert '<h1 class="govuk-heading-l">Ben Featherstone</h1>' in page
    assert 'Other children</dt><dd class="govuk-summary-list__value">Restricted record' in page
    assert "Amy" not in page
    assert "1 May 2014" not in page


def test_someone_on_the_access_list_sees_the_sisters_name(as_user, mash_worker, sealed_amy):
    amy, _ = sealed_amy
    person_access_grant(actor=None, person=amy, user=mash_worker)
    ben_child = NotificationChild.objects.get(first_name="Ben")
    page = as_user(mash_worker).get(f"/police/child/{ben_child.pk}/").content.decode()
    assert 'Other children</dt><dd class="govuk-summary-list__value">Amy Featherstone' in page


def test_the_day_board_masks_the_sealed_sibling_and_counts_it(as_user, mash_worker, sealed_amy):
    response = as_user(mash_worker).get(DAY)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Ben Featherstone" in page
    assert "Restricted record" in page
    assert "Amy" not in page
    assert "1 child on this day's notifications is a restricted record" in page


def test_the_sealed_childs_notification_page_is_refused_and_the_refusal_audited(
    as_user, mash_worker, sealed_amy
):
    amy, _ = sealed_amy
    amy_child = NotificationChild.objects.get(person=amy)
    client = as_user(mash_worker)
    for url in (
        f"/police/child/{amy_child.pk}/",
        f"/police/child/{amy_child.pk}/match/",
        f"/police/child/{amy_child.pk}/school-nurse/",
        f"/police/notification/{amy_child.notification_id}/marac/",
        f"/police/encompass/{EncompassNotice.objects.get(child=amy_child).pk}/",
    ):
        assert client.get(url).status_code == 404, url
    assert list(
        AuditEvent.objects.filter(actor=mash_worker, action="refused")
        .order_by("pk")
        .values_list("record_type", "person_id")
    ) == [
        ("police_notification_child", amy.pk),
        ("police_notification_child", amy.pk),
        ("police_notification_child", amy.pk),
        ("police_notification", amy.pk),
        ("encompass_notice", amy.pk),
    ]


def test_an_id_that_does_not_exist_is_refused_like_a_hidden_one(as_user, mash_worker):
    assert as_user(mash_worker).get("/police/child/999999/").status_code == 404
    refusal = AuditEvent.objects.get(action="refused")
    assert (refusal.record_type, refusal.record_id) == ("police_notification_child", "999999")


def test_partners_never_reach_police_records(as_user, police_partner, sealed_amy):
    _, ben = sealed_amy
    ben_child = NotificationChild.objects.get(person=ben)
    client = as_user(police_partner)
    for url in (f"/police/child/{ben_child.pk}/", DAY, "/police/encompass/", "/police/review/"):
        assert client.get(url).status_code == 403, url


def test_opening_a_childs_page_is_audited_once_for_the_child(as_user, mash_worker, sealed_amy):
    _, ben = sealed_amy
    ben_child = NotificationChild.objects.get(person=ben)
    as_user(mash_worker).get(f"/police/child/{ben_child.pk}/")
    assert list(
        AuditEvent.objects.filter(actor=mash_worker, action="view").values_list(
            "record_type", "record_id", "person_id"
        )
    ) == [("police_notification_child", str(ben_child.pk), ben.pk)]


def test_the_day_board_is_audited_with_the_children_shown(as_user, mash_worker, sealed_amy):
    _, ben = sealed_amy
    as_user(mash_worker).get(DAY)
    event = AuditEvent.objects.get(actor=mash_worker, action="list")
    assert event.record_type == "police_screening_day"
    assert event.detail["person_ids"] == [ben.pk]


def test_a_notification_about_a_sealed_child_lands_in_the_restricted_queue(
    as_user, mash_worker, records_manager, sealed_amy
):
    """End to end through the import: a restricted-records manager (not on the access list)
    sees it, with no name; someone on the access list sees it; anyone else does not."""
    amy, _ = sealed_amy
    amy_child = NotificationChild.objects.get(person=amy)
    assert restricted_notification_children(records_manager) == [amy_child]
    assert restricted_notification_children(mash_worker) == []
    html = render_to_string(
        "police/restricted_section.html",
        {"restricted_police": restricted_notification_children(records_manager)},
    )
    assert "Police notifications (1)" in html
    assert "PPN-001" in html
    assert "24 November 2026, 08:00" in html  # received: when the import ran
    assert '24 November 2026</span> <span class="govuk-tag govuk-tag--grey">' in html
    assert f'href="/police/child/{amy_child.pk}/"' in html
    assert "Amy" not in html
    person_access_grant(actor=None, person=amy, user=mash_worker)
    assert restricted_notification_children(mash_worker) == [amy_child]


def test_an_overdue_restricted_notification_is_highlighted(records_manager):
    _, amy, _ = make_siblings("Featherstone")
    person_seal(actor=None, person=amy, reason="Adoption")
    # Received on Saturday: screened on Monday 23 November, overdue on Tuesday.
    run_import(
        [row("PPN-OLD", incident_date="20/11/2026")],
        now=datetime(2026, 11, 21, 8, 0, tzinfo=LONDON),
    )
    html = render_to_string(
        "police/restricted_section.html",
        {"restricted_police": restricted_notification_children(records_manager)},
    )
    assert '23 November 2026</span> <strong class="govuk-tag govuk-tag--red">' in html


def test_a_decided_notification_leaves_the_restricted_queue(records_manager, sealed_amy):
    amy, _ = sealed_amy
    NotificationChild.objects.filter(person=amy).update(decision="nfa")
    assert restricted_notification_children(records_manager) == []
