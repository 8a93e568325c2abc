"""Passkeys: registering one (an extra factor, once the authenticator app is set up and this
session has entered a code) and using one at the two-factor step.

The browser's response is checked by django-otp-webauthn's helper (py_webauthn underneath):
challenge, origin, relying party, signature and signature counter. A refused response is audited
and committed before the refusal is raised, as for wrong codes.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.exceptions import OTPWebAuthnApiError
from django_otp_webauthn.models import WebAuthnCredential
from webauthn.helpers.exceptions import WebAuthnException

from frontdoor.accounts.guards import passkey_refusal, passkey_remove_refusal
from frontdoor.accounts.models import User
from frontdoor.accounts.passkeys import PasskeyHelper
from frontdoor.audit.services import audit_record

# What a browser's response can fail with: a bad signature, challenge or origin, an unknown or
# someone else's passkey, or JSON that is not a WebAuthn response at all.
REFUSED = (WebAuthnException, OTPWebAuthnApiError, KeyError, ValueError, TypeError)
START_AGAIN = "The passkey request has expired or was already used. Press the button to try again."


def _audit(actor: User, action: str, **detail: object) -> None:
    audit_record(actor=actor, action=action, record_type="user", record_id=actor.pk, detail=detail)


def _failed(actor: User, action: str, message: str, **detail: object) -> ValidationError:
    with transaction.atomic():
        _audit(actor, action, **detail)
    return ValidationError(message)


def passkey_register(
    *,
    actor: User,
    helper: PasskeyHelper,
    state: dict[str, Any] | None,
    data: dict[str, Any],
    verified: bool,
) -> WebAuthnCredential:
    """Keep the passkey the browser just made for `actor`, once its response checks out."""
    with transaction.atomic():
        User.objects.select_for_update().get(pk=actor.pk)
        has_app = TOTPDevice.objects.filter(user=actor, confirmed=True).exists()
        refusal = passkey_refusal(has_second_factor=has_app, verified=verified)
        if refusal:
            _audit(actor, "passkey_refused", reason=refusal)
    if refusal:
        raise ValidationError(refusal)
    if state is None:
        raise _failed(actor, "passkey_registration_failed", START_AGAIN, reason="no request")
    try:
        with transaction.atomic():
            device = helper.register_complete(user=actor, state=state, data=data)
            count = WebAuthnCredential.objects.filter(user=actor).count()
            device.name = f"Passkey {count}"
            device.save(update_fields=["name"])
            _audit(actor, "passkey_registered", passkey=device.pk, name=device.name)
    except REFUSED as error:
        raise _failed(
            actor,
            "passkey_registration_failed",
            "Your device's passkey could not be checked, so it was not added. Try again, or use "
            "another device.",
            reason=type(error).__name__,
        ) from error
    return device


def passkey_verify(
    *, actor: User, helper: PasskeyHelper, state: dict[str, Any] | None, data: dict[str, Any]
) -> WebAuthnCredential:
    """Check a passkey at the two-factor step: it must be one of `actor`'s own."""
    if state is None:
        raise _failed(
            actor, "two_factor_failed", START_AGAIN, method="passkey", reason="no request"
        )
    try:
        with transaction.atomic():
            device = helper.authenticate_complete(user=actor, state=state, data=data)
            if not device.confirmed:
                raise OTPWebAuthnApiError("This passkey is switched off.")
            _audit(actor, "two_factor_verified", method="passkey", passkey=device.pk)
    except REFUSED as error:
        raise _failed(
            actor,
            "two_factor_failed",
            "That passkey is not one set up for your account, or it could not be checked. Use a "
            "passkey you added to your account, or enter the code from your authenticator app.",
            method="passkey",
            reason=type(error).__name__,
        ) from error
    return device


def passkey_remove(*, actor: User, passkey_id: int) -> str:
    """Remove one of `actor`'s own passkeys (a lost or replaced device). Returns its name."""
    with transaction.atomic():
        passkey = (
            WebAuthnCredential.objects.select_for_update().filter(user=actor, pk=passkey_id).first()
        )
        refusal = passkey_remove_refusal(owned=passkey is not None)
        if refusal:
            raise ValidationError(refusal)
        name = str(passkey.name)
        passkey.delete()
        _audit(actor, "passkey_removed", passkey=passkey_id, name=name)
    return name
