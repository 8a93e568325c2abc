"""The one access gate for allegation records.

Only designated officers ("allegations") and system administrators giving support
("allegations_support") may open any allegation page or record. Every view and every refusal is
audited. Refused pages answer 403 (`lado_required`); refused records answer 404 so a record's
existence never leaks.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse

from frontdoor.audit.services import audit_record

from .models import Allegation, AllegationSubject, Meeting

CAPABILITIES = ("allegations", "allegations_support")


def can_use_allegations(user: Any) -> bool:
    return bool(user.is_authenticated and any(user.can(c) for c in CAPABILITIES))


def lado_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Like `@requires`, but for either allegations capability; the refusal is audited."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not can_use_allegations(request.user):
            audit_record(
                actor=request.user,
                action="refused",
                record_type="page",
                record_id=request.path[:100],
                detail={"capability": "allegations"},
            )
            raise PermissionDenied("Your role does not allow this (allegations).")
        return view(request, *args, **kwargs)

    return wrapped


def _audit_view(
    user: Any, action: str, allegation: Allegation, record_type: str, record_id: Any
) -> None:
    child_ids = [link.person_id for link in allegation.child_links.all()]
    if not child_ids:
        audit_record(actor=user, action=action, record_type=record_type, record_id=record_id)
    # One row per child, so the view shows on each child's "who viewed" page.
    for person_id in child_ids:
        audit_record(
            actor=user,
            action=action,
            record_type=record_type,
            record_id=record_id,
            person_id=person_id,
        )


def access_allegation(user: Any, pk: Any, *, action: str = "view") -> Allegation:
    """Load an allegation for `user`, auditing the view or the refusal (Http404 if refused)."""
    allegation = None
    if can_use_allegations(user):
        try:
            allegation = (
                Allegation.objects.select_related("subject", "initial_consideration")
                .prefetch_related("child_links")
                .get(pk=int(pk))
            )
        except (Allegation.DoesNotExist, ValueError, TypeError):
            allegation = None
    if allegation is None:
        audit_record(
            actor=user,
            action="refused",
            record_type="allegation",
            record_id=pk,
            detail={"requested": action},
        )
        raise Http404("No such record")
    _audit_view(user, action, allegation, "allegation", allegation.pk)
    return allegation


def access_meeting(user: Any, pk: Any, *, action: str = "view") -> Meeting:
    meeting = None
    if can_use_allegations(user):
        meeting = Meeting.objects.filter(pk=pk).select_related("allegation").first()
    if meeting is None:
        audit_record(
            actor=user,
            action="refused",
            record_type="allegation_meeting",
            record_id=pk,
            detail={"requested": action},
        )
        raise Http404("No such record")
    _audit_view(user, action, meeting.allegation, "allegation_meeting", meeting.pk)
    return meeting


def access_subject(user: Any, pk: Any, *, action: str = "view") -> AllegationSubject:
    subject = None
    if can_use_allegations(user):
        subject = AllegationSubject.objects.filter(pk=pk).first()
    if subject is None:
        audit_record(
            actor=user,
            action="refused",
            record_type="allegation_subject",
            record_id=pk,
            detail={"requested": action},
        )
        raise Http404("No such record")
    audit_record(actor=user, action=action, record_type="allegation_subject", record_id=subject.pk)
    return subject
