"""Linking children (under the people index's access rules) and the initial consideration."""

import pytest
import time_machine

from frontdoor.audit.models import AuditEvent
from frontdoor.people.models import ChronologyEntry
from frontdoor.people.services import person_seal
from frontdoor.people.tests.factories import make_adult, make_child

from .factories import at, make_referral

pytestmark = pytest.mark.django_db


def test_it_finds_and_links_a_child_and_audits_it(as_user, designated_officer):
    child = make_child("Robin", "Pupil")
    make_adult("Rita", "Pupil")
    referral = make_referral()
    client = as_user(designated_officer)
    page = client.get(f"/allegations/{referral.pk}/children/?q=Robin+Pupil").content.decode()
    assert "Robin Pupil" in page and "Rita Pupil" not in page  # children only
    response = client.post(f"/allegations/{referral.pk}/children/", {"person": child.pk})
    assert response.status_code == 302
    assert list(referral.child_links.values_list("person_id", flat=True)) == [child.pk]
    assert AuditEvent.objects.filter(action="link_child", person_id=child.pk).exists()
    entry = ChronologyEntry.objects.get(person=child, kind="lado_referral")
    assert "designated officer" in entry.summary and entry.url == ""


def test_a_sealed_child_cannot_be_found_or_linked(as_user, designated_officer):
    child = make_child("Sealed", "Pupil")
    person_seal(actor=None, person=child, reason="High profile")
    referral = make_referral()
    client = as_user(designated_officer)
    page = client.get(f"/allegations/{referral.pk}/children/?q=Sealed+Pupil").content.decode()
    assert "0 children found" in page
    assert (
        client.post(f"/allegations/{referral.pk}/children/", {"person": child.pk}).status_code
        == 404
    )
    assert referral.child_links.count() == 0
    assert AuditEvent.objects.filter(action="refused", person_id=child.pk).exists()


@time_machine.travel("2026-11-03 09:00:00+00:00", tick=False)
def test_it_records_the_initial_consideration_on_time(as_user, designated_officer):
    referral = make_referral(received_at=at(2026, 11, 2, 10))
    client = as_user(designated_officer)
    page = client.get(f"/allegations/{referral.pk}/initial-consideration/").content.decode()
    assert "3 November 2026, 10:00" in page  # due one working day after receipt
    data = {
        "nature_and_context": "Restraint in class",
        "history": "None known",
        "police_needed": "no",
        "s47_needed": "no",
        "stay_in_role": "suspended",
        "alternatives_considered": "",
        "hold_meeting": "yes",
        "rationale": "Harm test met",
    }
    page = client.post(f"/allegations/{referral.pk}/initial-consideration/", data)
    assert "Say what alternatives to suspension were considered" in page.content.decode()
    data["alternatives_considered"] = "Redeployment considered; not possible in a small school"
    response = client.post(f"/allegations/{referral.pk}/initial-consideration/", data)
    assert response.status_code == 302
    referral.refresh_from_db()
    consideration = referral.initial_consideration
    assert consideration.on_time and consideration.hold_meeting is True
    assert consideration.stay_in_role == "suspended"
    assert AuditEvent.objects.filter(action="initial_consideration").count() == 1


def test_the_childs_page_shows_linked_allegations_only_to_the_designated_officer(
    as_user, designated_officer, mash_worker
):
    from frontdoor.allegations.services import allegation_child_add

    child = make_child("Robin", "Pupil")
    referral = make_referral()
    allegation_child_add(actor=designated_officer, allegation=referral, person=child)
    lado_page = as_user(designated_officer).get(f"/people/{child.pk}/").content.decode()
    assert "Allegations (designated officer)" in lado_page and referral.reference in lado_page
    mash_page = as_user(mash_worker).get(f"/people/{child.pk}/").content.decode()
    assert referral.reference not in mash_page and "Allegations (designated" not in mash_page
    assert "Child involved in a referral to the designated officer (LADO)" in mash_page
