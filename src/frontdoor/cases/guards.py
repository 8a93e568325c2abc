"""Workflow rules for referrals (DfE CIN census rules), each returning a reason a user can read."""

from __future__ import annotations

from datetime import date

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


def can_allocate(*, referral: Referral, worker: User | None, reason: str) -> dict[str, str] | None:
    """A referral is allocated while open, to an active social worker (capability "assess"); a
    reallocation from a named worker says why (the history shows it)."""
    if not referral.is_open:
        return {"worker": "This referral is closed: it cannot be allocated"}
    if worker is not None and not (worker.is_active and worker.can("assess")):
        return {"worker": f"{worker.display_name} is not a social worker who can hold referrals"}
    return _moving(referral.worker_id, worker, reason, "referral")


def _moving(
    current: int | None, worker: User | None, reason: str, what: str
) -> dict[str, str] | None:
    if current is None or worker is None:
        return None
    if current == worker.pk:
        return {"worker": f"The {what} is already allocated to {worker.display_name}"}
    if not reason:
        return {"reason": f"Enter why the {what} is moving to another worker"}
    return None


def can_allocate_episode(
    *,
    episode: EarlyHelpEpisode,
    current: int | None,
    worker: User,
    team_id: int | None,
    reason: str,
) -> dict[str, str] | None:
    """An open early help episode is allocated to an active member of the allocating manager's
    team; a reallocation says why."""
    if not episode.is_open:
        return {"worker": "This early help episode has ended: it cannot be allocated"}
    if not worker.is_active or team_id is None or worker.team_id != team_id:
        return {"worker": f"{worker.display_name} is not in your team"}
    return _moving(current, worker, reason, "early help episode")


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
