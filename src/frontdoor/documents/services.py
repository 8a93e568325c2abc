"""Writes for documents: attach a file to a person, contact, assessment or allegation."""

from __future__ import annotations

import hashlib
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from frontdoor.accounts.models import User
from frontdoor.allegations.models import Allegation
from frontdoor.assessments.models import Assessment
from frontdoor.audit.services import audit_record
from frontdoor.intake.models import Contact
from frontdoor.people.models import Person
from frontdoor.people.services import chronology_add

from . import storage
from .checks import ALLOWED, check_file, extension_of, sniffed_extension
from .models import Document

_ATTACHED = {
    "person": "the child's record",
    "contact": "a contact",
    "assessment": "an assessment",
    "allegation": "an allegation",
}


def _children_of(target: Any) -> list[Person]:
    if isinstance(target, Person):
        return [target]
    if isinstance(target, Contact):
        return [link.person for link in target.children.select_related("person")]
    if isinstance(target, Assessment):
        return [target.person]
    # An allegation is about an adult who works with children: its documents stay with the
    # designated officer and are not put on the linked children's chronologies.
    return []


def document_attach(
    *,
    actor: User | None,
    target: Person | Contact | Assessment | Allegation,
    title: str,
    file_name: str,
    data: bytes,
    now: Any = None,
) -> Document:
    """Attach a file to `target` after checking its size, its type from its content and the virus
    scan (all problems reported at once); the file is written outside the web root under a random
    name, the row, its audit row and the chronology entry in one transaction."""
    errors: dict[str, str] = {}
    title = title.strip()
    if not title:
        errors["title"] = "Enter what the document is, for example 'School attendance report'"
    elif len(title) > 200:
        errors["title"] = f"The description must be 200 characters or fewer (it has {len(title)})"
    errors.update(check_file(file_name, data))
    if errors:
        raise ValidationError(errors)
    kind = type(target).__name__.lower()
    extension = sniffed_extension(data) or extension_of(file_name)
    stored = storage.write(data)
    try:
        with transaction.atomic():
            document = Document.objects.create(
                **{kind: target},
                title=title,
                original_name=file_name[-255:],
                content_type=ALLOWED[extension].mime,
                size=len(data),
                sha256=hashlib.sha256(data).hexdigest(),
                stored_name=stored,
                uploaded_by=actor if getattr(actor, "pk", None) else None,
                uploaded_at=now or timezone.now(),
            )
            children = _children_of(target)
            detail = {"attached_to": kind, "record_id": target.pk, "size": len(data)}
            audited: list[Person | None] = list(children) or [None]
            for person in audited:
                audit_record(
                    actor=actor,
                    action="attach",
                    record_type="document",
                    record_id=document.pk,
                    person_id=person.pk if person else None,
                    detail=detail,
                )
            for person in children:
                chronology_add(
                    person=person,
                    kind="document",
                    actor=actor,
                    occurred_at=document.uploaded_at,
                    summary=f"Document attached to {_ATTACHED[kind]}: {title}",
                    record=document,
                    url=reverse("documents:download", args=[document.pk]),
                )
    except BaseException:
        storage.remove(stored)
        raise
    return document
