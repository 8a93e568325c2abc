"""Reads of contacts. The MASH queue, a contact's page and partners' own submissions."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet

from frontdoor.people.models import PersonAccess

from .models import Contact, ContactChild, ContactStatus


def mash_queue(*, user: Any, limit: int = 500) -> list[Contact]:
    """Open contacts ordered by decision deadline (most urgent first), each with
    `visible_children`: the children this user may see. Contacts whose children are all sealed from
    the user are left out. Three queries whatever the number of rows; the open-contact filter uses
    the (status, decision_due_at) index, so the cost follows the queue, not the whole index.
    """
    if not (user.is_authenticated and user.can("view_people")):
        return []
    contacts = list(
        Contact.objects.filter(status=ContactStatus.OPEN)
        .order_by("decision_due_at", "pk")
        .prefetch_related(
            Prefetch("children", queryset=ContactChild.objects.select_related("person"))
        )[:limit]
    )
    sealed = {cc.person_id for c in contacts for cc in c.children.all() if cc.person.sealed}
    allowed = (
        set(
            PersonAccess.objects.filter(user=user, person_id__in=sealed).values_list(
                "person_id", flat=True
            )
        )
        if sealed
        else set()
    )
    visible = []
    for contact in contacts:
        contact.visible_children = [
            cc.person
            for cc in contact.children.all()
            if not cc.person.sealed or cc.person_id in allowed
        ]
        if contact.visible_children:
            visible.append(contact)
    return visible


def contacts_for_person(*, person_id: int) -> QuerySet[Contact]:
    return Contact.objects.filter(children__person_id=person_id).order_by("-received_at")


def partner_submissions(*, user: Any) -> QuerySet[Contact]:
    """A partner agency user sees only what they submitted."""
    return Contact.objects.filter(submitted_by_partner=user).order_by("-received_at")
