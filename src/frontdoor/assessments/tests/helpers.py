"""Builders for assessment tests: manager guidance through the real service, and POST data for
the guidance and mapping pages."""

from __future__ import annotations

from datetime import date

from frontdoor.assessments import services
from frontdoor.child_protection.tests.helpers import date_data, formset_data

PARENTS = [
    {"name": "Mary Protect", "relationship": "mother", "lives_with_child": True},
    {"name": "Dan Protect", "relationship": "father", "lives_with_child": False},
]


def guidance(manager, referral, due=date(2026, 12, 18), people=PARENTS, absent="named", now=None):
    return services.guidance_record(
        actor=manager,
        referral=referral,
        focus="Bruising and home conditions",
        lines_of_enquiry="Who cares for Amy after school?",
        due_date=due,
        people=people,
        absent_parent=absent,
        now=now,
    )


def guidance_post(due=date(2026, 12, 18)):
    data = {
        "focus": "Bruising",
        "lines_of_enquiry": "Who cares for Amy",
        **date_data("due_date", due),
        "absent_parent": "named",
        "absent_parent_note": "",
    }
    data.update(
        formset_data(
            "people",
            [
                {"name": "Mary", "relationship": "mother", "lives_with_child": "on"},
                {"name": "Dan", "relationship": "father"},
            ],
            extra=1,
        )
    )
    return data


def mapping_post(day=date(2026, 11, 24)):
    data = {
        **date_data("held_on", day),
        "harm": "Bruise on arm",
        "complicating_factors": "",
        "strengths": "Mary walks Amy to school",
        "existing_safety": "Mary called police",
        "grey_areas": "",
    }
    data.update(
        formset_data(
            "dangers", [{"danger": "Amy may be hurt", "safety_goal": "Amy is safe at home"}]
        )
    )
    data.update(
        formset_data(
            "steps", [{"who": "Sam", "what": "Visit", **date_data("by_when", date(2026, 12, 1))}]
        )
    )
    data.update(
        formset_data(
            "scores",
            [
                {"name": "Sam", "role": "professional", "score": "2"},
                {"name": "Mary", "role": "family", "score": "8"},
                {"name": "Amy", "role": "child", "score": "6"},
            ],
            extra=1,
        )
    )
    data.update(
        formset_data(
            "lines",
            [
                {
                    "trigger": "Dan visits",
                    "agency_action": "hold a strategy discussion",
                    "who_acts": "the duty social worker",
                    "how_quickly": "the same day",
                    "family_must": "Mary must call 999",
                }
            ],
        )
    )
    return data
