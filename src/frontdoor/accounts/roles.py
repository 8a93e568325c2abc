"""Roles and what each may do. A capability is checked with `user.can("…")`.

Roles follow DOMAIN.md §1. Capabilities are coarse on purpose: they say which areas a role works
in; record-level rules (sealed people, partner submissions) live in `frontdoor.people.access`.
"""

from django.db import models


class Role(models.TextChoices):
    MASH_PRACTITIONER = "mash_practitioner", "MASH practitioner"
    MASH_MANAGER = "mash_manager", "MASH team manager"
    ASSESSMENT_SOCIAL_WORKER = "assessment_social_worker", "Assessment social worker"
    EARLY_HELP_MANAGER = "early_help_manager", "Early help manager"
    EARLY_HELP_PRACTITIONER = "early_help_practitioner", "Early help practitioner"
    DESIGNATED_OFFICER = "designated_officer", "Designated officer (LADO)"
    EDT_WORKER = "edt_worker", "Emergency duty team worker"
    EXPLOITATION_SPECIALIST = "exploitation_specialist", "Exploitation specialist"
    PARTNER = "partner", "Partner agency user"
    ANALYST = "analyst", "Performance analyst"
    ADMIN = "admin", "System administrator"


# Capabilities by area. "view_people": may open children's records (subject to sealing).
_PRACTICE = {
    "view_people",
    "edit_people",
    "record_contact",
    "view_queue",
    "screen",
    "view_chronology",
    # Case notes on a child's record: visits, calls, meetings, supervision (docs/case-notes.md).
    "case_notes",
}
CAPABILITIES: dict[str, frozenset[str]] = {
    Role.MASH_PRACTITIONER: frozenset(
        _PRACTICE
        | {
            "request_information",
            "give_feedback",
            "police_screening",
            "exploitation",
            "acknowledge_handover",
        }
    ),
    Role.MASH_MANAGER: frozenset(
        _PRACTICE
        | {
            "request_information",
            "give_feedback",
            "authorise",
            "view_audit",
            "police_screening",
            "exploitation",
            "manage_access",
            "child_protection",
            "guide_assessment",
            "view_reports",
            "acknowledge_handover",
            # The designated data protection role (docs/data-protection.md): the retention
            # review and legal holds, and subject access exports.
            "retention",
            "subject_access",
            # Allocating referrals to social workers and seeing their caseloads (docs/allocation.md).
            "allocate",
            # Management oversight notes at the points a manager must record them (case-notes.md).
            "management_oversight",
            # Merging two records of one person, and undoing a merge (docs/people.md).
            "merge_people",
        }
    ),
    Role.ASSESSMENT_SOCIAL_WORKER: frozenset(
        _PRACTICE | {"child_protection", "assess", "exploitation"}
    ),
    Role.EARLY_HELP_MANAGER: frozenset(
        {
            "view_people",
            "view_chronology",
            "early_help",
            "view_queue",
            "case_notes",
            "management_oversight",
            # Allocating early help episodes to members of the team (docs/allocation.md).
            "allocate_early_help",
        }
    ),
    # Holds early help episodes allocated by the manager: works them, records case notes; does
    # not allocate or record management oversight.
    Role.EARLY_HELP_PRACTITIONER: frozenset(
        {"view_people", "view_chronology", "early_help", "view_queue", "case_notes"}
    ),
    # "allocate_allegations": allocating an allegation's follow-up work to a designated officer
    # in one's own team, with their caseloads in view (docs/allocation.md).
    Role.DESIGNATED_OFFICER: frozenset({"allegations", "view_people", "allocate_allegations"}),
    Role.EDT_WORKER: frozenset(
        {"view_people", "edit_people", "record_contact", "edt", "view_chronology", "case_notes"}
    ),
    Role.EXPLOITATION_SPECIALIST: frozenset({"view_people", "view_chronology", "exploitation"}),
    Role.PARTNER: frozenset({"submit_concern"}),
    Role.ANALYST: frozenset({"view_reports", "export_returns"}),
    Role.ADMIN: frozenset(
        {
            "admin",
            "view_audit",
            "manage_access",
            "view_reports",
            "export_returns",
            "manage_calendar",
            # Emergency, time-limited access to one person's record with a reason (audited, shown
            # on the person's "who has viewed" page): frontdoor.administration, docs/administration.md.
            "break_glass",
        }
    ),
}


# Held by named MASH managers (`User.restricted_records_manager`), never by a whole role: they see the
# restricted records queue (contacts and notifications about sealed people) and hold what lands
# there when the sealed person's access list is empty.
RESTRICTED_RECORDS = "restricted_records"


def capabilities_for(role: str) -> frozenset[str]:
    return CAPABILITIES.get(role, frozenset())
