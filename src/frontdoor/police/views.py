"""Police notifications: the home page, importing the file, the daily screening board, the
children awaiting a match and a worker's own cases. One child's pages are in `child_views`."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from frontdoor.accounts.decorators import requires
from frontdoor.accounts.models import User
from frontdoor.audit.services import audit_list_view, audit_record
from frontdoor.core.calendar import get_calendar
from frontdoor.core.onetime import one_time_create
from frontdoor.core.viewhelpers import attach_errors, posted
from frontdoor.out_of_hours.selectors import handovers_waiting

from . import selectors, services
from .access import access_police_import
from .forms import AttendeeForm, UploadForm
from .import_background import REFRESH_SECONDS, import_stalled, police_import_begin
from .importer import (
    police_file_read,
    police_file_refuse,
    police_import_start,
    screening_day_for,
)
from .models import ImportStatus
from .rows import ImportFileError

ERRORS_PER_PAGE = 50


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)  # every page here is behind @requires
    return request.user


@requires("police_screening")
def home(request: HttpRequest) -> HttpResponse:
    user, now = _user(request), timezone.now()
    return render(
        request,
        "police/home.html",
        {
            "days": selectors.screening_days(),
            "today": screening_day_for(now),
            "awaiting_review": selectors.awaiting_review(user=user).count(),
            "encompass_overdue": selectors.encompass_outstanding(user=user)
            .filter(due_at__lt=now)
            .count(),
            "handovers_waiting": handovers_waiting(user=user).count(),
            "imports": selectors.recent_imports(user=user),
            "can_acknowledge": user.can("acknowledge_handover"),
        },
    )


@requires("police_screening")
@one_time_create
def upload(request: HttpRequest) -> HttpResponse:
    form = UploadForm(posted(request), request.FILES if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        uploaded, user = form.cleaned_data["file"], _user(request)
        try:
            checked = police_file_read(uploaded.file)
        except ImportFileError as error:
            police_file_refuse(actor=user, filename=uploaded.name, error=error)
            form.add_error("file", str(error))
        else:
            record = police_import_start(
                actor=user, filename=uploaded.name, rows=len(checked.rows), now=timezone.now()
            )
            result = police_import_begin(actor=user, record=record, checked=checked)
            if result is not None:
                messages.success(request, result.summary)
            return redirect("police:import", pk=record.pk)
    return render(request, "police/upload.html", {"form": form})


@requires("police_screening")
def import_detail(request: HttpRequest, pk: int) -> HttpResponse:
    record = access_police_import(_user(request), pk)
    page = Paginator(record.errors, ERRORS_PER_PAGE).get_page(request.GET.get("page"))
    stalled = import_stalled(record)
    response = render(
        request,
        "police/import_detail.html",
        {"record": record, "page": page, "stalled": stalled},
    )
    if record.status == ImportStatus.RUNNING and not stalled:
        # The browser asks again in a few seconds while the import runs (no script needed).
        response["Refresh"] = str(REFRESH_SECONDS)
    return response


@requires("police_screening")
def day(request: HttpRequest, day: str) -> HttpResponse:
    try:
        the_day = date.fromisoformat(day)
    except ValueError:
        raise Http404("No such day") from None
    user = _user(request)
    form = AttendeeForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.screening_attendee_add(actor=user, day=the_day, **form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, f"{form.cleaned_data['name']} added to the attendees")
            return redirect("police:day", day=day)
    board = selectors.day_board(user=user, day=the_day)
    audit_list_view(
        actor=user,
        record_type="police_screening_day",
        person_ids=board.person_ids,
        detail={"day": day},
    )
    return render(
        request,
        "police/day.html",
        {
            "day": the_day,
            "board": board.notifications,
            "restricted_children": board.restricted_children,
            "form": form,
            "attendees": selectors.attendees(day=the_day),
            "previous_day": get_calendar().previous_working_day(the_day),
            "next_day": get_calendar().next_working_day(the_day),
        },
    )


@requires("police_screening")
def review_list(request: HttpRequest) -> HttpResponse:
    children = list(selectors.awaiting_review(user=_user(request))[:500])
    audit_record(
        actor=request.user,
        action="list",
        record_type="police_awaiting_match",
        record_id=f"{len(children)} shown",
        detail={"notification_children": [c.pk for c in children]},
    )
    return render(request, "police/review_list.html", {"children": children})


@requires("view_people")
def my_cases(request: HttpRequest) -> HttpResponse:
    children = list(selectors.routed_to(user=_user(request))[:200])
    audit_list_view(
        actor=request.user,
        record_type="routed_notifications",
        person_ids=[c.person_id for c in children],
    )
    return render(request, "police/my_cases.html", {"children": children})
