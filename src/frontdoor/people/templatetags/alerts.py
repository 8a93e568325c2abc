"""`{% child_alerts person %}`: the alerts banner at the top of every page of a child."""

from __future__ import annotations

from typing import Any

from django import template

from frontdoor.people.alerts import child_alerts as alerts_for

register = template.Library()


@register.inclusion_tag("people/_alerts.html", takes_context=True)
def child_alerts(context: dict[str, Any], person: Any) -> dict[str, Any]:
    user = context["request"].user
    return {"person": person, "alerts": alerts_for(user, person) if person else []}
