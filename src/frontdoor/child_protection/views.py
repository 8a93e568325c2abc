"""Pages for child protection. Every record comes from its gate (`access.py`, audited) before
anything is shown or written; lists come from selectors that filter by the user and are audited as
list views. Create forms carry a one-time token; changes carry the record's version."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from frontdoor.accounts.decorators import requires
from frontdoor.assessments import selectors as assessment_selectors
from frontdoor.audit.services import audit_list_view
from frontdoor.core.concurrency import StaleRecord
from frontdoor.core.onetime import one_time_create
from frontdoor.core.viewhelpers import attach_errors
from frontdoor.people.access import restricted_ids
from frontdoor.people.models import Person

from . import forms as f
from . import selectors, services
from .access import access_action, access_plan, access_s47, access_strategy_discussion
from .pages import acting, all_valid, capabilities, form_page, referral_for, show_stale


@requires("child_protection")
def home(request: HttpRequest) -> HttpResponse:
    user = acting(request)
    tray = selectors.work_tray(user=user)
    # Every item counted; 50 to a page, overdue first (the tray is never cut short).
    page = Paginator(tray.items, 50).get_page(request.GET.get("page"))
    shown = {r.person_id for r in tray.referrals} | {i.person.pk for i in page.object_list}
    audit_list_view(
        actor=user,
        record_type="cp_work_tray",
        person_ids=shown - tray.hidden,
        detail={"page": page.number},
    )
    context = {"tray": tray, "page": page, "overdue": sum(1 for i in tray.items if i.overdue)}
    if user.can("guide_assessment"):
        guidance = assessment_selectors.awaiting_guidance(user=user)
        signoff = assessment_selectors.awaiting_signoff(user=user)
        audit_list_view(actor=user, record_type="guidance_queue", person_ids=guidance.shown_ids)
        audit_list_view(actor=user, record_type="signoff_queue", person_ids=signoff.shown_ids)
        context.update(awaiting_guidance=guidance, awaiting_signoff=signoff)
    return render(request, "child_protection/home.html", context)


def _household(request: HttpRequest, person: Person) -> dict[str, object]:
    """The other children of the household, masked for those sealed to this user."""
    children = selectors.other_children(person)
    return {
        "others": children,
        "hidden": restricted_ids(acting(request), [c.pk for c in children]),
    }


@requires("child_protection")
def referral_detail(request: HttpRequest, pk: int) -> HttpResponse:
    referral = referral_for(request, pk)
    return render(
        request,
        "child_protection/referral.html",
        {
            "referral": referral,
            **capabilities(request),
            **selectors.referral_records(referral),
            **_household(request, referral.person),
        },
    )


@requires("child_protection")
@one_time_create
def strategy_new(request: HttpRequest, pk: int) -> HttpResponse:
    referral = referral_for(request, pk, "record")
    form = f.StrategyForm(request.POST or None)
    people = f.formset(f.ParticipantRow, "participants", request.POST, 6, "Participant")
    actions = f.formset(f.ActionRow, "actions", request.POST, 4, "Action")
    if request.method == "POST" and all_valid(form, people, actions):
        try:
            discussion = services.strategy_discussion_record(
                actor=acting(request),
                referral=referral,
                lead=acting(request),
                participants=f.rows(people),
                actions=f.rows(actions),
                **form.cleaned_data,
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, "Strategy discussion recorded")
            return redirect("child_protection:strategy_detail", pk=discussion.pk)
    return form_page(
        request,
        title="Record a strategy discussion",
        referral=referral,
        form=form,
        formsets=(people, actions),
        submit="Record strategy discussion",
        one_time=True,
    )


@requires("child_protection")
def strategy_detail(request: HttpRequest, pk: int) -> HttpResponse:
    discussion = access_strategy_discussion(acting(request), pk)
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
            **_household(request, discussion.person),
        },
    )


@requires("child_protection")
def strategy_edit(request: HttpRequest, pk: int) -> HttpResponse:
    discussion = access_strategy_discussion(acting(request), pk, action="record")
    saved = [
        {"name": p.name, "agency": p.agency, "role": p.role} for p in discussion.participants.all()
    ]
    form = f.StrategyEditForm(
        request.POST or None,
        initial={
            "information_shared": discussion.information_shared,
            "rationale": discussion.rationale,
            "version": discussion.version,
        },
    )
    people = f.formset(f.ParticipantRow, "participants", request.POST, 2, "Participant", saved)
    status = 200
    if request.method == "POST" and all_valid(form, people):
        try:
            services.strategy_discussion_update(
                actor=acting(request),
                discussion=discussion,
                information_shared=form.cleaned_data["information_shared"],
                rationale=form.cleaned_data["rationale"],
                participants=f.rows(people),
                version=form.cleaned_data["version"],
            )
        except StaleRecord as error:
            status = show_stale(form, error)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, "Strategy discussion updated")
            return redirect("child_protection:strategy_detail", pk=pk)
    return form_page(
        request,
        title="Correct the strategy discussion",
        referral=discussion.referral,
        form=form,
        formsets=(people,),
        submit="Save changes",
        summary=[("Decision (stays as made)", discussion.get_decision_display())],
        back=reverse("child_protection:strategy_detail", args=[pk]),
        status=status,
    )


@requires("child_protection")
def action_done(request: HttpRequest, pk: int) -> HttpResponse:
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    item = access_action(acting(request), pk)
    try:
        services.action_complete(actor=acting(request), item=item, done_date=timezone.localdate())
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    if item.discussion_id:
        return redirect("child_protection:strategy_detail", pk=item.discussion_id)
    return redirect("assessments:supervision_detail", pk=item.supervision_id)


@requires("child_protection")
def s47_detail(request: HttpRequest, pk: int) -> HttpResponse:
    s47 = access_s47(acting(request), pk)
    return render(
        request,
        "child_protection/s47_detail.html",
        {"s47": s47, "referral": s47.referral, "plan": getattr(s47, "cp_plan_record", None)},
    )


@requires("child_protection")
def s47_findings(request: HttpRequest, pk: int) -> HttpResponse:
    s47 = access_s47(acting(request), pk, action="record")
    form = f.S47FindingsForm(request.POST or None, initial={"version": s47.version})
    status = 200
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.s47_findings_record(
                actor=acting(request), s47=s47, **{**d, "seen_alone": d["seen_alone"] == "yes"}
            )
        except StaleRecord as error:
            status = show_stale(form, error)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, "Enquiry findings recorded")
            return redirect("child_protection:s47_detail", pk=s47.pk)
    return form_page(
        request,
        title="Record the section 47 enquiry's findings",
        referral=s47.referral,
        form=form,
        submit="Record findings",
        summary=[("Enquiry started", s47.start_date), ("ICPC target", s47.icpc_target)],
        status=status,
    )


@requires("child_protection")
@one_time_create
def icpc_new(request: HttpRequest, pk: int) -> HttpResponse:
    s47 = access_s47(acting(request), pk, action="record")
    form = f.ICPCForm(request.POST or None, initial={"version": s47.version})
    status = 200
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            plan = services.icpc_record(
                actor=acting(request),
                s47=s47,
                icpc_date=d["icpc_date"],
                cp_plan=d["cp_plan"] == "yes",
                initial_category=d["initial_category"],
                version=d["version"],
            )
        except StaleRecord as error:
            status = show_stale(form, error)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(
                request, "ICPC recorded" + (": child protection plan started" if plan else "")
            )
            if plan:
                return redirect("child_protection:plan_detail", pk=plan.pk)
            return redirect("child_protection:s47_detail", pk=pk)
    return form_page(
        request,
        title="Record the initial child protection conference",
        referral=s47.referral,
        form=form,
        submit="Record ICPC",
        summary=[("Enquiry started", s47.start_date), ("ICPC target", s47.icpc_target)],
        one_time=True,
        status=status,
    )


@requires("child_protection")
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = access_plan(acting(request), pk)
    return render(
        request,
        "child_protection/plan_detail.html",
        {"plan": plan, "referral": plan.referral, "reviews": list(plan.reviews.all())},
    )


@requires("child_protection")
@one_time_create
def plan_review(request: HttpRequest, pk: int) -> HttpResponse:
    plan = access_plan(acting(request), pk, action="record")
    form = f.ReviewForm(
        request.POST or None, initial={"category": plan.latest_category, "version": plan.version}
    )
    status = 200
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.cp_review_record(
                actor=acting(request),
                plan=plan,
                **{**d, "plan_continues": d["plan_continues"] == "yes"},
            )
        except StaleRecord as error:
            status = show_stale(form, error)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, "Review conference recorded")
            return redirect("child_protection:plan_detail", pk=pk)
    return form_page(
        request,
        title="Record a review conference",
        referral=plan.referral,
        form=form,
        submit="Record review",
        summary=[("Review due by", plan.next_review_due)],
        one_time=True,
        status=status,
    )


@requires("child_protection")
def plan_end(request: HttpRequest, pk: int) -> HttpResponse:
    plan = access_plan(acting(request), pk, action="record")
    form = f.PlanEndForm(request.POST or None, initial={"version": plan.version})
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            services.cp_plan_end(actor=acting(request), plan=plan, **form.cleaned_data)
        except StaleRecord as error:
            status = show_stale(form, error)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, "Child protection plan ended")
            return redirect("child_protection:plan_detail", pk=pk)
    return form_page(
        request,
        title="End the child protection plan",
        referral=plan.referral,
        form=form,
        submit="End plan",
        status=status,
    )
