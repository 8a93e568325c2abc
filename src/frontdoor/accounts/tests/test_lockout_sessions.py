"""Lockout by username and address, the administrator's unlock page, the absolute session lifetime
and staying signed in."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from frontdoor.audit.models import AuditEvent
from frontdoor.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def attempt(username: str, password: str, address: str) -> int:
    response = Client(REMOTE_ADDR=address).post(
        "/accounts/login/", {"username": username, "password": password}
    )
    return response.status_code


def lock(username: str, address: str) -> None:
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(username, "wrong", address)


def test_a_lockout_from_one_address_does_not_lock_the_person_out_elsewhere(mash_worker):
    lock("mash_worker", "203.0.113.9")
    assert attempt("mash_worker", PASSWORD, "203.0.113.9") == 429
    assert attempt("mash_worker", PASSWORD, "10.1.2.3") == 302
    # Audited when the limit is reached, and again for the attempt refused while locked.
    locked = AuditEvent.objects.filter(action="locked_out").order_by("pk")
    assert [e.detail for e in locked] == [
        {"username": "mash_worker", "ip_address": "203.0.113.9"}
    ] * 2


def test_an_administrator_sees_and_unlocks_a_locked_account(as_user, admin_user, mash_worker):
    lock("mash_worker", "203.0.113.9")
    client = as_user(admin_user)
    page = client.get(reverse("accounts:admin_locked")).content.decode()
    assert "mash_worker" in page and "203.0.113.9" in page
    locked = AccessAttempt.objects.get(username="mash_worker")
    response = client.post(reverse("accounts:admin_locked"), {"attempt": locked.pk})
    assert response.status_code == 302
    assert not AccessAttempt.objects.exists()
    assert attempt("mash_worker", PASSWORD, "203.0.113.9") == 302
    event = AuditEvent.objects.get(action="account_unlocked")
    assert event.actor == admin_user and event.record_id == "mash_worker"
    assert event.detail == {
        "username": "mash_worker",
        "ip_address": "203.0.113.9",
        "failures": settings.AXES_FAILURE_LIMIT,
    }


def test_unlocking_a_lock_that_has_gone_says_so(as_user, admin_user):
    response = as_user(admin_user).post(reverse("accounts:admin_locked"), {"attempt": 987654})
    assert response.status_code == 400
    assert "That lock has already ended or been removed." in response.content.decode()


def test_an_administrator_may_not_unlock_themselves(as_user, admin_user):
    lock("admin_user", "203.0.113.9")
    locked = AccessAttempt.objects.get(username="admin_user")
    response = as_user(admin_user).post(reverse("accounts:admin_locked"), {"attempt": locked.pk})
    assert "You cannot unlock your own account." in response.content.decode()
    assert AccessAttempt.objects.filter(pk=locked.pk).exists()


def test_only_an_administrator_sees_locked_accounts(as_user, mash_manager):
    assert as_user(mash_manager).get(reverse("accounts:admin_locked")).status_code == 403
    assert AuditEvent.objects.filter(action="refused", actor=mash_manager).count() == 1


def test_a_session_ends_ten_hours_after_sign_in_however_active(as_user, mash_worker):
    assert settings.FRONTDOOR_SESSION_MAX_SECONDS == 10 * 3600
    client = as_user(mash_worker)
    assert client.get("/people/").status_code == 200
    session = client.session
    session["fd_signed_in_at"] = int(time.time()) - 10 * 3600 - 5
    session.save()
    response = client.get("/people/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=%2Fpeople%2F&ended=1"
    page = client.get(response["Location"]).content.decode()
    assert "You were signed out because you had been signed in for the longest time" in page
    assert client.get("/people/")["Location"].startswith("/accounts/login/")


def test_staying_signed_in_renews_the_session_and_is_audited(as_user, mash_worker):
    client = as_user(mash_worker)
    assert client.get(reverse("accounts:keep_alive")).status_code == 405
    key = client.session.session_key
    Session.objects.filter(pk=key).update(expire_date=timezone.now() + timedelta(minutes=1))
    response = client.post(reverse("accounts:keep_alive"), {})
    assert response.status_code == 204
    left = Session.objects.get(pk=key).expire_date - timezone.now()
    assert timedelta(minutes=29) < left <= timedelta(minutes=30)
    without_js = client.post(reverse("accounts:keep_alive"), {"next": "/people/"})
    assert without_js.status_code == 302 and without_js["Location"] == "/people/"
    assert AuditEvent.objects.filter(action="session_extended", actor=mash_worker).count() == 2


def test_every_page_carries_the_idle_warning_for_signed_in_users(as_user, mash_worker, client):
    body = as_user(mash_worker).get("/people/").content.decode()
    assert 'data-idle-seconds="1800" data-warning-seconds="120"' in body
    assert "Stay signed in" in body
    assert "Stay signed in" not in client.get("/accounts/login/").content.decode()
