"""The access gates for assessment records: the only place they are loaded for a page.

Each gate loads one record through `gate_load`: a record about a sealed child is refused (404,
audited) to anyone not on the child's access list, as is an id that does not exist; an allowed
view is audited against the child. Only child protection and assessment practitioners reach them.
"""

from __future__ import annotations

from typing import Any

from frontdoor.accounts.models import User
from frontdoor.child_protection.access import can_work_protection
from frontdoor.core.gates import gate_load

from .models import Assessment, AssessmentGuidance, CaseMapping, GroupSupervision, PersonToSee


def access_guidance(user: User, pk: Any, *, action: str = "view") -> AssessmentGuidance:
    return gate_load(
        user,
        AssessmentGuidance.objects.select_related("referral__person", "person", "manager"),
        pk,
        record_type="assessment_guidance",
        people_of=lambda g: [g.person],
        allowed=can_work_protection,
        action=action,
    )


def access_assessment(user: User, pk: Any, *, action: str = "view") -> Assessment:
    return gate_load(
        user,
        Assessment.objects.select_related(
            "referral__person", "person", "guidance__manager", "worker", "authorised_by"
        ),
        pk,
        record_type="assessment",
        people_of=lambda a: [a.person],
        allowed=can_work_protection,
        action=action,
    )


def access_person_to_see(
    user: User, assessment: Assessment, pk: Any, *, action: str = "record"
) -> PersonToSee:
    """A parent or significant other named in this assessment's guidance (after its gate)."""
    return gate_load(
        user,
        PersonToSee.objects.filter(guidance__assessment=assessment),
        pk,
        record_type="assessment",
        people_of=lambda row: [assessment.person],
        allowed=can_work_protection,
        action=action,
    )


def access_mapping(user: User, pk: Any, *, action: str = "view") -> CaseMapping:
    return gate_load(
        user,
        CaseMapping.objects.select_related("referral__person", "person"),
        pk,
        record_type="case_mapping",
        people_of=lambda m: [m.person],
        allowed=can_work_protection,
        action=action,
    )


def access_supervision(user: User, pk: Any, *, action: str = "view") -> GroupSupervision:
    return gate_load(
        user,
        GroupSupervision.objects.select_related(
            "referral__person", "person", "mapping", "accountable_manager"
        ),
        pk,
        record_type="group_supervision",
        people_of=lambda s: [s.person],
        allowed=can_work_protection,
        action=action,
    )
