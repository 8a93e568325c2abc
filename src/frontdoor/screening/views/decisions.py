"""The decision and its oversight: record or answer, review (authorise or challenge), apply to
siblings, a referral recorded as no further action, and what the referrer was told."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from frontdoor.accounts.decorators import requires
from frontdoor.audit.services import audit_record
from frontdoor.core.onetime import one_time_create
from frontdoor.core.viewhelpers import attach_more_errors, posted
from frontdoor.intake.access import access_contact

from .. import guards, selectors, services
from ..access import access_screening
from ..forms import (
    AnswerChallengeForm,
    DecisionForm,
    ReferralNfaForm,
    ReferrerUpdateForm,
    ReviewForm,
    SiblingsForm,
)
from ..models import DECISION_FIELDS, DecisionStatus
from ..services.decision import check_decision
from .common import form_page, run, user_of


@requires("screen")
@one_time_create
def decision(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    screening = access_screening(user, pk, action="decide")
    existing = getattr(screening, "decision", None)
    answering = existing is not None and existing.status == DecisionStatus.RETURNED
    if existing is not None and not answering and request.method != "POST":
        return redirect("screening:detail", pk=pk)
    # A post racing another practitioner's decision reaches the service, which says who decided.
    if answering:
        assert existing is not None
        initial = {f: getattr(existing, f) for f in DECISION_FIELDS} | {"version": existing.version}
        form: DecisionForm = AnswerChallengeForm(posted(request), initial=initial)
    else:
        form = DecisionForm(posted(request), initial={"version": screening.version})
    status = 200
    if form.is_bound and form.is_valid():
        if answering:
            status = run(form, services.decision_answer, actor=user, decision=existing) or 0
        else:
            status = run(form, services.decision_record, actor=user, screening=screening) or 0
        if not status:
            messages.success(request, "Decision sent to a manager for authorisation")
            return redirect("screening:detail", pk=pk)
    elif form.is_bound:
        # Every problem at once: the service's checks too, on what the form could clean.
        attach_more_errors(
            form,
            lambda: check_decision(screening, form.cleaned_data, decided_at=timezone.now()),
        )
    return form_page(
        request,
        screening,
        form,
        "screening/decision_form.html",
        status,
        answering=answering,
        decision=existing,
        contact=screening.contact,
        now=timezone.now(),
        oversight=existing.oversight.select_related("by") if existing else [],
    )


def _stale(form: ReviewForm | ReferralNfaForm, version: int | None) -> bool:
    """A post from a page showing an older version: the service says who changed it (409)
    rather than the page being refused for the state the user has not seen yet."""
    sent = form.data.get("version") if form.is_bound else None
    return bool(sent) and str(sent) != str(version)


def _refused(request: HttpRequest, screening: object, reason: str) -> HttpResponse:
    return render(
        request, "screening/refused.html", {"screening": screening, "reason": reason}, status=403
    )


@requires("authorise")
def review(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    screening = access_screening(user, pk, action="review")
    existing = getattr(screening, "decision", None)
    if existing is None:
        raise Http404("No decision to review")
    reason = guards.can_review_decision(user, existing)
    form = ReviewForm(posted(request), initial={"version": existing.version})
    if reason and not _stale(form, existing.version):
        audit_record(
            actor=user,
            action="refused",
            record_type="decision",
            record_id=existing.pk,
            person_id=screening.person_id,
            detail={"reason": reason},
        )
        return _refused(request, screening, reason)
    status = 200
    if form.is_bound and form.is_valid():
        d = form.cleaned_data
        if d["action"] == "authorise":
            status = run(form, _authorise, actor=user, decision=existing) or 0
        else:
            status = run(form, _return, actor=user, decision=existing) or 0
        if not status:
            messages.success(
                request,
                "Decision authorised"
                if d["action"] == "authorise"
                else "Decision returned to the practitioner with your challenge",
            )
            return redirect("screening:detail", pk=pk)
    return form_page(
        request,
        screening,
        form,
        "screening/review_form.html",
        status,
        decision=existing,
        oversight=existing.oversight.select_related("by"),
        can_authorise_consent=guards.can_authorise_consent(user, screening) is None,
    )


def _authorise(*, action: str, text: str, **kwargs: object) -> None:
    services.decision_authorise(note=text, **kwargs)  # type: ignore[arg-type]


def _return(*, action: str, text: str, **kwargs: object) -> None:
    services.decision_return(challenge=text, **kwargs)  # type: ignore[arg-type]


@requires("screen")
def siblings(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    screening = access_screening(user, pk, action="decide")
    existing = getattr(screening, "decision", None)
    if existing is None:
        return redirect("screening:decision", pk=pk)
    candidates = selectors.sibling_candidates(user=user, screening=screening)
    form = SiblingsForm(
        posted(request), choices=[(str(s.pk), s.person.full_name) for s in candidates]
    )
    if form.is_bound and form.is_valid():
        chosen = [
            access_screening(user, s.pk, action="decide")
            for s in candidates
            if str(s.pk) in form.cleaned_data["siblings"]
        ]
        if run(form, _apply, actor=user, decision=existing, screenings=chosen) is None:
            many = "ren" if len(chosen) != 1 else ""
            messages.success(request, f"Decision recorded for {len(chosen)} more child{many}")
            return redirect("screening:detail", pk=pk)
    return form_page(
        request,
        screening,
        form,
        "screening/siblings_form.html",
        decision=existing,
        candidates=candidates,
    )


def _apply(*, siblings: list[str], **kwargs: object) -> None:
    services.decision_apply_to_siblings(**kwargs)  # type: ignore[arg-type]


@requires("give_feedback")
def referrer_update(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    contact = access_contact(user, pk, action="feedback")
    form = ReferrerUpdateForm(posted(request), initial={"version": contact.version})
    status = 200
    if form.is_bound and form.is_valid():
        status = run(form, services.referrer_update_record, actor=user, contact=contact) or 0
        if not status:
            messages.success(request, "Recorded what the referrer was told")
            back = request.GET.get("screening", "")
            if back.isdigit():
                return redirect("screening:detail", pk=int(back))
            return redirect("screening:trays")
    return render(
        request,
        "screening/referrer_form.html",
        {
            "contact": contact,
            "form": form,
            "updates": contact.referrer_updates.select_related("given_by"),
        },
        status=status,
    )


@requires("authorise")
def referral_nfa(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    screening = access_screening(user, pk, action="review")
    existing = getattr(screening, "decision", None)
    form = ReferralNfaForm(
        posted(request), initial={"version": existing.version if existing else None}
    )
    reason = (
        guards.can_record_referral_nfa(user, existing) if existing else "There is no decision yet"
    )
    if reason and not _stale(form, existing.version if existing else None):
        return _refused(request, screening, reason)
    status = 200
    if existing is not None and form.is_bound and form.is_valid():
        status = run(form, services.referral_record_nfa, actor=user, decision=existing) or 0
        if not status:
            messages.success(request, "Referral recorded as no further action")
            return redirect("screening:detail", pk=pk)
    return form_page(request, screening, form, "screening/nfa_form.html", status, decision=existing)
