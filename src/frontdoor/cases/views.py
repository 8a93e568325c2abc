"""Referral pages: the case with its allocation history; allocating referrals, early help
episodes and allegations' follow-up work (one page, caseloads in view); the unallocated list, team
caseloads, and recording a child's lead practitioners."""

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
from frontdoor.allegations.access import access_allegation
from frontdoor.audit.services import audit_list_view
from frontdoor.core.concurrency import StaleRecord
from frontdoor.core.onetime import one_time_create
from frontdoor.core.templatetags.govuk import ukdate
from frontdoor.core.viewhelpers import attach_errors, posted, requires_any
from frontdoor.earlyhelp.access import access_episode
from frontdoor.people.access import access_person

from . import selectors, services
from .access import access_lead_practitioner, access_referral
from .forms import AllocateForm, CloseForm, EndLeadForm, LeadForm


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


def _allocate_page(
    request: HttpRequest,
    *,
    work: Any,
    kind: str,
    workers: list[User],
    history: list[Any],
    done: str,
    context: dict[str, Any],
) -> HttpResponse:
    """The one allocate/reallocate page: every candidate's caseload (counts by kind, weighted),
    the form (a reason when the work moves from a named worker), the history. `done` is where a
    successful allocation goes back to (the work's own page)."""
    user = _me(request)
    form = AllocateForm(posted(request), workers=workers, initial={"version": work.version})
    stale = False
    if request.method == "POST" and form.is_valid():
        worker = form.cleaned_data["worker"]
        try:
            services.allocate(
                actor=user,
                work=work,
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
            messages.success(request, f"{context['what']} allocated to {worker.display_name}")
            return redirect(done, pk=work.pk)
    loads = selectors.caseloads_of(workers)
    page: dict[str, Any] = {
        **context,
        "form": form,
        "loads": loads,
        "kinds": selectors.kinds_shown(loads, kind),
        "history": history,
        "current": next((a for a in history if a.end is None and a.worker_id), None),
    }
    return render(request, "cases/allocate.html", page, status=_status(form, stale))


@requires("allocate")
@one_time_create
def referral_allocate(request: HttpRequest, pk: int) -> HttpResponse:
    """Allocate with every candidate's caseload in view (counts by kind and weighted)."""
    user = _me(request)
    referral = access_referral(user, pk, action="allocate" if request.method == "POST" else "view")
    return _allocate_page(
        request,
        work=referral,
        kind="referral",
        workers=selectors.referral_candidates(),
        history=selectors.allocation_history(referral=referral),
        done="cases:referral_detail",
        context={
            "referral": referral,
            "person": referral.person,
            "what": "Referral",
            "title": f"the referral for {referral.person.full_name}",
            "caption": f"Referral of {ukdate(referral.referral_date)}",
        },
    )


@requires("allocate_early_help")
@one_time_create
def episode_allocate(request: HttpRequest, pk: int) -> HttpResponse:
    user = _me(request)
    episode = access_episode(user, pk, action="allocate" if request.method == "POST" else "view")
    return _allocate_page(
        request,
        work=episode,
        kind="early_help",
        workers=selectors.episode_candidates(user),
        history=selectors.allocation_history(episode=episode),
        done="earlyhelp:episode_detail",
        context={
            "episode": episode,
            "person": episode.person,
            "what": "Early help",
            "title": f"early help for {episode.person.full_name}",
            "caption": "Early help episode",
        },
    )


@requires("allocate_allegations")
@one_time_create
def allegation_allocate(request: HttpRequest, pk: int) -> HttpResponse:
    """A designated officer who allocates gives an allegation's follow-up work to an officer in
    their team, with each officer's caseload in view."""
    user = _me(request)
    allegation = access_allegation(
        user, pk, action="allocate" if request.method == "POST" else "view"
    )
    return _allocate_page(
        request,
        work=allegation,
        kind="allegation",
        workers=selectors.allegation_candidates(user),
        history=selectors.allocation_history(allegation=allegation),
        done="allegations:detail",
        context={
            "allegation": allegation,
            "what": f"Allegation {allegation.reference}",
            "title": f"allegation {allegation.reference}",
            "caption": f"{allegation.get_kind_display()} about {allegation.subject_name}",
        },
    )


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


@requires_any("allocate", "allocate_early_help", "allocate_allegations")
def caseloads(request: HttpRequest) -> HttpResponse:
    user = _me(request)
    if user.can("allocate"):
        workers, own = selectors.referral_candidates(), "referral"
    elif user.can("allocate_allegations"):
        workers, own = selectors.allegation_candidates(user), "allegation"
    else:
        workers, own = selectors.episode_candidates(user), "early_help"
    loads = selectors.caseloads_of(workers)
    return render(
        request,
        "cases/caseloads.html",
        {"loads": loads, "kinds": selectors.kinds_shown(loads, own)},
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


@requires("allocate")
def referral_close(request: HttpRequest, pk: int) -> HttpResponse:
    """Close an open referral with its date and reason (CIN census); a refused reason (RC8 or RC9
    with no assessment signed off, rule 8825Q) is shown beside the reason."""
    user = _me(request)
    referral = access_referral(user, pk, action="close" if request.method == "POST" else "view")
    form = CloseForm(posted(request), initial={"version": referral.version})
    stale = False
    if request.method == "POST" and referral.is_open and form.is_valid():
        try:
            services.referral_close(
                actor=user,
                referral=referral,
                closure_date=form.cleaned_data["closure_date"],
                reason=form.cleaned_data["reason"],
                version=form.cleaned_data["version"],
            )
        except StaleRecord as error:
            form.add_error(None, str(error))
            stale = True
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                attach_errors(form, error)
            else:
                form.add_error("closure_date", error.messages[0])
        else:
            messages.success(request, "Referral closed")
            return redirect("cases:referral_detail", pk=referral.pk)
    return render(
        request,
        "cases/close.html",
        {"referral": referral, "form": form},
        status=_status(form, stale),
    )
