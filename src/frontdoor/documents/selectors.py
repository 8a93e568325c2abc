"""Reads for documents. The record they are attached to is already through its gate."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.urls import reverse

from frontdoor.core.templatetags.govuk import ukdate

from .models import Document


def documents_of(*, kind: str, target: Any) -> QuerySet[Document]:
    """The documents attached to one record, newest first."""
    return Document.objects.filter(**{kind: target}).select_related("uploaded_by")


def person_documents_panel(user: Any, person: Any) -> dict[str, Any] | None:
    """The person page's documents section (the person is already through the gate): documents
    attached to the child, then links to those on the child's contacts, assessments and
    allegations that this user may open."""
    return {
        "title": "Documents",
        "template": "documents/person_panel.html",
        "documents": list(documents_of(kind="person", target=person)),
        "linked": linked_documents(user, person),
        "person": person,
        "can_attach": user.can("edit_people"),
    }


@dataclass(frozen=True)
class LinkedDocument:
    document: Document
    on: str  # where it is attached, in words
    url: str  # that record's documents page


def linked_documents(user: Any, person: Any, *, limit: int = 50) -> list[LinkedDocument]:
    """Documents on the child's contacts, assessments and allegations, newest first, each only if
    `user` passes the gate of the record it is attached to (the same rules: documents/access.py;
    downloading goes through that gate again, audited). A contact about several children is left
    out when any of them is sealed from the user, so a sealed sibling's document never shows; an
    allegation's only for designated officers; an assessment's only for child protection and
    assessment practitioners. A fixed number of queries."""
    from frontdoor.allegations.access import can_use_allegations
    from frontdoor.child_protection.access import can_work_protection
    from frontdoor.intake.access import practitioner_may_see_contacts
    from frontdoor.people.access import restricted_ids

    found: list[LinkedDocument] = []
    if practitioner_may_see_contacts(user):
        docs = list(
            Document.objects.filter(contact__children__person=person)
            .select_related("uploaded_by", "contact")
            .prefetch_related("contact__children")
            .distinct()[:limit]
        )
        children = {c.person_id for d in docs for c in d.contact.children.all()}  # type: ignore[union-attr]
        hidden = restricted_ids(user, list(children))
        for d in docs:
            assert d.contact is not None
            if any(c.person_id in hidden for c in d.contact.children.all()):
                continue
            found.append(
                LinkedDocument(
                    d,
                    f"Contact received {ukdate(d.contact.received_at)}",
                    reverse("documents:contact", args=[d.contact_id]),
                )
            )
    if can_work_protection(user):
        for d in Document.objects.filter(assessment__person=person).select_related(
            "uploaded_by", "assessment"
        )[:limit]:
            assert d.assessment is not None
            found.append(
                LinkedDocument(
                    d,
                    f"Assessment started {ukdate(d.assessment.start_date)}",
                    reverse("documents:assessment", args=[d.assessment_id]),
                )
            )
    if can_use_allegations(user):
        for d in (
            Document.objects.filter(allegation__child_links__person=person)
            .select_related("uploaded_by", "allegation")
            .distinct()[:limit]
        ):
            assert d.allegation is not None
            found.append(
                LinkedDocument(
                    d,
                    f"Allegation {d.allegation.reference}",
                    reverse("documents:allegation", args=[d.allegation_id]),
                )
            )
    found.sort(key=lambda x: (x.document.uploaded_at, x.document.pk), reverse=True)
    return found[:limit]
