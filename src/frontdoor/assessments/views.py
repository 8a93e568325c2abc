"""Pages for assessments, Signs of Safety mapping and group supervision. Each record is loaded,
then its child goes through the access gate (audited) before anything is shown or written."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from frontdoor.accounts.decorators import requires
from frontdoor.child_protection.forms import ActionRow, attach, formset, rows
from frontdoor.child_protection.views import _can, _form_page, _ok, _referral

from . import forms as f
from . import selectors, services
from .access import access_assessment, access_mapping, access_person_to_see, access_supervision
from .models import Assessment, CaseMapping, DirectWorkTool


@requires("guide_assessment")
def guidance_new(request: HttpRequest, pk: int) -> HttpResponse:
    referral = _referral(request, pk, "record")
    form = f.GuidanceForm(request.POST or None)
    people = formset(f.PersonToSeeRow, "people", request.POST, 5, "Person to be seen")
    if request.method == "POST" and _ok(form, people):
        try:
            services.guidance_record(
                actor=request.user, referral=referral, people=rows(people), **form.cleaned_data
            )
        except ValidationError as error:
            attach(form, error)
        else:
            messages.success(request, "Guidance recorded: the assessment can start")
            return redirect("child_protection:referral_detail", pk=pk)
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
            attach(form, error)
        else:
            messages.success(request, "Assessment started")
            return redirect("assessments:assessment_detail", pk=assessment.pk)
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
    assessment = access_assessment(request.user, pk)  # type: ignore[arg-type]
    return render(
        request,
        "assessments/assessment_detail.html",
        {**_assessment_context(assessment), **_can(request)},
    )


@requires("child_protection")
def assessment_print(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = access_assessment(request.user, pk, action="print")  # type: ignore[arg-type]
    return render(request, "assessments/assessment_print.html", _assessment_context(assessment))


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
    assessment = access_assessment(request.user, pk, action="record")  # type: ignore[arg-type]
    form = form_class(request.POST or None, initial=initial(assessment) if initial else None)
    if request.method == "POST" and form.is_valid():
        try:
            service(actor=request.user, assessment=assessment, **form.cleaned_data)
        except ValidationError as error:
            attach(form, error)
        else:
            messages.success(request, done)
            return redirect("assessments:assessment_detail", pk=pk)
    return _form_page(
        request,
        title=title,
        referral=assessment.referral,
        form=form,
        submit=submit,
        back=reverse("assessments:assessment_detail", args=[pk]),
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
    assessment = access_assessment(request.user, pk, action="record")  # type: ignore[arg-type]
    row = access_person_to_see(request.user, assessment, see_pk)  # type: ignore[arg-type]
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
            attach(form, error)
        else:
            messages.success(request, f"Engagement recorded for {row.name}")
            return redirect("assessments:assessment_detail", pk=pk)
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


@requires("child_protection")
def mapping_new(request: HttpRequest, pk: int) -> HttpResponse:
    referral = _referral(request, pk, "record")
    assessment = selectors.open_assessment_on(referral, request.GET.get("assessment"))
    form = f.MappingForm(request.POST or None)
    dangers = formset(f.DangerRow, "dangers", request.POST, 3, "Danger statement and safety goal")
    steps = formset(f.NextStepRow, "steps", request.POST, 4, "Next step")
    scores = formset(f.ScoreRow, "scores", request.POST, 6, "Scaling")
    lines = formset(f.BottomLineRow, "lines", request.POST, 2, "Bottom line")
    if request.method == "POST" and _ok(form, dangers, steps, scores, lines):
        try:
            mapping = services.mapping_record(
                actor=request.user,
                referral=referral,
                assessment=assessment,
                dangers=rows(dangers),
                next_steps=rows(steps),
                scores=rows(scores),
                bottom_lines=rows(lines),
                **form.cleaned_data,
            )
        except ValidationError as error:
            attach(form, error)
        else:
            messages.success(request, "Mapping recorded")
            return redirect("assessments:mapping_detail", pk=mapping.pk)
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
    mapping = access_mapping(request.user, pk)  # type: ignore[arg-type]
    return render(request, "assessments/mapping_detail.html", _mapping_context(mapping))


@requires("child_protection")
def safety_plan(request: HttpRequest, pk: int) -> HttpResponse:
    mapping = access_mapping(request.user, pk, action="print")  # type: ignore[arg-type]
    return render(request, "assessments/safety_plan.html", _mapping_context(mapping))


@requires("child_protection")
def supervision_new(request: HttpRequest, pk: int) -> HttpResponse:
    referral = _referral(request, pk, "record")
    mappings = {str(m.pk): m for m in selectors.referral_mappings(referral)}
    managers = {str(u.pk): u for u in selectors.accountable_managers()}
    form = f.SupervisionForm(
        request.POST or None,
        mappings=[(k, f"Mapping of {m.held_on:%d %B %Y}") for k, m in mappings.items()],
        managers=[(k, u.display_name) for k, u in managers.items()],
    )
    people = formset(f.SupervisionParticipantRow, "participants", request.POST, 6, "Participant")
    actions = formset(ActionRow, "actions", request.POST, 4, "Action")
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
                participants=rows(people),
                actions=rows(actions),
            )
        except ValidationError as error:
            attach(form, error)
        else:
            messages.success(request, "Group supervision recorded")
            return redirect("assessments:supervision_detail", pk=supervision.pk)
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
    supervision = access_supervision(request.user, pk)  # type: ignore[arg-type]
    participants = list(supervision.participants.all())
    return render(
        request,
        "assessments/supervision_detail.html",
        {
            "s": supervision,
            "referral": supervision.referral,
            "participants": participants,
            "actions": list(supervision.actions.all()),
            "spread": selectors.scaling_spread([p.scale for p in participants]),
        },
    )
