"""The manager's guidance: give it (one-time), see it, change it while the assessment is open."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from frontdoor.accounts.decorators import requires
from frontdoor.child_protection.forms import formset, rows
from frontdoor.child_protection.pages import acting, form_page, referral_for
from frontdoor.core.onetime import one_time_create
from frontdoor.core.viewhelpers import handle_form
from frontdoor.people.access import restricted_ids

from .. import forms as f
from .. import selectors, services
from ..access import access_guidance
from ..guards import assessment_max_due


@requires("guide_assessment")
@one_time_create
def guidance_new(request: HttpRequest, pk: int) -> HttpResponse:
    referral = referral_for(request, pk, "record")
    known, choices = selectors.relatives(acting(request), referral.person)
    form = f.GuidanceForm(request.POST or None)
    people = formset(
        f.PersonToSeeRow,
        "people",
        request.POST,
        5,
        "Person to be seen",
        form_kwargs={"relatives": choices},
    )

    def save(d: dict[str, Any]) -> object:
        chosen = [{**row, "person": known.get(row["person"] or "")} for row in rows(people)]
        for row in chosen:
            if row["person"] is not None and not row["name"].strip():
                row["name"] = row["person"].full_name
        return services.guidance_record(
            actor=acting(request), referral=referral, people=chosen, **d
        )

    return handle_form(
        request,
        form,
        save,
        formsets=(people,),
        done="Guidance recorded: the assessment can start",
        then=reverse("child_protection:referral_detail", args=[pk]),
        page=form_page,
        title="Manager guidance for the assessment",
        referral=referral,
        submit="Record guidance",
        summary=[
            ("Referral date", referral.referral_date),
            ("Latest due date (45 working days)", assessment_max_due(referral.referral_date)),
        ],
        one_time=True,
    )


@requires("child_protection")
def guidance_detail(request: HttpRequest, pk: int) -> HttpResponse:
    guidance = access_guidance(acting(request), pk)
    people = list(guidance.people_to_see.select_related("person"))
    return render(
        request,
        "assessments/guidance_detail.html",
        {
            "guidance": guidance,
            "referral": guidance.referral,
            "people": people,
            "hidden": restricted_ids(acting(request), [p.person_id for p in people]),
            "can_guide": acting(request).can("guide_assessment"),
        },
    )


@requires("guide_assessment")
def guidance_edit(request: HttpRequest, pk: int) -> HttpResponse:
    guidance = access_guidance(acting(request), pk, action="record")
    form = f.GuidanceEditForm(
        request.POST or None,
        initial={
            "focus": guidance.focus,
            "lines_of_enquiry": guidance.lines_of_enquiry,
            "due_date": guidance.due_date,
            "version": guidance.version,
        },
    )
    back = reverse("assessments:guidance_detail", args=[pk])
    return handle_form(
        request,
        form,
        lambda d: services.guidance_update(actor=acting(request), guidance=guidance, **d),
        done="Guidance changed",
        then=back,
        page=form_page,
        title="Change the guidance",
        referral=guidance.referral,
        submit="Save changes",
        summary=[("Latest due date (45 working days)", guidance.max_due_date)],
        back=back,
    )
