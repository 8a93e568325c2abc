"""What the screening pages share: the signed-in user, running a service from a form."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from frontdoor.accounts.models import User
from frontdoor.core.concurrency import StaleRecord
from frontdoor.core.viewhelpers import attach_errors

from ..models import Screening


def user_of(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def run(form: forms.Form, service: Callable[..., Any], **kwargs: Any) -> int | None:
    """Run a service with the form's data; None when it worked, else the status to re-render the
    form with (what the user typed kept): 409 when the record changed since the page was loaded
    (the message says who changed it), 200 with the service's reasons next to the fields."""
    try:
        service(**form.cleaned_data, **kwargs)
    except StaleRecord as error:
        form.add_error(None, str(error))
        return 409
    except ValidationError as error:
        attach_errors(form, error)
        return 200
    return None


def form_page(
    request: HttpRequest,
    screening: Screening,
    form: forms.Form,
    template: str,
    status: int = 200,
    **extra: Any,
) -> HttpResponse:
    return render(request, template, {"screening": screening, "form": form, **extra}, status=status)
