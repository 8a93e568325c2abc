"""The early help manager's pages: the step-down inbox, decisions, episodes and step-ups."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from frontdoor.accounts.decorators import requires
from frontdoor.audit.services import audit_record
from frontdoor.people.access import access_person

from . import selectors, services
from .forms import AcceptForm, AssessmentForm, DeclineForm, EndForm, StepUpForm
from .models import EarlyHelpEpisode, StepDown


def _attach(form: forms.Form, error: ValidationError) -> None:
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, messages_ in error.message_dict.items():
        form.add_error(field if field in form.fields else None, messages_)


def _stepdown(request: HttpRequest, pk: int, action: str = "view") -> StepDown:
    stepdown = StepDown.objects.filter(pk=pk).first()
    if stepdown is None:
        audit_record(
            actor=request.user, action="refused", record_type="early_help_stepdown", record_id=pk
        )
        raise Http404("No such step-down")
    access_person(
        request.user,
        stepdown.person_id,
        action=action,
        record_type="early_help_stepdown",
        record_id=stepdown.pk,
    )
    return stepdown


def _episode(request: HttpRequest, pk: int, action: str = "view") -> EarlyHelpEpisode:
    episode = EarlyHelpEpisode.objects.filter(pk=pk).select_related("stepdown").first()
    if episode is None:
        audit_record(
            actor=request.user, action="refused", record_type="early_help_episode", record_id=pk
        )
        raise Http404("No such early help episode")
    access_person(
        request.user,
        episode.person_id,
        action=action,
        record_type="early_help_episode",
        record_id=episode.pk,
    )
    return episode


@requires("early_help")
def home(request: HttpRequest) -> HttpResponse:
    pending = list(selectors.pending_stepdowns(request.user)[:200])
    episodes = list(selectors.open_episodes(request.user)[:200])
    decided = list(selectors.recent_decisions(request.user))
    audit_record(
        actor=request.user,
        action="view",
        record_type="early_help_inbox",
        record_id=request.user.pk,
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
    request: HttpRequest, stepdown: StepDown, accept_form: AcceptForm, decline_form: DeclineForm
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
    status = 400 if accept_form.errors or decline_form.errors else 200
    return render(request, "earlyhelp/stepdown_detail.html", context, status=status)


@requires("early_help")
def stepdown_detail(request: HttpRequest, pk: int) -> HttpResponse:
    stepdown = _stepdown(request, pk)
    return _stepdown_page(
        request, stepdown, AcceptForm(prefix="accept"), DeclineForm(prefix="decline")
    )


@requires("early_help")
def stepdown_accept(request: HttpRequest, pk: int) -> HttpResponse:
    if request.method != "POST":
        return redirect("earlyhelp:stepdown_detail", pk=pk)
    stepdown = _stepdown(request, pk, action="accept")
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
            )
        except ValidationError as error:
            _attach(form, error)
        else:
            messages.success(request, "Step-down accepted: early help episode started")
            return redirect("earlyhelp:episode_detail", pk=episode.pk)
    return _stepdown_page(request, stepdown, form, DeclineForm(prefix="decline"))


@requires("early_help")
def stepdown_decline(request: HttpRequest, pk: int) -> HttpResponse:
    if request.method != "POST":
        return redirect("earlyhelp:stepdown_detail", pk=pk)
    stepdown = _stepdown(request, pk, action="decline")
    form = DeclineForm(request.POST, prefix="decline")
    if form.is_valid():
        try:
            services.stepdown_decline(
                actor=request.user, stepdown=stepdown, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            _attach(form, error)
        else:
            messages.success(request, f"Step-down for {stepdown.person.full_name} declined")
            return redirect("earlyhelp:home")
    return _stepdown_page(request, stepdown, AcceptForm(prefix="accept"), form)


@requires("early_help")
def episode_detail(request: HttpRequest, pk: int) -> HttpResponse:
    episode = _episode(request, pk)
    return render(
        request,
        "earlyhelp/episode_detail.html",
        {
            "episode": episode,
            "person": episode.person,
            "history": [
                h for h in selectors.early_help_history(episode.person_id) if h["id"] != episode.pk
            ],
        },
    )


def _episode_form_view(
    request: HttpRequest, pk: int, *, form_class: type[forms.Form], action: str, initial: Any = None
) -> tuple[EarlyHelpEpisode, forms.Form]:
    episode = _episode(request, pk, action=action)
    form = form_class(
        request.POST if request.method == "POST" else None,
        initial=initial(episode) if initial else None,
    )
    return episode, form


def _render_form(
    request: HttpRequest, template: str, episode: EarlyHelpEpisode, form: forms.Form
) -> HttpResponse:
    return render(
        request,
        template,
        {"episode": episode, "person": episode.person, "form": form},
        status=400 if form.errors else 200,
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
            )
        except ValidationError as error:
            _attach(form, error)
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
                actor=request.user, episode=episode, end_date=d["end_date"], reason=d["reason"]
            )
        except ValidationError as error:
            _attach(form, error)
        else:
            messages.success(request, "Early help episode ended")
            return redirect("earlyhelp:episode_detail", pk=episode.pk)
    return _render_form(request, "earlyhelp/end_form.html", episode, form)


@requires("early_help")
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
            )
        except ValidationError as error:
            _attach(form, error)
        else:
            messages.success(
                request,
                f"Step-up sent to the MASH as contact {contact.pk}; "
                f"the early help episode has ended",
            )
            return redirect("earlyhelp:episode_detail", pk=episode.pk)
    return _render_form(request, "earlyhelp/step_up_form.html", episode, form)
