"""Every view of a child's record through the police, out-of-hours and exploitation pages is audited, and the person page shows them."""

from __future__ import annotations

from datetime import datetime

import pytest
import time_machine

from frontdoor.audit.models import AuditEvent
from frontdoor.core.calendar import LONDON
from frontdoor.exploitation.scoring import INDICATORS
from frontdoor.exploitation.services import exploitation_screening_create
from frontdoor.people.tests.factories import make_siblings
from frontdoor.police.models import EncompassNotice, NotificationChild

from .helpers import row, run_import

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _tuesday_morning():
    with time_machine.travel(datetime(2026, 11, 24, 10, 0, tzinfo=LONDON), tick=False):
        yield


def test_opening_a_childs_notification_is_audited_through_the_gate(as_user, mash_worker):
    _, amy, _ = make_siblings("Featherstone")
    run_import([row("PPN-001")])
    child = NotificationChild.objects.get()
    as_user(mash_worker).get(f"/police/child/{child.pk}/")
    assert AuditEvent.objects.filter(
        actor=mash_worker,
        action="view",
        record_type="police_notification_child",
        record_id=str(child.pk),
        person_id=amy.pk,
    ).exists()


def test_recording_an_encompass_notice_is_audited(as_user, mash_worker):
    _, amy, _ = make_siblings("Featherstone")
    run_import([row("PPN-001")])
    notice = EncompassNotice.objects.get()
    as_user(mash_worker).post(
        f"/police/encompass/{notice.pk}/",
        {
            "told_name": "Pat Lead",
            "method": "phone",
            "notified_at_day": "24",
            "notified_at_month": "11",
            "notified_at_year": "2026",
            "notified_at_time": "08:00",
        },
    )
    assert AuditEvent.objects.filter(
        action="update", record_type="encompass_notice", record_id=str(notice.pk), person_id=amy.pk
    ).exists()


def test_the_person_page_shows_police_and_exploitation_sections(as_user, mash_worker):
    _, amy, _ = make_siblings("Featherstone")
    run_import([row("PPN-001")])
    exploitation_screening_create(
        actor=mash_worker, person=amy, answers={c: "no" for c in INDICATORS}
    )
    page = as_user(mash_worker).get(f"/people/{amy.pk}/").content.decode()
    assert '<h2 class="govuk-heading-m">Police notifications</h2>' in page
    assert '<h2 class="govuk-heading-m">Exploitation screening</h2>' in page
    assert "PPN-001" in page
    assert "Latest: no current risk" in page
    assert AuditEvent.objects.filter(
        action="create", record_type="exploitation_screening", person_id=amy.pk
    ).exists()
