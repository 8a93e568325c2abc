"""The child's page "What we shared, with whom and why", the form for a decision not to share, and
the information-governance report (with its CSV)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from frontdoor.accounts.decorators import requires
from frontdoor.accounts.models import User
from frontdoor.audit.services import audit_list_view
from frontdoor.core.onetime import one_time_create
from frontdoor.core.viewhelpers import attach_errors, posted
from frontdoor.intake.access import access_contact
from frontdoor.intake.models import Contact
from frontdoor.people.access import access_person
from frontdoor.people.models import Person
from frontdoor.reporting.exports import audit_export, csv_response

from . import selectors, services
from .forms import NotSharedForm, ReportForm
from .report import report_filters, report_lines

REPORT_PAGE_ROWS = 200


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


@requires("view_people")
def person(request: HttpRequest, person_id: int) -> HttpResponse:
    child = access_person(_user(request), person_id, action="view_sharing")
    return render(
        request,
        "sharing/person.html",
        {"person": child, "records": selectors.sharing_for_person(_user(request), child)},
    )


def _contact_for(request: HttpRequest, child: Person) -> Contact | None:
    """The contact the decision is about (from the screening page), through the contact gate."""
    raw = request.POST.get("contact") or request.GET.get("contact")
    if not raw:
        return None
    contact = access_contact(_user(request), raw, action="record_not_shared")
    if all(link.person_id != child.pk for link in contact.children.all()):
        raise Http404("The child is not on this contact")
    return contact


@requires("view_people")
@one_time_create
def not_shared_new(request: HttpRequest, person_id: int) -> HttpResponse:
    user = _user(request)
    child = access_person(user, person_id, action="record_not_shared")
    contact = _contact_for(request, child)
    form = NotSharedForm(posted(request))
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.share_record(
                actor=user,
                person=child,
                contact=contact,
                recipient=d["recipient"],
                recipient_agency=d["recipient_agency"],
                what=d["what"],
                why=d["why"],
                channel=d["channel"],
                shared=False,
                reason_not_shared=d["reason_not_shared"] or "",
                at=d["decided_at"],
            )
        except ValidationError as error:
            attach_errors(form, _on_form_fields(error))
        else:
            messages.success(request, f"Decision not to share about {child.full_name} recorded")
            return redirect("sharing:person", person_id=child.pk)
    return render(
        request,
        "sharing/not_shared_form.html",
        {"person": child, "contact": contact, "form": form},
        status=400 if form.errors else 200,
    )


def _on_form_fields(error: ValidationError) -> ValidationError:
    """The service calls the decision's time `at`; the form calls it `decided_at`."""
    if not hasattr(error, "error_dict"):
        return error
    names = {"at": "decided_at"}
    return ValidationError({names.get(k, k): v for k, v in error.message_dict.items()})


@requires("view_audit")
def report(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    form = ReportForm(request.GET or None)
    filters = report_filters(form)
    rows = selectors.report_rows(user, filters)
    shown = list(rows[:REPORT_PAGE_ROWS])
    lines = report_lines(user, shown)
    audit_list_view(
        actor=user,
        record_type="sharing_report",
        person_ids=[r.person_id for r in shown],
        detail={"filters": request.GET.urlencode()[:200]},
    )
    context: dict[str, Any] = {
        "form": form,
        "lines": lines,
        "total": rows.count(),
        "limit": REPORT_PAGE_ROWS,
        "csv_url": f"{reverse('sharing:report_csv')}?{request.GET.urlencode()}",
    }
    return render(request, "sharing/report.html", context, status=400 if form.errors else 200)


@requires("view_audit")
def report_csv(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    form = ReportForm(request.GET or None)
    filters = report_filters(form)
    if form.errors:
        return redirect(f"{reverse('sharing:report')}?{request.GET.urlencode()}")
    records = list(selectors.report_rows(user, filters))
    audit_export(
        actor=user,
        what="sharing_report",
        record_id=f"{len(records)} rows",
        children=len({r.person_id for r in records if r.person_id}),
        detail={"filters": request.GET.urlencode()[:200]},
    )
    return csv_response(report_lines(user, records, csv=True), "information-sharing.csv")
