"""Urgency (RAG) and partner information requests."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from frontdoor.accounts.models import User
from frontdoor.core.concurrency import save_version
from frontdoor.sharing.services import share_request_answered, share_request_sent

from .. import guards
from ..conf import info_agencies
from ..models import InformationRequest, Rag, RagRating, Screening
from .common import event, locked, refuse, user_or_none


@transaction.atomic
def rag_set(
    *,
    actor: User | None,
    screening: Screening,
    rating: str,
    rationale: str = "",
    version: int | None = None,
    now: datetime | None = None,
) -> RagRating:
    """Rate the urgency. The partner-check deadline runs from now; a change needs a rationale."""
    locked(screening, version)
    refuse(guards.can_work_on(actor, screening))
    now = now or timezone.now()
    rationale = (rationale or "").strip()
    if rating not in Rag.values:
        raise ValidationError({"rating": "Select red, amber or green"})
    if screening.rag == rating:
        raise ValidationError(
            {"rating": f"The screening is already rated {rating}: select a different rating"}
        )
    if screening.rag and not rationale:
        raise ValidationError(
            {"rationale": "Enter why the rating is changing: a change of RAG needs a rationale"}
        )
    due = guards.rag_deadline(rating, now)
    entry = RagRating.objects.create(
        screening=screening,
        rating=rating,
        rationale=rationale,
        rated_at=now,
        rated_by=user_or_none(actor),
        checks_due_at=due,
    )
    previous = screening.rag
    screening.rag, screening.checks_due_at = rating, due
    save_version(screening, actor=actor, fields=["rag", "checks_due_at"])
    summary = f"RAG changed from {previous} to {rating}" if previous else f"Rated {rating}"
    event(
        screening,
        actor=actor,
        kind="rag",
        at=now,
        record=entry,
        action="create",
        summary=f"{summary}: partner checks due {timezone.localtime(due):%d/%m/%Y %H:%M}",
        detail={"from": previous, "to": rating},
    )
    return entry


@transaction.atomic
def information_request_send(
    *,
    actor: User | None,
    screening: Screening,
    agencies: Sequence[str],
    question: str,
    now: datetime | None = None,
) -> list[InformationRequest]:
    """Ask partner agencies what they know; each request is due by the current RAG timescale."""
    locked(screening, None)
    refuse(guards.can_work_on(actor, screening))
    now = now or timezone.now()
    allowed = dict(info_agencies())
    errors: dict[str, str] = {}
    if not screening.rag:
        errors["__all__"] = "Rate the urgency (RAG) first: it sets when partner information is due"
    if not agencies:
        errors["agencies"] = "Select at least one agency to ask"
    elif any(a not in allowed for a in agencies):
        errors["agencies"] = "Select agencies from the list"
    if not (question or "").strip():
        errors["question"] = "Enter what you are asking the agencies"
    if errors:
        raise ValidationError(errors)
    due = guards.rag_deadline(screening.rag, now)
    created = []
    for agency in agencies:
        request = InformationRequest.objects.create(
            screening=screening,
            agency=agency,
            question=question.strip(),
            sent_at=now,
            sent_by=user_or_none(actor),
            due_at=due,
        )
        event(
            screening,
            actor=actor,
            kind="information_request",
            at=now,
            record=request,
            action="create",
            summary=f"Information requested from {allowed[agency].lower()} "
            f"(due {timezone.localtime(due):%d/%m/%Y %H:%M})",
        )
        share_request_sent(actor=actor, request=request, agency_label=allowed[agency])
        created.append(request)
    return created


@transaction.atomic
def information_request_answer(
    *,
    actor: User | None,
    request: InformationRequest,
    answered_by: str,
    shared: str,
    received_at: datetime | None = None,
    version: int | None = None,
    now: datetime | None = None,
) -> InformationRequest:
    """Record the agency's answer: who answered, what was shared, when it was received."""
    locked(request, version)
    now = now or timezone.now()
    received_at = received_at or now
    errors: dict[str, str] = {}
    if request.received_at is not None:
        errors["__all__"] = "This request has already been answered"
    if not (answered_by or "").strip():
        errors["answered_by"] = "Enter who answered for the agency"
    if not (shared or "").strip():
        errors["shared"] = "Enter what the agency shared (or that it holds nothing)"
    if received_at > now:
        errors["received_at"] = "The time received must be now or in the past"
    elif received_at < request.sent_at:
        errors["received_at"] = "The time received must be after the request was sent"
    if errors:
        raise ValidationError(errors)
    request.answered_by, request.shared = answered_by.strip(), shared.strip()
    request.received_at, request.recorded_by = received_at, user_or_none(actor)
    save_version(
        request, actor=actor, fields=["answered_by", "shared", "received_at", "recorded_by"]
    )
    late = " (after the due time)" if received_at > request.due_at else ""
    event(
        request.screening,
        actor=actor,
        kind="information_received",
        at=received_at,
        record=request,
        summary=f"Information received from {request.get_agency_display().lower()}{late}",
    )
    share_request_answered(actor=actor, request=request)
    return request
