"""Who is calling: the partner system's token (`Authorization: Bearer fd_…`), its rate limit, and
the audit row every call leaves (including refusals).

Rate limit: FRONTDOOR_API_RATE_PER_MINUTE calls per token per clock minute (default 120), counted
in Django's cache. With the default local-memory cache each server process counts on its own, so a
deployment with N processes allows up to N times the limit; configure a shared cache (CACHES) to
make it exact.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from ninja.security import HttpBearer

from frontdoor.accounts.models import User
from frontdoor.audit.services import audit_record

from . import guards
from .models import ApiToken
from .problems import ApiRefusal
from .services.tokens import TOKEN_START, api_token_used, token_digest


def rate_limit() -> int:
    return int(getattr(settings, "FRONTDOOR_API_RATE_PER_MINUTE", 120))


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        if not token.startswith(TOKEN_START) or len(token) > 100:
            return None
        found = (
            ApiToken.objects.select_related(
                "organisation", "organisation__api_service_account__user"
            )
            .filter(key_hash=token_digest(token))
            .first()
        )
        if found is None:
            return None
        request.api_token = found  # type: ignore[attr-defined]
        if found.revoked_at is not None or not found.organisation.active:
            raise ApiRefusal(401, guards.use_refusal(found, ""))
        _count(found)
        api_token_used(found)
        return found


def _count(token: ApiToken) -> None:
    """Refuse the call (429) once the token has made `rate_limit()` calls this minute."""
    minute = int(time.time() // 60)
    key = f"frontdoor-api-rate:{token.pk}:{minute}"
    cache.add(key, 0, timeout=120)
    calls = cache.incr(key)
    if calls > rate_limit():
        raise ApiRefusal(
            429,
            f"This token has made more than {rate_limit()} calls this minute: wait until the next "
            "minute and send the request again",
            retry_after=60 - int(time.time()) % 60,
        )


def caller(request: HttpRequest, scope: str) -> tuple[User, ApiToken]:
    """The service user the token acts through, if the token may do `scope` (else 403)."""
    token: ApiToken = request.auth  # type: ignore[attr-defined]
    refusal = guards.use_refusal(token, scope)
    if refusal:
        raise ApiRefusal(403, refusal)
    return token.organisation.api_service_account.user, token


def audited(run: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Wrap every operation (authentication included): one audit row per call, "refused" for a
    401, 403, 404 or 429, "rejected" for a request the API could not accept, else "api_call"."""

    @wraps(run)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = run(request, *args, **kwargs)
        token: ApiToken | None = getattr(request, "api_token", None)
        status = response.status_code
        if status in (401, 403, 404, 429):
            action = "refused"
        elif status >= 400:
            action = "rejected"
        else:
            action = "api_call"
        actor = None
        if token is not None and hasattr(token.organisation, "api_service_account"):
            actor = token.organisation.api_service_account.user
        audit_record(
            actor=actor,
            action=action,
            record_type="api",
            record_id=f"{request.method} {request.path}"[:100],
            detail={
                "status": status,
                "token": token.prefix if token is not None else "",
                "organisation": token.organisation.name if token is not None else "",
            },
        )
        return response

    return wrapper
