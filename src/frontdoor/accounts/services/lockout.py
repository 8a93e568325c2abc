"""Lockouts (django-axes, by username and address), sign-in and staying signed in."""

from __future__ import annotations

from axes.models import AccessAttempt
from django.core.exceptions import ValidationError
from django.db import transaction

from frontdoor.accounts.models import User
from frontdoor.audit.services import audit_record


def lockout_clear(*, actor: User, attempt_id: int) -> AccessAttempt:
    """An administrator unlocks one username at one address (after checking who is asking)."""
    if not actor.can("admin"):
        raise ValidationError("Only a system administrator can unlock accounts.")
    with transaction.atomic():
        attempt = AccessAttempt.objects.select_for_update().filter(pk=attempt_id).first()
        if attempt is None:
            raise ValidationError(
                "That lock has already ended or been removed. The list below is up to date."
            )
        if attempt.username == actor.username:
            raise ValidationError(
                "You cannot unlock your own account. Ask another system administrator."
            )
        audit_record(
            actor=actor,
            action="account_unlocked",
            record_type="user",
            record_id=attempt.username or "",
            detail={
                "username": attempt.username,
                "ip_address": attempt.ip_address,
                "failures": attempt.failures_since_start,
            },
        )
        attempt.delete()
    return attempt


def sign_in_record(*, actor: User, second_factor: str) -> None:
    """A password sign-in that succeeded; `second_factor` says what must follow."""
    with transaction.atomic():
        audit_record(
            actor=actor,
            action="signed_in",
            record_type="user",
            record_id=actor.pk,
            detail={"second_factor": second_factor},
        )


def session_extend(*, actor: User) -> None:
    """The user chose to stay signed in when warned of the idle timeout (the request renews it)."""
    with transaction.atomic():
        audit_record(actor=actor, action="session_extended", record_type="user", record_id=actor.pk)
