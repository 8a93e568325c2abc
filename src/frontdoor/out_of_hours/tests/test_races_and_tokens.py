"""Out-of-hours records: the gate, one-time creation, two people acknowledging one handover."""

from __future__ import annotations

from datetime import datetime

import pytest
import time_machine

from frontdoor.audit.models import AuditEvent
from frontdoor.conftest import make_user
from frontdoor.core.calendar import LONDON
from frontdoor.intake.models import Contact
from frontdoor.out_of_hours.models import EdtRecord
from frontdoor.people.services import person_seal
from frontdoor.people.tests.factories import make_siblings

from .test_edt import _form, _record

pytestmark = pytest.mark.django_db
MONDAY_MORNING = datetime(2026, 11, 23, 8, 45, tzinfo=LONDON)


@pytest.fixture
def dana(db):
    """A second MASH practitioner with a name of her own, to see who the message names."""
    return make_user("dana", "mash_practitioner", "MASH")


@time_machine.travel(datetime(2026, 11, 21, 23, 0, tzinfo=LONDON), tick=False)
def test_an_edt_record_sent_twice_is_recorded_once(as_user, edt_worker):
    _, amy, _ = make_siblings("Featherstone")
    client = as_user(edt_worker)
    url = f"/out-of-hours/new/?person={amy.pk}"
    data = {**_form(amy.pk), "form_token": "edt-1"}
    first, second = client.post(url, data), client.post(url, data)
    record = EdtRecord.objects.get()
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"] == f"/out-of-hours/{record.pk}/"
    assert AuditEvent.objects.filter(action="create", record_type="edt_record").count() == 1


@time_machine.travel(datetime(2026, 11, 21, 23, 0, tzinfo=LONDON), tick=False)
def test_an_edt_form_with_errors_can_be_corrected_and_sent_with_the_same_token(as_user, edt_worker):
    _, amy, _ = make_siblings("Featherstone")
    client = as_user(edt_worker)
    url = f"/out-of-hours/new/?person={amy.pk}"
    bad = client.post(url, {**_form(amy.pk), "caller_name": "", "form_token": "edt-2"})
    assert bad.status_code == 200
    good = client.post(url, {**_form(amy.pk), "form_token": "edt-2"})
    assert good.status_code == 302
    assert EdtRecord.objects.count() == 1


def test_two_people_acknowledging_one_handover_make_one_contact(
    as_user, edt_worker, mash_worker, dana
):
    _, amy, _ = make_siblings("Featherstone")
    record = _record(edt_worker, amy)
    url = f"/out-of-hours/{record.pk}/acknowledge/"
    first, second = as_user(dana), as_user(mash_worker)
    with time_machine.travel(MONDAY_MORNING, tick=False):
        assert 'name="version" value="1"' in first.get(url).content.decode()
        assert 'name="version" value="1"' in second.get(url).content.decode()
        won = first.post(url, {"create_contact": "yes", "version": "1"})
        lost = second.post(
            url, {"create_contact": "no", "note": "Family reunited overnight.", "version": "1"}
        )
    assert won.status_code == 302
    page = lost.content.decode()
    assert lost.status_code == 409
    assert "Dana Tester changed this record at 23 November 2026, 08:45 after you opened" in page
    assert "Family reunited overnight." in page
    record.refresh_from_db()
    assert (record.acknowledged_by, record.version, Contact.objects.count()) == (dana, 2, 1)


def test_a_sealed_childs_edt_record_is_refused_and_left_off_the_lists(
    as_user, edt_worker, mash_worker
):
    _, amy, ben = make_siblings("Featherstone")
    hidden, shown = _record(edt_worker, amy), _record(edt_worker, ben)
    person_seal(actor=None, person=amy, reason="Staff member's child")
    client = as_user(mash_worker)
    assert client.get(f"/out-of-hours/{hidden.pk}/").status_code == 404
    assert client.get(f"/out-of-hours/{hidden.pk}/acknowledge/").status_code == 404
    refused = AuditEvent.objects.filter(action="refused", record_type="edt_record")
    assert list(refused.values_list("person_id", flat=True)) == [amy.pk, amy.pk]
    response = client.get("/out-of-hours/handovers/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Ben Featherstone" in page and "Amy" not in page
    listed = AuditEvent.objects.get(action="list", record_type="edt_handovers")
    assert listed.detail["person_ids"] == [ben.pk]
    assert client.get(f"/out-of-hours/{shown.pk}/").status_code == 200
