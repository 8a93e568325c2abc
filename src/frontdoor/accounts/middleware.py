"""Every page is behind login, except the login page, reset links, the health check and static
files; a session ends 10 hours after sign-in however active; and a signed-in user who has (or must
have) a second factor reaches only the two-factor pages until the code is entered."""

from __future__ import annotations

import time
from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from .selectors import STATE_ENROL, STATE_VERIFIED, STATE_VERIFY, sign_in_state
from .sessions import SESSION_SIGNED_IN_AT, SESSION_STATE

# The partner API answers for itself: a token, not a session (frontdoor.api.auth).
OPEN_PATHS = ("/accounts/login/", "/accounts/reset/", "/health", "/ready", "/static/", "/api/")
# Reachable before the second factor: the two-factor pages, signing out and staying signed in.
SECOND_FACTOR_PATHS = (
    "/accounts/two-factor/",
    "/accounts/logout/",
    "/accounts/session/",
    "/accounts/reset/",
    "/health",
    "/ready",
    "/static/",
)

Handler = Callable[[HttpRequest], HttpResponse]


def _to(url_name: str, request: HttpRequest, **extra: str) -> HttpResponse:
    query = urlencode({"next": request.get_full_path(), **extra})
    return redirect(f"{reverse(url_name)}?{query}")


class LoginRequiredMiddleware:
    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.user.is_authenticated and not request.path.startswith(OPEN_PATHS):
            return redirect(f"{reverse(settings.LOGIN_URL)}?next={request.path}")
        return self.get_response(request)


class SessionLifetimeMiddleware:
    """The absolute lifetime (FRONTDOOR_SESSION_MAX_HOURS, default 10): idle expiry alone would let
    a session kept busy live for ever."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            started = request.session.get(SESSION_SIGNED_IN_AT)
            if started is None:
                request.session[SESSION_SIGNED_IN_AT] = int(time.time())
            elif time.time() - int(started) > settings.FRONTDOOR_SESSION_MAX_SECONDS:
                logout(request)
                return _to(settings.LOGIN_URL, request, ended="1")
        return self.get_response(request)


class TwoFactorMiddleware:
    """Until the second factor is entered (or set up, where it is required), only the two-factor
    pages answer. The state is read from the session, stamped at sign-in."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if not user.is_authenticated:
            return self.get_response(request)
        state = request.session.get(SESSION_STATE)
        if state is None or (state == STATE_VERIFIED and not user.is_verified()):  # type: ignore[union-attr]
            # A session from before this check, or whose device an administrator has since reset.
            state = sign_in_state(user)  # type: ignore[arg-type]
            request.session[SESSION_STATE] = state
        if request.path.startswith(SECOND_FACTOR_PATHS):
            return self.get_response(request)
        if state == STATE_VERIFY:
            return _to("accounts:two_factor_verify", request)
        if state == STATE_ENROL:
            return _to("accounts:two_factor_setup", request)
        return self.get_response(request)
