"""Passkeys (WebAuthn) through django-otp-webauthn: where a ceremony may happen and its state.

The relying party is the host the request came to (Django has already checked it against
ALLOWED_HOSTS). The browser's origin must be that host over HTTPS, one of
`OTP_WEBAUTHN_ALLOWED_ORIGINS`, or, outside production only, `http://localhost` on any port (the
development server and the browser tests). The library's helper then checks the signatures.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest
from django_otp_webauthn.helpers import WebAuthnHelper

# One ceremony at a time per session; popped before checking, so a response is used once.
REGISTER_STATE = "fd_passkey_register"
VERIFY_STATE = "fd_passkey_verify"


def relying_party_id(request: HttpRequest) -> str:
    return urlsplit(f"//{request.get_host()}").hostname or ""


def request_origin(request: HttpRequest) -> str:
    return f"{request.scheme}://{request.get_host()}"


def origin_allowed(origin: str) -> bool:
    allowed = list(settings.OTP_WEBAUTHN_ALLOWED_ORIGINS)
    if origin in allowed:
        return True
    parts = urlsplit(origin)
    return (
        "http://localhost" in allowed and parts.scheme == "http" and parts.hostname == "localhost"
    )


class PasskeyHelper(WebAuthnHelper):  # type: ignore[misc]
    """The library's helper, with the origin taken from the request when it is allowed."""

    def get_allowed_origins(self) -> list[str]:
        origin = request_origin(self.request)
        return [origin] if origin_allowed(origin) else []


def helper(request: HttpRequest) -> PasskeyHelper:
    return PasskeyHelper(request=request)


def registration_options(request: HttpRequest, user: Any) -> dict[str, Any]:
    """Options for `navigator.credentials.create`; the challenge is kept in the session."""
    options, state = helper(request).register_begin(user=user)
    request.session[REGISTER_STATE] = state
    return dict(options)


def verification_options(request: HttpRequest, user: Any) -> dict[str, Any]:
    """Options for `navigator.credentials.get`, naming this user's passkeys only."""
    options, state = helper(request).authenticate_begin(user=user, require_user_verification=True)
    request.session[VERIFY_STATE] = state
    return dict(options)


def take_state(request: HttpRequest, key: str) -> dict[str, Any] | None:
    """The ceremony's state, removed (and the session saved) before anything is checked."""
    state = request.session.pop(key, None)
    request.session.save()
    return state if isinstance(state, dict) else None
