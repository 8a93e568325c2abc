"""Out of hours: the EDT worker's records and the MASH's handover list."""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils import timezone

from frontdoor.accounts.decorators import requires
from frontdoor.accounts.models import User
from frontdoor.audit.services import audit_list_view
from frontdoor.core.concurrency import StaleRecord
from frontdoor.core.onetime import one_time_create
from frontdoor.core.viewhelpers import attach_errors, posted, requires_any
from frontdoor.people.access import access_person
from frontdoor.people.selectors import person_search

from . import selectors, services
from .access import access_edt_record
from .forms import AcknowledgeForm, EdtRecordForm, FindChildForm


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)  # every page here is behind @requires
    return request.user


def _stale(form: AcknowledgeForm, error: StaleRecord) -> None:
    """Who changed it; what was typed is kept, now against the current version."""
    form.add_error(None, str(error))
    data = cast(QueryDict, form.data).copy()
    data["version"] = str(error.record.version)
    form.data = data


@requires("edt")
def home(request: HttpRequest) -> HttpResponse:
    records = list(selectors.edt_records(user=_user(request))[:100])
    audit_list_view(
        actor=request.user, record_type="edt_list", person_ids=[r.person_id for r in records]
    )
    return render(request, "out_of_hours/home.html", {"records": records})


@requires("edt")
@one_time_create
def record_new(request: HttpRequest) -> HttpResponse:
    person_id = request.GET.get("person", "")
    if not person_id.isdigit():
        find = FindChildForm(request.GET or None)
        results = (
            person_search(user=request.user, text=request.GET.get("q", ""), limit=20)
            if request.GET.get("q")
            else []
        )
        return render(
            request,
            "out_of_hours/find_child.html",
            {
                "form": find,
                "results": [r for r in results if r.person.is_child],
                "searched": bool(request.GET.get("q")),
            },
        )
    person = access_person(request.user, person_id, action="view_for_edt", record_type="person")
    form = EdtRecordForm(posted(request))
    if request.method == "POST" and form.is_valid():
        d = dict(form.cleaned_data)
        d["can_wait"] = {"yes": True, "no": False}.get(d["can_wait"])
        try:
            record = services.edt_record_create(actor=_user(request), person=person, **d)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(
                request,
                f"Out-of-hours record saved: handover due "
                f"{timezone.localtime(record.handover_due_at):%d %B %Y, %H:%M}",
            )
            return redirect("out_of_hours:detail", pk=record.pk)
    return render(request, "out_of_hours/form.html", {"form": form, "person": person})


@requires_any("edt", "acknowledge_handover")
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    record = access_edt_record(_user(request), pk)
    context = {"record": record, "person": record.person}
    return render(request, "out_of_hours/detail.html", context)


@requires("acknowledge_handover")
def handovers(request: HttpRequest) -> HttpResponse:
    user, now = _user(request), timezone.now()
    waiting = list(selectors.handovers_waiting(user=user)[:300])
    late = (
        list(selectors.handovers_late(user=user, now=now)[:100]) if user.can("authorise") else None
    )
    audit_list_view(
        actor=user,
        record_type="edt_handovers",
        person_ids=[r.person_id for r in waiting + (late or [])],
    )
    context = {
        "waiting": waiting,
        "overdue": [r for r in waiting if r.handover_due_at < now],
        "late": late,
    }
    return render(request, "out_of_hours/handovers.html", context)


@requires("acknowledge_handover")
def acknowledge(request: HttpRequest, pk: int) -> HttpResponse:
    record = access_edt_record(_user(request), pk, action="acknowledge")
    form = AcknowledgeForm(posted(request), initial={"version": record.version})
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            services.edt_handover_acknowledge(
                actor=_user(request),
                record=record,
                note=form.cleaned_data["note"],
                create_contact=form.cleaned_data["create_contact"] == "yes",
                version=form.cleaned_data["version"],
            )
        except StaleRecord as error:
            _stale(form, error)
            status = 409
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, f"Handover acknowledged for {record.person.full_name}")
            return redirect("out_of_hours:handovers")
    context = {"record": record, "person": record.person, "form": form}
    return render(request, "out_of_hours/acknowledge.html", context, status=status)
