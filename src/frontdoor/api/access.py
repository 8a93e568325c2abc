"""The gates of the partner API and of the administrator's token pages.

- `access_api_token`: the administrator opens a token's page (no other role; tokens are not about
  children, so no child check).
- `access_api_submission`: a partner system reads one of its organisation's concerns: the
  organisation's service user's own submission (the same rule as `intake.access_partner_submission`,
  which it calls), never the child's record.
- `access_api_encompass_notice`: an Operation Encompass notice addressed to the organisation (the
  school or service named on it). A notice about a sealed child is refused: the MASH tells the
  school by phone, and no name of a sealed child leaves through the API.
- `access_api_information_request`: an outstanding information request addressed to the
  organisation's agency, on the same terms (a sealed child's request is refused).

Every refusal (also of an id that does not exist) is audited and answers 404.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404

from frontdoor.accounts.models import User
from frontdoor.audit.services import audit_record
from frontdoor.intake.access import access_partner_submission
from frontdoor.intake.models import Contact
from frontdoor.people.access import restricted_ids
from frontdoor.police.models import EncompassNotice
from frontdoor.screening.models import InformationRequest

from .models import ApiToken


def _refuse(user: User, record_type: str, pk: Any, action: str, person_id: int | None) -> None:
    audit_record(
        actor=user,
        action="refused",
        record_type=record_type,
        record_id=str(pk)[:100],
        person_id=person_id,
        detail={"requested": action},
    )
    raise Http404("No such record")


def _load(queryset: Any, pk: Any) -> Any:
    try:
        return queryset.get(pk=int(pk))
    except (queryset.model.DoesNotExist, ValueError, TypeError):
        return None


def access_api_token(user: User, pk: Any, *, action: str = "view") -> ApiToken:
    """A token, for the administrator only (audited), else Http404."""
    token = _load(ApiToken.objects.select_related("organisation", "created_by", "revoked_by"), pk)
    if token is None or not user.can("admin"):
        _refuse(user, "api_token", pk, action, None)
    audit_record(actor=user, action=action, record_type="api_token", record_id=token.pk)
    return token  # type: ignore[no-any-return]


def access_api_submission(user: User, pk: Any) -> Contact:
    """One of the organisation's own concerns (through the partner gate), else Http404."""
    return access_partner_submission(user, pk)


def access_api_encompass_notice(user: User, pk: Any, *, action: str = "view") -> EncompassNotice:
    notice = _load(
        EncompassNotice.objects.select_related("child__notification", "child__person"), pk
    )
    person_id = notice.child.person_id if notice is not None else None
    if (
        notice is None
        or not user.can("submit_concern")
        or notice.organisation != user.organisation
        or restricted_ids(user, [person_id])
    ):
        _refuse(user, "encompass_notice", pk, action, person_id)
    audit_record(
        actor=user,
        action=action,
        record_type="encompass_notice",
        record_id=notice.pk,
        person_id=person_id,
    )
    return notice  # type: ignore[no-any-return]


def access_api_information_request(
    user: User, pk: Any, *, action: str = "view"
) -> InformationRequest:
    info = _load(InformationRequest.objects.select_related("screening__person"), pk)
    person_id = info.screening.person_id if info is not None else None
    if (
        info is None
        or not user.can("submit_concern")
        or not user.agency
        or info.agency != user.agency
        or restricted_ids(user, [person_id])
    ):
        _refuse(user, "information_request", pk, action, person_id)
    audit_record(
        actor=user,
        action=action,
        record_type="information_request",
        record_id=info.pk,
        person_id=person_id,
    )
    return info  # type: ignore[no-any-return]
