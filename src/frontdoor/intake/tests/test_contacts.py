"""Recording contacts: the clock from receipt, refusals with nothing saved, the MASH queue."""

from datetime import datetime, timedelta

import pytest
import time_machine
from django.utils import timezone

from frontdoor.audit.models import AuditEvent
from frontdoor.core.calendar import LONDON
from frontdoor.intake.models import Contact, ContactChild
from frontdoor.intake.services import contact_decision_deadline
from frontdoor.people.models import ChronologyEntry
from frontdoor.people.tests.factories import make_child, make_contact, make_siblings

pytestmark = pytest.mark.django_db


def post_data(children, **overrides):
    data = {
        "children": [str(c.pk) for c in children],
        "received_at_day": "24",
        "received_at_month": "11",
        "received_at_year": "2026",
        "received_at_time": "10:15",
        "channel": "phone",
        "source": "2A",
        "source_organisation": "Demoton Primary",
        "referrer_name": "Pat Teacher",
        "concerns": "Came to school hungry.",
        "categories": ["neglect"],
        "parents_aware": "no",
    }
    data.update(overrides)
    return data


@time_machine.travel(datetime(2026, 11, 26, 12, tzinfo=LONDON), tick=False)
def test_a_contact_about_two_siblings_records_each_child(as_user, mash_worker):
    _, amy, ben = make_siblings()
    response = as_user(mash_worker).post(f"/contacts/new/?person={amy.pk}", post_data([amy, ben]))
    contact = Contact.objects.get()
    assert response.status_code == 302
    assert set(ContactChild.objects.values_list("person_id", flat=True)) == {amy.pk, ben.pk}
    assert contact.received_at == datetime(2026, 11, 24, 10, 15, tzinfo=LONDON)
    assert contact.decision_due_at == datetime(2026, 11, 25, 10, 15, tzinfo=LONDON)
    assert ChronologyEntry.objects.filter(kind="contact").count() == 2
    assert AuditEvent.objects.filter(record_type="contact", action="create").count() == 2


def test_the_form_lists_the_household_children(as_user, mash_worker):
    _, amy, ben = make_siblings()
    body = as_user(mash_worker).get(f"/contacts/new/?person={amy.pk}").content.decode()
    assert "Amy Sibling" in body and "Ben Sibling" in body and "Mary Sibling" not in body


def test_a_contact_without_any_child_is_refused_and_nothing_saved(as_user, mash_worker):
    _, amy, _ = make_siblings()
    response = as_user(mash_worker).post(f"/contacts/new/?person={amy.pk}", post_data([]))
    assert "Select at least one child the contact is about" in response.content.decode()
    assert Contact.objects.count() == 0 and ContactChild.objects.count() == 0


@time_machine.travel(datetime(2026, 11, 26, 12, tzinfo=LONDON), tick=False)
def test_a_receipt_time_in_the_future_is_refused_and_nothing_saved(as_user, mash_worker):
    child = make_child()
    response = as_user(mash_worker).post(
        f"/contacts/new/?person={child.pk}", post_data([child], received_at_day="27")
    )
    assert "Date and time received must be now or in the past" in response.content.decode()
    assert Contact.objects.count() == 0
    assert not ChronologyEntry.objects.exists()


def test_a_bad_time_gets_a_clear_message(as_user, mash_worker):
    child = make_child()
    response = as_user(mash_worker).post(
        f"/contacts/new/?person={child.pk}", post_data([child], received_at_time="25:99")
    )
    assert "must have a real 24-hour time, like 09:30 or 14:05" in response.content.decode()


def test_a_non_professional_referrer_is_marked_confidential(mash_worker):
    contact = make_contact(
        [make_child()], source="1A", referrer_name="A Neighbour", source_organisation=""
    )
    assert contact.referrer_confidential
    anonymous = make_contact(
        [make_child("Other")], source="9", anonymous=True, referrer_name="Someone"
    )
    assert anonymous.anonymous and anonymous.referrer_name == ""


def test_deadline_over_a_bank_holiday_weekend():
    # Friday 22 August 2025 16:00: Monday 25th is the summer bank holiday, so due Tuesday 16:00.
    due = contact_decision_deadline(datetime(2025, 8, 22, 16, tzinfo=LONDON))
    assert due == datetime(2025, 8, 26, 16, tzinfo=LONDON)


@time_machine.travel(datetime(2026, 11, 26, 12, tzinfo=LONDON), tick=False)
def test_the_queue_orders_by_deadline_and_highlights_overdue(as_user, mash_worker):
    late = make_contact([make_child("Late", "One")], received_at=timezone.now() - timedelta(days=3))
    make_contact([make_child("Fresh", "Two")], received_at=timezone.now() - timedelta(hours=1))
    body = as_user(mash_worker).get("/contacts/queue/").content.decode()
    assert body.index("Late One") < body.index("Fresh Two")
    assert "1 contact overdue for a decision" in body
    assert "fd-overdue-row" in body
    assert late.decision_due_at < timezone.now()


def test_queue_query_count_does_not_grow_with_rows(
    as_user, mash_worker, django_assert_max_num_queries
):
    client = as_user(mash_worker)
    for i in range(3):
        make_contact(list(make_siblings(f"Few{i}")[1:]))
    with django_assert_max_num_queries(14) as small:
        response = client.get("/contacts/queue/")
    assert response.status_code == 200 and "Amy Few2" in response.content.decode()
    for i in range(20):
        make_contact(list(make_siblings(f"Many{i}")[1:]))
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get("/contacts/queue/")
    body = response.content.decode()
    assert response.status_code == 200 and "Amy Many19" in body and "Ben Many19" in body
    listed = AuditEvent.objects.filter(actor=mash_worker, action="list", record_type="mash_queue")
    assert [len(e.detail["person_ids"]) for e in listed.order_by("pk")] == [6, 46]


def test_partners_see_only_what_they_submitted_and_never_the_queue(
    as_user, police_partner, mash_worker
):
    mine = make_contact(
        [make_child("Partner", "Case")], source="6", submitted_by_partner=police_partner
    )
    make_contact([make_child("Other", "Case")], source="6")
    client = as_user(police_partner)
    body = client.get("/contacts/submitted/").content.decode()
    assert f"FD-{mine.pk}" in body and body.count("FD-") == 1
    assert client.get("/contacts/queue/").status_code == 403
    assert client.get(f"/contacts/{mine.pk}/").status_code == 403


def test_a_contact_page_is_refused_when_every_child_is_sealed_from_the_user(
    as_user, outsider, mash_manager
):
    from frontdoor.people.services import person_seal

    child = make_child()
    contact = make_contact([child])
    person_seal(actor=mash_manager, person=child, reason="Conflict of interest")
    assert as_user(outsider).get(f"/contacts/{contact.pk}/").status_code == 404
    assert AuditEvent.objects.filter(
        actor=outsider, action="refused", record_type="contact"
    ).exists()
