"""The gates for letters. A letter is about one child: it opens only for those who may write
letters (capability "screen") and may see the child, so a sealed child's letters are refused (404,
audited) to anyone off the access list. Templates are the administrator's."""

from __future__ import annotations

from typing import Any

from django.http import Http404

from frontdoor.audit.services import audit_record
from frontdoor.core.gates import gate_load

from .models import Letter, LetterTemplate

CAPABILITY = "screen"


def can_write_letters(user: Any, record: Any = None) -> bool:
    return bool(user.is_authenticated and user.can(CAPABILITY))


def access_letter(user: Any, pk: Any, *, action: str = "view") -> Letter:
    return gate_load(
        user,
        Letter.objects.select_related("person", "sent_by"),
        pk,
        record_type="letter",
        people_of=lambda letter: [letter.person],
        allowed=can_write_letters,
        action=action,
    )


def access_letter_template(user: Any, pk: Any, *, action: str = "view") -> LetterTemplate:
    """A letter template, for the administrator only (anyone else, or a missing id: 404, audited)."""
    template = None
    if user.is_authenticated and user.can("admin"):
        try:
            template = LetterTemplate.objects.select_related("changed_by").get(pk=int(pk))
        except (LetterTemplate.DoesNotExist, ValueError, TypeError):
            template = None
    audit_record(
        actor=user,
        action=action if template is not None else "refused",
        record_type="letter_template",
        record_id=str(pk)[:100],
        detail=None if template is not None else {"requested": action},
    )
    if template is None:
        raise Http404("No such record")
    return template
