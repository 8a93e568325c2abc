"""Workflow rules for referrals (DfE CIN census rules), each returning a reason a user can read."""

from __future__ import annotations

from datetime import date
from typing import Any

from frontdoor.accounts.models import User
from frontdoor.core.templatetags.govuk import ukdate
from frontdoor.earlyhelp.models import EarlyHelpEpisode

from .models import Referral


def open_referral_message(referral: Referral) -> str:
    return (
        f"{referral.person.full_name} already has an open referral, started "
        f"{ukdate(referral.referral_date)}. Pass the contact to the allocated worker, or close "
        "that referral first"
    )


def can_open_referral(*, person_id: int, referral_date: date) -> str | None:
    """At most one open episode per child, and episodes must not overlap (CIN census). The
    database constraint `one_open_referral_per_child` is the last word when two race."""
    open_one = (
        Referral.objects.filter(person_id=person_id, closure_date__isnull=True)
        .select_related("person")
        .first()
    )
    if open_one is not None:
        return open_referral_message(open_one)
    if Referral.objects.filter(person_id=person_id, closure_date__gt=referral_date).exists():
        return "The referral date must be after the closure date of the child's previous referral"
    return None


# Reasons for closure that say an assessment was done: the DfE queries either on an episode with no
# assessment (CIN census rule 8825Q). Every other reason needs none.
REASONS_AFTER_ASSESSMENT = ("RC8", "RC9")
# A referral closed at the front door with no further action has had no assessment: RC7, "services
# ceased for any other reason, including child no longer in need".
NFA_REASON = "RC7"


def closure_reason_problem(*, referral: Referral, closure_date: date, reason: str) -> str | None:
    """RC8 ("case closed after assessment, no further action") and RC9 ("… referred to early help")
    only for an episode with an assessment signed off by the closure date (rule 8825Q). A referral
    closed without one (no further action at the front door, say) is RC7, "services ceased for any
    other reason, including child no longer in need"."""
    if reason not in REASONS_AFTER_ASSESSMENT:
        return None
    from frontdoor.assessments.models import Assessment

    done = Assessment.objects.filter(
        referral_id=referral.pk, authorised_date__isnull=False, authorised_date__lte=closure_date
    ).exists()
    if done:
        return None
    return (
        f"{reason} means the case was closed after an assessment, but no assessment of this "
        f"referral was signed off by {ukdate(closure_date)}. Choose another reason, such as RC7 "
        "(services ceased for any other reason), or sign off the assessment first"
    )


def can_close_referral(*, referral: Referral, closure_date: date, reason: str) -> str | None:
    if not referral.is_open:
        return "This referral is already closed"
    if closure_date < referral.referral_date:
        return "The closure date must be on or after the referral date"
    if not reason:
        return "Select the reason for closure: a closure date and reason go together"
    return None


def can_allocate(
    *, work: Any, current: int | None, actor: User | None, worker: User | None, reason: str
) -> dict[str, str] | None:
    """Whether `actor` may allocate `work` (a referral, early help episode or allegation) to
    `worker`, the work being held now by the user `current` (an id, or None). One rule for every
    kind of work:

    - a referral, while open, goes to an active social worker (capability "assess"), whichever
      team (MASH managers allocate across the service; the view checks "allocate");
    - an early help episode, while open, is allocated by an early help manager (capability
      "allocate_early_help") to an active member of their own team;
    - an allegation's follow-up work, while the referral to the designated officer is open, is
      allocated by someone with "allocate_allegations" to an active designated officer in their
      own team;
    - a move from one named worker to another says why (the history shows it); the same worker
      twice is refused.
    """
    from frontdoor.allegations.models import Allegation, ApproachKind, Status

    if isinstance(work, Referral):
        if not work.is_open:
            return {"worker": "This referral is closed: it cannot be allocated"}
        if worker is not None and not (worker.is_active and worker.can("assess")):
            return {
                "worker": f"{worker.display_name} is not a social worker who can hold referrals"
            }
        what = "referral"
    elif isinstance(work, EarlyHelpEpisode):
        if not work.is_open:
            return {"worker": "This early help episode has ended: it cannot be allocated"}
        if actor is None or not actor.can("allocate_early_help"):
            return {"worker": "Only an early help manager can allocate early help"}
        if worker is None:
            return {"worker": "Choose the worker to allocate to"}
        if not _same_team(actor, worker):
            return {"worker": f"{worker.display_name} is not in your team"}
        what = "early help episode"
    elif isinstance(work, Allegation):
        if work.kind != ApproachKind.REFERRAL or work.status != Status.OPEN:
            return {"worker": "Only an open referral to the designated officer can be allocated"}
        if actor is None or not actor.can("allocate_allegations") or actor.team_id is None:
            return {"worker": "Only a designated officer who allocates work can allocate this"}
        if worker is None:
            return {"worker": "Choose the designated officer to allocate to"}
        if not _same_team(actor, worker) or not worker.can("allegations"):
            return {"worker": f"{worker.display_name} is not a designated officer in your team"}
        what = "allegation"
    else:
        raise TypeError(f"Cannot allocate {type(work).__name__}")
    return _moving(current, worker, reason, what)


def _same_team(actor: User | None, worker: User) -> bool:
    return (
        worker.is_active
        and actor is not None
        and actor.team_id is not None
        and worker.team_id == actor.team_id
    )


def _moving(
    current: int | None, worker: User | None, reason: str, what: str
) -> dict[str, str] | None:
    """A reason is needed when work held by a named worker moves to another."""
    if current is None or worker is None:
        return None
    if current == worker.pk:
        return {"worker": f"The {what} is already allocated to {worker.display_name}"}
    if not reason:
        return {"reason": f"Enter why the {what} is moving to another worker"}
    return None


def can_record_lead(*, kind: str, user: User | None, name: str) -> dict[str, str] | None:
    """Working Together 2023: the lead child protection practitioner is a qualified social worker
    (registered with Social Work England); a Family Help lead practitioner may be from a partner
    agency, named with their agency."""
    from .models import LeadKind

    if kind == LeadKind.CHILD_PROTECTION:
        if user is None:
            return {"user": "Choose the social worker who leads the child protection work"}
        if not user.qualified_social_worker:
            return {
                "user": f"{user.display_name} is not recorded as a qualified social worker: "
                "the lead child protection practitioner must be one"
            }
    elif user is None and not name.strip():
        return {"name": "Choose a worker or enter the lead practitioner's name and agency"}
    return None
