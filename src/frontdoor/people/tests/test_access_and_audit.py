"""Need-to-know access to a person's record, and the audit of every view and refusal."""

import pytest

from frontdoor.audit.models import AuditEvent, AuditIsAppendOnly
from frontdoor.people.services import person_access_grant, person_access_revoke, person_seal

from .factories import make_child

pytestmark = pytest.mark.django_db


def test_every_person_view_writes_exactly_one_audit_row(as_user, mash_worker):
    child = make_child("Lily", "Brook")
    before = AuditEvent.objects.count()
    response = as_user(mash_worker).get(f"/people/{child.pk}/")
    assert response.status_code == 200
    events = AuditEvent.objects.order_by("id")[before:]
    assert len(events) == 1
    event = events[0]
    assert (event.actor, event.action, event.record_type, event.record_id, event.person_id) == (
        mash_worker,
        "view",
        "person",
        str(child.pk),
        child.pk,
    )
    assert event.actor_role == "mash_practitioner"
    assert event.client_address == "127.0.0.1"
    assert len(event.request_id) == 36


def test_a_partner_user_is_refused_a_childs_record_without_leaking_it_exists(
    as_user, police_partner
):
    child = make_child("Secretive", "Wren")
    client = as_user(police_partner)
    existing = client.get(f"/people/{child.pk}/")
    missing = client.get("/people/999999/")
    assert existing.status_code == missing.status_code == 404
    assert (
        AuditEvent.objects.filter(
            actor=police_partner, action="refused", person_id=child.pk
        ).count()
        == 1
    )
    assert "Wren" not in existing.content.decode()


def test_a_user_outside_a_sealed_persons_list_gets_404_like_a_missing_record(
    as_user, outsider, mash_manager
):
    child = make_child("Sealed", "Person")
    person_seal(actor=mash_manager, person=child, reason="Staff member's child")
    person_access_grant(actor=mash_manager, person=child, user=mash_manager)
    client = as_user(outsider)
    sealed = client.get(f"/people/{child.pk}/")
    missing = client.get("/people/999999/")
    assert sealed.status_code == missing.status_code == 404
    assert "Sealed" not in sealed.content.decode()
    refusal = AuditEvent.objects.get(actor=outsider, action="refused", record_id=str(child.pk))
    assert refusal.person_id == child.pk
    assert as_user(mash_manager).get(f"/people/{child.pk}/").status_code == 200


def test_sealed_people_do_not_appear_in_search_for_others(as_user, outsider, mash_manager):
    child = make_child("Hidden", "Quill")
    person_seal(actor=mash_manager, person=child, reason="High-profile family")
    response = as_user(outsider).get("/people/", {"q": "Hidden Quill"})
    assert f"/people/{child.pk}/" not in response.content.decode()
    assert "0 results" in response.content.decode()
    person_access_grant(actor=mash_manager, person=child, user=outsider)
    response = as_user(outsider).get("/people/", {"q": "Hidden Quill"})
    assert f"/people/{child.pk}/" in response.content.decode()


def test_changes_to_the_access_list_are_audited(mash_manager, outsider):
    child = make_child()
    person_access_grant(actor=mash_manager, person=child, user=outsider)
    person_access_revoke(actor=mash_manager, person=child, user=outsider)
    actions = list(
        AuditEvent.objects.filter(record_type="person_access")
        .order_by("id")
        .values_list("action", "detail")
    )
    assert actions == [
        ("access_grant", {"user": "outsider"}),
        ("access_revoke", {"user": "outsider"}),
    ]


def test_access_list_page_adds_and_removes_users_for_managers_only(
    as_user, mash_manager, outsider, mash_worker
):
    child = make_child()
    person_seal(actor=mash_manager, person=child, reason="Adoption")
    person_access_grant(actor=mash_manager, person=child, user=mash_manager)
    client = as_user(mash_manager)
    assert client.post(f"/people/{child.pk}/access/", {"username": "nobody"}).status_code == 200
    client.post(f"/people/{child.pk}/access/", {"username": "outsider"})
    assert child.access_list.filter(user=outsider).exists()
    client.post(f"/people/{child.pk}/access/", {"remove": outsider.pk})
    assert not child.access_list.filter(user=outsider).exists()
    assert as_user(mash_worker).get(f"/people/{child.pk}/access/").status_code == 403


def test_audit_rows_cannot_be_changed_or_deleted_through_the_app(mash_worker):
    child = make_child()
    event = AuditEvent.objects.filter(person_id=child.pk).first()
    event.action = "tampered"
    with pytest.raises(AuditIsAppendOnly):
        event.save()
    with pytest.raises(AuditIsAppendOnly):
        event.delete()
    with pytest.raises(AuditIsAppendOnly):
        AuditEvent.objects.filter(pk=event.pk).update(action="tampered")
    with pytest.raises(AuditIsAppendOnly):
        AuditEvent.objects.all().delete()
    assert AuditEvent.objects.get(pk=event.pk).action == "create"


def test_who_viewed_page_lists_views_for_managers_and_filters_by_user(
    as_user, mash_manager, mash_worker, mash_worker2
):
    child = make_child("Viewed", "Often")
    as_user(mash_worker).get(f"/people/{child.pk}/")
    as_user(mash_worker2).get(f"/people/{child.pk}/")
    page = as_user(mash_manager).get(
        f"/people/{child.pk}/who-viewed/", {"username": "mash_worker2"}
    )
    body = page.content.decode()
    assert page.status_code == 200
    assert "mash_worker2" in body and ">mash_worker<" not in body
    assert as_user(mash_worker).get(f"/people/{child.pk}/who-viewed/").status_code == 403


def test_every_page_except_login_and_health_needs_sign_in(client, db):
    assert client.get("/health").status_code == 200
    assert client.get("/accounts/login/").status_code == 200
    response = client.get("/people/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
