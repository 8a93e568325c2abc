"""The administrator's API token pages (under /administration/api-tokens/) and the API's readable
documentation (/api/v1/docs, public like the OpenAPI description it is made from)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from frontdoor.accounts.decorators import requires
from frontdoor.accounts.models import User
from frontdoor.core.concurrency import StaleRecord, VersionedForm
from frontdoor.core.onetime import one_time_create
from frontdoor.core.viewhelpers import attach_errors, posted

from . import selectors, services
from .access import access_api_token
from .auth import rate_limit
from .docs import operations_of
from .endpoints import api
from .forms import TokenCreateForm, TokenScopesForm
from .models import ApiToken

SHOWN_ONCE = "api_token_shown_once"


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


@requires("admin")
def token_list(request: HttpRequest) -> HttpResponse:
    tokens = selectors.api_tokens(user=_user(request))
    return render(request, "api/token_list.html", {"tokens": tokens, "rate_limit": rate_limit()})


@requires("admin")
@one_time_create
def token_new(request: HttpRequest) -> HttpResponse:
    form = TokenCreateForm(posted(request))
    if form.is_bound and form.is_valid():
        try:
            token, secret = services.api_token_create(actor=_user(request), **form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            # Shown once, on the next page: kept in the (server-side) session only until then.
            request.session[SHOWN_ONCE] = {"pk": token.pk, "secret": secret}
            return redirect("api_tokens:detail", token_id=token.pk)
    return render(request, "api/token_new.html", {"form": form})


def _detail(
    request: HttpRequest, token: ApiToken, *, form: forms.Form | None = None, status: int = 200
) -> HttpResponse:
    shown = request.session.pop(SHOWN_ONCE, None)
    secret = shown["secret"] if shown and shown.get("pk") == token.pk else ""
    context: dict[str, Any] = {
        "token": token,
        "secret": secret,
        "revoke_form": form or VersionedForm(initial={"version": token.version}),
    }
    return render(request, "api/token_detail.html", context, status=status)


@requires("admin")
def token_detail(request: HttpRequest, token_id: int) -> HttpResponse:
    return _detail(request, access_api_token(_user(request), token_id))


@requires("admin")
def token_scopes(request: HttpRequest, token_id: int) -> HttpResponse:
    token = access_api_token(_user(request), token_id, action="view_for_scopes")
    form = TokenScopesForm(
        posted(request), initial={"version": token.version, "scopes": token.scopes}
    )
    status = 200
    if form.is_bound and form.is_valid():
        try:
            services.api_token_scopes_set(
                actor=_user(request),
                token=token,
                scopes=form.cleaned_data["scopes"],
                version=form.cleaned_data["version"],
            )
        except StaleRecord as error:
            form.add_error(None, str(error))
            status = 409
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, f"What {token.name} may do is changed")
            return redirect("api_tokens:detail", token_id=token.pk)
    return render(request, "api/token_scopes.html", {"token": token, "form": form}, status=status)


@requires("admin")
@require_POST
def token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    token = access_api_token(_user(request), token_id, action="view_for_revoke")
    form = VersionedForm(request.POST)
    form.is_valid()
    try:
        services.api_token_revoke(
            actor=_user(request), token=token, version=form.cleaned_data.get("version")
        )
    except StaleRecord as error:
        form.add_error(None, str(error))
        return _detail(request, token, form=form, status=409)
    except ValidationError as error:
        attach_errors(form, error)
        return _detail(request, token, form=form, status=400)
    messages.success(request, f"{token.name} is revoked: calls with it are now refused")
    return redirect("api_tokens:detail", token_id=token.pk)


@require_GET
def docs(request: HttpRequest) -> HttpResponse:
    schema = api.get_openapi_schema()
    context = {"schema": schema, "operations": operations_of(schema), "rate_limit": rate_limit()}
    return render(request, "api/docs.html", context)
