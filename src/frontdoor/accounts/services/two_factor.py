"""Two-factor sign-in: set-up, codes at sign-in, backup codes and an administrator's reset.

A wrong code is audited and committed before the refusal is raised, so failures are on record (and
django-otp's throttle, which makes each further try wait longer, is kept).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from frontdoor.accounts import totp
from frontdoor.accounts.guards import enrol_refusal, recovery_refusal
from frontdoor.accounts.models import User
from frontdoor.audit.services import audit_record

BACKUP_CODES = 10
APP_NAME = "Authenticator app"
BACKUP_NAME = "Backup codes"


def _audit(actor: User, action: str, user: User, **detail: object) -> None:
    audit_record(actor=actor, action=action, record_type="user", record_id=user.pk, detail=detail)


def _new_backup_codes(user: User) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=BACKUP_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def two_factor_enrol(*, actor: User, key: str, code: str) -> tuple[TOTPDevice, list[str]]:
    """Set up the authenticator app whose key the user scanned, once its first code matches.
    Returns the device and ten new backup codes (shown once)."""
    if not totp.code_matches(key, code):
        with transaction.atomic():
            _audit(actor, "two_factor_setup_failed", actor)
        raise ValidationError(
            {
                "code": "The code does not match. Enter the 6-digit code your authenticator app "
                "shows now, after scanning the QR code on this page."
            }
        )
    with transaction.atomic():
        # One set-up at a time per person: a second one waits here and is then refused.
        User.objects.select_for_update().get(pk=actor.pk)
        enrolled = TOTPDevice.objects.filter(user=actor, confirmed=True).exists()
        refusal = enrol_refusal(actor, has_second_factor=enrolled)
        if refusal:
            raise ValidationError(refusal)
        TOTPDevice.objects.filter(user=actor).delete()
        device = TOTPDevice.objects.create(
            user=actor, name=APP_NAME, key=key, confirmed=True, last_t=totp.current_step(key)
        )
        codes = _new_backup_codes(actor)
        _audit(actor, "two_factor_enrolled", actor, backup_codes=len(codes))
    return device, codes


def two_factor_verify(*, actor: User, code: str) -> Device:
    """Check a sign-in code: 6 digits from the app, or one backup code (which is then used up)."""
    code = code.replace(" ", "").replace("-", "").lower()
    app = code.isdigit() and len(code) == 6
    model: type[TOTPDevice] | type[StaticDevice] = TOTPDevice if app else StaticDevice
    method = "app" if app else "backup code"
    with transaction.atomic():
        device = model.objects.select_for_update().filter(user=actor, confirmed=True).first()
        allowed = device.verify_is_allowed()[0] if device is not None else True
        accepted = bool(device is not None and allowed and device.verify_token(code))
        _audit(
            actor,
            "two_factor_verified" if accepted else "two_factor_failed",
            actor,
            method=method,
            **({} if allowed else {"throttled": True}),
        )
    if device is None:
        raise ValidationError({"code": "Enter the 6-digit code from your authenticator app."})
    if not allowed:
        raise ValidationError(
            {
                "code": "Too many wrong codes: each wrong code makes the next try wait longer. "
                "Wait a minute, then enter the code your authenticator app shows."
            }
        )
    if not accepted:
        raise ValidationError(
            {
                "code": "The code is not right. Enter the 6-digit code your authenticator app "
                "shows now, or one of your backup codes."
            }
        )
    assert device is not None
    return device


def backup_codes_regenerate(*, actor: User) -> list[str]:
    """Ten new backup codes; the old ones stop working."""
    with transaction.atomic():
        User.objects.select_for_update().get(pk=actor.pk)
        if not TOTPDevice.objects.filter(user=actor, confirmed=True).exists():
            raise ValidationError("Set up two-factor sign-in first: backup codes come with it.")
        codes = _new_backup_codes(actor)
        _audit(actor, "backup_codes_regenerated", actor, backup_codes=len(codes))
    return codes


def two_factor_reset(*, actor: User, user: User) -> int:
    """An administrator's recovery for someone who lost their phone and backup codes: their second
    factor (app, backup codes and passkeys) is removed, and they set it up again when they next sign in. Returns devices removed."""
    refusal = recovery_refusal(actor=actor, user=user)
    if refusal:
        raise ValidationError(refusal)
    with transaction.atomic():
        User.objects.select_for_update().get(pk=user.pk)
        removed = TOTPDevice.objects.filter(user=user).delete()[0]
        removed += StaticDevice.objects.filter(user=user).delete()[0]
        # Passkeys go too: they are an extra factor that came after the app (and its attestation
        # rows go with them, by cascade, so count the passkeys themselves).
        passkeys = WebAuthnCredential.objects.filter(user=user)
        removed += passkeys.count()
        passkeys.delete()
        _audit(actor, "two_factor_reset", user, username=user.username)
    return int(removed)
