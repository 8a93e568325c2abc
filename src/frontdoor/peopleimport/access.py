"""The gate for an import's report. The report names no one (row numbers, the old system's ids,
Front Door's record ids and the reasons), so the administrator who runs imports reads it without
opening any child's record; a refused or missing id is audited and answers 404."""

from __future__ import annotations

from typing import Any

from django.http import Http404

from frontdoor.accounts.models import User
from frontdoor.audit.services import audit_record

from .models import PeopleImport


def access_people_import(user: User, pk: Any, *, action: str = "view") -> PeopleImport:
    record = None
    if user.can("admin"):
        try:
            record = PeopleImport.objects.select_related("started_by").filter(pk=int(pk)).first()
        except (TypeError, ValueError):
            record = None
    audit_record(
        actor=user,
        action=action if record is not None else "refused",
        record_type="people_import",
        record_id=str(pk)[:100],
        detail=None if record is not None else {"requested": action},
    )
    if record is None:
        raise Http404("No such record")
    return record
