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
        # `make run` loads the demo data in the background: every page says how far it has got.
        "demo_seeding": _demo_seeding(),
        # The search box in the header, for everyone who may search people.
        "perms_search_people": bool(
            user is not None and user.is_authenticated and user.can("view_people")
        ),
    }


def _demo_seeding() -> dict[str, Any] | None:
    if not settings.DEMO_LOGINS_ALLOWED:
        return None
    from frontdoor.demo.background import read_progress

    return read_progress()
