"""`{% notification_link %}`: the header's link to your notifications, with the unread count."""

from __future__ import annotations

from typing import Any

from django import template

from ..selectors import unread_count

register = template.Library()


@register.inclusion_tag("notifications/header_link.html", takes_context=True)
def notification_link(context: dict[str, Any]) -> dict[str, Any]:
    user = context.get("user")
    count = unread_count(user) if user is not None and user.is_authenticated else 0
    return {"count": count}
