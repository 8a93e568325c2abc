"""The gate for case notes: anyone whose role reads chronologies and who may see the child (a
sealed child's notes open only for the people on the child's access list); 404 otherwise,
audited."""

from __future__ import annotations

from typing import Any

from frontdoor.core.gates import gate_load

from .models import CaseNote


def can_read_notes(user: Any, note: CaseNote) -> bool:
    return bool(user.is_authenticated and user.can("view_chronology"))


def access_case_note(user: Any, pk: Any, *, action: str = "view") -> CaseNote:
    return gate_load(
        user,
        CaseNote.objects.select_related("person", "created_by", "changed_by"),
        pk,
        record_type="case_note",
        people_of=lambda note: [note.person],
        allowed=can_read_notes,
        action=action,
    )
