"""The designated officer's pages: work tray, logging approaches, the allegation record, initial
consideration, meetings, outcome, finding people, and the annual report.

Every view is behind `lado_required`; every record is loaded through the access gate (audited).
"""

from __future__ import annotations

import csv
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from frontdoor.audit.services import audit_record
from frontdoor.core.calendar import local_date
from frontdoor.people.access import access_person
from frontdoor.people.selectors import person_search

from . import guards, selectors, services
from .access import access_allegation, access_meeting, access_subject, lado_required
from .forms import (
    ActionFormSet,
    ChildSearchForm,
    ConsultationForm,
    DecisionFormSet,
    FeedbackForm,
    InitialConsiderationForm,
    MeetingForm,
    MeetingStartForm,
    OutcomeForm,
    ReferralForm,
    SubjectSearchForm,
    yes_no,
)
from .models import MeetingAction


def _attach(form: forms.Form, error: ValidationError) -> None:
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, messages_ in error.message_dict.items():
        form.add_error(field if field in form.fields else None, messages_)


@lado_required
def home(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    tray = selectors.work_tray(now=now)
    audit_record(
        actor=request.user, action="view", record_type="allegation_tray", record_id=request.user.pk
    )
    return render(request, "allegations/home.html", {"tray": tray, "now": now})


@lado_required
def consultation_new(request: HttpRequest) -> HttpResponse:
    form = ConsultationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        first, last = d["first_name"].strip(), d["last_name"].strip()
        if bool(first) != bool(last):
            form.add_error(
                "first_name" if not first else "last_name",
                "Enter both the first and last name of the adult, or neither",
            )
        else:
            try:
                with transaction.atomic():
                    subject = None
                    if first:
                        subject = services.subject_create(
                            actor=request.user,
                            first_name=first,
                            last_name=last,
                            sector=d["sector"],
                            job_role=d["job_role"],
                            employer=d["employer"],
                        )
                    allegation = services.consultation_record(
                        actor=request.user,
                        received_at=d["received_at"],
                        sector=d["sector"],
                        employer=d["employer"],
                        referrer_type=d["referrer_type"],
                        referrer_name=d["referrer_name"],
                        referrer_organisation=d["referrer_organisation"],
                        summary=d["summary"],
                        advice_given=d["advice_given"],
                        subject=subject,
                    )
            except ValidationError as error:
                _attach(form, error)
            else:
                messages.success(request, f"Consultation {allegation.reference} recorded")
                return redirect("allegations:detail", pk=allegation.pk)
    return render(request, "allegations/consultation_form.html", {"form": form})


@lado_required
def referral_new(request: HttpRequest) -> HttpResponse:
    subject_id = request.POST.get("subject") or request.GET.get("subject")
    subject = (
        access_subject(request.user, subject_id, action="view_for_referral") if subject_id else None
    )
    form = ReferralForm(request.POST or None, subject_chosen=subject is not None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            with transaction.atomic():
                if subject is None:
                    subject = services.subject_create(
                        actor=request.user,
                        first_name=d["first_name"],
                        last_name=d["last_name"],
                        date_of_birth=d["date_of_birth"],
                        job_role=d["job_role"],
                        employer=d["employer"],
                        sector=d["sector"],
                        regulated_activity=yes_no(d["regulated_activity"]),
                    )
                allegation = services.referral_record(
                    actor=request.user,
                    subject=subject,
                    received_at=d["received_at"],
                    employer_learned_on=d["employer_learned_on"],
                    referrer_type=d["referrer_type"],
                    referrer_name=d["referrer_name"],
                    referrer_organisation=d["referrer_organisation"],
                    harm_limbs=d["harm_limbs"],
                    summary=d["summary"],
                )
        except ValidationError as error:
            if subject_id is None:
                subject = None
            _attach(form, error)
        else:
            note = " It was reported late." if allegation.reported_late else ""
            messages.success(request, f"Referral {allegation.reference} recorded.{note}")
            return redirect("allegations:detail", pk=allegation.pk)
    return render(request, "allegations/referral_form.html", {"form": form, "subject": subject})


@lado_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    allegation = access_allegation(request.user, pk)
    children = [link.person for link in allegation.child_links.select_related("person")]
    meetings = list(allegation.meetings.prefetch_related("decisions", "actions"))
    return render(
        request,
        "allegations/detail.html",
        {
            "allegation": allegation,
            "children": children,
            "meetings": meetings,
            "consideration": getattr(allegation, "initial_consideration", None),
            "earlier": selectors.earlier_approaches(allegation),
            "can_add_meeting": guards.can_add_meeting(allegation) is None,
            "can_conclude": guards.can_conclude(allegation) is None,
            "conclude_blocked": guards.can_conclude(allegation),
        },
    )


@lado_required
def child_add(request: HttpRequest, pk: int) -> HttpResponse:
    allegation = access_allegation(request.user, pk, action="view_for_child_link")
    if request.method == "POST":
        person = access_person(
            request.user,
            request.POST.get("person"),
            action="view_for_allegation",
            record_type="allegation",
            record_id=allegation.pk,
        )
        try:
            services.allegation_child_add(actor=request.user, allegation=allegation, person=person)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, f"{person.full_name} linked as a child involved")
        return redirect("allegations:detail", pk=allegation.pk)
    form = ChildSearchForm(request.GET if "q" in request.GET else None)
    results = None
    if form.is_bound and form.is_valid():
        results = [
            r
            for r in person_search(user=request.user, text=form.cleaned_data["q"])
            if r.person.is_child
        ]
    return render(
        request,
        "allegations/child_add.html",
        {"allegation": allegation, "form": form, "results": results},
    )


@lado_required
def initial_consideration(request: HttpRequest, pk: int) -> HttpResponse:
    allegation = access_allegation(request.user, pk)
    blocked = guards.can_record_initial_consideration(allegation)
    if blocked:
        messages.error(request, blocked)
        return redirect("allegations:detail", pk=allegation.pk)
    form = InitialConsiderationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.initial_consideration_record(
                actor=request.user,
                allegation=allegation,
                nature_and_context=d["nature_and_context"],
                history=d["history"],
                police_needed=d["police_needed"] == "yes",
                s47_needed=d["s47_needed"] == "yes",
                stay_in_role=d["stay_in_role"],
                alternatives_considered=d["alternatives_considered"],
                hold_meeting=d["hold_meeting"] == "yes",
                rationale=d["rationale"],
            )
        except ValidationError as error:
            _attach(form, error)
        else:
            messages.success(request, "Initial consideration recorded")
            return redirect("allegations:detail", pk=allegation.pk)
    return render(
        request, "allegations/initial_consideration.html", {"allegation": allegation, "form": form}
    )


@lado_required
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
    if request.method == "POST" and editable:
        main, decisions, actions = _meeting_forms(meeting, request.POST)
        if main.is_valid() and decisions.is_valid() and actions.is_valid():
            d = main.cleaned_data
            try:
                services.meeting_save(
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
                )
                if "finalise" in request.POST:
                    services.meeting_finalise(actor=request.user, meeting=meeting)
                    messages.success(request, "Meeting record finalised")
                    return redirect("allegations:detail", pk=meeting.allegation_id)
            except ValidationError as error:
                _attach(main, error)
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
            _attach(form, error)
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
    item = MeetingAction.objects.filter(pk=pk).select_related("meeting").first()
    if item is None or request.method != "POST":
        raise Http404("No such action")
    meeting = access_meeting(request.user, item.meeting_id, action="complete_action")
    try:
        services.meeting_action_complete(
            actor=request.user, action=item, completed_on=local_date(timezone.now())
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Action {item.position} marked as done")
    return redirect("allegations:meeting", pk=meeting.pk)


@lado_required
def outcome(request: HttpRequest, pk: int) -> HttpResponse:
    allegation = access_allegation(request.user, pk)
    blocked = guards.can_conclude(allegation)
    if blocked:
        messages.error(request, blocked)
        return redirect("allegations:detail", pk=allegation.pk)
    form = OutcomeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.allegation_conclude(actor=request.user, allegation=allegation, **d)
        except ValidationError as error:
            _attach(form, error)
        else:
            messages.success(request, "Outcome recorded")
            return redirect("allegations:detail", pk=allegation.pk)
    return render(request, "allegations/outcome.html", {"allegation": allegation, "form": form})


@lado_required
def subjects(request: HttpRequest) -> HttpResponse:
    form = SubjectSearchForm(request.GET if request.GET else None)
    results = None
    if form.is_bound and form.is_valid():
        results = selectors.subject_search(
            text=form.cleaned_data["q"], date_of_birth=form.cleaned_data["dob"]
        )
        audit_record(
            actor=request.user,
            action="search",
            record_type="allegation_subject",
            record_id="search",
            detail={"results": len(results)},
        )
    return render(request, "allegations/subjects.html", {"form": form, "results": results})


@lado_required
def subject_detail(request: HttpRequest, pk: int) -> HttpResponse:
    subject = access_subject(request.user, pk)
    approaches = list(subject.allegations.order_by("-received_at"))
    return render(
        request, "allegations/subject_detail.html", {"subject": subject, "approaches": approaches}
    )


def _year(request: HttpRequest) -> int:
    default = selectors.current_reporting_year(local_date(timezone.now()))
    raw = request.GET.get("year", "")
    return int(raw) if raw.isdigit() and 2000 <= int(raw) <= 2100 else default


@lado_required
def report(request: HttpRequest) -> HttpResponse:
    year = _year(request)
    data = selectors.annual_report(year)
    audit_record(actor=request.user, action="view", record_type="allegation_report", record_id=year)
    this_year = selectors.current_reporting_year(local_date(timezone.now()))
    years = [(y, selectors.year_label(y)) for y in range(this_year, this_year - 6, -1)]
    return render(request, "allegations/report.html", {"report": data, "years": years})


@lado_required
def report_csv(request: HttpRequest) -> HttpResponse:
    year = _year(request)
    data = selectors.annual_report(year)
    audit_record(
        actor=request.user, action="export", record_type="allegation_report", record_id=year
    )
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="lado-annual-report-{selectors.year_label(year)}.csv"'
    )
    writer = csv.writer(response)
    writer.writerows(selectors.annual_report_rows(data))
    return response
