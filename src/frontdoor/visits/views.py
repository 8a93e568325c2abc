"""Pages for child in need plans and statutory visits. Plans come from their gates (the CIN plan's
here, the CP plan's in child protection), the referral from its gate; create forms carry one-time
tokens, changes the plan's version. The overdue visits list masks children sealed to the user."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from frontdoor.accounts.decorators import requires
from frontdoor.audit.services import audit_list_view
from frontdoor.child_protection.access import access_plan
from frontdoor.child_protection.pages import acting, form_page, referral_for
from frontdoor.core.onetime import one_time_create
from frontdoor.core.viewhelpers import handle_form

from . import forms as f
from . import selectors, services
from .access import access_cin_plan


@requires("child_protection")
@one_time_create
def cin_plan_new(request: HttpRequest, pk: int) -> HttpResponse:
    referral = referral_for(request, pk, "record")
    form = f.CINPlanForm(request.POST or None)
    return handle_form(
        request,
        form,
        lambda d: services.cin_plan_start(actor=acting(request), referral=referral, **d),
        done="Child in need plan started",
        then=lambda plan: reverse("visits:cin_plan_detail", args=[plan.pk]),
        page=form_page,
        title="Start a child in need plan",
        referral=referral,
        submit="Start the plan",
        one_time=True,
    )


@requires("child_protection")
def cin_plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = access_cin_plan(acting(request), pk)
    return render(
        request,
        "visits/cin_plan.html",
        {
            "plan": plan,
            "referral": plan.referral,
            "reviews": list(plan.reviews.all()),
            "visits": selectors.visits_for_cin_plan(plan),
            "next_visit_due": selectors.cin_next_visit_due(plan) if plan.is_open else None,
        },
    )


@requires("child_protection")
@one_time_create
def cin_plan_review(request: HttpRequest, pk: int) -> HttpResponse:
    plan = access_cin_plan(acting(request), pk, action="record")
    form = f.CINReviewForm(request.POST or None, initial={"version": plan.version})
    back = reverse("visits:cin_plan_detail", args=[pk])
    return handle_form(
        request,
        form,
        lambda d: services.cin_plan_review_record(actor=acting(request), plan=plan, **d),
        done="Review recorded",
        then=back,
        page=form_page,
        title="Record a child in need plan review",
        referral=plan.referral,
        submit="Record the review",
        summary=[("Plan started", plan.start_date), ("Review due by", plan.next_review_due)],
        back=back,
        one_time=True,
    )


@requires("child_protection")
def cin_plan_end(request: HttpRequest, pk: int) -> HttpResponse:
    plan = access_cin_plan(acting(request), pk, action="record")
    form = f.CINPlanEndForm(request.POST or None, initial={"version": plan.version})
    back = reverse("visits:cin_plan_detail", args=[pk])
    return handle_form(
        request,
        form,
        lambda d: services.cin_plan_end(actor=acting(request), plan=plan, **d),
        done="Child in need plan ended",
        then=back,
        page=form_page,
        title="End the child in need plan",
        referral=plan.referral,
        submit="End the plan",
        back=back,
    )


def _visit_page(
    request: HttpRequest, *, cp: int | None = None, cin: int | None = None
) -> HttpResponse:
    user = acting(request)
    cp_plan = access_plan(user, cp, action="record") if cp is not None else None
    cin_plan = access_cin_plan(user, cin, action="record") if cin is not None else None
    plan = cp_plan or cin_plan
    assert plan is not None
    back = (
        reverse("visits:cp_visits", args=[cp])
        if cp
        else reverse("visits:cin_plan_detail", args=[cin])
    )
    form = f.VisitForm(request.POST or None, initial={"visitor_name": user.display_name})

    def page(request: HttpRequest, **shown: Any) -> HttpResponse:
        due = (
            selectors.cp_next_visit_due(cp_plan)
            if cp_plan
            else selectors.cin_next_visit_due(cin_plan)  # type: ignore[arg-type]
        )
        summary = [("Plan started", plan.start_date), ("Visit due by", due)]
        return form_page(request, summary=summary, **shown)

    return handle_form(
        request,
        form,
        lambda _: services.statutory_visit_record(
            actor=user, cp_plan=cp_plan, cin_plan=cin_plan, **form.values()
        ),
        done="Statutory visit recorded",
        then=back,
        page=page,
        title="Record a statutory visit",
        referral=plan.referral,
        submit="Record the visit",
        back=back,
        one_time=True,
    )


@requires("child_protection")
@one_time_create
def cin_visit_new(request: HttpRequest, pk: int) -> HttpResponse:
    return _visit_page(request, cin=pk)


@requires("child_protection")
@one_time_create
def cp_visit_new(request: HttpRequest, pk: int) -> HttpResponse:
    return _visit_page(request, cp=pk)


@requires("child_protection")
def cp_visits(request: HttpRequest, pk: int) -> HttpResponse:
    plan = access_plan(acting(request), pk)
    return render(
        request,
        "visits/cp_visits.html",
        {
            "plan": plan,
            "referral": plan.referral,
            "visits": selectors.visits_for_cp_plan(plan),
            "next_visit_due": selectors.cp_next_visit_due(plan) if plan.is_open else None,
            "interval": selectors.visit_interval("cp"),
        },
    )


@requires("child_protection")
def overdue(request: HttpRequest) -> HttpResponse:
    user = acting(request)
    due = selectors.overdue_visits(user)
    audit_list_view(actor=user, record_type="overdue_visits", person_ids=due.shown_ids)
    return render(request, "visits/overdue.html", {"due": due})
