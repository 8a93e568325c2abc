"""No double submits: every create form carries a one-time token.

- template: `{% load onetime %}` then `{% one_time_token %}` inside the `<form>`;
- view: decorate the create view with `@one_time_create`.

The first POST carrying a token claims it (a unique row in `FormSubmission`, committed before the
view runs, so a concurrent second post fails to claim it and is told the form is being saved).
A post whose token was already used is not run again: it is redirected to the record the first post
made, with a message saying so. A post that does not create anything (the form had errors) gives
its token back, so correcting the form and sending it again works. A POST without a token is
refused with a page asking the user to open the form again (a stale or forged page).
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils import timezone

from .models import FormSubmission

FIELD = "form_token"
View = Callable[..., HttpResponse]


def new_token() -> str:
    return secrets.token_urlsafe(24)


def one_time_create(view: View) -> View:
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method != "POST":
            return view(request, *args, **kwargs)
        token = request.POST.get(FIELD, "")
        if not token or len(token) > 64:
            return render(request, "core/form_expired.html", status=400)
        user = request.user if request.user.is_authenticated else None
        try:
            # Committed at once, so a second post of the same form fails to claim it even while the
            # first is still being saved.
            with transaction.atomic():
                claim = FormSubmission.objects.create(
                    token=token, user=user, path=request.path[:200], claimed_at=timezone.now()
                )
        except IntegrityError:
            return _already_sent(request, token)
        try:
            response = view(request, *args, **kwargs)
        except BaseException:
            # Nothing was made (a refusal, or an error): give the token back. The view's own
            # transactions decide what was written, so an audited refusal is kept.
            FormSubmission.objects.filter(pk=claim.pk).delete()
            raise
        if isinstance(response, HttpResponseRedirect):
            claim.result_url = response["Location"][:300]
            claim.save(update_fields=["result_url"])
        else:
            FormSubmission.objects.filter(pk=claim.pk).delete()
        return response

    return wrapped


def _already_sent(request: HttpRequest, token: str) -> HttpResponse:
    claim = FormSubmission.objects.filter(token=token).first()
    if claim is not None and claim.result_url:
        messages.info(
            request,
            "This form had already been sent, so nothing new was made. Here is the record it made.",
        )
        return HttpResponseRedirect(claim.result_url)
    return render(request, "core/form_already_sent.html", status=409)
