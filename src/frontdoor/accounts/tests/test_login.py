"""Sign-in, lockout after repeated failures, session expiry and the demo logins."""

import pytest
from django.conf import settings
from django.test import Client

from frontdoor.accounts.models import User
from frontdoor.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def sign_in(client, username, password):
    return client.post("/accounts/login/", {"username": username, "password": password})


def test_it_signs_in_and_lands_on_the_role_home_page(mash_worker):
    response = sign_in(Client(), "mash_worker", PASSWORD)
    assert response.status_code == 302 and response["Location"] == "/"
    assert Client().get("/").status_code == 302


def test_passwords_are_hashed_with_argon2(mash_worker):
    assert User.objects.get(username="mash_worker").password.startswith("argon2")


def test_a_wrong_password_gets_a_clear_message(mash_worker):
    body = sign_in(Client(), "mash_worker", "wrong").content.decode()
    assert "Enter a correct username and password" in body


def test_the_account_locks_after_repeated_failures(mash_worker):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "mash_worker", "wrong")
    response = sign_in(client, "mash_worker", PASSWORD)
    assert response.status_code == 429
    assert "This account is locked" in response.content.decode()


def test_sessions_expire_after_inactivity():
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST is True


def test_navigation_is_by_role(as_user, mash_worker, police_partner):
    assert "MASH queue" in as_user(mash_worker).get("/people/").content.decode()
    body = as_user(police_partner).get("/contacts/submitted/").content.decode()
    assert "MASH queue" not in body and "My concerns" in body


def test_pages_send_a_content_security_policy_without_inline_scripts(client, db):
    response = client.get("/accounts/login/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "<script>" not in response.content.decode() and "style=" not in response.content.decode()
