"""Passwords: changing your own, and an administrator's one-time reset link.

The link needs no email to work: it is shown to the administrator to pass on, and also emailed to
the person (after the transaction commits) when the service has an SMTP server configured. Django's
token generator makes it one-time by construction: it hashes the password and the last sign-in, so
it stops working once used, and it expires after PASSWORD_RESET_TIMEOUT.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from frontdoor.accounts.guards import recovery_refusal
from frontdoor.accounts.models import User
from frontdoor.audit.services import audit_record


def _set_password(user: User, new_password: str, field: str) -> None:
    try:
        validate_password(new_password, user)
    except ValidationError as error:
        raise ValidationError({field: error.messages}) from error
    user.set_password(new_password)
    user.save(update_fields=["password"])


def password_change(*, actor: User, old_password: str, new_password: str) -> None:
    """Change your own password; the old one must be given again."""
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=actor.pk)
        if not user.check_password(old_password):
            raise ValidationError(
                {"old_password": "Your current password is not right. Enter it again."}
            )
        _set_password(user, new_password, "new_password1")
        audit_record(actor=actor, action="password_changed", record_type="user", record_id=user.pk)
    actor.password = user.password


def reset_link_path(user: User) -> str:
    query = urlencode(
        {
            "u": urlsafe_base64_encode(force_bytes(user.pk)),
            "t": default_token_generator.make_token(user),
        }
    )
    return f"{reverse('accounts:password_reset')}?{query}"


def password_reset_link_issue(*, actor: User, user: User, site_url: str) -> str:
    """An administrator makes a one-time link for someone to set a new password. Returns the link
    (the token itself is never stored or audited)."""
    refusal = recovery_refusal(actor=actor, user=user)
    if refusal:
        raise ValidationError(refusal)
    with transaction.atomic():
        link = site_url.rstrip("/") + reset_link_path(user)
        emailed = bool(settings.FRONTDOOR_EMAIL_CONFIGURED and user.email)
        audit_record(
            actor=actor,
            action="password_reset_link_issued",
            record_type="user",
            record_id=user.pk,
            detail={"username": user.username, "emailed": emailed},
        )
        if emailed:
            transaction.on_commit(lambda: _email_link(user, link))
    return link


def _email_link(user: User, link: str) -> None:
    hours = settings.PASSWORD_RESET_TIMEOUT // 3600
    send_mail(
        subject="Set a new password for Front Door",
        message=(
            f"Your system administrator has made a link for you to set a new Front Door password:\n\n"
            f"{link}\n\nIt works once, for {hours} hours. If you did not ask for this, tell your "
            "system administrator."
        ),
        from_email=None,
        recipient_list=[user.email],
    )


def password_reset_complete(*, actor: User, token: str, new_password: str) -> None:
    """Set a new password through a reset link. `actor` is the person the link was made for."""
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=actor.pk)
        # Checked again under the row lock: two tabs sending the same link set one password.
        if not default_token_generator.check_token(user, token):
            raise ValidationError(
                "This link has already been used or has expired. "
                "Ask your system administrator for a new one."
            )
        _set_password(user, new_password, "new_password1")
        audit_record(
            actor=user, action="password_reset_by_link", record_type="user", record_id=user.pk
        )
