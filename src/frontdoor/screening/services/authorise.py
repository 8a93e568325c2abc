"""A manager's authorisation of a decision, what it opens, and a referral recorded as NFA."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from frontdoor.accounts.models import Team, User
from frontdoor.audit.services import audit_record
from frontdoor.cases.guards import NFA_REASON
from frontdoor.cases.models import Referral
from frontdoor.cases.selectors import open_referral_for
from frontdoor.cases.services import referral_close, referral_open
from frontdoor.core.calendar import local_date
from frontdoor.core.concurrency import save_version
from frontdoor.core.four_eyes import four_eyes_check
from frontdoor.intake.models import Contact, ContactStatus

from .. import guards
from ..models import (
    OUTCOME_SHORT,
    REFERRAL_OUTCOMES,
    Decision,
    DecisionStatus,
    Oversight,
    OversightKind,
    ScreeningStatus,
)
from .common import event, locked, refuse


@transaction.atomic
def decision_authorise(
    *,
    actor: User,
    decision: Decision,
    note: str = "",
    version: int | None = None,
    now: datetime | None = None,
) -> Decision:
    """A manager authorises a decision; authorisation opens the referral, links the open case or
    requests the step-down, and completes the contact once every child on it is decided.

    Working Together (management oversight of front door decisions) and four eyes: the
    authoriser is neither the decision's maker nor anyone who answered a challenge on it. The
    decision's row is locked and its version checked, so a challenge and an authorisation racing
    on one decision end with one of them and a clear message for the other.
    """
    locked(decision, version)
    four_eyes_check(
        actor=actor,
        involved=guards.decision_involved(decision),
        capability="authorise",
        what="this decision",
    )
    refuse(guards.can_review_decision(actor, decision))
    screening = decision.screening
    consent = guards.consent_problem(
        screening,
        decision.outcome,
        authorising=True,
        shares_information=screening.requests.exists(),
    )
    refuse(consent)
    now = now or timezone.now()
    Oversight.objects.create(
        decision=decision,
        kind=OversightKind.AUTHORISED,
        text=(note or "").strip(),
        at=now,
        by=actor,
    )
    decision.status, decision.authorised_at, decision.authorised_by = (
        DecisionStatus.AUTHORISED,
        now,
        actor,
    )
    update = ["status", "authorised_at", "authorised_by"]
    contact = screening.contact
    if decision.outcome in REFERRAL_OUTCOMES:
        decision.referral = referral_open(
            actor=actor,
            person=screening.person,
            referral_date=local_date(contact.received_at),
            source=contact.source,
            primary_need=decision.primary_need,
            contact=contact,
            team=Team.objects.filter(kind="assessment").order_by("name").first(),
            now=now,
        )
        update.append("referral")
    elif decision.outcome == "allocated_worker":
        referral = open_referral_for(person_id=screening.person_id)
        refuse(guards.outcome_problem(decision.outcome, referral))
        decision.referral = referral
        update.append("referral")
    elif decision.outcome == "step_down":
        from frontdoor.earlyhelp.services import stepdown_request

        stepdown_request(
            actor=actor,
            person=screening.person,
            source=decision,
            summary=f"MASH decision (level {decision.level_of_need}): {decision.rationale}",
            risks_and_protective_factors=decision.risks_and_protective_factors,
            at=now,
        )
    save_version(decision, actor=actor, fields=update)
    screening.status = ScreeningStatus.AUTHORISED
    save_version(screening, actor=actor, fields=["status"])
    extra = ""
    if decision.outcome == "allocated_worker" and decision.referral is not None:
        worker = decision.referral.worker
        extra = f"; passed to {worker.display_name if worker else 'the allocated team'}"
    flag = " (strategy discussion)" if decision.is_strategy else ""
    event(
        screening,
        actor=actor,
        kind="decision_authorised",
        at=now,
        record=decision,
        action="authorise",
        summary=f"Decision authorised by {actor.display_name}{flag}: "
        f"{decision.get_outcome_display()}{extra}",
    )
    _contact_complete_if_decided(actor=actor, contact=contact, now=now)
    return decision


@transaction.atomic
def referral_record_nfa(
    *,
    actor: User,
    decision: Decision,
    reason: str,
    version: int | None = None,
    now: datetime | None = None,
) -> Referral:
    """Record the referral a MASH decision opened as no further action (CIN census ReferralNFA=1):
    closed on its referral date with reason RC7 (no assessment was done, so not RC8: rule 8825Q),
    and counted in the census as an NFA referral."""
    locked(decision, version)
    refuse(guards.can_record_referral_nfa(actor, decision))
    if not (reason or "").strip():
        raise ValidationError({"reason": "Enter why the referral needs no further action"})
    now = now or timezone.now()
    referral = decision.referral
    assert referral is not None  # the guard refuses a decision without one
    referral.nfa = True
    save_version(referral, actor=actor, fields=["nfa"])
    referral_close(
        actor=actor, referral=referral, closure_date=referral.referral_date, reason=NFA_REASON
    )
    save_version(decision, actor=actor, fields=[])
    event(
        decision.screening,
        actor=actor,
        kind="referral_nfa",
        at=now,
        record=referral,
        action="nfa",
        summary=f"Referral recorded as no further action by {actor.display_name}: {reason.strip()}",
    )
    return referral


def _contact_complete_if_decided(*, actor: User, contact: Contact, now: datetime) -> None:
    """When every child on the contact has an authorised decision, the contact is decided; its
    short outcome is what the referring partner sees (no rationale, no names)."""
    locked(contact, None)
    links = list(contact.children.select_related("screening__decision"))
    decisions = []
    for link in links:
        decision = getattr(getattr(link, "screening", None), "decision", None)
        if decision is None or decision.status != DecisionStatus.AUTHORISED:
            return
        decisions.append(decision)
    outcomes = list(dict.fromkeys(OUTCOME_SHORT[d.outcome] for d in decisions))
    contact.status, contact.decided_at = ContactStatus.DECIDED, now
    contact.outcome_summary = "; ".join(outcomes)[:200]
    save_version(contact, actor=actor, fields=["status", "decided_at", "outcome_summary"])
    for link in links:
        audit_record(
            actor=actor,
            action="decide",
            record_type="contact",
            record_id=contact.pk,
            person_id=link.person_id,
            detail={"outcome_summary": contact.outcome_summary},
        )
