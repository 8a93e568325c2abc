"""The gates for screening records: a screening, a partner information request, a decision.

Each is about one child (the screening's); the user must be a practitioner who may see that child
(a sealed child only for their access list). Partner users never pass (they cannot see people).
Other children on the same contact are shown on these pages in passing, masked with
`restricted_ids` where sealed.
"""

from __future__ import annotations

from typing import Any

from frontdoor.accounts.models import User
from frontdoor.core.gates import gate_load
from frontdoor.people.models import Person

from .models import Decision, InformationRequest, Screening


def _screening_child(screening: Screening) -> list[Person]:
    return [screening.person]


def _practitioner(user: User, record: Any) -> bool:
    return user.can("screen")


def access_screening(user: User, pk: Any, *, action: str = "view") -> Screening:
    """The screening, if `user` screens and may see its child (audited), else Http404."""
    return gate_load(
        user,
        Screening.objects.select_related(
            "contact", "person", "owner", "decision", "contact_child", "consent_authorised_by"
        ),
        pk,
        record_type="screening",
        people_of=_screening_child,
        allowed=_practitioner,
        action=action,
    )


def access_information_request(user: User, pk: Any, *, action: str = "view") -> InformationRequest:
    """A partner information request, on the same terms as its screening."""
    return gate_load(
        user,
        InformationRequest.objects.select_related(
            "screening__person", "screening__contact", "screening__owner"
        ),
        pk,
        record_type="information_request",
        people_of=lambda info: [info.screening.person],
        allowed=_practitioner,
        action=action,
    )


def access_decision(user: User, pk: Any, *, action: str = "view") -> Decision:
    """A MASH decision, on the same terms as its screening."""
    return gate_load(
        user,
        Decision.objects.select_related(
            "screening__person", "screening__contact", "decided_by", "authorised_by", "referral"
        ),
        pk,
        record_type="decision",
        people_of=lambda decision: [decision.screening.person],
        allowed=_practitioner,
        action=action,
    )
