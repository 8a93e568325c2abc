"""Screening on one page (issue 13): urgency, consent and the decision, completed in that order and
sent with one button. The same services as the three separate pages run in order inside one
transaction, so either all three are saved or none is, and every problem of every section is shown
at once (the form's own checks and the services' rules)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone

from frontdoor.accounts.decorators import requires
from frontdoor.core.concurrency import StaleRecord
from frontdoor.core.onetime import one_time_create
from frontdoor.core.viewhelpers import attach_errors, attach_more_errors, posted

from .. import services
from ..access import access_screening
from ..conf import rag_clock_hours, rag_hours
from ..forms import ConsentForm, DecisionForm, RagForm
from ..services.decision import check_decision
from .common import form_page, user_of


def _unchanged_rag(form: RagForm, current: str) -> bool:
    return bool(current) and form.cleaned_data.get("rating") == current


def _unchanged_consent(form: ConsentForm, screening: Any) -> bool:
    d = form.cleaned_data
    return bool(screening.consent_outcome) and (
        d.get("sought") == screening.consent_sought
        and d.get("outcome") == screening.consent_outcome
        and (d.get("reason") or "") == screening.consent_reason
        and (d.get("explanation") or "").strip() == screening.consent_explanation
    )


def _step(form: forms.Form, service: Any, **kwargs: Any) -> bool:
    """Run one step; on a refusal put its reasons on the step's form. True when it worked."""
    data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
    try:
        service(**data, **kwargs)
    except ValidationError as error:
        attach_errors(form, error)
        return False
    return True


@requires("screen")
@one_time_create
def complete(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    screening = access_screening(user, pk, action="decide")
    if hasattr(screening, "decision"):
        messages.info(request, "A decision has already been recorded for this child")
        return redirect("screening:detail", pk=pk)
    data = posted(request)
    version = {"version": screening.version}
    rag_form = RagForm(
        data,
        prefix="rag",
        hours=rag_hours(),
        clock=rag_clock_hours(),
        initial={"rating": screening.rag, **version},
    )
    consent_initial = {
        "sought": {True: "yes", False: "no"}.get(screening.consent_sought),  # type: ignore[arg-type]
        "outcome": screening.consent_outcome,
        "reason": screening.consent_reason,
        "explanation": screening.consent_explanation,
    }
    consent_form = ConsentForm(data, prefix="consent", initial={**consent_initial, **version})
    decision_form = DecisionForm(data, prefix="decision", initial=version)
    status = 200
    if data is not None:
        valid = [f.is_valid() for f in (rag_form, consent_form, decision_form)]
        if not valid[2]:
            attach_more_errors(
                decision_form,
                lambda: check_decision(
                    screening, decision_form.cleaned_data, decided_at=timezone.now()
                ),
            )
        # Every part's problems at once: with a part the form refused, the others' services
        # still run (and are rolled back) so their rules show in the same round.
        status = _save(user, screening, rag_form, consent_form, decision_form, valid)
        if status == 0:
            messages.success(
                request,
                "Urgency, consent and decision saved: the decision is with a manager for "
                "authorisation",
            )
            return redirect("screening:detail", pk=pk)
    return form_page(
        request,
        screening,
        decision_form,
        "screening/complete_form.html",
        status,
        rag_form=rag_form,
        consent_form=consent_form,
        contact=screening.contact,
    )


def _save(
    user: Any,
    screening: Any,
    rag_form: RagForm,
    consent_form: ConsentForm,
    decision_form: DecisionForm,
    valid: list[bool],
) -> int:
    """The three steps in order in one transaction: 0 when all were saved, else the status to show
    the page with (nothing saved). A part whose form is invalid is skipped (its problems are
    already shown) and the whole is rolled back. The page's version is checked by the first step
    that changes the screening; later steps see that step's change."""
    page_version = rag_form.cleaned_data.get("version") if valid[0] else None
    try:
        with transaction.atomic():
            ok = all(valid)
            if valid[0] and not _unchanged_rag(rag_form, screening.rag):
                ok &= _step(
                    rag_form,
                    services.rag_set,
                    actor=user,
                    screening=screening,
                    version=page_version,
                )
                page_version = None
            if valid[1] and not _unchanged_consent(consent_form, screening):
                ok &= _step(
                    consent_form,
                    services.consent_record,
                    actor=user,
                    screening=screening,
                    version=page_version,
                )
                page_version = None
            if valid[2]:
                ok &= _step(
                    decision_form,
                    services.decision_record,
                    actor=user,
                    screening=screening,
                    version=page_version,
                )
            if not ok:
                transaction.set_rollback(True)
    except StaleRecord as error:
        decision_form.add_error(None, str(error))
        screening.refresh_from_db()
        return 409
    if not ok:
        screening.refresh_from_db()
        return 200
    return 0
