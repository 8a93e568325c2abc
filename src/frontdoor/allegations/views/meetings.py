"""Allegation management meeting pages: start, edit a draft (versioned), feedback and actions."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils import timezone

from frontdoor.core.calendar import local_date
from frontdoor.core.concurrency import StaleRecord
from frontdoor.core.onetime import one_time_create
from frontdoor.core.viewhelpers import attach_errors

from .. import guards, services
from ..access import access_allegation, access_meeting, access_meeting_action, lado_required
from ..forms import ActionFormSet, DecisionFormSet, FeedbackForm, MeetingForm, MeetingStartForm


@lado_required
@one_time_create
def meeting_new(request: HttpRequest, pk: int) -> HttpResponse:
    allegation = access_allegation(request.user, pk)
    blocked = guards.can_add_meeting(allegation)
    if blocked:
        messages.error(request, blocked)
        return redirect("allegations:detail", pk=allegation.pk)
    has_meetings = allegation.meetings.exists()
    form = MeetingStartForm(
        request.POST or None, initial={"kind": "review" if has_meetings else "initial"}
    )
    if request.method == "POST" and form.is_valid():
        meeting = services.meeting_start(
            actor=request.user, allegation=allegation, kind=form.cleaned_data["kind"]
        )
        return redirect("allegations:meeting", pk=meeting.pk)
    return render(request, "allegations/meeting_new.html", {"allegation": allegation, "form": form})


def _meeting_forms(meeting: Any, data: Any = None) -> tuple[MeetingForm, Any, Any]:
    if data is not None:
        data = data.copy()  # mutable, so a saved draft's new version can go back on the page
        return (
            MeetingForm(data),
            DecisionFormSet(data, prefix="decisions"),
            ActionFormSet(data, prefix="actions"),
        )
    decisions = [
        {"decision": d.decision, "rationale": d.rationale} for d in meeting.decisions.all()
    ]
    actions = [
        {"description": a.description, "owner": a.owner, "due_on": a.due_on}
        for a in meeting.actions.all()
    ]
    blank_decision = {"decision": "", "rationale": ""}
    blank_action = {"description": "", "owner": "", "due_on": None}
    main = MeetingForm(initial={f: getattr(meeting, f) for f in MeetingForm.base_fields})
    main.initial["version"] = meeting.version
    # Always one blank row beneath the saved ones: "add another" without JavaScript.
    return (
        main,
        DecisionFormSet(initial=decisions + [blank_decision], prefix="decisions"),
        ActionFormSet(initial=actions + [blank_action], prefix="actions"),
    )


@lado_required
def meeting(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = access_meeting(request.user, pk)
    editable = guards.can_edit_meeting(meeting) is None
    section_errors: dict[str, list[str]] = {}
    stale = False
    if request.method == "POST" and editable:
        main, decisions, actions = _meeting_forms(meeting, request.POST)
        if main.is_valid() and decisions.is_valid() and actions.is_valid():
            d = main.cleaned_data
            try:
                saved = services.meeting_save(
                    actor=request.user,
                    meeting=meeting,
                    held_on=d["held_on"],
                    attendees=d["attendees"],
                    key_issues=d["key_issues"],
                    support_provider=d["support_provider"],
                    support_description=d["support_description"],
                    no_support_reason=d["no_support_reason"],
                    feedback_due_on=d["feedback_due_on"],
                    decisions=[
                        (f.cleaned_data.get("decision", ""), f.cleaned_data.get("rationale", ""))
                        for f in decisions.forms
                    ],
                    actions=[
                        (
                            f.cleaned_data.get("description", ""),
                            f.cleaned_data.get("owner", ""),
                            f.cleaned_data.get("due_on"),
                        )
                        for f in actions.forms
                    ],
                    version=d["version"],
                )
                main.data["version"] = str(saved.version)
                if "finalise" in request.POST:
                    services.meeting_finalise(actor=request.user, meeting=meeting)
                    messages.success(request, "Meeting record finalised")
                    return redirect("allegations:detail", pk=meeting.allegation_id)
            except StaleRecord as error:
                main.add_error(None, str(error))
                stale = finalise_failed = True
            except ValidationError as error:
                attach_errors(main, error)
                if hasattr(error, "error_dict"):
                    section_errors = {
                        k: v for k, v in error.message_dict.items() if k in ("decisions", "actions")
                    }
                finalise_failed = True
            else:
                finalise_failed = False
            if not finalise_failed:
                messages.success(request, "Draft saved")
                anchor = {"add_decision": "#decisions", "add_action": "#actions"}
                suffix = next((v for k, v in anchor.items() if k in request.POST), "")
                return redirect(f"{request.path}{suffix}")
    else:
        main, decisions, actions = _meeting_forms(meeting)
    return render(
        request,
        "allegations/meeting.html",
        {
            "meeting": meeting,
            "allegation": meeting.allegation,
            "editable": editable,
            "form": main,
            "decisions": decisions,
            "actions": actions,
            "section_errors": section_errors,
            "feedback_form": FeedbackForm(),
            "today": local_date(timezone.now()),
        },
        status=409 if stale else 200,
    )


@lado_required
def meeting_feedback(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = access_meeting(request.user, pk, action="record_feedback")
    if request.method != "POST":
        return redirect("allegations:meeting", pk=meeting.pk)
    form = FeedbackForm(request.POST)
    if form.is_valid():
        try:
            services.meeting_feedback_received(
                actor=request.user, meeting=meeting, received_on=form.cleaned_data["received_on"]
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, "Feedback recorded")
            return redirect("allegations:meeting", pk=meeting.pk)
    return render(
        request,
        "allegations/meeting.html",
        {
            "meeting": meeting,
            "allegation": meeting.allegation,
            "editable": False,
            "feedback_form": form,
            "today": local_date(timezone.now()),
        },
    )


@lado_required
def action_done(request: HttpRequest, pk: int) -> HttpResponse:
    if request.method != "POST":
        # Marking an action done is a POST; a GET is answered the same for every id (nothing to
        # look up, nothing refused), as for the other areas' actions.
        return HttpResponseNotAllowed(["POST"])
    item = access_meeting_action(request.user, pk, action="complete_action")
    meeting = item.meeting
    try:
        services.meeting_action_complete(
            actor=request.user, action=item, completed_on=local_date(timezone.now())
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Action {item.position} marked as done")
    return redirect("allegations:meeting", pk=meeting.pk)
