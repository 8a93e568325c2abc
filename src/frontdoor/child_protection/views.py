"""Pages for child protection. Each record is loaded, then its child goes through the access gate
(audited) before anything is shown or written."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Model
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from frontdoor.accounts.decorators import requires
from frontdoor.assessments import selectors as assessment_selectors
from frontdoor.cases.models import Referral
from frontdoor.people.access import access_person

from . import forms as f
from . import selectors, services
from .models import ActionItem, ChildProtectionPlan, Section47Enquiry, StrategyDiscussion


def _load(
    request: HttpRequest, model: type[Model], pk: int, record_type: str, action: str = "view"
) -> Any:
    record = model.objects.filter(pk=pk).first()  # type: ignore[attr-defined]
    if record is None:
        raise Http404("No such record")
    access_person(
        request.user, record.person_id, action=action, record_type=record_type, record_id=pk
    )
    return record


def _referral(request: HttpRequest, pk: int, action: str = "view") -> Referral:
    return _load(request, Referral, pk, "referral", action)  # type: ignore[no-any-return]


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
    discussion = _load(request, StrategyDiscussion, pk, "strategy_discussion")
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
    item = ActionItem.objects.select_related("discussion", "supervision").filter(pk=pk).first()
    parent = item and (item.discussion or item.supervision)
    if request.method != "POST" or parent is None:
        raise Http404("No such action")
    access_person(
        request.user, parent.person_id, action="record", record_type="action", record_id=pk
    )
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
    s47 = _load(request, Section47Enquiry, pk, "s47")
    return render(
        request,
        "child_protection/s47_detail.html",
        {
            "s47": s47,
            "referral": s47.referral,
            "plan": ChildProtectionPlan.objects.filter(s47=s47).first(),
        },
    )


@requires("child_protection")
def s47_findings(request: HttpRequest, pk: int) -> HttpResponse:
    s47 = _load(request, Section47Enquiry, pk, "s47", "record")
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
    s47 = _load(request, Section47Enquiry, pk, "s47", "record")
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
    plan = _load(request, ChildProtectionPlan, pk, "cp_plan")
    return render(
        request,
        "child_protection/plan_detail.html",
        {"plan": plan, "referral": plan.referral, "reviews": list(plan.reviews.all())},
    )


@requires("child_protection")
def plan_review(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _load(request, ChildProtectionPlan, pk, "cp_plan", "record")
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
    plan = _load(request, ChildProtectionPlan, pk, "cp_plan", "record")
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
