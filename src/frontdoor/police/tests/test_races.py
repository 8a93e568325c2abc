"""Two people on the same police record at once: one saves, the other is told who did, and what
they typed is kept on the page. Also the guards' refusals and one-time create forms."""

from __future__ import annotations

from datetime import datetime

import pytest
import time_machine

from frontdoor.conftest import make_user
from frontdoor.core.calendar import LONDON
from frontdoor.people.tests.factories import make_siblings
from frontdoor.police.guards import can_decide, can_review_match
from frontdoor.police.models import EncompassNotice, NotificationChild, PoliceNotification

from .helpers import row, run_import

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _tuesday_morning():
    with time_machine.travel(datetime(2026, 11, 24, 10, 0, tzinfo=LONDON), tick=False):
        yield


@pytest.fixture
def dana(db):
    """A second MASH practitioner with a name of her own, to see who the message names."""
    return make_user("dana", "mash_practitioner", "MASH")


@pytest.fixture
def amy_child():
    make_siblings("Featherstone")
    run_import([row("PPN-001", dash_level="high")])
    return NotificationChild.objects.get(first_name="Amy")


def _version_on(page: str) -> str:
    marker = 'name="version" value="'
    start = page.index(marker) + len(marker)
    return page[start : page.index('"', start)]


def test_two_people_deciding_at_once_one_decision_stands(as_user, mash_worker, dana, amy_child):
    url = f"/police/child/{amy_child.pk}/"
    first, second = as_user(dana), as_user(mash_worker)
    v1, v2 = (
        _version_on(first.get(url).content.decode()),
        _version_on(second.get(url).content.decode()),
    )
    assert v1 == v2 == "1"
    won = first.post(url, {"decision": "nfa", "rationale": "Police dealt with it.", "version": v1})
    lost = second.post(
        url, {"decision": "early_help", "rationale": "Family want support.", "version": v2}
    )
    assert won.status_code == 302
    page = lost.content.decode()
    assert lost.status_code == 409
    assert "Dana Tester changed this record at 24 November 2026, 10:00 after you opened" in page
    assert "Family want support." in page  # what the loser typed is still on the page
    amy_child.refresh_from_db()
    assert (amy_child.decision, amy_child.decided_by, amy_child.version) == ("nfa", dana, 2)


def test_two_people_confirming_a_match_one_link_stands(as_user, mash_worker, dana):
    _, amy, _ = make_siblings("Featherstone")
    run_import([row("PPN-002", first="Aimee")])  # sounds alike, no postcode match: awaits review
    child = NotificationChild.objects.get(first_name="Aimee")
    assert child.needs_review and child.candidate_ids == [amy.pk]
    url = f"/police/child/{child.pk}/match/"
    first, second = as_user(dana), as_user(mash_worker)
    v1, v2 = (
        _version_on(first.get(url).content.decode()),
        _version_on(second.get(url).content.decode()),
    )
    assert first.post(url, {"person": str(amy.pk), "version": v1}).status_code == 302
    lost = second.post(url, {"create": "1", "version": v2})
    assert lost.status_code == 409
    assert "Dana Tester changed this record" in lost.content.decode()
    child.refresh_from_db()
    assert (child.person, child.match_status) == (amy, "confirmed")


def test_two_people_recording_the_marac_referral_one_stands(as_user, mash_worker, dana, amy_child):
    url = f"/police/notification/{amy_child.notification_id}/marac/"
    first, second = as_user(dana), as_user(mash_worker)
    v1, v2 = (
        _version_on(first.get(url).content.decode()),
        _version_on(second.get(url).content.decode()),
    )
    when = {
        "referred_at_day": "24",
        "referred_at_month": "11",
        "referred_at_year": "2026",
        "referred_at_time": "09:30",
    }
    assert first.post(url, {**when, "version": v1}).status_code == 302
    lost = second.post(url, {**when, "note": "Also escalating.", "version": v2})
    assert lost.status_code == 409
    assert "Dana Tester changed this record" in lost.content.decode()
    notification = PoliceNotification.objects.get()
    assert (notification.marac_referred_by, notification.version) == (dana, 2)


def test_two_people_recording_one_encompass_notice_one_stands(
    as_user, mash_worker, dana, amy_child
):
    notice = EncompassNotice.objects.get(child=amy_child)
    url = f"/police/encompass/{notice.pk}/"
    first, second = as_user(dana), as_user(mash_worker)
    v1, v2 = (
        _version_on(first.get(url).content.decode()),
        _version_on(second.get(url).content.decode()),
    )
    told = {
        "method": "phone",
        "notified_at_day": "24",
        "notified_at_month": "11",
        "notified_at_year": "2026",
        "notified_at_time": "08:15",
    }
    assert first.post(url, {**told, "told_name": "Mrs Khan, DSL", "version": v1}).status_code == 302
    lost = second.post(url, {**told, "told_name": "Mr Patel, deputy DSL", "version": v2})
    page = lost.content.decode()
    assert lost.status_code == 409
    assert "Dana Tester changed this record" in page
    assert "What you entered was not saved: Mr Patel, deputy DSL" in page
    notice.refresh_from_db()
    assert (notice.told_name, notice.recorded_by) == ("Mrs Khan, DSL", dana)


def test_a_school_nurse_sent_twice_is_added_once(as_user, mash_worker, amy_child):
    client = as_user(mash_worker)
    url = f"/police/child/{amy_child.pk}/school-nurse/"
    data = {"organisation": "Demoton school nursing", "form_token": "nurse-1"}
    first, second = client.post(url, data), client.post(url, data)
    assert first.status_code == second.status_code == 302
    assert second["Location"] == first["Location"]
    assert EncompassNotice.objects.filter(child=amy_child, recipient="school_nurse").count() == 1


def test_the_decision_guard_refuses_an_unmatched_child_and_a_second_decision(amy_child):
    unmatched = NotificationChild(person=None, decision="")
    assert can_decide(unmatched) == (
        "Confirm who this child is in the people index before recording a decision"
    )
    amy_child.decision = "nfa"
    assert can_decide(amy_child) == "A decision has already been recorded for this child"


def test_the_match_guard_refuses_a_child_already_matched(amy_child):
    assert can_review_match(amy_child) == "This child is already matched to the people index"


def test_a_second_school_nurse_is_refused_naming_the_child_and_the_first(
    as_user, mash_worker, amy_child
):
    from django.db import IntegrityError, transaction

    client = as_user(mash_worker)
    url = f"/police/child/{amy_child.pk}/school-nurse/"
    assert client.post(url, {"organisation": "Demoton school nursing"}).status_code == 302
    page = client.post(url, {"organisation": "Another nursing team"}).content.decode()
    assert (
        "Demoton school nursing is already on the list to be told about Amy Featherstone for "
        "police notification PPN-001" in page
    )
    first = EncompassNotice.objects.get(child=amy_child, recipient="school_nurse")
    with pytest.raises(IntegrityError), transaction.atomic():  # the database refuses it too
        EncompassNotice.objects.create(
            child=amy_child, recipient="school_nurse", organisation="X", due_at=first.due_at
        )
