"""Reads for letters (the child is already through the person gate)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from .access import can_write_letters
from .models import Letter, LetterTemplate, Method
from .placeholders import CaseFacts, fill, values_for


def letters_of(*, person: Any) -> QuerySet[Letter]:
    return Letter.objects.filter(person=person).select_related("sent_by")


def letter_templates() -> QuerySet[LetterTemplate]:
    return LetterTemplate.objects.select_related("changed_by").order_by("kind")


def template_for(kind: str) -> LetterTemplate | None:
    return LetterTemplate.objects.filter(kind=kind).first()


def person_letters_panel(user: Any, person: Any) -> dict[str, Any] | None:
    """The person page's letters section, for those who write letters."""
    if not can_write_letters(user):
        return None
    return {
        "title": "Letters",
        "template": "letters/person_panel.html",
        "letters": list(letters_of(person=person)[:10]),
        "person": person,
    }


def letter_draft(facts: CaseFacts, *, kind: str, worker: Any) -> dict[str, str] | None:
    """A new letter filled in from the template and the case: to the referrer of the latest
    contact (unless anonymous) for referrer letters, by email when they gave an address."""
    template = template_for(kind)
    if template is None:
        return None
    contact = facts.contact
    to_referrer = template.to_referrer and contact is not None and not contact.anonymous
    name = contact.referrer_name if to_referrer and contact else ""
    email = contact.referrer_email if to_referrer and contact else ""
    values = values_for(facts, worker=worker, recipient_name=name)
    return {
        "kind": kind,
        "recipient_name": name,
        "recipient_email": email,
        "recipient_address": "",
        "method": Method.EMAIL if email else "",
        "subject": fill(template.subject, values),
        "body": fill(template.body, values),
    }
