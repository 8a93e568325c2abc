"""Reads about accounts' sign-in security: second factors, backup codes and lockouts.

Accounts are not children's records: the administrator's pages list them by capability
(`@requires("admin")`), and each user reads only their own second factor.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from .models import User

# Values kept in the session under SESSION_STATE (set at sign-in by `accounts.sessions`).
STATE_NONE = "none"  # no second factor, and none required: the demo's password-only logins
STATE_ENROL = "enrol"  # must set up a second factor before reaching any other page
STATE_VERIFY = "verify"  # has a second factor: must enter a code before reaching any other page
STATE_VERIFIED = "verified"  # entered a code (or just set it up) in this session


def has_second_factor(user: User) -> bool:
    return bool(TOTPDevice.objects.filter(user=user, confirmed=True).exists())


def passkeys_of(user: User) -> QuerySet[Any]:
    """The user's own passkeys, oldest first (each user reads only their own)."""
    passkeys: QuerySet[Any] = WebAuthnCredential.objects.filter(user=user, confirmed=True)
    return passkeys.order_by("pk")


def second_factor_required(user: User) -> bool:
    return bool(settings.FRONTDOOR_TWO_FACTOR_REQUIRED) or user.two_factor_required


def sign_in_state(user: User) -> str:
    """What a fresh sign-in of this user must do before reaching the service."""
    if has_second_factor(user):
        return STATE_VERIFY
    return STATE_ENROL if second_factor_required(user) else STATE_NONE


def backup_codes_left(user: User) -> int:
    return int(StaticToken.objects.filter(device__user=user, device__confirmed=True).count())


def accounts_with_security() -> QuerySet[User]:
    """Every active account, with whether it has a second factor (one query for the whole list)."""
    return (
        User.objects.filter(is_active=True)
        .select_related("team")
        .annotate(
            has_app=Exists(TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)),
            has_backup=Exists(StaticDevice.objects.filter(user=OuterRef("pk"), confirmed=True)),
        )
        .order_by("last_name", "first_name", "username")
    )


def account_for_admin(user_id: str | int | None) -> User | None:
    """The active account an administrator acts on, or None for an id that names none."""
    try:
        return User.objects.filter(is_active=True).get(pk=int(user_id or 0))
    except (User.DoesNotExist, ValueError):
        return None


@dataclass(frozen=True)
class Lockout:
    attempt: AccessAttempt
    unlocks_at: datetime


def locked_out() -> list[Lockout]:
    """Username and address pairs locked now (the failure limit reached within the cool-off)."""
    cooloff = timedelta(hours=float(settings.AXES_COOLOFF_TIME))
    since = timezone.now() - cooloff
    attempts = AccessAttempt.objects.filter(
        failures_since_start__gte=settings.AXES_FAILURE_LIMIT, attempt_time__gte=since
    ).order_by("-attempt_time")
    return [Lockout(a, a.attempt_time + cooloff) for a in attempts]
