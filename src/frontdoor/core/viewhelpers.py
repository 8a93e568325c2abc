"""Small helpers shared by views: service errors onto forms, the shape of a form page that calls a
service, pages for several capabilities."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django import forms
from django.contrib import messages as flash
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect

from frontdoor.audit.services import audit_record
from frontdoor.core.concurrency import StaleRecord

View = Callable[..., HttpResponse]
T = TypeVar("T")

STALE = 409  # a stale post: the page is shown again, as posted, with who changed the record


def attach_errors(form: forms.Form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form, next to the field it names."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, messages in error.message_dict.items():
        form.add_error(field if field in form.fields else None, messages)


def show_stale(form: forms.Form, error: StaleRecord) -> int:
    """Put the stale-record message on the form (what the user typed stays); the status to use."""
    form.add_error(None, str(error))
    return STALE


def all_valid(form: forms.Form, *formsets: forms.BaseFormSet[Any]) -> bool:
    """Validate every part (so each shows its errors), then say whether all are valid."""
    results = [form.is_valid()] + [fs.is_valid() for fs in formsets]
    return all(results)


def handle_form(
    request: HttpRequest,
    form: forms.Form,
    save: Callable[[dict[str, Any]], T],
    *,
    done: str,
    then: Callable[[T], str] | str,
    page: Callable[..., HttpResponse],
    formsets: tuple[forms.BaseFormSet[Any], ...] = (),
    **shown: Any,
) -> HttpResponse:
    """The form page that calls a service. The view loads the record through its gate and builds
    the form (a VersionedForm for a change); here, a POST whose form (and `formsets`) is valid
    calls `save(cleaned_data)`: its ValidationError goes next to the fields, a StaleRecord above
    the form (status 409, what was typed kept); on success the message `done` and a redirect to
    `then` (or `then(what save returned)`). Otherwise the form is shown again:
    `page(request, form=form, formsets=formsets, status=status, **shown)`. One-time tokens stay
    with the view's `@one_time_create`, which sees the redirect."""
    status = 200
    if request.method == "POST" and all_valid(form, *formsets):
        try:
            result = save(form.cleaned_data)
        except StaleRecord as error:
            status = show_stale(form, error)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            flash.success(request, done)
            return redirect(then if isinstance(then, str) else then(result))
    return page(request, form=form, formsets=formsets, status=status, **shown)


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
