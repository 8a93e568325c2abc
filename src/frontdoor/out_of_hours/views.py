"""Out of hours: the EDT worker's records and the MASH's handover list."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from frontdoor.accounts.decorators import requires
from frontdoor.audit.services import audit_record
from frontdoor.core.viewhelpers import attach_errors, posted, requires_any
from frontdoor.people.access import access_person
from frontdoor.people.selectors import person_search

from . import selectors, services
from .forms import AcknowledgeForm, EdtRecordForm, FindChildForm
from .models import EdtRecord


@requires("edt")
def home(request: HttpRequest) -> HttpResponse:
    audit_record(actor=request.user, action="view", record_type="edt_list", record_id="-")
    return render(
        request,
        "out_of_hours/home.html",
        {
            "records": list(selectors.edt_records(user=request.user)[:100]),
        },
    )


@requires("edt")
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
            record = services.edt_record_create(actor=request.user, person=person, **d)
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
    record = get_object_or_404(
        EdtRecord.objects.select_related("recorded_by", "acknowledged_by"), pk=pk
    )
    person = access_person(
        request.user, record.person_id, record_type="edt_record", record_id=record.pk
    )
    return render(request, "out_of_hours/detail.html", {"record": record, "person": person})


@requires("acknowledge_handover")
def handovers(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    waiting = list(selectors.handovers_waiting(user=request.user)[:300])
    audit_record(actor=request.user, action="view", record_type="edt_handovers", record_id="-")
    return render(
        request,
        "out_of_hours/handovers.html",
        {
            "waiting": waiting,
            "overdue": [r for r in waiting if r.handover_due_at < now],
            "late": list(selectors.handovers_late(user=request.user, now=now)[:100])
            if request.user.can("authorise")
            else None,
        },
    )


@requires("acknowledge_handover")
def acknowledge(request: HttpRequest, pk: int) -> HttpResponse:
    record = get_object_or_404(EdtRecord.objects.select_related("recorded_by"), pk=pk)
    person = access_person(
        request.user,
        record.person_id,
        action="acknowledge",
        record_type="edt_record",
        record_id=record.pk,
    )
    form = AcknowledgeForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.edt_handover_acknowledge(
                actor=request.user,
                record=record,
                note=form.cleaned_data["note"],
                create_contact=form.cleaned_data["create_contact"] == "yes",
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, f"Handover acknowledged for {person.full_name}")
            return redirect("out_of_hours:handovers")
    return render(
        request, "out_of_hours/acknowledge.html", {"record": record, "person": person, "form": form}
    )
