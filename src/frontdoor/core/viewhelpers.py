"""Small helpers shared by views: service errors onto forms, pages for several capabilities."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, QueryDict

from frontdoor.audit.services import audit_record

View = Callable[..., HttpResponse]


def attach_errors(form: forms.Form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form, next to the field it names."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, messages in error.message_dict.items():
        form.add_error(field if field in form.fields else None, messages)


def attach_more_errors(form: forms.Form, check: Callable[[], object]) -> None:
    """All of a form's problems at once: when the form's own checks failed, run the service's
    checks on what could be cleaned too, and show each problem the form has not already shown
    (a field with its own error keeps just that one). Call it only for an invalid bound form."""
    try:
        check()
    except ValidationError as error:
        if not hasattr(error, "error_dict"):
            form.add_error(None, error)
            return
        for field, messages in error.message_dict.items():
            target = field if field in form.fields else None
            if target is not None and target in form.errors:
                continue
            shown = [str(m) for m in form.errors.get(target or "__all__", [])]
            new = [m for m in messages if m not in shown]
            if new:
                form.add_error(target, new)


def requires_any(*capabilities: str) -> Callable[[View], View]:
    """Like `@requires`, for a page that more than one area uses (refusals audited the same way)."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not any(request.user.can(c) for c in capabilities):  # type: ignore[union-attr]
                audit_record(
                    actor=request.user,
                    action="refused",
                    record_type="page",
                    record_id=request.path[:100],
                    detail={"capability": " or ".join(capabilities)},
                )
                raise PermissionDenied("Your role does not allow this.")
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def posted(request: HttpRequest) -> QueryDict | None:
    """The POST data on a POST (even an empty one, so an empty form shows its errors), else None."""
    return request.POST if request.method == "POST" else None
