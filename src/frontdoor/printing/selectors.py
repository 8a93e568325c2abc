"""Reads for the printable pages. Each record is already through its own gate; what is read
here is what belongs to it (its screenings and decisions, participants, actions, decisions)."""

from __future__ import annotations

from typing import Any

from frontdoor.intake.models import Contact
from frontdoor.screening.models import Screening


def screenings_of(contact: Contact) -> list[Screening]:
    """The contact's screenings with their decisions (one query), in the order of the children."""
    return list(
        Screening.objects.filter(contact=contact)
        .select_related("person", "decision__decided_by", "decision__authorised_by")
        .order_by("contact_child_id")
    )


def decision_of(screening: Screening) -> Any:
    return getattr(screening, "decision", None)


def person_print_panel(user: Any, person: Any) -> dict[str, Any] | None:
    """The person page's link to the printable chronology, for those who read chronologies."""
    if not user.can("view_chronology"):
        return None
    return {"title": "Print", "template": "printing/person_panel.html", "person": person}
