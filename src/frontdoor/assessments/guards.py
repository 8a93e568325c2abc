"""Workflow rules for assessments, each returning a reason a user can read.

Sources: Working Together to Safeguard Children (timescales) and the DfE CIN census validation
rules (DOMAIN.md §9): at most one open assessment per episode; factor 21 ("no factors identified")
stands alone.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from frontdoor.accounts.models import User
from frontdoor.cases.models import Referral
from frontdoor.child_protection.guards import episode_problem
from frontdoor.core.calendar import get_calendar, local_date
from frontdoor.people.access import RESTRICTED

from .models import (
    Assessment,
    AssessmentGuidance,
    GroupSupervision,
    PersonToSee,
    SeeRelationship,
)

ASSESSMENT_MAX_WORKING_DAYS = 45  # Working Together: at most 45 working days from the referral


def assessment_max_due(referral_date: date) -> date:
    """The latest due date an assessment may have: referral date + 45 working days."""
    return get_calendar().add_working_days(referral_date, ASSESSMENT_MAX_WORKING_DAYS)


def guidance_due_problem(referral: Referral, due: date, given_on: date) -> str | None:
    limit = assessment_max_due(referral.referral_date)
    if due > limit:
        return (
            f"The due date can be no later than {limit:%d %B %Y}: 45 working days from the "
            f"referral date. You may set a shorter timescale"
        )
    if due < given_on:
        return "The due date must be after the date the guidance is given"
    return None


def people_to_see_problems(
    rows: list[dict[str, Any]], absent_parent: str, note: str
) -> dict[str, str]:
    """Each parent must be named, including a parent who does not live with the child."""
    problems: dict[str, str] = {}
    parents = [r for r in rows if r["relationship"] in SeeRelationship.parents()]
    if not parents:
        problems["people"] = "Name at least one parent who must be seen"
    if absent_parent == "named" and not any(not r["lives_with_child"] for r in parents):
        problems["absent_parent"] = (
            "Name the parent who does not live with the child in the list, "
            "and leave 'Lives with the child' unticked for them"
        )
    if absent_parent == "unknown" and not note.strip():
        problems["absent_parent_note"] = (
            "Enter what is known about any parent not living with the "
            "child, and how the worker should find out"
        )
    if not absent_parent:
        problems["absent_parent"] = "Select whether a parent does not live with the child"
    return problems


def open_assessment_problem(referral: Referral) -> str | None:
    """CIN census: at most one open assessment per episode (also a database constraint)."""
    open_one = Assessment.objects.filter(referral=referral, authorised_date__isnull=True).first()
    if open_one is None:
        return None
    return (
        f"{referral.person.full_name} already has an open assessment on this referral, started "
        f"{open_one.start_date.day} {open_one.start_date:%B %Y}. It must be signed off before "
        "another starts"
    )


def can_start_assessment(referral: Referral, start: date) -> str | None:
    problem = open_assessment_problem(referral)
    if problem:
        return problem
    guidance = AssessmentGuidance.objects.filter(referral=referral, assessment__isnull=True).first()
    if guidance is None:
        return (
            "An assessment cannot start without manager guidance: ask a manager to record the "
            "focus, who must be seen and the due date first"
        )
    problem = episode_problem(referral, start, "assessment")
    if problem:
        return problem
    given_on = local_date(guidance.given_at)
    if start < given_on:
        return (
            f"The assessment cannot start before the manager's guidance was given "
            f"({given_on:%d %B %Y}): guidance comes at the outset"
        )
    return None


def factors_problem(factors: list[str]) -> str | None:
    if not factors:
        return "Select the factors identified at assessment, or 'No factors identified'"
    if "21" in factors and len(factors) > 1:
        return "'No factors identified' (21) cannot be combined with other factors"
    return None


def signoff_problem(
    assessment: Assessment,
    signoff: date,
    late_reason: str,
    people: list[PersonToSee],
    hidden: set[int],
) -> str | None:
    """Whether the manager may sign off now. `people` are the guidance's people to see; those in
    `hidden` (sealed, and the manager is not on their access list) are named by relationship."""
    if not assessment.is_open:
        return "This assessment is already signed off"
    if not assessment.outcome:
        return "The social worker must record the factors and outcome before sign-off"
    problem = factors_problem(assessment.factors)
    if problem:
        return problem
    if signoff < assessment.start_date:
        return f"The sign-off date must be on or after the start date, {assessment.start_date:%d %B %Y}"
    if signoff > assessment.due_date and not late_reason.strip():
        return (
            f"Enter the reason the assessment is signed off after its due date "
            f"({assessment.due_date:%d %B %Y})"
        )
    for row in people:
        who = (
            f"the {row.get_relationship_display().lower()} ({RESTRICTED})"
            if row.person_id in hidden
            else row.name
        )
        if row.is_parent and row.engaged is None:
            return f"Record whether {who} engaged in the assessment before sign-off"
        if row.is_parent and row.engaged is False and not row.not_engaged_reason.strip():
            return f"Record why {who} did not engage, and what was tried, before sign-off"
    return None


def supervision_change_problem(user: User, supervision: GroupSupervision) -> str | None:
    """Only the accountable manager who agreed a group supervision's decision may change it."""
    if user.pk != supervision.accountable_manager_id:
        return (
            f"Only {supervision.accountable_manager.display_name}, the accountable manager who "
            "agreed this decision, can change it: ask them to"
        )
    return None


def engagement_problem(engaged: bool, reason: str, attempts: str) -> str | None:
    if not engaged and not reason.strip():
        return "Enter why this person did not engage"
    if not engaged and not attempts.strip():
        return "Enter what was tried to engage this person"
    return None


BOTTOM_LINE_PARTS = {
    "trigger": "the specific trigger (what would happen)",
    "agency_action": "what the agency will do",
    "who_acts": "who will act",
    "how_quickly": "how quickly they will act",
    "family_must": "what the family must do",
}


def bottom_line_problems(line: dict[str, str]) -> dict[str, str]:
    """Each missing part of a bottom line, with a message naming it."""
    return {
        key: f"Enter {label} for this bottom line"
        for key, label in BOTTOM_LINE_PARTS.items()
        if not (line.get(key) or "").strip()
    }
