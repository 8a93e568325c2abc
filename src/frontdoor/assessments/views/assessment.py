"""The child and family assessment: start (one-time), the record and its printable copy, the
worker's parts (visits, the child's voice, engagement, outcome) and the manager's sign-off."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from frontdoor.accounts.decorators import requires
from frontdoor.child_protection.pages import (
    acting,
    capabilities,
    form_page,
    referral_for,
)
from frontdoor.core.codes import AssessmentFactor
from frontdoor.core.onetime import one_time_create
from frontdoor.core.viewhelpers import handle_form
from frontdoor.people.access import RESTRICTED

from .. import forms as f
from .. import selectors, services
from ..access import access_assessment, access_person_to_see
from ..models import Assessment, DirectWorkTool


@requires("assess")
@one_time_create
def assessment_new(request: HttpRequest, pk: int) -> HttpResponse:
    referral = referral_for(request, pk, "record")
    form = f.AssessmentStartForm(request.POST or None)
    return handle_form(
        request,
        form,
        lambda d: services.assessment_start(actor=acting(request), referral=referral, **d),
        done="Assessment started",
        then=lambda assessment: reverse("assessments:assessment_detail", args=[assessment.pk]),
        page=form_page,
        title="Start the assessment",
        referral=referral,
        submit="Start assessment",
        one_time=True,
    )


def _context(request: HttpRequest, assessment: Assessment) -> dict[str, Any]:
    people, hidden = selectors.people_to_see(acting(request), assessment)
    labels = dict(AssessmentFactor.choices)
    return {
        "a": assessment,
        "referral": assessment.referral,
        "guidance": assessment.guidance,
        "people": people,
        "hidden": hidden,
        "visits": list(assessment.visits.all()),
        "mappings": list(assessment.mappings.all()),
        "factor_labels": [f"{c}: {labels.get(c, c)}" for c in assessment.factors],
        "tools": DirectWorkTool.choices,
    }


@requires("child_protection")
def assessment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = access_assessment(acting(request), pk)
    return render(
        request,
        "assessments/assessment_detail.html",
        {**_context(request, assessment), **capabilities(request)},
    )


@requires("child_protection")
def assessment_print(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = access_assessment(acting(request), pk, action="print")
    return render(request, "assessments/assessment_print.html", _context(request, assessment))


def _assessment_form(
    request: HttpRequest,
    pk: int,
    form_class: type[forms.Form],
    service: Callable[..., Any],
    title: str,
    submit: str,
    done: str,
    summary: Callable[[Assessment], list[tuple[str, Any]]] | None = None,
    initial: Callable[[Assessment], dict[str, Any]] | None = None,
) -> HttpResponse:
    """A form that changes the assessment: versioned, so a stale post is refused naming who
    changed it, and what the user typed is shown again."""
    assessment = access_assessment(acting(request), pk, action="record")
    start = {"version": assessment.version, **(initial(assessment) if initial else {})}
    form = form_class(request.POST or None, initial=start)
    back = reverse("assessments:assessment_detail", args=[pk])
    return handle_form(
        request,
        form,
        lambda d: service(actor=acting(request), assessment=assessment, **d),
        done=done,
        then=back,
        page=form_page,
        title=title,
        referral=assessment.referral,
        submit=submit,
        back=back,
        summary=summary(assessment) if summary else None,
    )


@requires("assess")
@one_time_create
def assessment_visit(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = access_assessment(acting(request), pk, action="record")
    form = f.ChildSeenForm(request.POST or None)
    back = reverse("assessments:assessment_detail", args=[pk])
    return handle_form(
        request,
        form,
        lambda d: services.child_seen_record(actor=acting(request), assessment=assessment, **d),
        done="Visit recorded",
        then=back,
        page=form_page,
        title="Record a visit where the child was seen",
        referral=assessment.referral,
        submit="Record visit",
        back=back,
        one_time=True,
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
    assessment = access_assessment(acting(request), pk, action="record")
    row = access_person_to_see(acting(request), assessment, see_pk)
    _, hidden = selectors.people_to_see(acting(request), assessment)
    who = (
        f"{RESTRICTED} ({row.get_relationship_display()})" if row.person_id in hidden else row.name
    )
    form = f.EngagementForm(request.POST or None, initial={"version": assessment.version})
    return handle_form(
        request,
        form,
        lambda d: services.engagement_record(
            actor=acting(request),
            person_to_see=row,
            engaged=d["engaged"] == "yes",
            not_engaged_reason=d["not_engaged_reason"],
            attempts=d["attempts"],
            version=d["version"],
        ),
        done=f"Engagement recorded for {who}",
        then=reverse("assessments:assessment_detail", args=[pk]),
        page=form_page,
        title=f"Engagement: {who}",
        referral=assessment.referral,
        submit="Save",
        summary=[
            ("Relationship", row.get_relationship_display()),
            ("Lives with the child", "Yes" if row.lives_with_child else "No"),
        ],
    )
