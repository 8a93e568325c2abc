"""Reads for documents. The record they are attached to is already through its gate."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from .models import Document


def documents_of(*, kind: str, target: Any) -> QuerySet[Document]:
    """The documents attached to one record, newest first."""
    return Document.objects.filter(**{kind: target}).select_related("uploaded_by")


def person_documents_panel(user: Any, person: Any) -> dict[str, Any] | None:
    """The person page's documents section (the person is already through the gate)."""
    return {
        "title": "Documents",
        "template": "documents/person_panel.html",
        "documents": list(documents_of(kind="person", target=person)),
        "person": person,
        "can_attach": user.can("edit_people"),
    }
