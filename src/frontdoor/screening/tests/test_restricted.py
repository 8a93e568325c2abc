"""Need to know: a sealed sibling shows as "Restricted record" on every page that shows the
other children, and a contact about a sealed child never disappears: it lands in the restricted
records queue of the child's access list (or the restricted-records managers), counted in the MASH
queue with no details. Partners never reach a child's record."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from frontdoor.accounts.roles import Role
from frontdoor.audit.models import AuditEvent
from frontdoor.conftest import make_user
from frontdoor.intake.models import Contact
from frontdoor.people.services import person_access_grant, person_seal
from frontdoor.people.tests.factories import make_child, make_contact, make_siblings
from frontdoor.screening import services

from .helpers import DECISION, start

pytestmark = pytest.mark.django_db

PARTNER_FORM = {
    "first_name": "Jon",
    "last_name": "Smith",
    "date_of_birth_day": "3",
    "date_of_birth_month": "2",
    "date_of_birth_year": "2016",
    "concerns": "Bruise on the cheek; said dad hit him.",
    "categories": ["physical"],
    "parents_aware": "no",
}


def recent():
    return timezone.now() - timedelta(minutes=30)


@pytest.fixture
def holder(db):
    """A practitioner on the sealed child's access list."""
    return make_user("holder_worker", Role.MASH_PRACTITIONER, "MASH")


@pytest.fixture
def records_manager(db):
    """A named MASH manager holding restricted records (the flag, not the role, gives it)."""
    return make_user("records_manager", Role.MASH_MANAGER, "MASH", restricted_records_manager=True)


def test_the_flag_gives_the_restricted_records_capability(mash_manager, records_manager):
    assert records_manager.can("restricted_records") and not mash_manager.can("restricted_records")
    partner = make_user("flagged_partner", Role.PARTNER, restricted_records_manager=True)
    assert not partner.can("restricted_records")


def test_a_sealed_sibling_is_masked_on_the_screening_page(
    as_user, outsider, mash_worker, mash_manager
):
    _, amy, ben = make_siblings("Hidden")
    earlier = make_contact([amy, ben], received_at=recent() - timedelta(days=40))
    contact = make_contact([amy, ben], received_at=recent())
    amy_screening, ben_screening = start(mash_worker, contact)
    services.decision_record(
        actor=mash_worker, screening=ben_screening, outcome="advice", **DECISION
    )
    person_seal(actor=mash_manager, person=ben, reason="Adopted: sealed record")
    body = as_user(outsider).get(f"/screening/{amy_screening.pk}/").content.decode()
    assert "Screening for Amy Hidden" in body
    assert "Ben Hidden" not in body
    assert "Information, advice or signposting" not in body  # Ben's decision
    # The sibling, and on the earlier contact: its date, the child and its outcome.
    assert body.count("Restricted record") == 4
    assert f"/contacts/{earlier.pk}/" not in body
    assert as_user(outsider).get(f"/screening/{ben_screening.pk}/").status_code == 404


def test_the_access_list_sees_the_sibling_by_name(as_user, holder, mash_worker, mash_manager):
    _, amy, ben = make_siblings("Listed")
    amy_screening, _ = start(mash_worker, make_contact([amy, ben], received_at=recent()))
    person_seal(actor=mash_manager, person=ben, reason="Adopted: sealed record")
    person_access_grant(actor=mash_manager, person=ben, user=holder)
    body = as_user(holder).get(f"/screening/{amy_screening.pk}/").content.decode()
    assert "Ben Listed" in body and "Restricted record" not in body


def test_the_trays_leave_out_a_sealed_sibling_and_hold_the_contact(as_user, outsider, mash_manager):
    _, amy, ben = make_siblings("Tray")
    make_contact([amy, ben], received_at=recent())
    person_seal(actor=mash_manager, person=ben, reason="Adopted: sealed record")
    body = as_user(outsider).get("/screening/?tray=queue").content.decode()
    assert "Amy Tray" in body and "Ben Tray" not in body
    assert "Held as a restricted contact" in body
    listed = AuditEvent.objects.get(actor=outsider, action="list", record_type="work_tray")
    assert listed.detail == {"tray": "queue", "page": 1, "person_ids": [amy.pk]}


def test_a_partner_concern_about_a_sealed_child_lands_in_the_restricted_queue(
    as_user, police_partner, outsider, holder, records_manager, mash_manager
):
    jon = make_child("John", "Smith", date(2016, 2, 3))
    person_seal(actor=mash_manager, person=jon, reason="Witness protection")
    person_access_grant(actor=mash_manager, person=jon, user=holder)
    sent = as_user(police_partner).post("/contacts/submit/", PARTNER_FORM)
    contact = Contact.objects.get()
    assert sent.status_code == 302 and sent.url == f"/contacts/submitted/{contact.pk}/"
    assert list(contact.children.values_list("person_id", flat=True)) == [jon.pk]

    queue = as_user(outsider).get("/contacts/queue/").content.decode()
    assert "1 restricted contact — held by Holder Tester" in queue
    assert "John Smith" not in queue and "Jon Smith" not in queue
    assert "Bruise" not in queue
    assert as_user(outsider).get("/screening/restricted/").status_code == 403
    assert AuditEvent.objects.filter(
        actor=outsider, action="refused", record_id="/screening/restricted/"
    ).exists()
    assert as_user(outsider).get(f"/contacts/{contact.pk}/").status_code == 404

    mine = as_user(holder).get("/screening/restricted/").content.decode()
    assert "John Smith" in mine and f"/contacts/{contact.pk}/" in mine
    assert "Police notifications" in mine
    held = as_user(records_manager).get("/screening/restricted/").content.decode()
    assert f"Contact {contact.pk}" in held and "Restricted record" in held
    assert "John Smith" not in held and "fd-deadline" in held
    assert as_user(holder).get(f"/contacts/{contact.pk}/").status_code == 200

    page = as_user(police_partner).get(f"/contacts/submitted/{contact.pk}/").content.decode()
    assert "Jon Smith" in page and "Not decided yet" in page
    assert as_user(police_partner).get(f"/people/{jon.pk}/").status_code == 404


def test_with_an_empty_access_list_the_restricted_records_managers_hold_it(
    as_user, police_partner, outsider, records_manager, mash_manager
):
    jon = make_child("John", "Smith", date(2016, 2, 3))
    person_seal(actor=mash_manager, person=jon, reason="Witness protection")
    as_user(police_partner).post("/contacts/submit/", PARTNER_FORM)
    queue = as_user(outsider).get("/contacts/queue/").content.decode()
    assert "1 restricted contact — held by Records Tester" in queue
    held = as_user(records_manager).get("/screening/restricted/").content.decode()
    assert "Access list empty" in held and "John Smith" not in held


def test_an_overdue_restricted_contact_is_highlighted(as_user, holder, mash_manager):
    child = make_child("Late", "Sealed")
    make_contact([child], received_at=timezone.now() - timedelta(days=5))
    person_seal(actor=mash_manager, person=child, reason="Witness protection")
    person_access_grant(actor=mash_manager, person=child, user=holder)
    body = as_user(holder).get("/screening/restricted/").content.decode()
    assert "fd-overdue-row" in body and "Late Sealed" in body
    listed = AuditEvent.objects.get(actor=holder, record_type="restricted_records")
    assert listed.detail == {"person_ids": [child.pk]}


def test_partners_reach_only_their_own_submission(as_user, police_partner):
    as_user(police_partner).post("/contacts/submit/", PARTNER_FORM)
    mine = Contact.objects.get()
    other = make_contact([make_child("Other", "Case")], source="6")
    client = as_user(police_partner)
    assert client.get(f"/contacts/submitted/{mine.pk}/").status_code == 200
    assert client.get(f"/contacts/submitted/{other.pk}/").status_code == 404
    assert client.get(f"/contacts/{mine.pk}/").status_code == 403
    assert AuditEvent.objects.filter(
        actor=police_partner,
        action="refused",
        record_type="partner_submission",
        record_id=str(other.pk),
    ).exists()
    partner = make_user("other_partner", Role.PARTNER, agency="police")
    assert as_user(partner).get(f"/contacts/submitted/{mine.pk}/").status_code == 404
