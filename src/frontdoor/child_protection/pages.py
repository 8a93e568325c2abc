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
from frontdoor.core.concurrency import StaleRecord

STALE = 409  # the page is shown again, as posted, with who changed the record


def acting(request: HttpRequest) -> User:
    """The signed-in user (every page here is behind `@requires`, so never anonymous)."""
    return cast(User, request.user)


def referral_for(request: HttpRequest, pk: int, action: str = "view") -> Referral:
    return access_referral(acting(request), pk, action=action)


def capabilities(request: HttpRequest) -> dict[str, bool]:
    user = acting(request)
    return {"can_assess": user.can("assess"), "can_guide": user.can("guide_assessment")}


def all_valid(form: forms.Form, *formsets: forms.BaseFormSet) -> bool:
    """Validate every part (so each shows its errors), then say whether all are valid."""
    results = [form.is_valid()] + [fs.is_valid() for fs in formsets]
    return all(results)


def show_stale(form: forms.Form, error: StaleRecord) -> int:
    """Put the stale-record message on the form (what the user typed stays); the status to use."""
    form.add_error(None, str(error))
    return STALE


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
