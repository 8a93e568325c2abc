"""The gate for notifications: a user sees only their own (404 for anyone else's, audited)."""

from __future__ import annotations

from typing import Any

from django.http import Http404

from frontdoor.accounts.models import User
from frontdoor.audit.services import audit_record

from .models import Notification


def access_notification(user: User, pk: Any) -> Notification:
    """The user's own notification, else Http404 (the refusal is audited). Notifications are
    about the user's work, not a child's record, so there is no per-child view audit."""
    note = Notification.objects.filter(pk=pk, user=user).first() if str(pk).isdigit() else None
    if note is None:
        audit_record(
            actor=user, action="refused", record_type="notification", record_id=str(pk)[:40]
        )
        raise Http404("No such notification")
    return note
