"""Pages for child protection and assessment. Each record is loaded, then its child goes through
the access gate (audited) before anything is shown or written."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Model
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from frontdoor.accounts.decorators import requires
from frontdoor.accounts.models import User
from frontdoor.cases.models import Referral
from frontdoor.people.access import access_person

from . import forms as f
from . import selectors, services
from .models import (
    ActionItem,
    Assessment,
    CaseMapping,
    ChildProtectionPlan,
    DirectWorkTool,
    GroupSupervision,
    PersonToSee,
    Section47Enquiry,
    StrategyDiscussion,
)


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
        "protection/form.html",
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


# -- home -------------------------------------------------------------------------------------------


@requires("child_protection")
def home(request: HttpRequest) -> HttpResponse:
    context = selectors.work_tray(user=request.user)
    if request.user.can("guide_assessment"):  # type: ignore[union-attr]
        context["awaiting_guidance"] = selectors.awaiting_guidance(user=request.user)
        context["awaiting_signoff"] = selectors.awaiting_signoff(user=request.user)
    return render(request, "protection/home.html", context)


@requires("child_protection")
def referral_detail(request: HttpRequest, pk: int) -> HttpResponse:
    referral = _referral(request, pk)
    return render(
        request,
        "protection/referral.html",
        {"referral": referral, **_can(request), **selectors.referral_records(referral)},
    )


def _can(request: HttpRequest) -> dict[str, bool]:
    user: Any = request.user
    return {"can_assess": user.can("assess"), "can_guide": user.can("guide_assessment")}


# -- strategy discussions and s47 ---------------------------------------------------------------


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
            return redirect("protection:strategy_detail", pk=discussion.pk)
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
        "protection/strategy_detail.html",
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
        return redirect("protection:strategy_detail", pk=item.discussion_id)
    return redirect("protection:supervision_detail", pk=item.supervision_id)


@requires("child_protection")
def s47_detail(request: HttpRequest, pk: int) -> HttpResponse:
    s47 = _load(request, Section47Enquiry, pk, "s47")
    return render(
        request,
        "protection/s47_detail.html",
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
            return redirect("protection:s47_detail", pk=s47.pk)
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
                redirect("protection:plan_detail", pk=plan.pk)
                if plan
                else redirect("protection:s47_detail", pk=pk)
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
        "protection/plan_detail.html",
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
            return redirect("protection:plan_detail", pk=pk)
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
            return redirect("protection:plan_detail", pk=pk)
    return _form_page(
        request,
        title="End the child protection plan",
        referral=plan.referral,
        form=form,
        submit="End plan",
    )


# -- assessments --------------------------------------------------------------------------------


@requires("guide_assessment")
def guidance_new(request: HttpRequest, pk: int) -> HttpResponse:
    referral = _referral(request, pk, "record")
    form = f.GuidanceForm(request.POST or None)
    people = f.formset(f.PersonToSeeRow, "people", request.POST, 5, "Person to be seen")
    if request.method == "POST" and _ok(form, people):
        try:
            services.guidance_record(
                actor=request.user, referral=referral, people=f.rows(people), **form.cleaned_data
            )
        except ValidationError as error:
            f.attach(form, error)
        else:
            messages.success(request, "Guidance recorded: the assessment can start")
            return redirect("protection:referral_detail", pk=pk)
    from .guards import assessment_max_due

    return _form_page(
        request,
        title="Manager guidance for the assessment",
        referral=referral,
        form=form,
        formsets=(people,),
        submit="Record guidance",
        summary=[
            ("Referral date", referral.referral_date),
            ("Latest due date (45 working days)", assessment_max_due(referral.referral_date)),
        ],
    )


@requires("assess")
def assessment_new(request: HttpRequest, pk: int) -> HttpResponse:
    referral = _referral(request, pk, "record")
    form = f.AssessmentStartForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            assessment = services.assessment_start(
                actor=request.user, referral=referral, **form.cleaned_data
            )
        except ValidationError as error:
            f.attach(form, error)
        else:
            messages.success(request, "Assessment started")
            return redirect("protection:assessment_detail", pk=assessment.pk)
    return _form_page(
        request,
        title="Start the assessment",
        referral=referral,
        form=form,
        submit="Start assessment",
    )


def _assessment_context(assessment: Assessment) -> dict[str, Any]:
    return {
        "a": assessment,
        "referral": assessment.referral,
        "guidance": assessment.guidance,
        "people": list(assessment.guidance.people_to_see.all()),
        "visits": list(assessment.visits.all()),
        "mappings": list(assessment.mappings.all()),
        "factor_labels": _factor_labels(assessment.factors),
        "tools": DirectWorkTool.choices,
    }


def _factor_labels(codes: list[str]) -> list[str]:
    from frontdoor.core.codes import AssessmentFactor

    labels = dict(AssessmentFactor.choices)
    return [f"{c}: {labels.get(c, c)}" for c in codes]


@requires("child_protection")
def assessment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _load(request, Assessment, pk, "assessment")
    return render(
        request,
        "protection/assessment_detail.html",
        {**_assessment_context(assessment), **_can(request)},
    )


@requires("child_protection")
def assessment_print(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _load(request, Assessment, pk, "assessment", "print")
    return render(request, "protection/assessment_print.html", _assessment_context(assessment))


def _assessment_form(
    request: HttpRequest,
    pk: int,
    form_class: Any,
    service: Any,
    title: str,
    submit: str,
    done: str,
    summary: Any = None,
    initial: Any = None,
) -> HttpResponse:
    assessment = _load(request, Assessment, pk, "assessment", "record")
    form = form_class(request.POST or None, initial=initial(assessment) if initial else None)
    if request.method == "POST" and form.is_valid():
        try:
            service(actor=request.user, assessment=assessment, **form.cleaned_data)
        except ValidationError as error:
            f.attach(form, error)
        else:
            messages.success(request, done)
            return redirect("protection:assessment_detail", pk=pk)
    return _form_page(
        request,
        title=title,
        referral=assessment.referral,
        form=form,
        submit=submit,
        back=reverse("protection:assessment_detail", args=[pk]),
        summary=summary(assessment) if summary else None,
    )


@requires("assess")
def assessment_visit(request: HttpRequest, pk: int) -> HttpResponse:
    return _assessment_form(
        request,
        pk,
        f.ChildSeenForm,
        services.child_seen_record,
        "Record a visit where the child was seen",
        "Record visit",
        "Visit recorded",
    )


@requires("assess")
def assessment_voice(request: HttpRequest, pk: int) -> HttpResponse:
    return _assessment_form(
        request,
        pk,
        f.ChildVoiceForm,
        services.child_voice_record,
        "Direct work and the child's voice",
        "Save",
        "Child's voice recorded",
        initial=lambda a: {
            "direct_work": a.direct_work,
            "direct_work_other": a.direct_work_other,
            "child_voice": a.child_voice,
        },
    )


@requires("assess")
def assessment_conclude(request: HttpRequest, pk: int) -> HttpResponse:
    return _assessment_form(
        request,
        pk,
        f.ConcludeForm,
        services.assessment_conclude,
        "Analysis, factors and outcome",
        "Send for sign-off",
        "Sent to the manager for sign-off",
        initial=lambda a: {"analysis": a.analysis, "factors": a.factors, "outcome": a.outcome},
    )


@requires("guide_assessment")
def assessment_signoff(request: HttpRequest, pk: int) -> HttpResponse:
    return _assessment_form(
        request,
        pk,
        f.SignOffForm,
        services.assessment_sign_off,
        "Sign off the assessment",
        "Sign off",
        "Assessment signed off",
        summary=lambda a: [("Outcome", a.get_outcome_display()), ("Due date", a.due_date)],
    )


@requires("assess")
def assessment_engagement(request: HttpRequest, pk: int, see_pk: int) -> HttpResponse:
    assessment = _load(request, Assessment, pk, "assessment", "record")
    row = PersonToSee.objects.filter(pk=see_pk, guidance__assessment=assessment).first()
    if row is None:
        raise Http404("No such person")
    form = f.EngagementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.engagement_record(
                actor=request.user,
                person_to_see=row,
                engaged=d["engaged"] == "yes",
                not_engaged_reason=d["not_engaged_reason"],
                attempts=d["attempts"],
            )
        except ValidationError as error:
            f.attach(form, error)
        else:
            messages.success(request, f"Engagement recorded for {row.name}")
            return redirect("protection:assessment_detail", pk=pk)
    return _form_page(
        request,
        title=f"Engagement: {row.name}",
        referral=assessment.referral,
        form=form,
        submit="Save",
        summary=[
            ("Relationship", row.get_relationship_display()),
            ("Lives with the child", "Yes" if row.lives_with_child else "No"),
        ],
    )


# -- mapping and group supervision --------------------------------------------------------------


@requires("child_protection")
def mapping_new(request: HttpRequest, pk: int) -> HttpResponse:
    referral = _referral(request, pk, "record")
    assessment = Assessment.objects.filter(
        referral=referral, pk=request.GET.get("assessment") or 0
    ).first()
    form = f.MappingForm(request.POST or None)
    dangers = f.formset(f.DangerRow, "dangers", request.POST, 3, "Danger statement and safety goal")
    steps = f.formset(f.NextStepRow, "steps", request.POST, 4, "Next step")
    scores = f.formset(f.ScoreRow, "scores", request.POST, 6, "Scaling")
    lines = f.formset(f.BottomLineRow, "lines", request.POST, 2, "Bottom line")
    if request.method == "POST" and _ok(form, dangers, steps, scores, lines):
        try:
            mapping = services.mapping_record(
                actor=request.user,
                referral=referral,
                assessment=assessment,
                dangers=f.rows(dangers),
                next_steps=f.rows(steps),
                scores=f.rows(scores),
                bottom_lines=f.rows(lines),
                **form.cleaned_data,
            )
        except ValidationError as error:
            f.attach(form, error)
        else:
            messages.success(request, "Mapping recorded")
            return redirect("protection:mapping_detail", pk=mapping.pk)
    title = "Signs of Safety mapping" + (" for the assessment" if assessment else "")
    return _form_page(
        request,
        title=title,
        referral=referral,
        form=form,
        formsets=(dangers, steps, scores, lines),
        submit="Record mapping",
        summary=[
            (
                "Scale",
                "0 means the child cannot live at home; 10 means everyone knows the "
                "child is safe enough for us to close the case",
            )
        ],
    )


def _mapping_context(mapping: CaseMapping) -> dict[str, Any]:
    scores = list(mapping.scores.all())
    return {
        "m": mapping,
        "referral": mapping.referral,
        "dangers": list(mapping.dangers.all()),
        "steps": list(mapping.next_steps.all()),
        "scores": scores,
        "lines": list(mapping.bottom_lines.all()),
        "spread": selectors.scaling_spread([s.score for s in scores]),
    }


@requires("child_protection")
def mapping_detail(request: HttpRequest, pk: int) -> HttpResponse:
    mapping = _load(request, CaseMapping, pk, "case_mapping")
    return render(request, "protection/mapping_detail.html", _mapping_context(mapping))


@requires("child_protection")
def safety_plan(request: HttpRequest, pk: int) -> HttpResponse:
    mapping = _load(request, CaseMapping, pk, "case_mapping", "print")
    return render(request, "protection/safety_plan.html", _mapping_context(mapping))


@requires("child_protection")
def supervision_new(request: HttpRequest, pk: int) -> HttpResponse:
    referral = _referral(request, pk, "record")
    mappings = {str(m.pk): m for m in CaseMapping.objects.filter(referral=referral)}
    managers = {
        str(u.pk): u
        for u in User.objects.filter(is_active=True).order_by("last_name")
        if u.can("guide_assessment")
    }
    form = f.SupervisionForm(
        request.POST or None,
        mappings=[(k, f"Mapping of {m.held_on:%d %B %Y}") for k, m in mappings.items()],
        managers=[(k, u.display_name) for k, u in managers.items()],
    )
    people = f.formset(f.SupervisionParticipantRow, "participants", request.POST, 6, "Participant")
    actions = f.formset(f.ActionRow, "actions", request.POST, 4, "Action")
    if request.method == "POST" and _ok(form, people, actions):
        d = form.cleaned_data
        try:
            supervision = services.supervision_record(
                actor=request.user,
                referral=referral,
                held_on=d["held_on"],
                chair=d["chair"],
                presenter=d["presenter"],
                decision=d["decision"],
                mapping=mappings.get(d["mapping"]),
                accountable_manager=managers.get(d["accountable_manager"]),
                participants=f.rows(people),
                actions=f.rows(actions),
            )
        except ValidationError as error:
            f.attach(form, error)
        else:
            messages.success(request, "Group supervision recorded")
            return redirect("protection:supervision_detail", pk=supervision.pk)
    return _form_page(
        request,
        title="Record a group supervision",
        referral=referral,
        form=form,
        formsets=(people, actions),
        submit="Record group supervision",
    )


@requires("child_protection")
def supervision_detail(request: HttpRequest, pk: int) -> HttpResponse:
    supervision = _load(request, GroupSupervision, pk, "group_supervision")
    participants = list(supervision.participants.all())
    return render(
        request,
        "protection/supervision_detail.html",
        {
            "s": supervision,
            "referral": supervision.referral,
            "participants": participants,
            "actions": list(supervision.actions.all()),
            "spread": selectors.scaling_spread([p.scale for p in participants]),
        },
    )
