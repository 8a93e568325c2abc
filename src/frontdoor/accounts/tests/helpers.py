"""Shared set-up for the account tests: codes from an authenticator app's key."""

from __future__ import annotations

import time
from binascii import unhexlify

from django.test import Client
from django_otp.oath import TOTP

from frontdoor.accounts.models import User
from frontdoor.accounts.services import two_factor_enrol
from frontdoor.accounts.totp import new_key
from frontdoor.conftest import PASSWORD, TokenClient


def code_for(key: str, offset_steps: int = 0) -> str:
    totp = TOTP(unhexlify(key))
    totp.time = time.time() + offset_steps * 30
    return f"{totp.token():06d}"


def enrolled(user: User) -> tuple[str, list[str]]:
    """Give `user` an authenticator app (through the service) and return its key and backup codes."""
    key = new_key()
    _device, codes = two_factor_enrol(actor=user, key=key, code=code_for(key))
    return key, codes


def signed_in(username: str, password: str = PASSWORD) -> Client:
    """Sign in through the login page, as a person does (the second factor still to come)."""
    client = TokenClient()
    response = client.post("/accounts/login/", {"username": username, "password": password})
    assert response.status_code == 302, response.content.decode()[:500]
    return client


def verified(username: str, key: str) -> Client:
    """Signed in with the password and the app's code (the next step's: set-up used this one)."""
    client = signed_in(username)
    response = client.post("/accounts/two-factor/", {"code": code_for(key, 1)})
    assert response.status_code == 302, response.content.decode()[:500]
    return client
