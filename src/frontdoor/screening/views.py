"""Screening pages: work trays, the screening page and its forms. Each view loads the screening,
passes the child through the access gate, then form -> service -> redirect."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from frontdoor.accounts.decorators import requires
from frontdoor.audit.services import audit_record
from frontdoor.intake.models import Contact
from frontdoor.people.access import access_person, visible_people

from . import guards, selectors, services
from .conf import rag_clock_hours, rag_hours, threshold_descriptors
from .forms import (
    AnswerChallengeForm,
    AnswerForm,
    ConsentForm,
    DecisionForm,
    RagForm,
    ReferralNfaForm,
    ReferrerUpdateForm,
    RequestForm,
    ReviewForm,
    SiblingsForm,
)
from .models import InformationRequest, Screening, ScreeningStatus


def _attach(form: forms.Form, error: ValidationError) -> None:
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, problems in error.message_dict.items():
        form.add_error(field if field in form.fields else None, problems)


def _screening(request: HttpRequest, pk: int, action: str = "view") -> Screening:
    """Load a screening and pass its child through the access gate (audited)."""
    screening = (
        Screening.objects.select_related("contact", "person", "owner", "decision", "contact_child")
        .filter(pk=pk)
        .first()
    )
    if screening is None:
        audit_record(actor=request.user, action="refused", record_type="screening", record_id=pk)
        raise Http404("No such screening")
    access_person(
        request.user,
        screening.person_id,
        action=action,
        record_type="screening",
        record_id=screening.pk,
    )
    return screening


def _contact(request: HttpRequest, pk: int) -> Contact:
    contact = (
        Contact.objects.filter(pk=pk, children__person__in=visible_people(request.user))
        .distinct()
        .first()
    )
    if contact is None:
        audit_record(actor=request.user, action="refused", record_type="contact", record_id=pk)
        raise Http404("No such contact")
    for link in contact.children.all():
        access_person(
            request.user, link.person_id, action="view", record_type="contact", record_id=contact.pk
        )
    return contact


@requires("screen")
def trays(request: HttpRequest) -> HttpResponse:
    name = request.GET.get("tray", "mine")
    if name not in selectors.TRAYS or (name == "authorise" and not request.user.can("authorise")):
        name = "mine"
    now = timezone.now()
    context: dict[str, Any] = {
        "tray": name,
        "trays": selectors.TRAYS,
        "now": now,
        "counts": selectors.tray_counts(user=request.user, now=now),
        "can_authorise": request.user.can("authorise"),
    }
    if name == "feedback":
        context["contacts"] = selectors.feedback_owed(user=request.user, now=now)
    else:
        context["rows"] = selectors.tray(user=request.user, name=name, now=now)
    audit_record(actor=request.user, action="view", record_type="work_tray", record_id=name)
    return render(request, "screening/trays.html", context)


@requires("screen")
@require_POST
def contact_start(request: HttpRequest, pk: int) -> HttpResponse:
    contact = _contact(request, pk)
    try:
        screenings = services.screenings_start_for_contact(actor=request.user, contact=contact)
    except ValidationError as error:
        messages.error(request, "; ".join(error.messages))
        return redirect("intake:contact_detail", pk=pk)
    return redirect("screening:detail", pk=screenings[0].pk)


@requires("screen")
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    screening = _screening(request, pk)
    decision = getattr(screening, "decision", None)
    siblings = list(
        Screening.objects.filter(contact_id=screening.contact_id)
        .exclude(pk=screening.pk)
        .select_related("person", "decision", "owner")
    )
    return render(
        request,
        "screening/detail.html",
        {
            "screening": screening,
            "contact": screening.contact,
            "now": timezone.now(),
            "history": selectors.screening_history(user=request.user, screening=screening),
            "ratings": screening.ratings.select_related("rated_by"),
            "requests": screening.requests.select_related("sent_by", "recorded_by"),
            "decision": decision,
            "oversight": decision.oversight.select_related("by") if decision else [],
            "siblings": siblings,
            "can_apply": decision is not None
            and decision.decided_by_id == request.user.pk
            and any(
                not hasattr(s, "decision") and s.status != ScreeningStatus.AUTHORISED
                for s in siblings
            ),
            "updates": screening.contact.referrer_updates.select_related("given_by"),
            "editable": guards.can_work_on(request.user, screening) is None,
            "can_authorise_consent": guards.can_authorise_consent(request.user, screening) is None,
            "can_review": decision is not None
            and guards.can_review_decision(request.user, decision) is None,
            "can_nfa": decision is not None
            and guards.can_record_referral_nfa(request.user, decision) is None,
            "descriptors": threshold_descriptors(),
        },
    )


@requires("screen")
@require_POST
def take(request: HttpRequest, pk: int) -> HttpResponse:
    screening = _screening(request, pk)
    try:
        services.screening_take(actor=request.user, screening=screening)
    except ValidationError as error:
        messages.error(request, "; ".join(error.messages))
    else:
        messages.success(request, f"You now own the screening for {screening.person.full_name}")
    return redirect("screening:detail", pk=pk)


def _form_page(
    request: HttpRequest, screening: Screening, form: forms.Form, template: str, **extra: Any
) -> HttpResponse:
    return render(request, template, {"screening": screening, "form": form, **extra})


@requires("screen")
def rag(request: HttpRequest, pk: int) -> HttpResponse:
    screening = _screening(request, pk)
    form = RagForm(request.POST or None, hours=rag_hours(), clock=rag_clock_hours())
    if request.method == "POST" and form.is_valid():
        try:
            services.rag_set(actor=request.user, screening=screening, **form.cleaned_data)
        except ValidationError as error:
            _attach(form, error)
        else:
            messages.success(request, f"Rated {form.cleaned_data['rating']}")
            return redirect("screening:detail", pk=pk)
    return _form_page(request, screening, form, "screening/rag_form.html")


@requires("request_information")
def request_new(request: HttpRequest, pk: int) -> HttpResponse:
    screening = _screening(request, pk)
    form = RequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            sent = services.information_request_send(
                actor=request.user, screening=screening, **form.cleaned_data
            )
        except ValidationError as error:
            _attach(form, error)
        else:
            messages.success(
                request, f"{len(sent)} information request{'s' if len(sent) != 1 else ''} sent"
            )
            return redirect("screening:detail", pk=pk)
    return _form_page(request, screening, form, "screening/request_form.html")


@requires("request_information")
def request_answer(request: HttpRequest, pk: int) -> HttpResponse:
    info = InformationRequest.objects.filter(pk=pk).first()
    if info is None:
        audit_record(
            actor=request.user, action="refused", record_type="information_request", record_id=pk
        )
        raise Http404("No such request")
    screening = _screening(request, info.screening_id)
    form = AnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.information_request_answer(
                actor=request.user, request=info, **form.cleaned_data
            )
        except ValidationError as error:
            _attach(form, error)
        else:
            messages.success(request, f"Answer from {info.get_agency_display().lower()} recorded")
            return redirect("screening:detail", pk=screening.pk)
    return _form_page(request, screening, form, "screening/answer_form.html", info=info)


@requires("screen")
def consent(request: HttpRequest, pk: int) -> HttpResponse:
    screening = _screening(request, pk)
    form = ConsentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.consent_record(actor=request.user, screening=screening, **form.cleaned_data)
        except ValidationError as error:
            _attach(form, error)
        else:
            messages.success(request, "Consent recorded")
            return redirect("screening:detail", pk=pk)
    return _form_page(request, screening, form, "screening/consent_form.html")


@requires("authorise")
@require_POST
def consent_authorise(request: HttpRequest, pk: int) -> HttpResponse:
    screening = _screening(request, pk, action="authorise")
    try:
        services.consent_authorise(actor=request.user, screening=screening)
    except ValidationError as error:
        messages.error(request, "; ".join(error.messages))
    else:
        messages.success(request, "Sharing without consent authorised")
    if request.GET.get("next") == "review":
        return redirect("screening:review", pk=pk)
    return redirect("screening:detail", pk=pk)


@requires("screen")
def decision(request: HttpRequest, pk: int) -> HttpResponse:
    screening = _screening(request, pk)
    existing = getattr(screening, "decision", None)
    answering = existing is not None and existing.status == "returned"
    if existing is not None and not answering:
        return redirect("screening:detail", pk=pk)
    form_class = AnswerChallengeForm if answering else DecisionForm
    initial = {f: getattr(existing, f) for f in services.DECISION_FIELDS} if answering else None
    form = form_class(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            if answering:
                answer = data.pop("answer")
                services.decision_answer(
                    actor=request.user, decision=existing, answer=answer, **data
                )
            else:
                services.decision_record(actor=request.user, screening=screening, **data)
        except ValidationError as error:
            _attach(form, error)
        else:
            messages.success(request, "Decision sent to a manager for authorisation")
            return redirect("screening:detail", pk=pk)
    return _form_page(
        request,
        screening,
        form,
        "screening/decision_form.html",
        answering=answering,
        decision=existing,
        contact=screening.contact,
        now=timezone.now(),
        oversight=existing.oversight.select_related("by") if existing else [],
    )


@requires("authorise")
def review(request: HttpRequest, pk: int) -> HttpResponse:
    screening = _screening(request, pk, action="review")
    existing = getattr(screening, "decision", None)
    if existing is None:
        raise Http404("No decision to review")
    reason = guards.can_review_decision(request.user, existing)
    if reason:
        audit_record(
            actor=request.user,
            action="refused",
            record_type="decision",
            record_id=existing.pk,
            person_id=screening.person_id,
            detail={"reason": reason},
        )
        return render(
            request,
            "screening/refused.html",
            {"screening": screening, "reason": reason},
            status=403,
        )
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            if d["action"] == "authorise":
                services.decision_authorise(actor=request.user, decision=existing, note=d["text"])
            else:
                services.decision_return(actor=request.user, decision=existing, challenge=d["text"])
        except ValidationError as error:
            _attach(form, error)
        else:
            messages.success(
                request,
                "Decision authorised"
                if d["action"] == "authorise"
                else "Decision returned to the practitioner with your challenge",
            )
            return redirect("screening:detail", pk=pk)
    return _form_page(
        request,
        screening,
        form,
        "screening/review_form.html",
        decision=existing,
        oversight=existing.oversight.select_related("by"),
        can_authorise_consent=guards.can_authorise_consent(request.user, screening) is None,
    )


@requires("screen")
def siblings(request: HttpRequest, pk: int) -> HttpResponse:
    screening = _screening(request, pk)
    existing = getattr(screening, "decision", None)
    if existing is None:
        return redirect("screening:decision", pk=pk)
    candidates = [
        s
        for s in Screening.objects.filter(contact_id=screening.contact_id)
        .exclude(pk=pk)
        .select_related("person", "contact")
        .order_by("pk")
        if not hasattr(s, "decision")
    ]
    visible = set(
        visible_people(request.user)
        .filter(pk__in=[s.person_id for s in candidates])
        .values_list("pk", flat=True)
    )
    candidates = [s for s in candidates if s.person_id in visible]
    form = SiblingsForm(
        request.POST or None, choices=[(str(s.pk), s.person.full_name) for s in candidates]
    )
    if request.method == "POST" and form.is_valid():
        chosen = [s for s in candidates if str(s.pk) in form.cleaned_data["siblings"]]
        for sibling in chosen:
            access_person(
                request.user,
                sibling.person_id,
                action="decide",
                record_type="screening",
                record_id=sibling.pk,
            )
        try:
            made = services.decision_apply_to_siblings(
                actor=request.user, decision=existing, screenings=chosen
            )
        except ValidationError as error:
            _attach(form, error)
        else:
            messages.success(
                request,
                f"Decision recorded for {len(made)} more child{'ren' if len(made) != 1 else ''}",
            )
            return redirect("screening:detail", pk=pk)
    return _form_page(
        request,
        screening,
        form,
        "screening/siblings_form.html",
        decision=existing,
        candidates=candidates,
    )


@requires("give_feedback")
def referrer_update(request: HttpRequest, pk: int) -> HttpResponse:
    contact = _contact(request, pk)
    form = ReferrerUpdateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.referrer_update_record(
                actor=request.user, contact=contact, **form.cleaned_data
            )
        except ValidationError as error:
            _attach(form, error)
        else:
            messages.success(request, "Recorded what the referrer was told")
            back = request.GET.get("screening", "")
            return (
                redirect("screening:detail", pk=int(back))
                if back.isdigit()
                else redirect("screening:trays")
            )
    return render(
        request,
        "screening/referrer_form.html",
        {
            "contact": contact,
            "form": form,
            "updates": contact.referrer_updates.select_related("given_by"),
        },
    )


@requires("authorise")
def referral_nfa(request: HttpRequest, pk: int) -> HttpResponse:
    screening = _screening(request, pk, action="review")
    existing = getattr(screening, "decision", None)
    reason = (
        guards.can_record_referral_nfa(request.user, existing)
        if existing
        else "There is no decision yet"
    )
    if reason:
        return render(
            request,
            "screening/refused.html",
            {"screening": screening, "reason": reason},
            status=403,
        )
    form = ReferralNfaForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.referral_record_nfa(actor=request.user, decision=existing, **form.cleaned_data)
        except ValidationError as error:
            _attach(form, error)
        else:
            messages.success(request, "Referral recorded as no further action")
            return redirect("screening:detail", pk=pk)
    return _form_page(request, screening, form, "screening/nfa_form.html", decision=existing)


@requires("authorise")
def late(request: HttpRequest) -> HttpResponse:
    since = timezone.now() - timedelta(days=90)
    rows, by_reason = selectors.late_decisions(user=request.user, since=since)
    audit_record(
        actor=request.user, action="view", record_type="late_decisions", record_id="90_days"
    )
    return render(
        request, "screening/late.html", {"rows": rows, "by_reason": by_reason, "since": since}
    )
