"""Break-glass: the administrator records a reason and gets one hour's access to ONE person's
record (the person page and its "who has viewed" page), never to a sealed person's; every grant
and use is audited against the person and shown on their "who has viewed" page; expired or ended
grants refuse."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from frontdoor.administration.models import BreakGlassGrant
from frontdoor.administration.services import break_glass_open
from frontdoor.audit.models import AuditEvent
from frontdoor.people.services import person_seal
from frontdoor.people.tests.factories import make_child, make_siblings

pytestmark = pytest.mark.django_db

REASON = "Police at the door out of hours; EDT asked for the GP's details"


def open_grant(client, person) -> object:  # type: ignore[no-untyped-def]
    return client.post("/administration/break-glass/new/", {"person": person.pk, "reason": REASON})


def test_without_a_grant_the_administrator_is_refused_the_person_page(as_user, admin_user):
    child = make_child("Leo", "Stewart")
    assert as_user(admin_user).get(f"/people/{child.pk}/").status_code == 404
    event = AuditEvent.objects.get(action="refused")
    assert (event.actor, event.person_id) == (admin_user, child.pk)


def test_a_grant_opens_the_person_page_and_every_use_is_audited(as_user, admin_user, mash_manager):
    child = make_child("Leo", "Stewart")
    client = as_user(admin_user)
    response = open_grant(client, child)
    assert response.status_code == 302 and response["Location"] == f"/people/{child.pk}/"
    grant = BreakGlassGrant.objects.get()
    assert (grant.user, grant.person, grant.reason) == (admin_user, child, REASON)
    assert grant.expires_at - grant.granted_at == timedelta(hours=1)
    granted = AuditEvent.objects.get(action="break_glass_granted")
    assert (granted.person_id, granted.record_id, granted.detail["reason"]) == (
        child.pk,
        str(grant.pk),
        REASON,
    )
    page = client.get(f"/people/{child.pk}/")
    assert page.status_code == 200 and "Leo Stewart" in page.content.decode()
    use = AuditEvent.objects.get(action="break_glass_view")
    assert (use.actor, use.person_id, use.detail) == (
        admin_user,
        child.pk,
        {"break_glass_grant": grant.pk, "reason": REASON},
    )
    # Shown on the child's "who has viewed" page, to the managers who read it.
    viewed = as_user(mash_manager).get(f"/people/{child.pk}/who-viewed/").content.decode()
    assert "break_glass_granted" in viewed and "break_glass_view" in viewed
    assert "admin_user" in viewed


def test_a_grant_opens_nothing_else(as_user, admin_user):
    child = make_child("Leo", "Stewart")
    other = make_child("Mia", "Stewart")
    client = as_user(admin_user)
    open_grant(client, child)
    assert client.get(f"/people/{other.pk}/").status_code == 404
    assert client.get(f"/people/{child.pk}/access/").status_code == 404  # the access list
    assert client.get("/people/").status_code == 403  # search stays closed
    assert AuditEvent.objects.filter(action="refused").count() == 3


def test_an_expired_grant_refuses(as_user, admin_user):
    child = make_child("Leo", "Stewart")
    client = as_user(admin_user)
    open_grant(client, child)
    # Move the grant back in time (travelling the clock would also end the signed-in session).
    hour = timedelta(hours=1)
    now = timezone.now()
    BreakGlassGrant.objects.update(granted_at=now - 2 * hour, expires_at=now - hour)
    assert client.get(f"/people/{child.pk}/").status_code == 404
    # A new grant can be opened once the old one has run out (the old one is closed).
    assert open_grant(client, child).status_code == 302
    assert BreakGlassGrant.objects.filter(ended_at__isnull=True).count() == 1
    assert BreakGlassGrant.objects.get(ended_at__isnull=False).ended_at == now - hour


def test_an_ended_grant_refuses_and_the_end_is_audited(as_user, admin_user):
    child = make_child("Leo", "Stewart")
    client = as_user(admin_user)
    open_grant(client, child)
    grant = BreakGlassGrant.objects.get()
    response = client.post("/administration/break-glass/end/", {"grant": grant.pk})
    assert response.status_code == 302
    grant.refresh_from_db()
    assert grant.ended_at is not None
    assert AuditEvent.objects.get(action="break_glass_ended").person_id == child.pk
    assert client.get(f"/people/{child.pk}/").status_code == 404


def test_one_administrator_cannot_end_anothers_grant(as_user, admin_user):
    from frontdoor.accounts.roles import Role
    from frontdoor.conftest import make_user

    child = make_child("Leo", "Stewart")
    other = make_user("sam_admin", Role.ADMIN)
    grant = break_glass_open(actor=other, person_id=child.pk, reason=REASON)
    response = as_user(admin_user).post(
        "/administration/break-glass/end/", {"grant": grant.pk}, follow=True
    )
    assert "That break-glass access has already ended" in response.content.decode()
    grant.refresh_from_db()
    assert grant.ended_at is None


def test_a_sealed_person_cannot_be_opened_and_is_not_named(as_user, admin_user, mash_manager):
    child = make_child("Leo", "Stewart")
    person_seal(actor=mash_manager, person=child, reason="Adoption placement")
    response = open_grant(as_user(admin_user), child)
    assert response.status_code == 200
    assert (
        response.context["form"]
        .errors["person"][0]
        .startswith("No record with that number can be opened with break-glass access")
    )
    missing = as_user(admin_user).post(
        "/administration/break-glass/new/", {"person": 987654, "reason": REASON}
    )
    assert missing.context["form"].errors == response.context["form"].errors
    assert "Stewart" not in response.content.decode()
    assert not BreakGlassGrant.objects.exists()


def test_the_list_masks_a_person_sealed_after_the_grant(as_user, admin_user, mash_manager):
    older = make_siblings("Stewart")[1]
    younger = make_siblings("Quill")[2]
    client = as_user(admin_user)
    open_grant(client, older)
    open_grant(client, younger)
    person_seal(actor=mash_manager, person=younger, reason="Adoption placement")
    html = client.get("/administration/break-glass/").content.decode()
    assert "Ben Quill" not in html and "Restricted record" in html
    assert "Stewart" in html
    # The sealed person's grant no longer opens the page.
    assert client.get(f"/people/{younger.pk}/").status_code == 404


def test_a_reason_is_required(as_user, admin_user):
    child = make_child("Leo", "Stewart")
    response = as_user(admin_user).post(
        "/administration/break-glass/new/", {"person": child.pk, "reason": "urgent"}
    )
    assert response.context["form"].errors["reason"] == [
        "Enter the reason for the emergency access, in at least 10 characters"
    ]


def test_a_double_submit_opens_one_grant(as_user, admin_user):
    child = make_child("Leo", "Stewart")
    client = as_user(admin_user)
    data = {"person": child.pk, "reason": REASON, "form_token": "same-token"}
    first = client.post("/administration/break-glass/new/", data)
    second = client.post("/administration/break-glass/new/", data)
    assert second["Location"] == first["Location"] == f"/people/{child.pk}/"
    assert BreakGlassGrant.objects.count() == 1


def test_a_second_open_grant_is_refused_with_a_message(as_user, admin_user):
    child = make_child("Leo", "Stewart")
    client = as_user(admin_user)
    open_grant(client, child)
    response = open_grant(client, child)
    assert response.context["form"].errors["person"] == [
        "You already have break-glass access to this record. Open it from the list"
    ]


@pytest.mark.parametrize("user", ["mash_manager", "analyst", "police_partner"])
def test_other_roles_cannot_use_break_glass(as_user, request, user):
    actor = request.getfixturevalue(user)
    child = make_child("Leo", "Stewart")
    assert as_user(actor).get("/administration/break-glass/new/").status_code == 403
    assert open_grant(as_user(actor), child).status_code == 403
    assert not BreakGlassGrant.objects.exists()
    assert AuditEvent.objects.filter(action="refused", actor=actor).count() == 2


@pytest.mark.django_db(transaction=True)
def test_the_database_refuses_a_second_open_grant(admin_user):
    child = make_child("Leo", "Stewart")
    now = timezone.now()
    row = {"user": admin_user, "person": child, "reason": REASON, "granted_at": now}
    BreakGlassGrant.objects.create(**row, expires_at=now + timedelta(hours=1))
    with pytest.raises(IntegrityError), transaction.atomic():
        BreakGlassGrant.objects.create(**row, expires_at=now + timedelta(hours=1))
    BreakGlassGrant.objects.filter(person=child).update(ended_at=now)
    BreakGlassGrant.objects.create(**row, expires_at=now + timedelta(hours=1))  # once ended


@pytest.mark.django_db(transaction=True)
def test_the_database_refuses_a_grant_that_ends_before_it_starts_or_has_no_reason(admin_user):
    child = make_child("Leo", "Stewart")
    now = timezone.now()
    with pytest.raises(IntegrityError), transaction.atomic():
        BreakGlassGrant.objects.create(
            user=admin_user, person=child, reason=REASON, granted_at=now, expires_at=now
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        BreakGlassGrant.objects.create(
            user=admin_user,
            person=child,
            reason="",
            granted_at=now,
            expires_at=now + timedelta(hours=1),
        )
