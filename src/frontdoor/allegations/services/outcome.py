"""The outcome of a referral, with four eyes: one designated officer proposes it, a second
authorises it (or returns it with a reason), and only then is the allegation concluded.

DOMAIN.md §5 and the project rule: the person who authorises an allegation outcome may not be the
person who made it, nor anyone who changed it after a challenge; the refusal says who must
authorise instead (`frontdoor.core.four_eyes`).
"""

from __future__ import annotations

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from frontdoor.accounts.models import User
from frontdoor.audit.services import audit_record
from frontdoor.core.calendar import get_calendar, local_date
from frontdoor.core.concurrency import lock_version, save_version
from frontdoor.core.four_eyes import four_eyes_check

from .. import guards
from ..models import Allegation, DbsReferral, OutcomeProposal, ProposalState, Status
from ..retention import retain_until

OUTCOME_FIELDS = [
    "outcome",
    "concluded_on",
    "employer_action",
    "employer_action_detail",
    "dbs_referral",
    "dbs_referred_on",
    "regulator",
    "regulator_referred_on",
]


def _outcome_errors(
    allegation: Allegation,
    *,
    concluded_on: date,
    employer_action: str,
    employer_action_detail: str,
    dbs_referral: str,
    dbs_referred_on: date | None,
    regulator: str,
    regulator_referred_on: date | None,
    now: datetime,
) -> dict[str, str]:
    errors: dict[str, str] = {}
    if concluded_on < local_date(allegation.received_at):
        errors["concluded_on"] = "The date concluded must be on or after the date of the referral"
    elif concluded_on > local_date(now):
        errors["concluded_on"] = "The date concluded must not be in the future"
    if employer_action == "other" and not employer_action_detail.strip():
        errors["employer_action_detail"] = "Describe the action the employer took"
    if dbs_referral != DbsReferral.NONE and dbs_referred_on is None:
        errors["dbs_referred_on"] = "Enter the date of the referral to the DBS"
    if dbs_referral == DbsReferral.NONE and dbs_referred_on is not None:
        errors["dbs_referred_on"] = "Remove the DBS date, or say who referred to the DBS"
    if regulator.strip() and regulator_referred_on is None:
        errors["regulator_referred_on"] = "Enter the date the regulator was told"
    if regulator_referred_on is not None and not regulator.strip():
        errors["regulator"] = "Enter which regulator was told"
    return errors


@transaction.atomic
def allegation_outcome_propose(
    *,
    actor: User,
    allegation: Allegation,
    outcome: str,
    concluded_on: date,
    employer_action: str,
    employer_action_detail: str = "",
    dbs_referral: str = DbsReferral.NONE,
    dbs_referred_on: date | None = None,
    regulator: str = "",
    regulator_referred_on: date | None = None,
    version: int | None = None,
    now: datetime | None = None,
) -> OutcomeProposal:
    """Propose the outcome for a second designated officer to authorise. After a return, the
    proposal is changed (checked against `version`) and whoever changed it joins those barred from
    authorising it."""
    # The allegation row is the lock two officers proposing at once queue on.
    allegation = Allegation.objects.select_for_update().get(pk=allegation.pk)
    reason = guards.can_conclude(allegation)
    if reason:
        raise ValidationError(reason)
    now = now or timezone.now()
    errors = _outcome_errors(
        allegation,
        concluded_on=concluded_on,
        employer_action=employer_action,
        employer_action_detail=employer_action_detail,
        dbs_referral=dbs_referral,
        dbs_referred_on=dbs_referred_on,
        regulator=regulator,
        regulator_referred_on=regulator_referred_on,
        now=now,
    )
    if errors:
        raise ValidationError(errors)
    values = {
        "outcome": outcome,
        "concluded_on": concluded_on,
        "employer_action": employer_action,
        "employer_action_detail": employer_action_detail.strip(),
        "dbs_referral": dbs_referral,
        "dbs_referred_on": dbs_referred_on,
        "regulator": regulator.strip(),
        "regulator_referred_on": regulator_referred_on,
    }
    existing = OutcomeProposal.objects.filter(allegation=allegation).first()
    if existing is None:
        proposal = OutcomeProposal(
            allegation=allegation, proposed_at=now, proposed_by=actor, **values
        )
        proposal.full_clean()
        proposal.save()
    else:
        proposal = lock_version(OutcomeProposal.objects.all(), existing.pk, expected=version)
        for field, value in values.items():
            setattr(proposal, field, value)
        proposal.state = ProposalState.PROPOSED
        proposal.returned_reason = ""
        proposal.full_clean()
        save_version(proposal, actor=actor, fields=[*OUTCOME_FIELDS, "state", "returned_reason"])
    proposal.involved.add(actor)
    audit_record(
        actor=actor,
        action="propose_outcome",
        record_type="allegation",
        record_id=allegation.pk,
        detail={"outcome": outcome},
    )
    return proposal


@transaction.atomic
def allegation_outcome_return(
    *, actor: User, proposal: OutcomeProposal, reason: str, version: int | None = None
) -> OutcomeProposal:
    """A second officer challenges the proposed outcome: it goes back, with the reason, to be
    changed and proposed again."""
    proposal = lock_version(OutcomeProposal.objects.all(), proposal.pk, expected=version)
    blocked = guards.can_decide_outcome(proposal)
    if blocked:
        raise ValidationError(blocked)
    if not reason.strip():
        raise ValidationError({"reason": "Enter why the outcome is being returned"})
    proposal.state = ProposalState.RETURNED
    proposal.returned_reason = reason.strip()
    save_version(proposal, actor=actor, fields=["state", "returned_reason"])
    audit_record(
        actor=actor,
        action="return_outcome",
        record_type="allegation",
        record_id=proposal.allegation_id,
        detail={"outcome": proposal.outcome},
    )
    return proposal


@transaction.atomic
def allegation_outcome_authorise(
    *,
    actor: User,
    proposal: OutcomeProposal,
    version: int | None = None,
    now: datetime | None = None,
) -> Allegation:
    """Authorise the proposed outcome: the allegation is concluded with it, and the retention date
    is set from it (retention.py). Refused to the proposer and to anyone who changed it."""
    proposal = lock_version(OutcomeProposal.objects.all(), proposal.pk, expected=version)
    blocked = guards.can_decide_outcome(proposal)
    if blocked:
        raise ValidationError(blocked)
    four_eyes_check(
        actor=actor,
        involved=[proposal.proposed_by, *proposal.involved.all()],
        capability="allegations",
        what="this allegation outcome",
    )
    now = now or timezone.now()
    allegation = (
        Allegation.objects.select_for_update(of=("self",))
        .select_related("subject")
        .get(pk=proposal.allegation_id)
    )
    for field in OUTCOME_FIELDS:
        setattr(allegation, field, getattr(proposal, field))
    allegation.working_days_to_conclusion = get_calendar().working_days_between(
        local_date(allegation.received_at), proposal.concluded_on
    )
    allegation.retain_until = retain_until(
        proposal.outcome,
        concluded_on=proposal.concluded_on,
        date_of_birth=allegation.subject.date_of_birth if allegation.subject else None,
    )
    allegation.status = Status.CONCLUDED
    allegation.full_clean()
    save_version(
        allegation,
        actor=actor,
        fields=[*OUTCOME_FIELDS, "working_days_to_conclusion", "retain_until", "status"],
    )
    # The follow-up work is done: it leaves the officer's caseload (history kept).
    from frontdoor.cases.services import allocations_end

    allocations_end(work=allegation, at=now)
    proposal.state = ProposalState.AUTHORISED
    proposal.authorised_by = actor
    proposal.authorised_at = now
    save_version(proposal, actor=actor, fields=["state", "authorised_by", "authorised_at"])
    audit_record(
        actor=actor,
        action="conclude",
        record_type="allegation",
        record_id=allegation.pk,
        detail={"outcome": proposal.outcome, "proposed_by": proposal.proposed_by_id},
    )
    return allegation
