"""The gates for contacts.

- `access_contact`: a practitioner opens a contact only when they may see every child on it (a
  contact about a sealed child is held in the restricted records queue by that child's access
  list); partner users never reach it.
- `access_partner_submission`: a partner agency user opens only a concern they submitted, and sees
  what they told us and the outcome, never the child's record.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404

from frontdoor.accounts.models import User
from frontdoor.audit.services import audit_record
from frontdoor.core.gates import gate_load
from frontdoor.people.models import Person

from .models import Contact


def _children(contact: Contact) -> list[Person]:
    return [link.person for link in contact.children.all()]


def practitioner_may_see_contacts(user: User) -> bool:
    """The area rule of the contact gate (the children on it must be visible too)."""
    return bool(
        user.is_authenticated
        and (user.can("view_queue") or user.can("screen") or user.can("record_contact"))
    )


def _practitioner(user: User, contact: Contact) -> bool:
    return practitioner_may_see_contacts(user)


def access_contact(user: User, pk: Any, *, action: str = "view") -> Contact:
    """The contact, if `user` may see every child on it (audited once per child), else Http404."""
    return gate_load(
        user,
        Contact.objects.select_related("recorded_by").prefetch_related("children__person"),
        pk,
        record_type="contact",
        people_of=_children,
        allowed=_practitioner,
        action=action,
    )


def access_partner_submission(user: User, pk: Any) -> Contact:
    """A concern this partner agency user submitted, or Http404 (audited either way).

    Not built on `gate_load`: a partner never passes the child check (they cannot see people), and
    what they see here is their own words and the outcome, not the child's record.
    """
    contact = None
    if user.is_authenticated and user.can("submit_concern"):
        try:
            contact = Contact.objects.filter(submitted_by_partner=user).get(pk=int(pk))
        except (Contact.DoesNotExist, ValueError, TypeError):
            contact = None
    if contact is None:
        audit_record(
            actor=user,
            action="refused",
            record_type="partner_submission",
            record_id=str(pk)[:100],
            detail={"requested": "view"},
        )
        raise Http404("No such record")
    audit_record(actor=user, action="view", record_type="partner_submission", record_id=contact.pk)
    return contact
