"""Operation Encompass pages: outstanding (overdue first) and recording who was told."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from frontdoor.accounts.decorators import requires
from frontdoor.audit.services import audit_record
from frontdoor.core.viewhelpers import attach_errors, posted
from frontdoor.people.access import access_person

from . import selectors
from .encompass import encompass_notice_record
from .forms import EncompassRecordForm
from .models import EncompassNotice


@requires("police_screening")
def encompass_list(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    outstanding = list(selectors.encompass_outstanding(user=request.user)[:500])
    audit_record(actor=request.user, action="view", record_type="encompass_list", record_id="-")
    return render(
        request,
        "police/encompass/list.html",
        {
            "outstanding": outstanding,
            "overdue": [n for n in outstanding if n.due_at < now],
            "done": list(
                selectors.encompass_recent_done(user=request.user, since=now - timedelta(days=7))[
                    :200
                ]
            ),
        },
    )


@requires("police_screening")
def encompass_record(request: HttpRequest, pk: int) -> HttpResponse:
    notice = get_object_or_404(EncompassNotice.objects.select_related("child__notification"), pk=pk)
    if notice.child.person_id:
        access_person(
            request.user,
            notice.child.person_id,
            action="encompass",
            record_type="encompass_notice",
            record_id=notice.pk,
        )
    form = EncompassRecordForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            encompass_notice_record(actor=request.user, notice=notice, **form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, f"Recorded: {notice.organisation} told")
            return redirect("police:encompass")
    return render(request, "police/encompass/record.html", {"notice": notice, "form": form})
