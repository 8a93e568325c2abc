"""Pages for pre-proceedings. The record comes from its gate (`access.py`, audited) and the referral
from the referral's gate; the start and meeting forms carry one-time tokens, the others the
record's version."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from frontdoor.accounts.decorators import requires
from frontdoor.child_protection.pages import acting, form_page, referral_for
from frontdoor.core.onetime import one_time_create
from frontdoor.core.viewhelpers import handle_form

from . import forms as f
from . import selectors, services
from .access import access_pre_proceedings
from .models import PreProceedings


@requires("child_protection")
@one_time_create
def start(request: HttpRequest, pk: int) -> HttpResponse:
    referral = referral_for(request, pk, "record")
    form = f.StartForm(request.POST or None)
    return handle_form(
        request,
        form,
        lambda d: services.pre_proceedings_start(actor=acting(request), referral=referral, **d),
        done="Pre-proceedings started",
        then=lambda pp: reverse("preproceedings:detail", args=[pp.pk]),
        page=form_page,
        title="Start pre-proceedings",
        referral=referral,
        submit="Start pre-proceedings",
        one_time=True,
    )


@requires("child_protection")
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    pp = access_pre_proceedings(acting(request), pk)
    return render(
        request,
        "preproceedings/detail.html",
        {
            "pp": pp,
            "referral": pp.referral,
            "meetings": list(pp.meetings.all()),
            "census": selectors.census_block(pp),
        },
    )


def _change(
    request: HttpRequest,
    pk: int,
    *,
    form_class: type[forms.Form],
    service: Callable[..., Any],
    title: str,
    submit: str,
    done: str,
    convert: Callable[[dict[str, Any]], dict[str, Any]] = lambda d: d,
) -> HttpResponse:
    """A change to the record from a versioned form: gate, form, service, back to the record."""
    pp: PreProceedings = access_pre_proceedings(acting(request), pk, action="record")
    form = form_class(request.POST or None, initial={"version": pp.version})
    back = reverse("preproceedings:detail", args=[pk])
    return handle_form(
        request,
        form,
        lambda d: service(actor=acting(request), pp=pp, **convert(dict(d))),
        done=done,
        then=back,
        page=form_page,
        title=title,
        referral=pp.referral,
        submit=submit,
        summary=[("Pre-proceedings started", pp.pp_start_date)],
        back=back,
    )


def _yes(*names: str) -> Callable[[dict[str, Any]], dict[str, Any]]:
    return lambda d: {**d, **{n: d[n] == "yes" for n in names}}


@requires("child_protection")
def letter(request: HttpRequest, pk: int) -> HttpResponse:
    return _change(
        request,
        pk,
        form_class=f.LetterForm,
        service=services.pre_proceedings_letter_record,
        title="Record the letter before proceedings",
        submit="Record the letter",
        done="Letter before proceedings recorded",
        convert=_yes("fgdm_meeting_offer"),
    )


@requires("child_protection")
def fgdm(request: HttpRequest, pk: int) -> HttpResponse:
    return _change(
        request,
        pk,
        form_class=f.FgdmForm,
        service=services.pre_proceedings_fgdm_record,
        title="Record the family group decision-making meeting",
        submit="Record the FGDM meeting",
        done="FGDM meeting recorded",
        convert=_yes("fgdm_meeting_fac"),
    )


@requires("child_protection")
def decision(request: HttpRequest, pk: int) -> HttpResponse:
    return _change(
        request,
        pk,
        form_class=f.DecisionForm,
        service=services.pre_proceedings_decide,
        title="Record the decision to step up or step down",
        submit="Record the decision",
        done="Decision recorded",
    )


@requires("child_protection")
def court(request: HttpRequest, pk: int) -> HttpResponse:
    return _change(
        request,
        pk,
        form_class=f.CourtForm,
        service=services.pre_proceedings_court_record,
        title="Record the court application",
        submit="Record the court application",
        done="Court application recorded",
    )


@requires("child_protection")
@one_time_create
def meeting_new(request: HttpRequest, pk: int) -> HttpResponse:
    pp = access_pre_proceedings(acting(request), pk, action="record")
    form = f.MeetingForm(request.POST or None)
    back = reverse("preproceedings:detail", args=[pk])
    return handle_form(
        request,
        form,
        lambda d: services.pre_proceedings_meeting_record(
            actor=acting(request), pp=pp, **_yes("parents_attended")(d)
        ),
        done="Pre-proceedings meeting recorded",
        then=back,
        page=form_page,
        title="Record a pre-proceedings meeting",
        referral=pp.referral,
        submit="Record the meeting",
        back=back,
        one_time=True,
    )
