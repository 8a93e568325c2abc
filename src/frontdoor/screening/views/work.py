"""The screening page and the forms that build it up: take, urgency, partner information, consent.
Each view: gate -> form (with the record's version) -> service -> redirect."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from frontdoor.accounts.decorators import requires
from frontdoor.core.concurrency import StaleRecord
from frontdoor.core.onetime import one_time_create
from frontdoor.core.viewhelpers import posted
from frontdoor.intake.access import access_contact

from .. import guards, selectors, services
from ..access import access_information_request, access_screening
from ..conf import rag_clock_hours, rag_hours, threshold_descriptors
from ..forms import AnswerForm, ConsentForm, RagForm, RequestForm, VersionOnlyForm
from ..models import ScreeningStatus
from .common import form_page, run, user_of


@requires("screen")
@require_POST
def contact_start(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    contact = access_contact(user, pk, action="screen")
    try:
        screenings = services.screenings_start_for_contact(actor=user, contact=contact)
    except ValidationError as error:
        messages.error(request, "; ".join(error.messages))
        return redirect("intake:contact_detail", pk=pk)
    return redirect("screening:detail", pk=screenings[0].pk)


@requires("screen")
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    screening = access_screening(user, pk)
    decision = getattr(screening, "decision", None)
    siblings, hidden = selectors.siblings_of(user=user, screening=screening)
    return render(
        request,
        "screening/detail.html",
        {
            "screening": screening,
            "contact": screening.contact,
            "now": timezone.now(),
            "history": selectors.screening_history(user=user, screening=screening),
            "ratings": screening.ratings.select_related("rated_by"),
            "requests": screening.requests.select_related("sent_by", "recorded_by"),
            "decision": decision,
            "oversight": decision.oversight.select_related("by") if decision else [],
            "siblings": siblings,
            "hidden": hidden,
            "can_apply": decision is not None
            and decision.decided_by_id == user.pk
            and any(
                s.person_id not in hidden
                and not hasattr(s, "decision")
                and s.status != ScreeningStatus.AUTHORISED
                for s in siblings
            ),
            "updates": screening.contact.referrer_updates.select_related("given_by"),
            "editable": guards.can_work_on(user, screening) is None,
            "can_authorise_consent": guards.can_authorise_consent(user, screening) is None,
            "can_review": decision is not None
            and guards.can_review_decision(user, decision) is None,
            "can_nfa": decision is not None
            and guards.can_record_referral_nfa(user, decision) is None,
            "descriptors": threshold_descriptors(),
        },
    )


@requires("screen")
@require_POST
def take(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    screening = access_screening(user, pk)
    form = VersionOnlyForm(request.POST)
    form.is_valid()
    try:
        services.screening_take(
            actor=user, screening=screening, version=form.cleaned_data.get("version")
        )
    except StaleRecord as error:
        messages.error(request, str(error))
    except ValidationError as error:
        messages.error(request, "; ".join(error.messages))
    else:
        messages.success(request, f"You now own the screening for {screening.person.full_name}")
    return redirect("screening:detail", pk=pk)


@requires("screen")
def rag(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    screening = access_screening(user, pk, action="rate")
    form = RagForm(
        posted(request),
        hours=rag_hours(),
        clock=rag_clock_hours(),
        initial={"version": screening.version},
    )
    status = 200
    if form.is_bound and form.is_valid():
        status = run(form, services.rag_set, actor=user, screening=screening) or 0
        if not status:
            messages.success(request, f"Rated {form.cleaned_data['rating']}")
            return redirect("screening:detail", pk=pk)
    return form_page(request, screening, form, "screening/rag_form.html", status)


@requires("request_information")
@one_time_create
def request_new(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    screening = access_screening(user, pk, action="request_information")
    form = RequestForm(posted(request))
    if form.is_bound and form.is_valid():
        if run(form, services.information_request_send, actor=user, screening=screening) is None:
            count = len(form.cleaned_data["agencies"])
            messages.success(
                request, f"{count} information request{'s' if count != 1 else ''} sent"
            )
            return redirect("screening:detail", pk=pk)
    return form_page(request, screening, form, "screening/request_form.html")


@requires("request_information")
def request_answer(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    info = access_information_request(user, pk, action="answer")
    screening = info.screening
    form = AnswerForm(posted(request), initial={"version": info.version})
    status = 200
    if form.is_bound and form.is_valid():
        status = run(form, services.information_request_answer, actor=user, request=info) or 0
        if not status:
            messages.success(request, f"Answer from {info.get_agency_display().lower()} recorded")
            return redirect("screening:detail", pk=screening.pk)
    return form_page(request, screening, form, "screening/answer_form.html", status, info=info)


@requires("screen")
def consent(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    screening = access_screening(user, pk, action="consent")
    form = ConsentForm(posted(request), initial={"version": screening.version})
    status = 200
    if form.is_bound and form.is_valid():
        status = run(form, services.consent_record, actor=user, screening=screening) or 0
        if not status:
            messages.success(request, "Consent recorded")
            return redirect("screening:detail", pk=pk)
    return form_page(request, screening, form, "screening/consent_form.html", status)


@requires("authorise")
@require_POST
def consent_authorise(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    screening = access_screening(user, pk, action="authorise")
    form = VersionOnlyForm(request.POST)
    form.is_valid()
    try:
        services.consent_authorise(
            actor=user, screening=screening, version=form.cleaned_data.get("version")
        )
    except StaleRecord as error:
        messages.error(request, str(error))
    except ValidationError as error:
        messages.error(request, "; ".join(error.messages))
    else:
        messages.success(request, "Sharing without consent authorised")
    if request.GET.get("next") == "review":
        return redirect("screening:review", pk=pk)
    return redirect("screening:detail", pk=pk)
