"""Partner agency users submit concerns online. They never see the people index: the child is matched
to it only when exactly one child is a confident match, otherwise a new record is created and flagged
for the MASH to check. The partner sees only their own submissions and the outcome."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from frontdoor.accounts.models import User
from frontdoor.core.validators import check_child_date_of_birth
from frontdoor.people.matching import score_name
from frontdoor.people.models import Person, PersonKind
from frontdoor.people.services import person_create

from .models import Channel, Contact
from .services import contact_record

SOURCE_BY_AGENCY = {
    "police": "6",
    "education": "2A",
    "health": "3F",
    "housing": "4",
    "probation": "7",
}
UNVERIFIED_FLAG = "Created from a partner agency submission: check for duplicates"
CONFIDENT = 85


def match_child(*, first_name: str, last_name: str, date_of_birth: date) -> Person | None:
    """The one child with this date of birth whose name matches confidently, or None."""
    candidates = Person.objects.filter(
        date_of_birth=date_of_birth, kind__in=[PersonKind.CHILD, PersonKind.UNBORN]
    ).prefetch_related("names")
    matches = []
    for person in candidates:
        best = max(
            (
                s.score
                for n in person.names.all()
                if (s := score_name(first_name, last_name, n.first_name, n.last_name))
            ),
            default=0,
        )
        if best >= CONFIDENT:
            matches.append(person)
    return matches[0] if len(matches) == 1 else None


@transaction.atomic
def partner_concern_submit(
    *,
    actor: User,
    first_name: str,
    last_name: str,
    date_of_birth: date,
    concerns: str,
    categories: list[str],
    parents_aware: str,
    address_line1: str = "",
    postcode: str = "",
    school: str = "",
) -> Contact:
    """Record a partner's concern as a contact (channel online), received now.

    The child is matched against the whole index, sealed people included: a concern about a sealed
    child must land on that child (and so in the restricted records queue), never on a new record.
    """
    if not actor.can("submit_concern"):
        raise ValidationError("Only partner agency users submit concerns here")
    try:
        check_child_date_of_birth(date_of_birth)
    except ValidationError as error:
        raise ValidationError({"date_of_birth": error.messages}) from None
    child = match_child(first_name=first_name, last_name=last_name, date_of_birth=date_of_birth)
    if child is None:
        child = person_create(
            actor=actor,
            first_name=first_name,
            last_name=last_name,
            date_of_birth=date_of_birth,
            school=school,
            flags=[UNVERIFIED_FLAG],
            address={"line1": address_line1, "postcode": postcode} if address_line1 else None,
        )
    contact = contact_record(
        actor=actor,
        received_at=timezone.now(),
        channel=Channel.ONLINE,
        source=SOURCE_BY_AGENCY.get(actor.agency, "8"),
        concerns=concerns,
        categories=categories,
        parents_aware=parents_aware,
        children=[child],
        source_organisation=actor.organisation,
        referrer_name=actor.display_name,
        referrer_role=actor.job_title,
        referrer_phone=actor.phone,
        referrer_email=actor.email,
        submitted_by_partner=actor,
        partner_child_details={
            "name": f"{first_name} {last_name}",
            "date_of_birth": date_of_birth.isoformat(),
            "postcode": postcode,
            "school": school,
        },
    )
    return contact
