"""Reads for the partner API and the token pages. Lists filter by the acting (service) user: an
organisation sees only notices and requests addressed to it, never a sealed child's."""

from __future__ import annotations

from django.db.models import QuerySet

from frontdoor.accounts.models import User
from frontdoor.intake.models import Contact
from frontdoor.intake.selectors import partner_submissions
from frontdoor.people.access import restricted_ids
from frontdoor.police.models import EncompassNotice
from frontdoor.screening.models import InformationRequest

from .models import ApiToken

LIST_LIMIT = 200


def api_tokens(*, user: User) -> QuerySet[ApiToken]:
    if not user.can("admin"):
        return ApiToken.objects.none()
    return ApiToken.objects.select_related("organisation", "created_by").order_by(
        "revoked_at", "organisation__name", "name", "id"
    )


def api_submissions(*, user: User) -> list[Contact]:
    """The organisation's own concerns, newest first (at most LIST_LIMIT)."""
    return list(partner_submissions(user=user).select_related("api_submission")[:LIST_LIMIT])


def encompass_notices_for(*, user: User) -> list[EncompassNotice]:
    """Operation Encompass notices addressed to the user's organisation and not yet acknowledged,
    most urgent first; none about a child sealed from the user (two queries)."""
    if not (user.can("submit_concern") and user.organisation):
        return []
    notices = list(
        EncompassNotice.objects.filter(organisation=user.organisation, notified_at__isnull=True)
        .select_related("child__notification", "child__person")
        .order_by("due_at", "id")[:LIST_LIMIT]
    )
    hidden = restricted_ids(user, {n.child.person_id for n in notices})
    return [n for n in notices if n.child.person_id not in hidden]


def information_requests_for(*, user: User) -> list[InformationRequest]:
    """Outstanding information requests to the user's agency, soonest due first; none about a
    child sealed from the user (two queries)."""
    if not (user.can("submit_concern") and user.agency):
        return []
    requests = list(
        InformationRequest.objects.filter(agency=user.agency, received_at__isnull=True)
        .select_related("screening__person")
        .order_by("due_at", "id")[:LIST_LIMIT]
    )
    hidden = restricted_ids(user, {r.screening.person_id for r in requests})
    return [r for r in requests if r.screening.person_id not in hidden]
