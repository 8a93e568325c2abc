"""Small helpers shared by the pathways' views."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError


def attach_errors(form: forms.Form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form, next to the field it names."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, messages in error.message_dict.items():
        form.add_error(field if field in form.fields else None, messages)


def requires_any(*capabilities: str):  # type: ignore[no-untyped-def]
    """Like `@requires`, for a page that more than one area uses (refusals audited the same way)."""
    from functools import wraps

    from django.core.exceptions import PermissionDenied

    from frontdoor.audit.services import audit_record

    def decorator(view):  # type: ignore[no-untyped-def]
        @wraps(view)
        def wrapped(request, *args, **kwargs):  # type: ignore[no-untyped-def]
            if not any(request.user.can(c) for c in capabilities):
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


def posted(request):  # type: ignore[no-untyped-def]
    """The POST data on a POST (even an empty one, so an empty form shows its errors), else None."""
    return request.POST if request.method == "POST" else None
