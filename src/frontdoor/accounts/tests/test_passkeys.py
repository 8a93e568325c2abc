"""Passkeys (WebAuthn) as an extra factor: adding one on "Your account" once the authenticator app
is set up and a code was entered, using one at the two-factor step, and every refusal. The server's
checks run for real against a software authenticator (soft_authenticator.py). Every event is
audited."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client
from django_otp_webauthn.models import WebAuthnCredential

from frontdoor.accounts.guards import passkey_refusal
from frontdoor.accounts.models import User
from frontdoor.accounts.services import two_factor_reset
from frontdoor.audit.models import AuditEvent
from frontdoor.conftest import PASSWORD, TokenClient, client_for, make_user

from .helpers import code_for, enrolled
from .soft_authenticator import SoftAuthenticator

pytestmark = pytest.mark.django_db

ADD_BEGIN, ADD = "/accounts/passkeys/add/begin/", "/accounts/passkeys/add/"
USE_BEGIN, USE = "/accounts/two-factor/passkey/begin/", "/accounts/two-factor/passkey/"


def signed_in(username: str) -> Client:
    """Signed in with the password at http://localhost (a passkey's allowed origin in development)."""
    client = TokenClient(SERVER_NAME="localhost")
    response = client.post("/accounts/login/", {"username": username, "password": PASSWORD})
    assert response.status_code == 302
    return client


def verified(username: str, key: str) -> Client:
    client = signed_in(username)
    response = client.post("/accounts/two-factor/", {"code": code_for(key, 1)})
    assert response.status_code == 302
    return client


def post_json(client: Client, url: str, data: dict[str, Any]) -> Any:
    return client.post(url, json.dumps(data), content_type="application/json")


def add_passkey(client: Client, authenticator: SoftAuthenticator) -> Any:
    options = post_json(client, ADD_BEGIN, {})
    assert options.status_code == 200
    return post_json(client, ADD, authenticator.create(options.json()))


def audited(user: User, action: str) -> list[dict[str, Any]]:
    return list(
        AuditEvent.objects.filter(record_type="user", record_id=str(user.pk), action=action)
        .order_by("pk")
        .values_list("detail", flat=True)
    )


@pytest.fixture
def with_passkey(mash_worker: User) -> tuple[User, SoftAuthenticator]:
    key, _codes = enrolled(mash_worker)
    authenticator = SoftAuthenticator()
    assert add_passkey(verified("mash_worker", key), authenticator).status_code == 200
    return mash_worker, authenticator


def test_a_user_adds_a_passkey_on_their_account_page(mash_worker):
    key, _codes = enrolled(mash_worker)
    client = verified("mash_worker", key)
    page = client.get("/accounts/account/")
    assert page.status_code == 200
    assert 'data-passkey="add"' in page.content.decode()
    assert '<dd class="govuk-summary-list__value">None</dd>' in page.content.decode()

    response = add_passkey(client, SoftAuthenticator())

    assert response.status_code == 200
    assert response.json() == {"redirect": "/accounts/account/"}
    passkey = WebAuthnCredential.objects.get(user=mash_worker)
    assert passkey.name == "Passkey 1"
    assert audited(mash_worker, "passkey_registered") == [
        {"passkey": passkey.pk, "name": "Passkey 1"}
    ]
    page = client.get("/accounts/account/").content.decode()
    assert "Passkey 1 added. You can use it when you next sign in." in page
    assert f"Passkey 1, added {passkey.created_at:%-d %B %Y}" in page


def test_signing_in_with_a_passkey_instead_of_a_code(with_passkey):
    user, authenticator = with_passkey
    client = signed_in("mash_worker")
    assert client.get("/people/")["Location"] == "/accounts/two-factor/?next=%2Fpeople%2F"
    page = client.get("/accounts/two-factor/?next=/people/")
    assert "Use a passkey" in page.content.decode()

    options = post_json(client, USE_BEGIN + "?next=/people/", {}).json()
    passkey = WebAuthnCredential.objects.get(user=user)
    assert [c["id"] for c in options["allowCredentials"]] == [authenticator.get(options)["id"]]
    response = post_json(client, USE + "?next=/people/", authenticator.get(options))

    assert response.status_code == 200
    assert response.json() == {"redirect": "/people/"}
    assert client.get("/people/").status_code == 200
    assert audited(user, "two_factor_verified")[-1] == {"method": "passkey", "passkey": passkey.pk}
    passkey.refresh_from_db()
    assert passkey.sign_count == 3  # made with count 1, then two assertions signed above
    assert passkey.last_used_at is not None


def test_a_passkey_cannot_be_added_without_an_authenticator_app(mash_worker):
    client = signed_in("mash_worker")
    response = post_json(client, ADD_BEGIN, {})
    assert response.status_code == 400
    assert response.json()["error"].startswith(
        "Set up two-factor sign-in with an authenticator app first."
    )
    response = post_json(client, ADD, SoftAuthenticator().create({"challenge": "AAAA"}))
    assert response.status_code == 400
    assert not WebAuthnCredential.objects.exists()
    assert audited(mash_worker, "passkey_refused") == [
        {
            "reason": "Set up two-factor sign-in with an authenticator app first. You can then "
            "add a passkey as another way to sign in."
        }
    ]


def test_the_guard_refuses_a_session_that_has_not_entered_a_code():
    assert passkey_refusal(has_second_factor=True, verified=False) == (
        "Enter a code from your authenticator app first, then add the passkey."
    )
    assert passkey_refusal(has_second_factor=True, verified=True) is None


def test_the_same_registration_posted_twice_makes_one_passkey(mash_worker):
    key, _codes = enrolled(mash_worker)
    client = verified("mash_worker", key)
    options = post_json(client, ADD_BEGIN, {}).json()
    answer = SoftAuthenticator().create(options)
    assert post_json(client, ADD, answer).status_code == 200
    again = post_json(client, ADD, answer)
    assert again.status_code == 400
    assert again.json()["error"] == (
        "The passkey request has expired or was already used. Press the button to try again."
    )
    assert WebAuthnCredential.objects.filter(user=mash_worker).count() == 1
    assert audited(mash_worker, "passkey_registration_failed") == [{"reason": "no request"}]


def test_a_passkey_made_for_another_site_is_refused(mash_worker):
    key, _codes = enrolled(mash_worker)
    client = verified("mash_worker", key)
    response = add_passkey(client, SoftAuthenticator(origin="https://phish.example"))
    assert response.status_code == 400
    assert response.json()["error"] == (
        "Your device's passkey could not be checked, so it was not added. Try again, or use "
        "another device."
    )
    assert not WebAuthnCredential.objects.exists()
    assert audited(mash_worker, "passkey_registration_failed") == [
        {"reason": "InvalidRegistrationResponse"}
    ]


def test_someone_elses_passkey_does_not_sign_you_in(with_passkey):
    _owner, authenticator = with_passkey
    other = make_user("other_worker", "mash_practitioner", "MASH")
    key, _codes = enrolled(other)
    add_passkey(verified("other_worker", key), SoftAuthenticator())
    client = signed_in("other_worker")
    options = post_json(client, USE_BEGIN, {}).json()
    response = post_json(client, USE, authenticator.get(options))
    assert response.status_code == 400
    assert response.json()["error"].startswith("That passkey is not one set up for your account")
    assert audited(other, "two_factor_failed") == [
        {"method": "passkey", "reason": "CredentialUserMismatch"}
    ]
    assert client.get("/people/").status_code == 302  # still asked for the second factor


def test_a_forged_signature_is_refused(with_passkey):
    user, authenticator = with_passkey
    client = signed_in("mash_worker")
    options = post_json(client, USE_BEGIN, {}).json()
    answer = authenticator.get(options)
    answer["response"]["signature"] = SoftAuthenticator().get(options)["response"]["signature"]
    response = post_json(client, USE, answer)
    assert response.status_code == 400
    assert audited(user, "two_factor_failed") == [
        {"method": "passkey", "reason": "InvalidAuthenticationResponse"}
    ]
    assert client.get("/people/").status_code == 302


def test_an_assertion_is_used_once(with_passkey):
    user, authenticator = with_passkey
    client = signed_in("mash_worker")
    options = post_json(client, USE_BEGIN, {}).json()
    answer = authenticator.get(options)
    stolen = signed_in("mash_worker")  # another session replays what it saw
    response = post_json(stolen, USE, answer)
    assert response.status_code == 400
    assert audited(user, "two_factor_failed") == [{"method": "passkey", "reason": "no request"}]
    assert post_json(client, USE, answer).status_code == 200


def test_the_passkey_step_answers_only_when_a_second_factor_is_asked_for(with_passkey):
    user, _authenticator = with_passkey
    client = signed_in("mash_worker")
    options = post_json(client, USE_BEGIN, {})
    assert options.status_code == 200
    done = TokenClient(SERVER_NAME="localhost")
    done.force_login(make_user("no_factor", "mash_practitioner", "MASH"))
    for url in (USE_BEGIN, USE):
        response = post_json(done, url, {})
        assert response.status_code == 400
        assert response.json()["error"].startswith("You are not being asked for a second factor")


def test_the_code_page_offers_no_passkey_to_someone_without_one(mash_worker):
    key, _codes = enrolled(mash_worker)
    client = signed_in("mash_worker")
    page = client.get("/accounts/two-factor/")
    assert page.status_code == 200
    assert "Use a passkey" not in page.content.decode()
    response = post_json(client, USE_BEGIN, {})
    assert response.status_code == 400
    assert response.json()["error"] == (
        "No passkey is set up for your account. Enter the code from your authenticator app."
    )


def test_the_administrators_reset_removes_passkeys_too(with_passkey, admin_user):
    user, _authenticator = with_passkey
    # Rows deleted: the app, the backup-code device and its ten codes, and the passkey.
    assert two_factor_reset(actor=admin_user, user=user) == 13
    assert not WebAuthnCredential.objects.filter(user=user).exists()


def test_a_user_removes_their_own_passkey(mash_worker):
    user = mash_worker
    key, _codes = enrolled(user)
    key_client = verified("mash_worker", key)
    assert add_passkey(key_client, SoftAuthenticator()).status_code == 200
    passkey = WebAuthnCredential.objects.get(user=user)
    response = key_client.post("/accounts/passkeys/remove/", {"passkey": passkey.pk})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/account/"
    assert not WebAuthnCredential.objects.filter(user=user).exists()
    assert audited(user, "passkey_removed") == [{"passkey": passkey.pk, "name": "Passkey 1"}]
    page = key_client.get("/accounts/account/").content.decode()
    assert "Passkey 1 removed. It can no longer be used to sign in." in page
    client = signed_in("mash_worker")  # the removed passkey no longer signs in
    assert post_json(client, USE_BEGIN, {}).status_code == 400


def test_someone_elses_passkey_cannot_be_removed(with_passkey):
    owner, _authenticator = with_passkey
    passkey = WebAuthnCredential.objects.get(user=owner)
    other = make_user("other_worker", "mash_practitioner", "MASH")
    client = client_for(other)
    response = client.post("/accounts/passkeys/remove/", {"passkey": passkey.pk})
    assert response.status_code == 400
    assert (
        "That passkey is not on your account, or it was already removed."
        in response.content.decode()
    )
    assert WebAuthnCredential.objects.filter(user=owner).count() == 1
    assert audited(owner, "passkey_removed") == []
    response = client.post("/accounts/passkeys/remove/", {"passkey": "x"})
    assert response.status_code == 400
    assert "Choose a passkey to remove." in response.content.decode()
