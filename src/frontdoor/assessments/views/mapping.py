"""Signs of Safety mappings and group supervision: record (one-time), see, correct (versioned)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from frontdoor.accounts.decorators import requires
from frontdoor.child_protection.forms import ActionRow, formset, rows
from frontdoor.child_protection.pages import acting, form_page, referral_for
from frontdoor.core.onetime import one_time_create
from frontdoor.core.viewhelpers import handle_form

from .. import forms as f
from .. import selectors, services
from ..access import access_mapping, access_supervision
from ..models import CaseMapping

SCALE_ANCHORS = (
    "0 means the child cannot live at home; 10 means everyone knows the child is safe enough "
    "for us to close the case"
)


@requires("child_protection")
@one_time_create
def mapping_new(request: HttpRequest, pk: int) -> HttpResponse:
    referral = referral_for(request, pk, "record")
    assessment = selectors.open_assessment_on(referral, request.GET.get("assessment"))
    form = f.MappingForm(request.POST or None)
    dangers = formset(f.DangerRow, "dangers", request.POST, 3, "Danger statement and safety goal")
    steps = formset(f.NextStepRow, "steps", request.POST, 4, "Next step")
    scores = formset(f.ScoreRow, "scores", request.POST, 6, "Scaling")
    lines = formset(f.BottomLineRow, "lines", request.POST, 2, "Bottom line")
    return handle_form(
        request,
        form,
        lambda d: services.mapping_record(
            actor=acting(request),
            referral=referral,
            assessment=assessment,
            dangers=rows(dangers),
            next_steps=rows(steps),
            scores=rows(scores),
            bottom_lines=rows(lines),
            **d,
        ),
        formsets=(dangers, steps, scores, lines),
        done="Mapping recorded",
        then=lambda mapping: reverse("assessments:mapping_detail", args=[mapping.pk]),
        page=form_page,
        title="Signs of Safety mapping" + (" for the assessment" if assessment else ""),
        referral=referral,
        submit="Record mapping",
        summary=[("Scale", SCALE_ANCHORS)],
        one_time=True,
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
    mapping = access_mapping(acting(request), pk)
    return render(
        request,
        "assessments/mapping_detail.html",
        {**_mapping_context(mapping), "can_assess": acting(request).can("child_protection")},
    )


@requires("child_protection")
def safety_plan(request: HttpRequest, pk: int) -> HttpResponse:
    mapping = access_mapping(acting(request), pk, action="print")
    return render(request, "assessments/safety_plan.html", _mapping_context(mapping))


@requires("child_protection")
def mapping_edit(request: HttpRequest, pk: int) -> HttpResponse:
    mapping = access_mapping(acting(request), pk, action="record")
    fields = f.MappingEditForm.base_fields
    initial = {k: getattr(mapping, k) for k in fields if k != "version"}
    form = f.MappingEditForm(request.POST or None, initial={**initial, "version": mapping.version})
    back = reverse("assessments:mapping_detail", args=[pk])
    return handle_form(
        request,
        form,
        lambda d: services.mapping_update(actor=acting(request), mapping=mapping, **d),
        done="Mapping updated",
        then=back,
        page=form_page,
        title="Correct the mapping",
        referral=mapping.referral,
        submit="Save changes",
        back=back,
    )


@requires("child_protection")
@one_time_create
def supervision_new(request: HttpRequest, pk: int) -> HttpResponse:
    referral = referral_for(request, pk, "record")
    mappings = {str(m.pk): m for m in selectors.referral_mappings(referral)}
    managers = {str(u.pk): u for u in selectors.accountable_managers()}
    form = f.SupervisionForm(
        request.POST or None,
        mappings=[
            (k, f"Mapping of {m.held_on.day} {m.held_on:%B %Y}") for k, m in mappings.items()
        ],
        managers=[(k, u.display_name) for k, u in managers.items()],
    )
    people = formset(f.SupervisionParticipantRow, "participants", request.POST, 6, "Participant")
    actions = formset(ActionRow, "actions", request.POST, 4, "Action")
    return handle_form(
        request,
        form,
        lambda d: services.supervision_record(
            actor=acting(request),
            referral=referral,
            held_on=d["held_on"],
            chair=d["chair"],
            presenter=d["presenter"],
            decision=d["decision"],
            mapping=mappings.get(d["mapping"]),
            accountable_manager=managers.get(d["accountable_manager"]),
            participants=rows(people),
            actions=rows(actions),
        ),
        formsets=(people, actions),
        done="Group supervision recorded",
        then=lambda supervision: reverse("assessments:supervision_detail", args=[supervision.pk]),
        page=form_page,
        title="Record a group supervision",
        referral=referral,
        submit="Record group supervision",
        one_time=True,
    )


@requires("child_protection")
def supervision_detail(request: HttpRequest, pk: int) -> HttpResponse:
    supervision = access_supervision(acting(request), pk)
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
            "can_change": supervision.accountable_manager_id == acting(request).pk,
        },
    )


@requires("guide_assessment")
def supervision_edit(request: HttpRequest, pk: int) -> HttpResponse:
    supervision = access_supervision(acting(request), pk, action="record")
    form = f.SupervisionDecisionForm(
        request.POST or None,
        initial={"decision": supervision.decision, "version": supervision.version},
    )
    back = reverse("assessments:supervision_detail", args=[pk])
    return handle_form(
        request,
        form,
        lambda d: services.supervision_decision_update(
            actor=acting(request), supervision=supervision, **d
        ),
        done="Decision changed",
        then=back,
        page=form_page,
        title="Change the agreed decision",
        referral=supervision.referral,
        submit="Save changes",
        summary=[("Accountable manager", supervision.accountable_manager.display_name)],
        back=back,
    )
