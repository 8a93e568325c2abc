"""Workflow rules for screening, each returning a reason a user can read (or None when allowed),
and the partner-check deadline rule."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError

from frontdoor.accounts.models import User
from frontdoor.cases.models import Referral
from frontdoor.core.calendar import get_calendar
from frontdoor.core.four_eyes import four_eyes_check

from .conf import rag_clock_hours, rag_hours
from .models import (
    REFERRAL_OUTCOMES,
    SHARING_OUTCOMES,
    Decision,
    DecisionStatus,
    Outcome,
    OversightKind,
    Screening,
    ScreeningStatus,
)


def rag_deadline(rating: str, start: datetime) -> datetime:
    """When partner checks are due for a rating given at `start`.

    Local practice (DOMAIN.md §3), configurable: red 4 hours, amber 24 and green 72 working hours.
    Red work runs in clock hours, even out of office hours; the others count office hours only.
    """
    hours = rag_hours()[rating]
    if rating in rag_clock_hours():
        return get_calendar().add_clock_hours(start, hours)
    return get_calendar().add_working_hours(start, hours)


def can_work_on(user: User | None, screening: Screening) -> str | None:
    """A screening can be worked on until its decision is submitted (or after it is returned)."""
    if user is None or not user.can("screen"):
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


def four_eyes_problem(user: User, involved: list[int | None], what: str) -> str | None:
    """The four-eyes refusal (naming who must authorise instead) as a reason, or None."""
    try:
        four_eyes_check(actor=user, involved=involved, capability="authorise", what=what)
    except ValidationError as error:
        return error.messages[0]
    return None


def can_authorise_consent(user: User, screening: Screening) -> str | None:
    """A manager authorises sharing without consent; never the person who recorded it."""
    if not user.can("authorise"):
        return "Only a MASH team manager can authorise sharing information without consent"
    if not screening.without_consent or not screening.consent_reason:
        return "There is no decision to share information without consent to authorise"
    if screening.consent_authorised_by_id is not None:
        return "Sharing without consent has already been authorised"
    return four_eyes_problem(
        user, [screening.consent_recorded_by_id], "sharing information without consent"
    )


def decision_involved(decision: Decision) -> list[int | None]:
    """Who made the decision or changed it after a challenge (answered it, revising it or not):
    none of them may authorise it. The oversight trail keeps every answer and who gave it."""
    answered = decision.oversight.filter(kind=OversightKind.ANSWER).values_list("by_id", flat=True)
    return [decision.decided_by_id, *answered]


def can_review_decision(user: User, decision: Decision) -> str | None:
    """A manager authorises or challenges a decision; never their own, nor one they changed
    after a challenge (Working Together: management oversight of front door decisions)."""
    if not user.can("authorise"):
        return "Only a MASH team manager can authorise or challenge a decision"
    if decision.status != DecisionStatus.AWAITING:
        return f"This decision is not awaiting authorisation (it is {decision.get_status_display().lower()})"
    return four_eyes_problem(user, decision_involved(decision), "this decision")


def can_answer_challenge(user: User, decision: Decision) -> str | None:
    if decision.status != DecisionStatus.RETURNED:
        return "This decision has not been returned with a challenge"
    if not user.can("screen"):
        return "Your role does not allow screening"
    return None


def outcome_problem(outcome: str, open_referral: Referral | None) -> str | None:
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


def can_record_referral_nfa(user: User, decision: Decision) -> str | None:
    """A referral can be recorded as no further action (ReferralNFA, CIN census) only by a manager,
    only for a referral this decision opened, while it is open and nothing has been done on it
    (an NFA referral carries no assessment, s47 or ICPC)."""
    if not user.can("authorise"):
        return "Only a MASH team manager can record a referral as no further action"
    referral = decision.referral
    if decision.status != DecisionStatus.AUTHORISED or decision.outcome not in REFERRAL_OUTCOMES:
        return "Only an authorised referral from the MASH can be recorded as no further action"
    # A referral outcome opens the referral it links (`Decision.referral`) from this contact; an
    # "allocated worker" decision links an existing case instead, and never reaches here.
    if referral is None or referral.contact_id != decision.screening.contact_id:
        return "This decision did not open a referral"
    if not referral.is_open or referral.nfa:
        return "The referral is already closed"
    if _work_on_referral(referral):
        return (
            "Work has been recorded on this referral (an assessment, s47 enquiry or other record): "
            "it cannot be recorded as no further action"
        )
    return None


def _work_on_referral(referral: Referral) -> bool:
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
