"""View helpers shared by the child protection and assessment pages: the acting user, the referral
through its gate, the one form page both areas use, and a stale post shown on the form."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from frontdoor.accounts.models import User
from frontdoor.cases.access import access_referral
from frontdoor.cases.models import Referral
from frontdoor.core.viewhelpers import STALE as STALE
from frontdoor.core.viewhelpers import all_valid as all_valid
from frontdoor.core.viewhelpers import show_stale as show_stale


def acting(request: HttpRequest) -> User:
    """The signed-in user (every page here is behind `@requires`, so never anonymous)."""
    return cast(User, request.user)


def referral_for(request: HttpRequest, pk: int, action: str = "view") -> Referral:
    return access_referral(acting(request), pk, action=action)


def capabilities(request: HttpRequest) -> dict[str, bool]:
    user = acting(request)
    return {"can_assess": user.can("assess"), "can_guide": user.can("guide_assessment")}


def form_page(
    request: HttpRequest,
    *,
    title: str,
    referral: Referral,
    form: forms.Form,
    submit: str,
    formsets: tuple[forms.BaseFormSet, ...] = (),
    summary: list[tuple[str, Any]] | None = None,
    back: str = "",
    one_time: bool = False,
    status: int = 200,
) -> HttpResponse:
    """The form page of both areas. `one_time` puts the create form's one-time token in it."""
    return render(
        request,
        "child_protection/form.html",
        {
            "title": title,
            "referral": referral,
            "form": form,
            "formsets": formsets,
            "submit": submit,
            "summary": summary or [],
            "back": back,
            "one_time": one_time,
        },
        status=status,
    )
