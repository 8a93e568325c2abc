"""What a sign-in records in the session, and auditing lockouts.

Receivers, not views, because every way of signing in must stamp the session (the login page, and
`Client.force_login` in tests), and django-axes reports lockouts only by signal. The middleware then
reads the session alone: no query per request.
"""

from __future__ import annotations

import time
from typing import Any

from django.http import HttpRequest

from frontdoor.audit.services import audit_record

from .models import User
from .selectors import sign_in_state

SESSION_STATE = "fd_second_factor"
SESSION_SIGNED_IN_AT = "fd_signed_in_at"


def stamp_session(sender: Any, request: HttpRequest | None, user: User, **kwargs: Any) -> None:
    if request is None or not hasattr(request, "session"):
        return
    request.session[SESSION_STATE] = sign_in_state(user)
    request.session[SESSION_SIGNED_IN_AT] = int(time.time())


def audit_lockout(
    sender: Any, request: HttpRequest | None, username: str, ip_address: str, **kwargs: Any
) -> None:
    audit_record(
        actor=None,
        action="locked_out",
        record_type="user",
        record_id=username or "",
        detail={"username": username, "ip_address": ip_address},
    )
