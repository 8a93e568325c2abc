"""Rules for the account security actions. Each returns the reason it is refused, or None."""

from __future__ import annotations

from .models import User


def recovery_refusal(*, actor: User, user: User) -> str | None:
    """An administrator resets another person's second factor or password, never their own: a
    stolen administrator's password alone must not be enough to take the account over."""
    if not actor.can("admin"):
        return "Only a system administrator can do this."
    if actor.pk == user.pk:
        return (
            "You cannot reset your own sign-in. Ask another system administrator to do it for you."
        )
    return None


def enrol_refusal(user: User, *, has_second_factor: bool) -> str | None:
    """Setting up again would let whoever holds an open session replace the real phone."""
    if has_second_factor:
        return (
            "Two-factor sign-in is already set up for your account. To move it to a new phone, "
            "ask your system administrator to reset it, then set it up again."
        )
    return None


def backup_codes_refusal(*, has_second_factor: bool, verified: bool) -> str | None:
    if not has_second_factor:
        return "Set up two-factor sign-in first: backup codes come with it."
    if not verified:
        return "Enter a code from your authenticator app first."
    return None


def passkey_refusal(*, has_second_factor: bool, verified: bool) -> str | None:
    """A passkey is an extra factor: added only by someone who has just entered a code, so an open
    session alone (or a stolen password) cannot add an attacker's passkey."""
    if not has_second_factor:
        return (
            "Set up two-factor sign-in with an authenticator app first. You can then add a "
            "passkey as another way to sign in."
        )
    if not verified:
        return "Enter a code from your authenticator app first, then add the passkey."
    return None


def passkey_remove_refusal(*, owned: bool) -> str | None:
    if not owned:
        return (
            "That passkey is not on your account, or it was already removed. The list below shows "
            "the passkeys you have now."
        )
    return None
