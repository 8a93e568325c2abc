"""The gate for documents: a document is served only through the gate of the record it is
attached to (the person, contact, assessment or allegation gate), so whoever may not open that
record may not open its documents — a sealed child's for anyone off the access list, an
allegation's for anyone but a designated officer. Both the refusal and the download are audited
against the document."""

from __future__ import annotations

from typing import Any

from django.http import Http404

from frontdoor.allegations.access import access_allegation
from frontdoor.assessments.access import access_assessment
from frontdoor.audit.services import audit_record
from frontdoor.intake.access import access_contact
from frontdoor.people.access import access_person

from .models import Document


def access_target(user: Any, kind: str, pk: Any, *, action: str) -> Any:
    """The record a document is (or is to be) attached to, through that record's own gate."""
    if kind == "person":
        return access_person(user, pk, action=action)
    if kind == "contact":
        return access_contact(user, pk, action=action)
    if kind == "assessment":
        return access_assessment(user, pk, action=action)
    if kind == "allegation":
        return access_allegation(user, pk, action=action)
    raise Http404("No such record")


def access_document(user: Any, pk: Any, *, action: str = "download") -> Document:
    """Load a document for `user` through its record's gate; Http404 (audited) when refused."""
    try:
        document: Document | None = Document.objects.get(pk=int(pk))
    except (Document.DoesNotExist, ValueError, TypeError):
        document = None
    try:
        if document is None:
            raise Http404("No such record")
        access_target(
            user,
            document.kind,
            getattr(document, f"{document.kind}_id"),
            action=f"document_{action}"[:60],
        )
    except Http404:
        audit_record(
            actor=user,
            action="refused",
            record_type="document",
            record_id=str(pk)[:100],
            person_id=document.person_id if document is not None else None,
            detail={"requested": action},
        )
        raise
    audit_record(
        actor=user,
        action=action,
        record_type="document",
        record_id=document.pk,
        person_id=document.person_id,
    )
    return document
