"""The early help manager's pages: the step-down inbox, decisions, episodes and step-ups."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from frontdoor.accounts.decorators import requires
from frontdoor.audit.services import audit_list_view
from frontdoor.core.concurrency import StaleRecord
from frontdoor.core.onetime import one_time_create
from frontdoor.core.viewhelpers import attach_errors

from . import selectors, services
from .access import access_episode, access_stepdown
from .forms import AcceptForm, AssessmentForm, DeclineForm, EndForm, StepUpForm
from .models import EarlyHelpEpisode, StepDown


def _stale(form: forms.Form, error: StaleRecord) -> None:
    form.add_error(None, str(error))
    form.stale = True  # type: ignore[attr-defined]


def _is_stale(form: forms.Form) -> bool:
    return bool(getattr(form, "stale", False))


@requires("early_help")
def home(request: HttpRequest) -> HttpResponse:
    pending = list(selectors.pending_stepdowns(request.user)[:200])
    episodes = list(selectors.open_episodes(request.user)[:200])
    decided = list(selectors.recent_decisions(request.user))
    audit_list_view(
        actor=request.user,
        record_type="early_help_inbox",
        person_ids=[s.person_id for s in pending + decided] + [e.person_id for e in episodes],
        detail={"pending": len(pending)},
    )
    return render(
        request,
        "earlyhelp/home.html",
        {
            "pending": pending,
            "episodes": episodes,
            "decided": decided,
            "now": timezone.now(),
        },
    )


def _stepdown_page(
    request: HttpRequest,
    stepdown: StepDown,
    accept_form: AcceptForm,
    decline_form: DeclineForm,
    stale: bool = False,
) -> HttpResponse:
    episode = getattr(stepdown, "episode", None) if stepdown.status == "accepted" else None
    context: dict[str, Any] = {
        "stepdown": stepdown,
        "person": stepdown.person,
        "accept_form": accept_form,
        "decline_form": decline_form,
        "episode": episode,
        "history": selectors.early_help_history(stepdown.person_id),
    }
    status = 409 if stale else 400 if accept_form.errors or decline_form.errors else 200
    return render(request, "earlyhelp/stepdown_detail.html", context, status=status)


@requires("early_help")
def stepdown_detail(request: HttpRequest, pk: int) -> HttpResponse:
    stepdown = access_stepdown(request.user, pk)
    version = {"version": stepdown.version}
    return _stepdown_page(
        request,
        stepdown,
        AcceptForm(prefix="accept", initial=version),
        DeclineForm(prefix="decline", initial=version),
    )


@requires("early_help")
@one_time_create
def stepdown_accept(request: HttpRequest, pk: int) -> HttpResponse:
    if request.method != "POST":
        return redirect("earlyhelp:stepdown_detail", pk=pk)
    stepdown = access_stepdown(request.user, pk, action="accept")
    form = AcceptForm(request.POST, prefix="accept")
    if form.is_valid():
        d = form.cleaned_data
        try:
            episode = services.stepdown_accept(
                actor=request.user,
                stepdown=stepdown,
                lead_professional=d["lead_professional"],
                organisation=d["organisation"],
                start_date=d["start_date"],
                version=d["version"],
            )
        except StaleRecord as error:
            _stale(form, error)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, "Step-down accepted: early help episode started")
            return redirect("earlyhelp:episode_detail", pk=episode.pk)
    decline = DeclineForm(prefix="decline", initial={"version": stepdown.version})
    return _stepdown_page(request, stepdown, form, decline, stale=_is_stale(form))


@requires("early_help")
def stepdown_decline(request: HttpRequest, pk: int) -> HttpResponse:
    if request.method != "POST":
        return redirect("earlyhelp:stepdown_detail", pk=pk)
    stepdown = access_stepdown(request.user, pk, action="decline")
    form = DeclineForm(request.POST, prefix="decline")
    if form.is_valid():
        try:
            services.stepdown_decline(
                actor=request.user,
                stepdown=stepdown,
                reason=form.cleaned_data["reason"],
                version=form.cleaned_data["version"],
            )
        except StaleRecord as error:
            _stale(form, error)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, f"Step-down for {stepdown.person.full_name} declined")
            return redirect("earlyhelp:home")
    accept = AcceptForm(prefix="accept", initial={"version": stepdown.version})
    return _stepdown_page(request, stepdown, accept, form, stale=_is_stale(form))


@requires("early_help")
def episode_detail(request: HttpRequest, pk: int) -> HttpResponse:
    episode = access_episode(request.user, pk)
    return render(
        request,
        "earlyhelp/episode_detail.html",
        {
            "episode": episode,
            "person": episode.person,
            "history": [
                h for h in selectors.early_help_history(episode.person_id) if h["id"] != episode.pk
            ],
            "may_allocate": request.user.can("allocate_early_help"),  # type: ignore[union-attr]
        },
    )


def _episode_form_view(
    request: HttpRequest, pk: int, *, form_class: type[forms.Form], action: str, initial: Any = None
) -> tuple[EarlyHelpEpisode, forms.Form]:
    episode = access_episode(request.user, pk, action=action)
    form = form_class(
        request.POST if request.method == "POST" else None,
        initial={**(initial(episode) if initial else {}), "version": episode.version},
    )
    return episode, form


def _render_form(
    request: HttpRequest,
    template: str,
    episode: EarlyHelpEpisode,
    form: forms.Form,
    stale: bool = False,
) -> HttpResponse:
    return render(
        request,
        template,
        {"episode": episode, "person": episode.person, "form": form},
        status=409 if stale else 400 if form.errors else 200,
    )


@requires("early_help")
def episode_assessment(request: HttpRequest, pk: int) -> HttpResponse:
    episode, form = _episode_form_view(
        request,
        pk,
        form_class=AssessmentForm,
        action="view_for_assessment",
        initial=lambda e: {
            "start_date": e.assessment_start_date,
            "completion_date": e.assessment_completion_date,
            "organisation": e.assessment_organisation,
        },
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.episode_assessment_record(
                actor=request.user,
                episode=episode,
                start_date=d["start_date"],
                completion_date=d["completion_date"],
                organisation=d["organisation"],
                version=d["version"],
            )
        except StaleRecord as error:
            _stale(form, error)
            return _render_form(request, "earlyhelp/assessment_form.html", episode, form, True)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, "Early help assessment dates saved")
            return redirect("earlyhelp:episode_detail", pk=episode.pk)
    return _render_form(request, "earlyhelp/assessment_form.html", episode, form)


@requires("early_help")
def episode_end(request: HttpRequest, pk: int) -> HttpResponse:
    episode, form = _episode_form_view(request, pk, form_class=EndForm, action="view_for_end")
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.episode_end(
                actor=request.user,
                episode=episode,
                end_date=d["end_date"],
                reason=d["reason"],
                version=d["version"],
            )
        except StaleRecord as error:
            _stale(form, error)
            return _render_form(request, "earlyhelp/end_form.html", episode, form, True)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, "Early help episode ended")
            return redirect("earlyhelp:episode_detail", pk=episode.pk)
    return _render_form(request, "earlyhelp/end_form.html", episode, form)


@requires("early_help")
@one_time_create
def episode_step_up(request: HttpRequest, pk: int) -> HttpResponse:
    episode, form = _episode_form_view(
        request, pk, form_class=StepUpForm, action="view_for_step_up"
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            contact = services.episode_step_up(
                actor=request.user,
                episode=episode,
                reason=d["reason"],
                concerns=d["concerns"],
                parents_aware=d["parents_aware"],
                categories=d["categories"],
                version=d["version"],
            )
        except StaleRecord as error:
            _stale(form, error)
            return _render_form(request, "earlyhelp/step_up_form.html", episode, form, True)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(
                request,
                f"Step-up sent to the MASH as contact {contact.pk}; "
                f"the early help episode has ended",
            )
            return redirect("earlyhelp:episode_detail", pk=episode.pk)
    return _render_form(request, "earlyhelp/step_up_form.html", episode, form)
