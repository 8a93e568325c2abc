from typing import Any

from django.conf import settings
from django.http import HttpRequest

from .nav import nav_for


def frontdoor(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    return {
        "council_name": settings.COUNCIL_NAME,
        "service_name": "Front Door",
        "nav_items": nav_for(user, request.path)
        if user is not None and user.is_authenticated
        else [],
        # The search box in the header, for everyone who may search people.
        "perms_search_people": bool(
            user is not None and user.is_authenticated and user.can("view_people")
        ),
    }
