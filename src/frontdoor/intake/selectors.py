"""Reads of contacts. The MASH queue, a contact's page and partners' own submissions."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet

from frontdoor.people.access import visible_people

from .models import Contact, ContactChild, ContactStatus


def mash_queue(*, user: Any) -> QuerySet[Contact]:
    """Open contacts ordered by decision deadline (most urgent first), with their visible children.

    Contacts whose children are all sealed from this user do not appear. Two queries in all.
    """
    visible = visible_people(user)
    return (
        Contact.objects.filter(status=ContactStatus.OPEN, children__person__in=visible)
        .distinct()
        .order_by("decision_due_at", "pk")
        .prefetch_related(
            Prefetch("children", queryset=ContactChild.objects.filter(person__in=visible).select_related("person"))
        )
    )


def contacts_for_person(*, person_id: int) -> QuerySet[Contact]:
    return Contact.objects.filter(children__person_id=person_id).order_by("-received_at")


def partner_submissions(*, user: Any) -> QuerySet[Contact]:
    """A partner agency user sees only what they submitted."""
    return Contact.objects.filter(submitted_by_partner=user).order_by("-received_at")
