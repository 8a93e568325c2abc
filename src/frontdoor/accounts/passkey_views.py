"""Passkeys: adding one on "Your account", and using one at the two-factor step.

JSON endpoints called by `accounts/static/accounts/passkeys.mjs`. The browser's WebAuthn response
is checked on the server (services/passkeys.py); a refusal answers 400 with a sentence to show.
"""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from . import passkeys, selectors, services
from .guards import passkey_refusal
from .sessions import SESSION_STATE
from .views import _user, account_page, safe_next

NOT_ASKED = (
    "You are not being asked for a second factor now. Reload the page, or sign out and sign in "
    "again."
)


def _refused(message: str) -> JsonResponse:
    return JsonResponse({"error": message}, status=400)


def _body(request: HttpRequest) -> dict[str, Any]:
    try:
        data = json.loads(request.body or b"{}")
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def _verified(request: HttpRequest) -> bool:
    return request.session.get(SESSION_STATE) == selectors.STATE_VERIFIED


@require_POST
def passkey_add_begin(request: HttpRequest) -> JsonResponse:
    user = _user(request)
    refusal = passkey_refusal(
        has_second_factor=selectors.has_second_factor(user), verified=_verified(request)
    )
    if refusal:
        return _refused(refusal)
    return JsonResponse(passkeys.registration_options(request, user))


@require_POST
def passkey_add(request: HttpRequest) -> JsonResponse:
    user = _user(request)
    try:
        device = services.passkey_register(
            actor=user,
            helper=passkeys.helper(request),
            state=passkeys.take_state(request, passkeys.REGISTER_STATE),
            data=_body(request),
            verified=_verified(request),
        )
    except ValidationError as error:
        return _refused(" ".join(error.messages))
    messages.success(request, f"{device.name} added. You can use it when you next sign in.")
    return JsonResponse({"redirect": reverse("accounts:account")})


@require_POST
def passkey_verify_begin(request: HttpRequest) -> JsonResponse:
    user = _user(request)
    if request.session.get(SESSION_STATE) != selectors.STATE_VERIFY:
        return _refused(NOT_ASKED)
    if not selectors.passkeys_of(user).exists():
        return _refused(
            "No passkey is set up for your account. Enter the code from your authenticator app."
        )
    return JsonResponse(passkeys.verification_options(request, user))


@require_POST
def passkey_verify(request: HttpRequest) -> JsonResponse:
    if request.session.get(SESSION_STATE) != selectors.STATE_VERIFY:
        return _refused(NOT_ASKED)
    try:
        device = services.passkey_verify(
            actor=_user(request),
            helper=passkeys.helper(request),
            state=passkeys.take_state(request, passkeys.VERIFY_STATE),
            data=_body(request),
        )
    except ValidationError as error:
        return _refused(" ".join(error.messages))
    request.session.cycle_key()
    otp_login(request, device)
    request.session[SESSION_STATE] = selectors.STATE_VERIFIED
    return JsonResponse({"redirect": safe_next(request)})


@require_POST
def passkey_remove(request: HttpRequest) -> HttpResponse:
    try:
        passkey_id = int(request.POST.get("passkey") or 0)
        name = services.passkey_remove(actor=_user(request), passkey_id=passkey_id)
    except ValueError:
        return account_page(request, passkey_error="Choose a passkey to remove.")
    except ValidationError as error:
        return account_page(request, passkey_error=" ".join(error.messages))
    messages.success(request, f"{name} removed. It can no longer be used to sign in.")
    return redirect("accounts:account")
