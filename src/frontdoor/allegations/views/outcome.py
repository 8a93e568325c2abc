"""The outcome of a referral: one designated officer proposes it, a second authorises it or
returns it with a reason (four eyes)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from frontdoor.core.concurrency import StaleRecord
from frontdoor.core.onetime import one_time_create
from frontdoor.core.viewhelpers import attach_errors, posted

from .. import guards, services
from ..access import access_allegation, lado_required
from ..forms import OutcomeForm, OutcomeReturnForm
from ..models import Allegation, OutcomeProposal
from ..services.outcome import OUTCOME_FIELDS


def _proposal(allegation: Allegation) -> OutcomeProposal | None:
    """The gated allegation's proposal, through its reverse accessor (None before one is made)."""
    return getattr(allegation, "outcome_proposal", None)


@lado_required
@one_time_create
def outcome(request: HttpRequest, pk: int) -> HttpResponse:
    """Propose the outcome (or change it after it was returned)."""
    allegation = access_allegation(request.user, pk)
    blocked = guards.can_conclude(allegation)
    if blocked:
        messages.error(request, blocked)
        return redirect("allegations:detail", pk=allegation.pk)
    proposal = _proposal(allegation)
    initial = {f: getattr(proposal, f) for f in OUTCOME_FIELDS} if proposal else {}
    initial["version"] = proposal.version if proposal else None
    form = OutcomeForm(posted(request), initial=initial)
    status = 200
    if form.is_valid():
        try:
            services.allegation_outcome_propose(
                actor=request.user, allegation=allegation, **form.cleaned_data
            )
        except StaleRecord as error:
            form.add_error(None, str(error))
            status = 409
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(
                request, "Outcome proposed: a second designated officer must authorise it"
            )
            return redirect("allegations:detail", pk=allegation.pk)
    context = {"allegation": allegation, "form": form, "proposal": proposal}
    return render(request, "allegations/outcome.html", context, status=status)


@lado_required
def outcome_decide(request: HttpRequest, pk: int) -> HttpResponse:
    """Authorise the proposed outcome, or return it with a reason."""
    allegation = access_allegation(request.user, pk, action="view_for_authorisation")
    proposal = _proposal(allegation)
    if proposal is None or request.method != "POST":
        return redirect("allegations:detail", pk=allegation.pk)
    form = OutcomeReturnForm(request.POST)
    status = 200
    if form.is_valid():
        version = form.cleaned_data["version"]
        try:
            if "return" in request.POST:
                services.allegation_outcome_return(
                    actor=request.user,
                    proposal=proposal,
                    reason=form.cleaned_data["reason"],
                    version=version,
                )
                messages.success(request, "Outcome returned for changes")
            else:
                services.allegation_outcome_authorise(
                    actor=request.user, proposal=proposal, version=version
                )
                messages.success(request, "Outcome authorised: the allegation is concluded")
        except StaleRecord as error:
            form.add_error(None, str(error))
            status = 409
        except ValidationError as error:
            attach_errors(form, error)
            status = 400
        else:
            return redirect("allegations:detail", pk=allegation.pk)
    context = {"allegation": allegation, "proposal": proposal, "decide_form": form}
    return render(request, "allegations/outcome_decide.html", context, status=status)
