"""Workflow rules for screening, each returning a reason a user can read (or None when allowed),
and the partner-check deadline rule."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from frontdoor.core.calendar import get_calendar

from .conf import rag_clock_hours, rag_hours
from .models import SHARING_OUTCOMES, Decision, DecisionStatus, Outcome, Screening, ScreeningStatus


def rag_deadline(rating: str, start: datetime) -> datetime:
    """When partner checks are due for a rating given at `start`.

    Local practice (DOMAIN.md §3), configurable: red 4 hours, amber 24 and green 72 working hours.
    Red work runs in clock hours, even out of office hours; the others count office hours only.
    """
    hours = rag_hours()[rating]
    if rating in rag_clock_hours():
        return get_calendar().add_clock_hours(start, hours)
    return get_calendar().add_working_hours(start, hours)


def can_work_on(user: Any, screening: Screening) -> str | None:
    """A screening can be worked on until its decision is submitted (or after it is returned)."""
    if not user.can("screen"):
        return "Your role does not allow screening"
    if screening.status == ScreeningStatus.AWAITING_AUTHORISATION:
        return "The decision is awaiting a manager's authorisation: the screening cannot change now"
    if screening.status == ScreeningStatus.AUTHORISED:
        return "The decision on this screening has been authorised: the screening is closed"
    return None


def consent_problem(
    screening: Screening, outcome: str, *, shares_information: bool, authorising: bool
) -> str | None:
    """A decision that shares information without consent needs the reason and a manager's
    authorisation (DPA 2018 Sch. 1 safeguarding condition; Working Together: information sharing).

    The practitioner records consent and the reason before sending the decision; the manager
    authorises the dispensation before (or while) authorising the decision, which completes it."""
    if not (shares_information or outcome in SHARING_OUTCOMES):
        return None
    if not screening.consent_outcome:
        return (
            "Record whether consent to share information was sought and its outcome before "
            "completing a decision that shares information"
        )
    if not screening.without_consent:
        return None
    if not screening.consent_reason:
        return (
            "Record the reason for sharing information without consent before completing "
            "this decision"
        )
    if authorising and screening.consent_authorised_by_id is None:
        return (
            "Authorise sharing information without consent first: this decision cannot be "
            "completed without a manager's authorisation of it"
        )
    return None


def can_authorise_consent(user: Any, screening: Screening) -> str | None:
    if not user.can("authorise"):
        return "Only a MASH team manager can authorise sharing information without consent"
    if not screening.without_consent or not screening.consent_reason:
        return "There is no decision to share information without consent to authorise"
    if screening.consent_authorised_by_id is not None:
        return "Sharing without consent has already been authorised"
    if screening.consent_recorded_by_id == user.pk:
        return "You recorded this consent decision: another manager must authorise it"
    return None


def can_review_decision(user: Any, decision: Decision) -> str | None:
    """A manager authorises or challenges a decision; never their own (Working Together:
    management oversight of front door decisions)."""
    if not user.can("authorise"):
        return "Only a MASH team manager can authorise or challenge a decision"
    if decision.decided_by_id == user.pk:
        return "You cannot authorise your own decision: another manager must review it"
    if decision.status != DecisionStatus.AWAITING:
        return f"This decision is not awaiting authorisation (it is {decision.get_status_display().lower()})"
    return None


def can_answer_challenge(user: Any, decision: Decision) -> str | None:
    if decision.status != DecisionStatus.RETURNED:
        return "This decision has not been returned with a challenge"
    if not user.can("screen"):
        return "Your role does not allow screening"
    return None


def outcome_problem(outcome: str, open_referral: Any) -> str | None:
    """An open case goes to its allocated worker; a new referral needs no open one (CIN census:
    at most one open episode per child)."""
    if outcome in (Outcome.ASSESSMENT, Outcome.STRATEGY) and open_referral is not None:
        return (
            "This child already has an open referral: choose 'Pass to the allocated worker "
            "of an open case'"
        )
    if outcome == Outcome.ALLOCATED_WORKER and open_referral is None:
        return "This child has no open case to pass to: choose another outcome"
    return None


def can_record_referral_nfa(user: Any, decision: Decision) -> str | None:
    """A referral can be recorded as no further action (ReferralNFA, CIN census) only by a manager,
    only for a referral this decision opened, while it is open and nothing has been done on it
    (an NFA referral carries no assessment, s47 or ICPC)."""
    if not user.can("authorise"):
        return "Only a MASH team manager can record a referral as no further action"
    referral = decision.referral
    if decision.status != DecisionStatus.AUTHORISED or decision.outcome not in (
        Outcome.ASSESSMENT,
        Outcome.STRATEGY,
    ):
        return "Only an authorised referral from the MASH can be recorded as no further action"
    if (
        referral is None
        or referral.origin_type != "screening_decision"
        or referral.origin_id != str(decision.pk)
    ):
        return "This decision did not open a referral"
    if not referral.is_open or referral.nfa:
        return "The referral is already closed"
    if _work_on_referral(referral):
        return (
            "Work has been recorded on this referral (an assessment, s47 enquiry or other record): "
            "it cannot be recorded as no further action"
        )
    return None


def _work_on_referral(referral: Any) -> bool:
    """Whether any other area has recorded something against the referral. Looks through every
    relation to the referral, so areas built separately (child protection) are covered too."""
    for relation in referral._meta.related_objects:
        model = relation.related_model
        if model._meta.label in ("cases.Allocation", "screening.Decision"):
            continue
        if relation.one_to_many or relation.one_to_one:
            if model._default_manager.filter(**{relation.field.name: referral}).exists():
                return True
    return False
