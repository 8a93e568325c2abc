"""`@requires("capability")`: refuse a view to users whose role lacks the capability."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from frontdoor.audit.services import audit_record


def requires(
    capability: str,
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.can(capability):  # type: ignore[union-attr]
                audit_record(
                    actor=request.user,
                    action="refused",
                    record_type="page",
                    record_id=request.path[:100],
                    detail={"capability": capability},
                )
                raise PermissionDenied(f"Your role does not allow this ({capability}).")
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
