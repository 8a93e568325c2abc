"""Sealing and unsealing a person's record from its pages: who may, the reason, the access list
chosen at sealing, the history kept, every step audited, and races and double submits."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from frontdoor.audit.models import AuditEvent
from frontdoor.people.guards import seal_refusal, unseal_refusal
from frontdoor.people.models import Person, PersonAccess, Seal
from frontdoor.people.services import person_seal, person_unseal

from .factories import make_child, make_siblings

pytestmark = pytest.mark.django_db


def listed(person):  # type: ignore[no-untyped-def]
    return set(PersonAccess.objects.filter(person=person).values_list("user__username", flat=True))


def test_a_manager_seals_a_record_choosing_its_access_list(
    as_user, mash_manager, mash_worker, outsider
):
    child = make_child("Leo", "Stewart")
    client = as_user(mash_manager)
    form = client.get(f"/people/{child.pk}/seal/").content.decode()
    assert "Mash Tester" in form and 'value="1"' in form  # candidates and the version
    response = client.post(
        f"/people/{child.pk}/seal/",
        {"reason": "Child of a MASH staff member", "access": [mash_worker.pk], "version": 1},
    )
    assert response.status_code == 302
    assert response["Location"] == f"/people/{child.pk}/access/"
    child.refresh_from_db()
    assert (child.sealed, child.version, child.changed_by) == (True, 2, mash_manager)
    seal = Seal.objects.get(person=child)
    assert (seal.reason, seal.sealed_by, seal.unsealed_at, seal.reviewed_at) == (
        "Child of a MASH staff member",
        mash_manager,
        None,
        None,
    )
    assert seal.sealed_at.date() == timezone.now().date()
    assert listed(child) == {"mash_manager", "mash_worker"}
    events = list(
        AuditEvent.objects.filter(person_id=child.pk, action__in=["seal", "access_grant"])
        .order_by("id")
        .values_list("action", "detail")
    )
    assert events == [
        ("seal", {"reason": "Child of a MASH staff member", "seal": seal.pk}),
        ("access_grant", {"user": "mash_manager"}),
        ("access_grant", {"user": "mash_worker"}),
    ]
    assert as_user(outsider).get(f"/people/{child.pk}/").status_code == 404
    assert as_user(mash_worker).get(f"/people/{child.pk}/").status_code == 200
    access_page = client.get(f"/people/{child.pk}/access/").content.decode()
    assert "sealed since" in access_page and "(Child of a MASH staff member)" in access_page


def test_a_restricted_records_manager_who_is_a_practitioner_may_seal_and_unseal(
    as_user, records_practitioner
):
    child = make_child("Tia", "Moss")
    client = as_user(records_practitioner)
    client.post(f"/people/{child.pk}/seal/", {"reason": "Witness in a trial", "version": 1})
    assert listed(child) == {"records_practitioner"}  # the person sealing it is always listed
    response = client.post(f"/people/{child.pk}/unseal/", {"reason": "Trial over", "version": 2})
    assert response.status_code == 302
    assert Person.objects.get(pk=child.pk).sealed is False


def test_a_practitioner_may_not_seal_or_unseal_and_the_refusal_is_audited(
    as_user, mash_worker, mash_manager
):
    child = make_child("Not", "Allowed")
    client = as_user(mash_worker)
    assert client.get(f"/people/{child.pk}/seal/").status_code == 403
    assert (
        client.post(f"/people/{child.pk}/seal/", {"reason": "x", "version": 1}).status_code == 403
    )
    assert (
        AuditEvent.objects.filter(
            actor=mash_worker, action="refused", record_id=f"/people/{child.pk}/seal/"
        ).count()
        == 2
    )
    person_seal(actor=mash_manager, person=child, reason="Adoption", access=[mash_worker])
    assert (
        client.post(f"/people/{child.pk}/unseal/", {"reason": "x", "version": 2}).status_code == 403
    )
    assert Person.objects.get(pk=child.pk).sealed is True


def test_a_manager_not_on_the_list_cannot_reach_the_unseal_page(
    as_user, mash_manager, records_manager
):
    child = make_child("Hidden", "Name")
    person_seal(actor=records_manager, person=child, reason="High-profile family")
    response = as_user(mash_manager).get(f"/people/{child.pk}/unseal/")
    assert response.status_code == 404
    assert "Hidden" not in response.content.decode()
    assert AuditEvent.objects.filter(
        actor=mash_manager, action="refused", person_id=child.pk
    ).exists()


def test_sealing_needs_a_reason_next_to_the_field(as_user, mash_manager):
    child = make_child()
    response = as_user(mash_manager).post(
        f"/people/{child.pk}/seal/", {"reason": "  ", "version": 1}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert 'href="#id_reason">Enter why this record is being sealed' in body
    assert not Seal.objects.exists()


def test_the_same_seal_form_sent_twice_seals_once(as_user, mash_manager):
    child = make_child()
    client = as_user(mash_manager)
    data = {"reason": "Adoption", "version": 1, "form_token": "seal-token-1"}
    first = client.post(f"/people/{child.pk}/seal/", data)
    again = client.post(f"/people/{child.pk}/seal/", data)
    assert first.status_code == again.status_code == 302
    assert again["Location"] == first["Location"] == f"/people/{child.pk}/access/"
    assert Seal.objects.filter(person=child).count() == 1
    assert AuditEvent.objects.filter(action="seal", person_id=child.pk).count() == 1


def test_two_managers_sealing_at_once_make_one_seal_and_the_second_is_told(
    as_user, mash_manager, records_manager
):
    child = make_child("Two", "Sealers")
    first, second = as_user(mash_manager), as_user(records_manager)
    first.get(f"/people/{child.pk}/seal/")
    second.get(f"/people/{child.pk}/seal/")
    # The first puts the second on the list (otherwise the second is refused with 404 once sealed).
    saved = first.post(
        f"/people/{child.pk}/seal/",
        {"reason": "Adoption", "access": [records_manager.pk], "version": 1},
    )
    stale = second.post(f"/people/{child.pk}/seal/", {"reason": "Staff child", "version": 1})
    assert saved.status_code == 302
    assert stale.status_code == 409
    body = stale.content.decode()
    assert "Mash Tester changed this record at" in body
    assert "Staff child" in body  # what the second manager typed is kept
    assert list(Seal.objects.values_list("reason", flat=True)) == ["Adoption"]


def test_a_seal_lost_in_a_race_past_the_guard_is_named_by_the_database(
    as_user, mash_manager, records_manager
):
    child = make_child("Leo", "Stewart")
    # Another session's seal row landed between the guard and the insert (the flag not yet set).
    Seal.objects.create(
        person=child,
        reason="Staff child",
        sealed_at=timezone.make_aware(timezone.datetime(2026, 3, 3, 10, 0)),
        sealed_by=records_manager,
    )
    response = as_user(mash_manager).post(
        f"/people/{child.pk}/seal/", {"reason": "Adoption", "version": 1}
    )
    assert "Leo Stewart&#x27;s record is already sealed, since 3 March 2026" in (
        response.content.decode()
    )
    assert Person.objects.get(pk=child.pk).sealed is False
    assert Seal.objects.filter(person=child).count() == 1


def test_unsealing_keeps_the_history_clears_the_list_and_is_audited(
    as_user, mash_manager, mash_worker, outsider
):
    child = make_child("Amy", "Open")
    person_seal(
        actor=mash_manager, person=child, reason="Adoption", access=[mash_manager, mash_worker]
    )
    client = as_user(mash_manager)
    missing = client.post(f"/people/{child.pk}/unseal/", {"reason": "", "version": 2})
    assert "Enter why this record no longer needs to be sealed" in missing.content.decode()
    response = client.post(
        f"/people/{child.pk}/unseal/", {"reason": "Adoption order refused", "version": 2}
    )
    assert response.status_code == 302
    child.refresh_from_db()
    seal = Seal.objects.get(person=child)
    assert (child.sealed, child.version) == (False, 3)
    assert (seal.unsealed_by, seal.unseal_reason) == (mash_manager, "Adoption order refused")
    assert listed(child) == set()
    unseal = AuditEvent.objects.get(action="unseal", person_id=child.pk)
    assert (unseal.actor, unseal.detail) == (
        mash_manager,
        {"reason": "Adoption order refused", "seal": seal.pk},
    )
    revoked = set(
        AuditEvent.objects.filter(action="access_revoke", person_id=child.pk).values_list(
            "detail__user", flat=True
        )
    )
    assert revoked == {"mash_manager", "mash_worker"}
    assert as_user(outsider).get(f"/people/{child.pk}/").status_code == 200
    page = client.get(f"/people/{child.pk}/").content.decode()
    assert "Sealing history" in page
    assert "Adoption order refused" in page


def test_two_managers_unsealing_at_once_are_told_who_did_it_first(
    as_user, mash_manager, records_manager
):
    child = make_child()
    person_seal(
        actor=mash_manager,
        person=child,
        reason="Adoption",
        access=[mash_manager, records_manager],
    )
    first, second = as_user(mash_manager), as_user(records_manager)
    assert (
        first.post(f"/people/{child.pk}/unseal/", {"reason": "Done", "version": 2}).status_code
        == 302
    )
    stale = second.post(f"/people/{child.pk}/unseal/", {"reason": "Also done", "version": 2})
    # The record is no longer sealed, so the second manager (no longer listed) may see it again.
    assert stale.status_code == 409
    assert "Mash Tester changed this record at" in stale.content.decode()
    assert Seal.objects.get(person=child).unseal_reason == "Done"


def test_the_guards_refuse_with_a_reason(mash_manager, mash_worker):
    child = make_child()
    assert seal_refusal(actor=mash_worker, person=child) == (
        "Only a MASH manager or a restricted-records manager can seal a record. "
        "Ask one of them to seal it"
    )
    assert unseal_refusal(actor=mash_manager, person=child) == (
        "This record is not sealed, so there is nothing to unseal"
    )
    assert unseal_refusal(actor=mash_worker, person=child) == (
        "Only a MASH manager or a restricted-records manager can unseal a record. "
        "Ask one of them to unseal it"
    )
    person_seal(actor=mash_manager, person=child, reason="Adoption")
    assert seal_refusal(actor=mash_manager, person=child) == (
        "This record is already sealed. Change who can see it on its access list"
    )
    assert seal_refusal(actor=mash_manager, person=make_child("Other", "Child")) is None
    with pytest.raises(ValidationError) as error:
        person_seal(actor=mash_manager, person=child, reason="Again")
    assert error.value.messages == [
        "This record is already sealed. Change who can see it on its access list"
    ]
    with pytest.raises(ValidationError):
        person_unseal(actor=mash_worker, person=child, reason="No")


def test_the_seal_page_of_a_sealed_record_says_so_instead_of_a_form(as_user, mash_manager):
    child = make_child()
    person_seal(actor=mash_manager, person=child, reason="Adoption", access=[mash_manager])
    body = as_user(mash_manager).get(f"/people/{child.pk}/seal/").content.decode()
    assert "This record is already sealed. Change who can see it on its access list." in body
    assert "Seal the record</button>" not in body


def test_the_person_page_of_a_sealed_sibling_stays_restricted_after_sealing_by_page(
    as_user, mash_manager, outsider
):
    _, amy, ben = make_siblings("Quill")
    as_user(mash_manager).post(f"/people/{ben.pk}/seal/", {"reason": "Adoption", "version": 1})
    page = as_user(outsider).get(f"/people/{amy.pk}/")
    body = page.content.decode()
    assert page.status_code == 200
    assert "Ben" not in body
    assert "Restricted record" in body
    assert date(2018, 9, 12).strftime("%B %Y") not in body


def test_the_database_keeps_one_open_seal_per_person_and_reasons(mash_manager):
    child = make_child()
    now = timezone.now()
    Seal.objects.create(person=child, reason="First", sealed_at=now)
    with pytest.raises(IntegrityError), transaction.atomic():
        Seal.objects.create(person=child, reason="Second", sealed_at=now)
    with pytest.raises(IntegrityError), transaction.atomic():
        Seal.objects.create(person=make_child("B", "B"), reason="", sealed_at=now)
    with pytest.raises(IntegrityError), transaction.atomic():
        Seal.objects.filter(person=child).update(unsealed_at=now)  # closed without a reason
    Seal.objects.filter(person=child).update(unsealed_at=now, unseal_reason="Ended")
    Seal.objects.create(person=child, reason="Sealed again", sealed_at=now)  # one open again
    assert Seal.objects.filter(person=child).count() == 2
