"""Pages for child protection. Each record is loaded, then its child goes through the access gate
(audited) before anything is shown or written."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from frontdoor.accounts.decorators import requires
from frontdoor.assessments import selectors as assessment_selectors
from frontdoor.cases.access import access_referral
from frontdoor.cases.models import Referral

from . import forms as f
from . import selectors, services
from .access import access_action, access_plan, access_s47, access_strategy_discussion


def _referral(request: HttpRequest, pk: int, action: str = "view") -> Referral:
    return access_referral(request.user, pk, action=action)  # type: ignore[arg-type]


def _form_page(
    request: HttpRequest,
    *,
    title: str,
    referral: Any,
    form: Any,
    formsets: tuple = (),
    submit: str,
    summary: list[tuple[str, Any]] | None = None,
    back: str = "",
) -> HttpResponse:
    return render(
        request,
        "child_protection/form.html",
        {
            "title": title,
            "referral": referral,
            "form": form,
            "formsets": formsets,
            "submit": submit,
            "summary": summary or [],
            "back": back,
        },
    )


def _ok(form: Any, *formsets: Any) -> bool:
    valid = form.is_valid()
    return all([valid] + [fs.is_valid() for fs in formsets])


@requires("child_protection")
def home(request: HttpRequest) -> HttpResponse:
    context = selectors.work_tray(user=request.user)
    if request.user.can("guide_assessment"):  # type: ignore[union-attr]
        context["awaiting_guidance"] = assessment_selectors.awaiting_guidance(user=request.user)
        context["awaiting_signoff"] = assessment_selectors.awaiting_signoff(user=request.user)
    return render(request, "child_protection/home.html", context)


@requires("child_protection")
def referral_detail(request: HttpRequest, pk: int) -> HttpResponse:
    referral = _referral(request, pk)
    return render(
        request,
        "child_protection/referral.html",
        {"referral": referral, **_can(request), **selectors.referral_records(referral)},
    )


def _can(request: HttpRequest) -> dict[str, bool]:
    user: Any = request.user
    return {"can_assess": user.can("assess"), "can_guide": user.can("guide_assessment")}


@requires("child_protection")
def strategy_new(request: HttpRequest, pk: int) -> HttpResponse:
    referral = _referral(request, pk, "record")
    form = f.StrategyForm(request.POST or None)
    people = f.formset(f.ParticipantRow, "participants", request.POST, 6, "Participant")
    actions = f.formset(f.ActionRow, "actions", request.POST, 4, "Action")
    if request.method == "POST" and _ok(form, people, actions):
        try:
            discussion = services.strategy_discussion_record(
                actor=request.user,
                referral=referral,
                lead=request.user,
                participants=f.rows(people),
                actions=f.rows(actions),
                **form.cleaned_data,
            )
        except ValidationError as error:
            f.attach(form, error)
        else:
            messages.success(request, "Strategy discussion recorded")
            return redirect("child_protection:strategy_detail", pk=discussion.pk)
    return _form_page(
        request,
        title="Record a strategy discussion",
        referral=referral,
        form=form,
        formsets=(people, actions),
        submit="Record strategy discussion",
    )


@requires("child_protection")
def strategy_detail(request: HttpRequest, pk: int) -> HttpResponse:
    discussion = access_strategy_discussion(request.user, pk)  # type: ignore[arg-type]
    participants = list(discussion.participants.all())
    return render(
        request,
        "child_protection/strategy_detail.html",
        {
            "d": discussion,
            "referral": discussion.referral,
            "participants": participants,
            "actions": list(discussion.actions.all()),
            "s47": getattr(discussion, "s47", None),
            "warnings": selectors.strategy_warnings([p.agency for p in participants]),
        },
    )


@requires("child_protection")
def action_done(request: HttpRequest, pk: int) -> HttpResponse:
    if request.method != "POST":
        raise Http404("No such action")
    item = access_action(request.user, pk)  # type: ignore[arg-type]
    parent = item.discussion or item.supervision
    assert parent is not None  # every action belongs to a discussion or a supervision
    try:
        services.action_complete(
            actor=request.user,
            item=item,
            done_date=timezone.localdate(),
            person_id=parent.person_id,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    if item.discussion_id:
        return redirect("child_protection:strategy_detail", pk=item.discussion_id)
    return redirect("assessments:supervision_detail", pk=item.supervision_id)


@requires("child_protection")
def s47_detail(request: HttpRequest, pk: int) -> HttpResponse:
    s47 = access_s47(request.user, pk)  # type: ignore[arg-type]
    return render(
        request,
        "child_protection/s47_detail.html",
        {
            "s47": s47,
            "referral": s47.referral,
            "plan": getattr(s47, "cp_plan_record", None),
        },
    )


@requires("child_protection")
def s47_findings(request: HttpRequest, pk: int) -> HttpResponse:
    s47 = access_s47(request.user, pk, action="record")  # type: ignore[arg-type]
    form = f.S47FindingsForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.s47_findings_record(
                actor=request.user, s47=s47, **{**d, "seen_alone": d["seen_alone"] == "yes"}
            )
        except ValidationError as error:
            f.attach(form, error)
        else:
            messages.success(request, "Enquiry findings recorded")
            return redirect("child_protection:s47_detail", pk=s47.pk)
    return _form_page(
        request,
        title="Record the section 47 enquiry's findings",
        referral=s47.referral,
        form=form,
        submit="Record findings",
        summary=[("Enquiry started", s47.start_date), ("ICPC target", s47.icpc_target)],
    )


@requires("child_protection")
def icpc_new(request: HttpRequest, pk: int) -> HttpResponse:
    s47 = access_s47(request.user, pk, action="record")  # type: ignore[arg-type]
    form = f.ICPCForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            plan = services.icpc_record(
                actor=request.user,
                s47=s47,
                icpc_date=d["icpc_date"],
                cp_plan=d["cp_plan"] == "yes",
                initial_category=d["initial_category"],
            )
        except ValidationError as error:
            f.attach(form, error)
        else:
            messages.success(
                request, "ICPC recorded" + (": child protection plan started" if plan else "")
            )
            return (
                redirect("child_protection:plan_detail", pk=plan.pk)
                if plan
                else redirect("child_protection:s47_detail", pk=pk)
            )
    return _form_page(
        request,
        title="Record the initial child protection conference",
        referral=s47.referral,
        form=form,
        submit="Record ICPC",
        summary=[("Enquiry started", s47.start_date), ("ICPC target", s47.icpc_target)],
    )


@requires("child_protection")
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = access_plan(request.user, pk)  # type: ignore[arg-type]
    return render(
        request,
        "child_protection/plan_detail.html",
        {"plan": plan, "referral": plan.referral, "reviews": list(plan.reviews.all())},
    )


@requires("child_protection")
def plan_review(request: HttpRequest, pk: int) -> HttpResponse:
    plan = access_plan(request.user, pk, action="record")  # type: ignore[arg-type]
    form = f.ReviewForm(request.POST or None, initial={"category": plan.latest_category})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.cp_review_record(
                actor=request.user,
                plan=plan,
                **{**d, "plan_continues": d["plan_continues"] == "yes"},
            )
        except ValidationError as error:
            f.attach(form, error)
        else:
            messages.success(request, "Review conference recorded")
            return redirect("child_protection:plan_detail", pk=pk)
    return _form_page(
        request,
        title="Record a review conference",
        referral=plan.referral,
        form=form,
        submit="Record review",
        summary=[("Review due by", plan.next_review_due)],
    )


@requires("child_protection")
def plan_end(request: HttpRequest, pk: int) -> HttpResponse:
    plan = access_plan(request.user, pk, action="record")  # type: ignore[arg-type]
    form = f.PlanEndForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.cp_plan_end(actor=request.user, plan=plan, **form.cleaned_data)
        except ValidationError as error:
            f.attach(form, error)
        else:
            messages.success(request, "Child protection plan ended")
            return redirect("child_protection:plan_detail", pk=pk)
    return _form_page(
        request,
        title="End the child protection plan",
        referral=plan.referral,
        form=form,
        submit="End plan",
    )
