"""An API read of a decided concern's outcome is a share of information about each child on it with
the partner's organisation: recorded in the information-sharing record (`frontdoor.sharing`)."""

from __future__ import annotations

from django.db import transaction

from frontdoor.accounts.models import User
from frontdoor.intake.models import Contact
from frontdoor.sharing.models import Purpose, SharingChannel
from frontdoor.sharing.services import share_record

from ..models import ApiToken


@transaction.atomic
def api_outcome_share(*, actor: User, token: ApiToken, contact: Contact) -> None:
    """One sharing record per child when the concern has an outcome (nothing is shared before)."""
    if not contact.outcome_summary:
        return
    for link in contact.children.select_related("person"):
        share_record(
            actor=actor,
            person=link.person,
            contact=contact,
            recipient=f"{token.organisation.name}'s system (token {token.prefix})",
            recipient_agency=token.organisation.name,
            what=f"Status and outcome of concern FD-{contact.pk}: {contact.outcome_summary}",
            why=Purpose.REFERRER_FEEDBACK,
            channel=SharingChannel.API,
        )
