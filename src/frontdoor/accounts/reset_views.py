"""Following an administrator's one-time reset link (no sign-in needed)."""

from __future__ import annotations

from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.encoding import force_str
from django.utils.http import urlsafe_base64_decode

from frontdoor.core.viewhelpers import attach_errors, posted

from . import services
from .forms import NEW_PASSWORD_HINT, NewPasswordForm
from .models import User


def _link_user(uid: str, token: str) -> User | None:
    try:
        pk = int(force_str(urlsafe_base64_decode(uid)))
    except (ValueError, TypeError):
        return None
    user = User.objects.filter(pk=pk, is_active=True).first()
    if user is None or not default_token_generator.check_token(user, token):
        return None
    return user


def password_reset(request: HttpRequest) -> HttpResponse:
    uid, token = request.GET.get("u", ""), request.GET.get("t", "")
    user = _link_user(uid, token)
    if user is None:
        return render(request, "accounts/password_reset.html", {"invalid": True})
    form = NewPasswordForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.password_reset_complete(
                actor=user, token=token, new_password=form.cleaned_data["new_password1"]
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            return redirect(reverse("accounts:login") + "?reset=1")
    context = {"form": form, "user_shown": user, "hint": NEW_PASSWORD_HINT}
    return render(request, "accounts/password_reset.html", context)
