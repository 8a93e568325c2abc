"""Out of hours: the EDT record, its 09:00 next-working-day handover, acknowledgement by the MASH."""

from __future__ import annotations

from datetime import datetime, time

import pytest
import time_machine

from frontdoor.audit.models import AuditEvent
from frontdoor.core.calendar import LONDON
from frontdoor.out_of_hours.models import EdtRecord
from frontdoor.out_of_hours.services import edt_record_create, handover_due
from frontdoor.people.models import ChronologyEntry
from frontdoor.people.tests.factories import make_siblings

pytestmark = pytest.mark.django_db
SATURDAY_NIGHT = datetime(2026, 11, 21, 22, 30, tzinfo=LONDON)


def test_a_saturday_handover_is_due_monday_0900():
    assert handover_due(SATURDAY_NIGHT) == datetime(2026, 11, 23, 9, 0, tzinfo=LONDON)


def test_a_call_in_the_small_hours_of_a_working_day_is_due_that_morning():
    assert handover_due(datetime(2026, 11, 24, 3, 0, tzinfo=LONDON)) == datetime(
        2026, 11, 24, 9, 0, tzinfo=LONDON
    )


def test_a_friday_evening_before_a_bank_holiday_monday_is_due_tuesday():
    assert handover_due(datetime(2025, 8, 22, 19, 0, tzinfo=LONDON)) == datetime(
        2025, 8, 26, 9, 0, tzinfo=LONDON
    )


def test_the_handover_time_is_a_setting(settings):
    settings.EDT_HANDOVER_TIME = time(10, 0)
    assert handover_due(SATURDAY_NIGHT) == datetime(2026, 11, 23, 10, 0, tzinfo=LONDON)


def _form(person_pk: int) -> dict[str, str | list[str]]:
    return {
        "received_at_day": "21",
        "received_at_month": "11",
        "received_at_year": "2026",
        "received_at_time": "22:30",
        "caller_name": "PC Ray Dean",
        "caller_agency": "police",
        "caller_phone": "01632 960000",
        "address": "1 High Street",
        "request": "Child found alone.",
        "can_wait": "no",
        "risk_judgement": "Aged 6, alone at night: cannot wait.",
        "actions": ["visit", "emergency_accommodation"],
        "rationale": "No family reachable.",
    }


@time_machine.travel(datetime(2026, 11, 21, 23, 0, tzinfo=LONDON), tick=False)
def test_the_edt_worker_records_a_call_and_it_is_due_monday(as_user, edt_worker):
    _, amy, _ = make_siblings("Featherstone")
    client = as_user(edt_worker)
    response = client.post(f"/out-of-hours/new/?person={amy.pk}", _form(amy.pk))
    assert response.status_code == 302
    record = EdtRecord.objects.get()
    assert record.handover_due_at == datetime(2026, 11, 23, 9, 0, tzinfo=LONDON)
    assert record.actions == ["visit", "emergency_accommodation"]
    assert ChronologyEntry.objects.filter(person=amy, kind="out_of_hours").exists()
    page = client.post(
        f"/out-of-hours/new/?person={amy.pk}", {"actions": ["other"]}
    ).content.decode()
    for message in (
        "Enter the caller&#x27;s name",
        "Say whether it could safely wait until the next working day",
        "Enter the rationale for the decisions taken",
    ):
        assert message in page


@time_machine.travel(datetime(2026, 11, 21, 23, 0, tzinfo=LONDON), tick=False)
def test_other_action_needs_saying_what_it_was(edt_worker):
    _, amy, _ = make_siblings("Featherstone")
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        edt_record_create(
            actor=edt_worker,
            person=amy,
            received_at=SATURDAY_NIGHT,
            caller_name="X",
            caller_agency="police",
            request="r",
            can_wait=True,
            risk_judgement="j",
            actions=["other"],
            rationale="r",
        )
    assert error.value.message_dict == {"actions_other": ["Say what the other action was"]}


def _record(actor, person) -> EdtRecord:  # type: ignore[no-untyped-def]
    with time_machine.travel(datetime(2026, 11, 21, 23, 0, tzinfo=LONDON), tick=False):
        return edt_record_create(
            actor=actor,
            person=person,
            received_at=SATURDAY_NIGHT,
            caller_name="PC Ray Dean",
            caller_agency="police",
            request="Child found alone.",
            can_wait=False,
            risk_judgement="Cannot wait.",
            actions=["visit"],
            rationale="No family reachable.",
        )


def test_the_mash_acknowledges_a_handover_creating_a_contact(as_user, edt_worker, mash_worker):
    _, amy, _ = make_siblings("Featherstone")
    record = _record(edt_worker, amy)
    client = as_user(mash_worker)
    with time_machine.travel(datetime(2026, 11, 23, 8, 45, tzinfo=LONDON), tick=False):
        assert "PC Ray Dean" not in client.get("/out-of-hours/handovers/").content.decode()
        response = client.post(f"/out-of-hours/{record.pk}/acknowledge/", {"create_contact": "yes"})
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.acknowledged_by == mash_worker
    assert not record.acknowledged_late
    assert record.contact.channel == "out_of_hours"
    assert record.contact.source == "6"
    assert list(record.contact.edt_records.all()) == [record]  # the spine: a real foreign key
    assert AuditEvent.objects.filter(action="acknowledge", record_type="edt_record").exists()


def test_no_contact_needs_a_reason(as_user, edt_worker, mash_worker):
    _, amy, _ = make_siblings("Featherstone")
    record = _record(edt_worker, amy)
    page = (
        as_user(mash_worker)
        .post(f"/out-of-hours/{record.pk}/acknowledge/", {"create_contact": "no"})
        .content.decode()
    )
    assert "Enter why no contact is needed" in page


def test_managers_see_late_and_unacknowledged_handovers(as_user, edt_worker, mash_manager):
    _, amy, ben = make_siblings("Featherstone")
    late = _record(edt_worker, amy)
    _record(edt_worker, ben)
    client = as_user(mash_manager)
    with time_machine.travel(datetime(2026, 11, 23, 11, 0, tzinfo=LONDON), tick=False):
        page = client.get("/out-of-hours/handovers/").content.decode()
        assert "2 handovers not acknowledged in time" in page
        client.post(
            f"/out-of-hours/{late.pk}/acknowledge/",
            {"create_contact": "no", "note": "Family reunited."},
        )
        page = client.get("/out-of-hours/handovers/").content.decode()
    assert "1 handover not acknowledged in time" in page
    assert "Acknowledged late in the last 30 days (1)" in page


def test_partners_and_others_cannot_use_the_edt_pages(
    as_user, police_partner, mash_worker, edt_worker
):
    _, amy, _ = make_siblings("Featherstone")
    record = _record(edt_worker, amy)
    partner = as_user(police_partner)
    for url in (
        "/out-of-hours/",
        "/out-of-hours/new/",
        f"/out-of-hours/{record.pk}/",
        "/out-of-hours/handovers/",
        f"/out-of-hours/{record.pk}/acknowledge/",
    ):
        assert partner.get(url).status_code == 403
    assert as_user(mash_worker).get("/out-of-hours/new/").status_code == 403
    assert as_user(edt_worker).get("/out-of-hours/handovers/").status_code == 403


def test_the_handover_list_does_not_grow_queries(
    as_user, edt_worker, mash_manager, django_assert_max_num_queries
):
    _, amy, ben = make_siblings("Featherstone")
    _record(edt_worker, amy)
    client = as_user(mash_manager)
    with django_assert_max_num_queries(15) as small:
        client.get("/out-of-hours/handovers/")
    for _ in range(8):
        _record(edt_worker, ben)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get("/out-of-hours/handovers/")
    assert response.status_code == 200
    assert response.content.decode().count("Ben Featherstone") == 8
