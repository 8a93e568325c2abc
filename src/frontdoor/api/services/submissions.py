"""Concerns submitted by a partner system: the multi-agency referral form's content, one or more
children. Each child is matched as on the partner form (`intake.partner.match_child`: only one
confident match lands on an existing record, otherwise a new record is made and flagged for the
MASH to check), and the contact is the organisation's service user's own submission."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import date, datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from frontdoor.accounts.models import User
from frontdoor.audit.services import audit_record
from frontdoor.core.validators import check_child_date_of_birth
from frontdoor.intake.models import Channel, ConcernCategory, ParentsAware
from frontdoor.intake.partner import SOURCE_BY_AGENCY, UNVERIFIED_FLAG, match_child
from frontdoor.intake.services import contact_record
from frontdoor.people.models import Person
from frontdoor.people.services import person_create

from .. import guards
from ..models import ApiSubmission, ApiToken, Scope


@dataclass(frozen=True)
class ChildDetails:
    first_name: str
    last_name: str
    date_of_birth: date
    address_line1: str = ""
    postcode: str = ""
    school: str = ""


def _check(
    children: Sequence[ChildDetails], concerns: str, categories: Sequence[str], parents_aware: str
) -> None:
    errors: dict[str, str] = {}
    today = timezone.localdate()
    if not children:
        errors["children"] = "Give at least one child the concern is about"
    for n, child in enumerate(children):
        if not child.first_name.strip():
            errors[f"children.{n}.first_name"] = "Enter the child's first name"
        if not child.last_name.strip():
            errors[f"children.{n}.last_name"] = "Enter the child's last name"
        try:
            check_child_date_of_birth(child.date_of_birth, today=today)
        except ValidationError as error:
            errors[f"children.{n}.date_of_birth"] = " ".join(error.messages)
        if child.address_line1.strip() and not child.postcode.strip():
            errors[f"children.{n}.postcode"] = "Enter the postcode of the address"
    if not concerns.strip():
        errors["concerns"] = "Enter what you are worried about"
    if not categories or any(c not in ConcernCategory.values for c in categories):
        errors["categories"] = "Give at least one category of concern from the list"
    if parents_aware not in ParentsAware.values:
        errors["parents_aware"] = "Say whether the parents know: yes, no or not_known"
    if errors:
        raise ValidationError(errors)


def _person_for(actor: User, child: ChildDetails) -> Person:
    """As the partner form: a sealed child is matched too, so the concern lands on them (and so in
    the restricted records queue), never on a new record."""
    found = match_child(
        first_name=child.first_name, last_name=child.last_name, date_of_birth=child.date_of_birth
    )
    if found is not None:
        return found
    return person_create(
        actor=actor,
        first_name=child.first_name.strip(),
        last_name=child.last_name.strip(),
        date_of_birth=child.date_of_birth,
        school=child.school.strip(),
        flags=[UNVERIFIED_FLAG],
        address={"line1": child.address_line1, "postcode": child.postcode}
        if child.address_line1.strip()
        else None,
    )


@transaction.atomic
def api_concern_submit(
    *,
    actor: User,
    token: ApiToken,
    children: Sequence[ChildDetails],
    concerns: str,
    categories: Sequence[str],
    parents_aware: str,
    referrer_name: str = "",
    referrer_role: str = "",
    referrer_phone: str = "",
    referrer_email: str = "",
    idempotency_key: str = "",
    now: datetime | None = None,
) -> tuple[ApiSubmission, bool]:
    """Record a partner system's concern as one contact (channel online) about its children.

    Returns the submission and whether it is new: a second call with the same idempotency key from
    the same organisation makes nothing and returns the first submission (the database holds the
    rule, `api_submission_one_per_idempotency_key`, so two calls at once cannot both make one).
    """
    refusal = guards.use_refusal(token, Scope.CONCERNS)
    if refusal or actor.pk != token.organisation.api_service_account.user_id:
        raise PermissionDenied(refusal or "The token does not act for this user")
    key = (idempotency_key or "").strip()
    earlier = _earlier(token, key)
    if earlier is not None:
        return earlier, False
    _check(children, concerns, categories, parents_aware)
    now = now or timezone.now()
    organisation = token.organisation
    people = []
    for n, child in enumerate(children):
        try:
            people.append(_person_for(actor, child))
        except ValidationError as error:  # the people index's own checks, named for this child
            raise ValidationError(
                {
                    f"children.{n}.{field}": messages
                    for field, messages in error.message_dict.items()
                }
            ) from None
    contact = contact_record(
        actor=actor,
        received_at=now,
        channel=Channel.ONLINE,
        source=SOURCE_BY_AGENCY.get(organisation.agency, "8"),
        concerns=concerns,
        categories=list(categories),
        parents_aware=parents_aware,
        children=list(dict.fromkeys(people)),
        source_organisation=organisation.name,
        referrer_name=referrer_name.strip(),
        referrer_role=referrer_role.strip(),
        referrer_phone=referrer_phone.strip(),
        referrer_email=referrer_email.strip(),
        submitted_by_partner=actor,
        partner_child_details={
            "name": "; ".join(f"{c.first_name} {c.last_name}" for c in children),
            "date_of_birth": "; ".join(c.date_of_birth.isoformat() for c in children),
        },
        now=now,
    )
    submission = ApiSubmission(
        contact=contact,
        organisation=organisation,
        token=token,
        idempotency_key=key,
        children=[{**asdict(c), "date_of_birth": c.date_of_birth.isoformat()} for c in children],
        submitted_at=now,
    )
    try:
        with transaction.atomic():
            submission.save()
    except IntegrityError:  # the same key, sent twice at once: the first call's contact stands
        transaction.set_rollback(True)
        first = _earlier(token, key)
        if first is None:
            raise
        return first, False
    audit_record(
        actor=actor,
        action="create",
        record_type="api_submission",
        record_id=contact.pk,
        detail={"token": token.prefix, "children": len(children), "idempotency_key": key},
    )
    return submission, True


def _earlier(token: ApiToken, key: str) -> ApiSubmission | None:
    if not key:
        return None
    return (
        ApiSubmission.objects.filter(organisation=token.organisation, idempotency_key=key)
        .select_related("contact")
        .first()
    )
