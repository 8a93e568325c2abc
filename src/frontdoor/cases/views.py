"""Referral pages: the case with its allocation history, allocating with caseloads in view,
the unallocated list, team caseloads, and recording a child's lead practitioners."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from frontdoor.accounts.decorators import requires
from frontdoor.accounts.models import User
from frontdoor.audit.services import audit_list_view
from frontdoor.core.concurrency import StaleRecord
from frontdoor.core.onetime import one_time_create
from frontdoor.core.viewhelpers import attach_errors, posted, requires_any
from frontdoor.earlyhelp.access import access_episode
from frontdoor.people.access import access_person

from . import selectors, services
from .access import access_lead_practitioner, access_referral
from .forms import AllocateForm, EndLeadForm, LeadForm


def _me(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def _status(form: forms.Form, stale: bool) -> int:
    return 409 if stale else 400 if form.errors else 200


@requires_any("allocate", "child_protection", "screen")
def referral_detail(request: HttpRequest, pk: int) -> HttpResponse:
    referral = access_referral(_me(request), pk)
    return render(
        request,
        "cases/referral_detail.html",
        {
            "referral": referral,
            "history": selectors.allocation_history(referral=referral),
            "may_allocate": _me(request).can("allocate") and referral.is_open,
        },
    )


@requires("allocate")
@one_time_create
def referral_allocate(request: HttpRequest, pk: int) -> HttpResponse:
    """Allocate with every candidate's caseload in view (counts by kind and weighted)."""
    user = _me(request)
    referral = access_referral(user, pk, action="allocate" if request.method == "POST" else "view")
    workers = selectors.referral_candidates()
    form = AllocateForm(posted(request), workers=workers, initial={"version": referral.version})
    stale = False
    if request.method == "POST" and form.is_valid():
        worker = form.cleaned_data["worker"]
        try:
            services.referral_allocate(
                actor=user,
                referral=referral,
                team=worker.team,
                worker=worker,
                version=form.cleaned_data["version"],
                reason=form.cleaned_data["reason"],
            )
        except StaleRecord as error:
            form.add_error(None, str(error))
            stale = True
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, f"Referral allocated to {worker.display_name}")
            return redirect("cases:referral_detail", pk=referral.pk)
    context: dict[str, Any] = {
        "referral": referral,
        "person": referral.person,
        "form": form,
        "loads": selectors.caseloads_of(workers),
        "kinds": selectors.WORK_KINDS.values(),
        "history": selectors.allocation_history(referral=referral),
        "back": "cases:referral_detail",
    }
    return render(request, "cases/allocate.html", context, status=_status(form, stale))


@requires("early_help")
@one_time_create
def episode_allocate(request: HttpRequest, pk: int) -> HttpResponse:
    user = _me(request)
    episode = access_episode(user, pk, action="allocate" if request.method == "POST" else "view")
    workers = selectors.episode_candidates(user)
    form = AllocateForm(posted(request), workers=workers, initial={"version": episode.version})
    stale = False
    if request.method == "POST" and form.is_valid():
        worker = form.cleaned_data["worker"]
        try:
            services.episode_allocate(
                actor=user,
                episode=episode,
                worker=worker,
                version=form.cleaned_data["version"],
                reason=form.cleaned_data["reason"],
            )
        except StaleRecord as error:
            form.add_error(None, str(error))
            stale = True
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, f"Early help allocated to {worker.display_name}")
            return redirect("earlyhelp:episode_detail", pk=episode.pk)
    context: dict[str, Any] = {
        "episode": episode,
        "person": episode.person,
        "form": form,
        "loads": selectors.caseloads_of(workers),
        "kinds": selectors.WORK_KINDS.values(),
        "history": selectors.allocation_history(episode=episode),
    }
    return render(request, "cases/allocate.html", context, status=_status(form, stale))


@requires("allocate")
def unallocated(request: HttpRequest) -> HttpResponse:
    items = selectors.unallocated_referrals(_me(request))
    audit_list_view(
        actor=_me(request),
        record_type="unallocated_referrals",
        person_ids=[i.person_id for i in items],
        detail={"count": len(items)},
    )
    return render(request, "cases/unallocated.html", {"items": items, "now": timezone.now()})


@requires_any("allocate", "early_help")
def caseloads(request: HttpRequest) -> HttpResponse:
    user = _me(request)
    workers = (
        selectors.referral_candidates()
        if user.can("allocate")
        else selectors.episode_candidates(user)
    )
    return render(
        request,
        "cases/caseloads.html",
        {"loads": selectors.caseloads_of(workers), "kinds": selectors.WORK_KINDS.values()},
    )


@requires_any("allocate", "child_protection", "early_help")
@one_time_create
def lead_add(request: HttpRequest, person_id: int) -> HttpResponse:
    user = _me(request)
    person = access_person(user, person_id, action="view")
    form = LeadForm(posted(request))
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.lead_practitioner_record(
                actor=user,
                person=person,
                kind=d["kind"],
                user=d["user"],
                name=d["name"],
                agency=d["agency"],
                start_date=d["start_date"],
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, "Lead practitioner recorded")
            return redirect("people:detail", pk=person.pk)
    return render(
        request,
        "cases/lead_add.html",
        {"person": person, "form": form},
        status=_status(form, False),
    )


@requires_any("allocate", "child_protection", "early_help")
def lead_end(request: HttpRequest, pk: int) -> HttpResponse:
    user = _me(request)
    lead = access_lead_practitioner(user, pk, action="end" if request.method == "POST" else "view")
    form = EndLeadForm(posted(request), initial={"version": lead.version})
    stale = False
    if request.method == "POST" and form.is_valid():
        try:
            services.lead_practitioner_end(
                actor=user,
                lead=lead,
                end_date=form.cleaned_data["end_date"],
                version=form.cleaned_data["version"],
            )
        except StaleRecord as error:
            form.add_error(None, str(error))
            stale = True
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, f"{lead.get_kind_display()} ended")
            return redirect("people:detail", pk=lead.person_id)
    return render(
        request,
        "cases/lead_end.html",
        {"lead": lead, "person": lead.person, "form": form},
        status=_status(form, stale),
    )
