"""The designated officer's pages: work tray, logging approaches, the allegation record, children
involved, initial consideration, finding people and the annual report.

Every view is behind `lado_required`; every record is loaded through the access gate (audited).
"""

from __future__ import annotations

import csv

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from frontdoor.audit.services import audit_list_view, audit_record
from frontdoor.cases.selectors import allocation_history
from frontdoor.core.calendar import local_date
from frontdoor.core.onetime import one_time_create
from frontdoor.core.viewhelpers import attach_errors
from frontdoor.people.access import access_person, restricted_ids
from frontdoor.people.selectors import person_search

from .. import guards, selectors, services
from ..access import access_allegation, access_subject, lado_required
from ..forms import (
    ChildSearchForm,
    ConsultationForm,
    InitialConsiderationForm,
    OutcomeReturnForm,
    ReferralForm,
    SubjectSearchForm,
    yes_no,
)
from ..models import Status


@lado_required
def home(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    tray = selectors.work_tray(request.user, now=now)
    audit_record(
        actor=request.user, action="view", record_type="allegation_tray", record_id=request.user.pk
    )
    return render(
        request,
        "allegations/home.html",
        {"tray": tray, "now": now, "perms_allocate": request.user.can("allocate_allegations")},
    )


@lado_required
@one_time_create
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
                attach_errors(form, error)
            else:
                messages.success(request, f"Consultation {allegation.reference} recorded")
                return redirect("allegations:detail", pk=allegation.pk)
    return render(request, "allegations/consultation_form.html", {"form": form})


@lado_required
@one_time_create
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
            attach_errors(form, error)
        else:
            note = " It was reported late." if allegation.reported_late else ""
            messages.success(request, f"Referral {allegation.reference} recorded.{note}")
            return redirect("allegations:detail", pk=allegation.pk)
    return render(request, "allegations/referral_form.html", {"form": form, "subject": subject})


@lado_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    allegation = access_allegation(request.user, pk)
    children = [link.person for link in allegation.child_links.all()]
    meetings = list(allegation.meetings.prefetch_related("decisions", "actions"))
    history = allocation_history(allegation=allegation)
    return render(
        request,
        "allegations/detail.html",
        {
            "allegation": allegation,
            "children": children,
            "hidden": restricted_ids(request.user, [c.pk for c in children]),
            "meetings": meetings,
            "consideration": getattr(allegation, "initial_consideration", None),
            "earlier": selectors.earlier_approaches(allegation),
            "can_add_meeting": guards.can_add_meeting(allegation) is None,
            "can_conclude": guards.can_conclude(allegation) is None,
            "conclude_blocked": guards.can_conclude(allegation),
            "proposal": getattr(allegation, "outcome_proposal", None),
            "decide_form": OutcomeReturnForm(),
            "history": history,
            "allocated": next((a for a in history if a.end is None), None),
            "may_allocate": request.user.can("allocate_allegations")
            and allegation.is_referral
            and allegation.status == Status.OPEN,
        },
    )


@lado_required
def child_add(request: HttpRequest, pk: int) -> HttpResponse:
    # No one-time token: linking is idempotent (a second post is refused as "already linked" by the
    # service and the unique constraint), and a refused child must leave its audited refusal.
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
        audit_list_view(
            actor=request.user,
            record_type="allegation_child_search",
            person_ids=[r.person.pk for r in results],
            detail={"allegation": allegation.pk},
        )
    return render(
        request,
        "allegations/child_add.html",
        {"allegation": allegation, "form": form, "results": results},
    )


@lado_required
@one_time_create
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
            attach_errors(form, error)
        else:
            messages.success(request, "Initial consideration recorded")
            return redirect("allegations:detail", pk=allegation.pk)
    return render(
        request, "allegations/initial_consideration.html", {"allegation": allegation, "form": form}
    )


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
