"""Gates for the administration area's records (accounts, teams, partner organisations).

They are not case records, so a view is not audited; a refused or missing id is (like every gate),
and answers 404. Only the administrator reaches these pages (`@requires("admin")` runs first).
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.db.models import Model, QuerySet
from django.http import Http404

from frontdoor.accounts.models import Team, User
from frontdoor.audit.services import audit_record

from .models import PartnerOrganisation

M = TypeVar("M", bound=Model)


def _load(user: User, queryset: QuerySet[M], pk: Any, *, record_type: str, action: str) -> M:
    record = queryset.filter(pk=pk).first() if user.can("admin") else None
    if record is None:
        audit_record(
            actor=user,
            action="refused",
            record_type=record_type,
            record_id=str(pk)[:100],
            detail={"requested": action},
        )
        raise Http404("No such record")
    return record


def access_account(user: User, pk: Any, *, action: str = "view") -> User:
    accounts = User.objects.select_related("team", "partner_membership__organisation")
    return _load(user, accounts, pk, record_type="user", action=action)


def access_team(user: User, pk: Any, *, action: str = "view") -> Team:
    return _load(user, Team.objects.all(), pk, record_type="team", action=action)


def access_organisation(user: User, pk: Any, *, action: str = "view") -> PartnerOrganisation:
    organisations = PartnerOrganisation.objects.all()
    return _load(user, organisations, pk, record_type="partner_organisation", action=action)
