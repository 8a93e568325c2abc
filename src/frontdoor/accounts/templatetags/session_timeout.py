"""The idle-timeout warning: markup that app.mjs shows two minutes before the session would end.
Without JavaScript it stays hidden and the session simply times out."""

from __future__ import annotations

from typing import Any

from django import template
from django.conf import settings

register = template.Library()


@register.inclusion_tag("accounts/timeout_warning.html", takes_context=True)
def timeout_warning(context: dict[str, Any]) -> dict[str, Any]:
    request = context.get("request")
    return {
        "idle_seconds": settings.SESSION_COOKIE_AGE,
        "warning_seconds": settings.FRONTDOOR_TIMEOUT_WARNING_SECONDS,
        "next": request.get_full_path() if request is not None else "/",
        "csrf_token": context.get("csrf_token"),
    }
