"""The gate for out-of-hours (EDT) records, built on `frontdoor.core.gates.gate_load`: refused
(404, audited) if the child is sealed and the user is not on the access list; each view audited.
Only the emergency duty team ("edt") and those who pick up handovers ("acknowledge_handover")
may open one."""

from __future__ import annotations

from typing import Any

from frontdoor.accounts.models import User
from frontdoor.core.gates import gate_load

from .models import EdtRecord


def _works_out_of_hours(user: User, record: EdtRecord) -> bool:
    return user.can("edt") or user.can("acknowledge_handover")


def access_edt_record(user: User, pk: Any, *, action: str = "view") -> EdtRecord:
    return gate_load(
        user,
        EdtRecord.objects.select_related("person", "recorded_by", "acknowledged_by"),
        pk,
        record_type="edt_record",
        people_of=lambda record: [record.person],
        allowed=_works_out_of_hours,
        action=action,
    )
