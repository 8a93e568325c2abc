"""Police notifications: import, the daily screening meeting, each child's decision, MARAC."""

from __future__ import annotations

import csv
import io
from datetime import date

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from frontdoor.accounts.decorators import requires
from frontdoor.audit.services import audit_record
from frontdoor.core.calendar import get_calendar
from frontdoor.core.viewhelpers import attach_errors, posted
from frontdoor.out_of_hours.models import EdtRecord
from frontdoor.people.access import access_person, visible_people

from . import selectors, services
from .encompass import encompass_school_nurse_add
from .forms import (
    AttendeeForm,
    ConfirmMatchForm,
    DecisionForm,
    MaracForm,
    SchoolNurseForm,
    UploadForm,
)
from .importer import ImportFileError, police_notifications_import, screening_day_for
from .marac import marac_referral_record
from .models import NotificationChild, PoliceImport, PoliceNotification


@requires("police_screening")
def home(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    return render(
        request,
        "police/home.html",
        {
            "days": selectors.screening_days(),
            "today": screening_day_for(timezone.now()),
            "awaiting_review": selectors.awaiting_review().count(),
            "encompass_overdue": selectors.encompass_outstanding(user=request.user)
            .filter(due_at__lt=now)
            .count(),
            "handovers_waiting": EdtRecord.objects.filter(acknowledged_at__isnull=True).count(),
            "imports": PoliceImport.objects.all()[:5],
            "can_acknowledge": request.user.can("acknowledge_handover"),
        },
    )


@requires("police_screening")
def upload(request: HttpRequest) -> HttpResponse:
    form = UploadForm(posted(request), request.FILES if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        uploaded = form.cleaned_data["file"]
        stream = io.TextIOWrapper(uploaded.file, encoding="utf-8-sig", newline="")
        try:
            result = police_notifications_import(
                actor=request.user, stream=stream, filename=uploaded.name
            )
        except (ImportFileError, UnicodeDecodeError, csv.Error) as error:
            message = (
                str(error)
                if isinstance(error, ImportFileError)
                else "The file could not be read: save it as CSV (UTF-8) and try again"
            )
            form.add_error("file", message)
        else:
            messages.success(request, result.summary)
            return redirect("police:import", pk=result.record.pk)
    return render(request, "police/upload.html", {"form": form})


@requires("police_screening")
def import_detail(request: HttpRequest, pk: int) -> HttpResponse:
    record = get_object_or_404(PoliceImport, pk=pk)
    return render(request, "police/import_detail.html", {"record": record})


@requires("police_screening")
def day(request: HttpRequest, day: str) -> HttpResponse:
    try:
        the_day = date.fromisoformat(day)
    except ValueError:
        raise Http404("No such day") from None
    form = AttendeeForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.screening_attendee_add(actor=request.user, day=the_day, **form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, f"{form.cleaned_data['name']} added to the attendees")
            return redirect("police:day", day=day)
    meeting = services.ScreeningMeeting.objects.filter(day=the_day).first()
    audit_record(actor=request.user, action="view", record_type="screening_day", record_id=day)
    return render(
        request,
        "police/day.html",
        {
            "day": the_day,
            "board": selectors.day_board(user=request.user, day=the_day),
            "form": form,
            "attendees": list(meeting.attendees.all()) if meeting else [],
            "previous_day": get_calendar().previous_working_day(the_day),
            "next_day": get_calendar().next_working_day(the_day),
        },
    )


def _child_for(request: HttpRequest, pk: int, action: str = "view") -> NotificationChild:
    """The notification's child, through the access gate when it is linked to a person."""
    child = get_object_or_404(
        NotificationChild.objects.select_related("notification", "person", "routed_worker"), pk=pk
    )
    if child.person_id:
        access_person(
            request.user,
            child.person_id,
            action=action,
            record_type="police_notification_child",
            record_id=child.pk,
        )
    else:
        audit_record(
            actor=request.user,
            action=action,
            record_type="police_notification_child",
            record_id=child.pk,
        )
    return child


@requires("police_screening")
def child_detail(request: HttpRequest, pk: int) -> HttpResponse:
    child = _child_for(request, pk)
    form = DecisionForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.notification_decision_record(
                actor=request.user, child=child, **form.cleaned_data
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, f"Decision recorded for {child.full_name}")
            return redirect("police:day", day=child.notification.screening_day.isoformat())
    candidates = list(visible_people(request.user).filter(pk__in=child.candidate_ids))
    history = (
        selectors.history_items(
            person_id=child.person_id,
            until=child.notification.received_at,
            exclude_notification_id=child.notification_id,
        )
        if child.person_id
        else None
    )
    return render(
        request,
        "police/child.html",
        {
            "child": child,
            "n": child.notification,
            "form": form,
            "history": history,
            "match_form": ConfirmMatchForm(choices=_candidate_choices(candidates)),
            "nurse_form": SchoolNurseForm(),
            "notices": list(child.notices.all()),
            "siblings": [c for c in child.notification.children.all() if c.pk != child.pk],
        },
    )


def _candidate_choices(people: list) -> list[tuple[str, str]]:  # type: ignore[type-arg]
    return [
        (
            str(p.pk),
            f"{p.full_name}, born {p.date_of_birth:%d/%m/%Y}" if p.date_of_birth else p.full_name,
        )
        for p in people
    ]


@requires("police_screening")
def child_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    child = _child_for(request, pk, action="review_match")
    candidates = list(visible_people(request.user).filter(pk__in=child.candidate_ids))
    form = ConfirmMatchForm(posted(request), choices=_candidate_choices(candidates))
    if request.method == "POST":
        if request.POST.get("create") == "1":
            try:
                services.notification_child_create_person(actor=request.user, child=child)
            except ValidationError as error:
                attach_errors(form, error)
            else:
                messages.success(request, f"{child.full_name} added to the people index")
                return redirect("police:child", pk=child.pk)
        elif form.is_valid():
            person = access_person(
                request.user,
                form.cleaned_data["person"],
                action="link",
                record_type="police_notification_child",
                record_id=child.pk,
            )
            try:
                services.notification_child_confirm(actor=request.user, child=child, person=person)
            except ValidationError as error:
                attach_errors(form, error)
            else:
                messages.success(request, f"{child.full_name} matched to {person.full_name}")
                return redirect("police:child", pk=child.pk)
    return render(request, "police/confirm.html", {"child": child, "form": form})


@requires("police_screening")
def school_nurse(request: HttpRequest, pk: int) -> HttpResponse:
    child = _child_for(request, pk, action="update")
    form = SchoolNurseForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            encompass_school_nurse_add(actor=request.user, child=child, **form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, "School nurse added to the Operation Encompass notices")
            return redirect("police:child", pk=child.pk)
    return render(request, "police/school_nurse.html", {"child": child, "form": form})


@requires("police_screening")
def marac(request: HttpRequest, pk: int) -> HttpResponse:
    notification = get_object_or_404(PoliceNotification, pk=pk)
    for person_id in notification.children.filter(person__isnull=False).values_list(
        "person_id", flat=True
    ):
        access_person(
            request.user,
            person_id,
            action="marac",
            record_type="police_notification",
            record_id=notification.pk,
        )
    form = MaracForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            marac_referral_record(
                actor=request.user, notification=notification, **form.cleaned_data
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(
                request, f"MARAC referral recorded for {notification.police_reference}"
            )
            return redirect("police:day", day=notification.screening_day.isoformat())
    return render(request, "police/marac.html", {"n": notification, "form": form})


@requires("police_screening")
def review_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "police/review_list.html",
        {"children": list(selectors.awaiting_review()[:500])},
    )


@requires("view_people")
def my_cases(request: HttpRequest) -> HttpResponse:
    audit_record(
        actor=request.user,
        action="view",
        record_type="routed_notifications",
        record_id=request.user.pk,
    )
    return render(
        request,
        "police/my_cases.html",
        {"children": list(selectors.routed_to(user=request.user)[:200])},
    )
