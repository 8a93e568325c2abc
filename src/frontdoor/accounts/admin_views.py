"""The administrator's account security pages: second factors, reset links and lockouts."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from frontdoor.accounts.decorators import requires

from . import selectors, services
from .forms import AccountChoiceForm, UnlockForm
from .models import User

NO_ACCOUNT = "That account does not exist or is no longer active. Choose an account from the list."


def _actor(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def _accounts_page(request: HttpRequest, error: str = "") -> HttpResponse:
    context = {"accounts": selectors.accounts_with_security(), "error": error}
    return render(request, "accounts/admin_accounts.html", context, status=400 if error else 200)


def _chosen(request: HttpRequest) -> User | None:
    form = AccountChoiceForm(request.POST)
    return selectors.account_for_admin(form.cleaned_data["user"]) if form.is_valid() else None


@requires("admin")
def accounts(request: HttpRequest) -> HttpResponse:
    return _accounts_page(request)


@requires("admin")
@require_POST
def two_factor_reset(request: HttpRequest) -> HttpResponse:
    user = _chosen(request)
    if user is None:
        return _accounts_page(request, NO_ACCOUNT)
    try:
        services.two_factor_reset(actor=_actor(request), user=user)
    except ValidationError as error:
        return _accounts_page(request, " ".join(error.messages))
    messages.success(
        request,
        f"Two-factor sign-in reset for {user.display_name}. "
        "They set it up again when they next sign in.",
    )
    return redirect("accounts:admin_accounts")


@requires("admin")
@require_POST
def reset_link(request: HttpRequest) -> HttpResponse:
    user = _chosen(request)
    if user is None:
        return _accounts_page(request, NO_ACCOUNT)
    try:
        link = services.password_reset_link_issue(
            actor=_actor(request), user=user, site_url=request.build_absolute_uri("/")
        )
    except ValidationError as error:
        return _accounts_page(request, " ".join(error.messages))
    context = {
        "account": user,
        "link": link,
        "hours": settings.PASSWORD_RESET_TIMEOUT // 3600,
        "emailed": bool(settings.FRONTDOOR_EMAIL_CONFIGURED and user.email),
    }
    return render(request, "accounts/admin_reset_link.html", context)


@requires("admin")
def locked(request: HttpRequest) -> HttpResponse:
    error = ""
    if request.method == "POST":
        form = UnlockForm(request.POST)
        try:
            if not form.is_valid():
                raise ValidationError("Choose a locked account from the list to unlock.")
            attempt = services.lockout_clear(
                actor=_actor(request), attempt_id=form.cleaned_data["attempt"]
            )
        except ValidationError as problem:
            error = " ".join(problem.messages)
        else:
            messages.success(
                request, f"{attempt.username} can sign in again from {attempt.ip_address}."
            )
            return redirect("accounts:admin_locked")
    minutes = round(float(settings.AXES_COOLOFF_TIME) * 60)
    context = {
        "lockouts": selectors.locked_out(),
        "error": error,
        "limit": settings.AXES_FAILURE_LIMIT,
        "cooloff": f"{minutes} minutes",
    }
    return render(request, "accounts/admin_locked.html", context, status=400 if error else 200)
