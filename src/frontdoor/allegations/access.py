"""The one access gate for allegation records, and the only place they are loaded for a page.

Only designated officers (capability "allegations") open allegation pages or records; the system
administrator manages accounts, not cases, so has no way in. Refused pages answer 403
(`lado_required`); refused records answer 404 so a record's existence never leaks; both are
audited. A sealed child linked to an allegation does not stop the designated officer opening it:
the page shows "Restricted record" in the child's place unless the officer is on the child's
access list, and the view is audited against each child the officer can see.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from frontdoor.audit.services import audit_record
from frontdoor.core.gates import gate_load
from frontdoor.people.access import restricted_ids
from frontdoor.people.models import Person

from .models import Allegation, AllegationSubject, Meeting, MeetingAction

CAPABILITY = "allegations"


def can_use_allegations(user: Any) -> bool:
    return bool(user.is_authenticated and user.can(CAPABILITY))


def lado_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Like `@requires("allegations")`; the refusal is audited."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not can_use_allegations(request.user):
            audit_record(
                actor=request.user,
                action="refused",
                record_type="page",
                record_id=request.path[:100],
                detail={"capability": CAPABILITY},
            )
            raise PermissionDenied("Your role does not allow this (allegations).")
        return view(request, *args, **kwargs)

    return wrapped


def _allowed(user: Any, record: Any) -> bool:
    return can_use_allegations(user)


def _visible_children(user: Any, allegation: Allegation) -> list[Person]:
    """The children linked to an allegation that this user may see (the view is audited on each).
    Sealed children the user may not see are left out here and masked on the page."""
    people = [link.person for link in allegation.child_links.all()]
    hidden = restricted_ids(user, [p.pk for p in people])
    return [p for p in people if p.pk not in hidden]


_ALLEGATIONS = Allegation.objects.select_related("subject", "initial_consideration")


def access_allegation(user: Any, pk: Any, *, action: str = "view") -> Allegation:
    """Load an allegation for `user`, auditing the view or the refusal (Http404 if refused)."""
    return gate_load(
        user,
        _ALLEGATIONS.prefetch_related("child_links__person"),
        pk,
        record_type="allegation",
        people_of=lambda a: _visible_children(user, a),
        allowed=_allowed,
        action=action,
    )


def access_meeting(user: Any, pk: Any, *, action: str = "view") -> Meeting:
    return gate_load(
        user,
        Meeting.objects.select_related("allegation").prefetch_related(
            "allegation__child_links__person"
        ),
        pk,
        record_type="allegation_meeting",
        people_of=lambda m: _visible_children(user, m.allegation),
        allowed=_allowed,
        action=action,
    )


def access_meeting_action(user: Any, pk: Any, *, action: str = "view") -> MeetingAction:
    return gate_load(
        user,
        MeetingAction.objects.select_related("meeting__allegation"),
        pk,
        record_type="allegation_meeting_action",
        people_of=lambda a: [],
        allowed=_allowed,
        action=action,
    )


def access_subject(user: Any, pk: Any, *, action: str = "view") -> AllegationSubject:
    return gate_load(
        user,
        AllegationSubject.objects.all(),
        pk,
        record_type="allegation_subject",
        people_of=lambda s: [],
        allowed=_allowed,
        action=action,
    )
