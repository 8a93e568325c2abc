"""Operation Encompass pages: outstanding (overdue first) and recording who was told."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from frontdoor.accounts.decorators import requires
from frontdoor.accounts.models import User
from frontdoor.audit.services import audit_list_view
from frontdoor.core.concurrency import StaleRecord
from frontdoor.core.viewhelpers import attach_errors, posted

from . import selectors
from .access import access_encompass_notice
from .child_views import stale
from .encompass import encompass_notice_record
from .forms import EncompassRecordForm


@requires("police_screening")
def encompass_list(request: HttpRequest) -> HttpResponse:
    assert isinstance(request.user, User)
    user, now = request.user, timezone.now()
    outstanding = list(selectors.encompass_outstanding(user=user)[:500])
    done = list(selectors.encompass_recent_done(user=user, since=now - timedelta(days=7))[:200])
    audit_list_view(
        actor=user,
        record_type="encompass_list",
        person_ids=[n.child.person_id for n in outstanding + done],
    )
    return render(
        request,
        "police/encompass/list.html",
        {
            "outstanding": outstanding,
            "overdue": [n for n in outstanding if n.due_at < now],
            "done": done,
        },
    )


@requires("police_screening")
def encompass_record(request: HttpRequest, pk: int) -> HttpResponse:
    assert isinstance(request.user, User)
    notice = access_encompass_notice(request.user, pk, action="encompass")
    form = EncompassRecordForm(posted(request), initial={"version": notice.version})
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            encompass_notice_record(actor=request.user, notice=notice, **form.cleaned_data)
        except StaleRecord as error:
            stale(form, error)
            status = 409
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, f"Recorded: {notice.organisation} told")
            return redirect("police:encompass")
    context = {"notice": notice, "form": form}
    return render(request, "police/encompass/record.html", context, status=status)
