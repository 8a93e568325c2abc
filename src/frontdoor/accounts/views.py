"""Signing in and out, the second factor, passwords and staying signed in."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from frontdoor.core.onetime import one_time_create
from frontdoor.core.viewhelpers import attach_errors, posted

from . import selectors, services, totp
from .forms import CodeForm, LoginForm, PasswordChangeForm, SetUpForm
from .guards import backup_codes_refusal, enrol_refusal
from .models import User
from .sessions import SESSION_STATE

SETUP_KEY = "fd_totp_key"
NEW_CODES = "fd_backup_codes"


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def safe_next(request: HttpRequest, default: str = "core:home") -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}):
        return target
    return reverse(default)


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        user = _user(self.request)
        services.sign_in_record(actor=user, second_factor=self.request.session[SESSION_STATE])
        return response

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "ended": self.request.GET.get("ended")}


class LogoutView(auth_views.LogoutView):
    template_name = "accounts/logged_out.html"


def account_page(request: HttpRequest, *, passkey_error: str = "") -> HttpResponse:
    user = _user(request)
    return render(
        request,
        "accounts/account.html",
        {
            "has_app": selectors.has_second_factor(user),
            "required": selectors.second_factor_required(user),
            "codes_left": selectors.backup_codes_left(user),
            "passkeys": selectors.passkeys_of(user),
            "passkey_error": passkey_error,
            "administers": user.can("admin"),
        },
        status=400 if passkey_error else 200,
    )


def account(request: HttpRequest) -> HttpResponse:
    return account_page(request)


def two_factor_verify(request: HttpRequest) -> HttpResponse:
    if request.session.get(SESSION_STATE) != selectors.STATE_VERIFY:
        return redirect(safe_next(request))
    form = CodeForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            device = services.two_factor_verify(
                actor=_user(request), code=form.cleaned_data["code"]
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            request.session.cycle_key()
            otp_login(request, device)
            request.session[SESSION_STATE] = selectors.STATE_VERIFIED
            return redirect(safe_next(request))
    has_passkey = selectors.passkeys_of(_user(request)).exists()
    return render(
        request, "accounts/two_factor_verify.html", {"form": form, "has_passkey": has_passkey}
    )


@one_time_create
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    refusal = enrol_refusal(user, has_second_factor=selectors.has_second_factor(user))
    if refusal:
        return render(request, "accounts/two_factor_setup.html", {"refusal": refusal})
    key = request.session.setdefault(SETUP_KEY, totp.new_key())
    form = SetUpForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            device, codes = services.two_factor_enrol(
                actor=user, key=key, code=form.cleaned_data["code"]
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            request.session.cycle_key()
            otp_login(request, device)
            request.session[SESSION_STATE] = selectors.STATE_VERIFIED
            request.session[NEW_CODES] = codes
            request.session.pop(SETUP_KEY, None)
            query = urlencode({"next": request.GET["next"]}) if request.GET.get("next") else ""
            return redirect(reverse("accounts:backup_codes") + (f"?{query}" if query else ""))
    url = totp.config_url(user, key)
    context = {"form": form, "qr": totp.qr_svg(url), "manual_key": totp.manual_key(key)}
    return render(request, "accounts/two_factor_setup.html", context)


@one_time_create
def backup_codes(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    refusal = backup_codes_refusal(
        has_second_factor=selectors.has_second_factor(user),
        verified=request.session.get(SESSION_STATE) == selectors.STATE_VERIFIED,
    )
    error = ""
    if request.method == "POST":
        try:
            if refusal:
                raise ValidationError(refusal)
            request.session[NEW_CODES] = services.backup_codes_regenerate(actor=user)
        except ValidationError as problem:
            error = " ".join(problem.messages)
        else:
            return redirect("accounts:backup_codes")
    context = {
        "codes": request.session.pop(NEW_CODES, None),
        "codes_left": selectors.backup_codes_left(user),
        "refusal": refusal,
        "error": error,
        "next": safe_next(request, "accounts:account"),
    }
    return render(request, "accounts/backup_codes.html", context, status=400 if error else 200)


def password_change(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    form = PasswordChangeForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.password_change(
                actor=user,
                old_password=form.cleaned_data["old_password"],
                new_password=form.cleaned_data["new_password1"],
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            update_session_auth_hash(request, user)
            messages.success(request, "Your password has been changed.")
            return redirect("accounts:account")
    return render(request, "accounts/password_change.html", {"form": form})


@require_POST
def keep_alive(request: HttpRequest) -> HttpResponse:
    """'Stay signed in': this request renews the idle timeout (SESSION_SAVE_EVERY_REQUEST)."""
    services.session_extend(actor=_user(request))
    if request.POST.get("next"):
        return redirect(safe_next(request))
    return HttpResponse(status=204)
