"""Management oversight: a screening decision, an allocation or an assessment sign-off on a child
asks for a manager's oversight note; the record shows "Management oversight needed" and the
manager's `oversight_due` lists it until a management oversight note dated after it exists."""

from datetime import datetime, timedelta

import pytest
import time_machine

from frontdoor.accounts.roles import Role
from frontdoor.casenotes.selectors import oversight_due, oversight_needed
from frontdoor.casenotes.services import case_note_record
from frontdoor.conftest import make_user
from frontdoor.core.calendar import LONDON
from frontdoor.people.services import chronology_add
from frontdoor.people.tests.factories import make_child

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 12, 1, 15, 0, tzinfo=LONDON)


@time_machine.travel(NOW, tick=False)
def test_a_decision_asks_for_oversight_until_a_manager_records_it(
    as_user, mash_manager, social_worker
):
    child = make_child("Nia", "Over")
    decided = NOW - timedelta(days=2)
    chronology_add(
        person=child,
        kind="decision_authorised",
        summary="Decision authorised",
        actor=mash_manager,
        occurred_at=decided,
        url="/screening/1/",
    )
    [due] = oversight_due(mash_manager)
    assert (due.person, due.label, due.happened_at) == (child, "Screening decision", decided)
    # Sunday 29 November counts from Monday 09:00: five working days end on Friday at 17:00.
    assert due.due == datetime(2026, 12, 4, 17, 0, tzinfo=LONDON)
    assert oversight_due(social_worker) == []  # records no oversight
    other_team = make_user("other_manager", Role.MASH_MANAGER, "Other MASH")
    assert oversight_due(other_team) == []  # not their team's decision
    page = as_user(mash_manager).get(f"/case-notes/person/{child.pk}/").content.decode()
    assert "Management oversight needed: screening decision of 29 November 2026" in page
    assert "Record management oversight" in page
    response = as_user(mash_manager).post(
        f"/case-notes/person/{child.pk}/new/",
        {
            "kind": "management_oversight",
            "oversight_point": "decision_authorised",
            "occurred_at_day": "1",
            "occurred_at_month": "12",
            "occurred_at_year": "2026",
            "occurred_at_time": "14:00",
            "text": "I agree with the decision; review in four weeks.",
        },
    )
    assert response.status_code == 302
    assert oversight_due(mash_manager) == [] and oversight_needed(person=child) == []
    page = as_user(mash_manager).get(f"/people/{child.pk}/").content.decode()
    assert "Management oversight needed" not in page


@time_machine.travel(NOW, tick=False)
def test_an_oversight_note_dated_before_the_point_does_not_cover_it(mash_manager):
    child = make_child("Nia", "Over")
    case_note_record(
        actor=mash_manager,
        person=child,
        kind="management_oversight",
        occurred_at=NOW - timedelta(days=5),
        text="Earlier oversight",
    )
    chronology_add(
        person=child,
        kind="allocation",
        summary="Allocated",
        actor=mash_manager,
        occurred_at=NOW - timedelta(days=1),
    )
    assert [d.label for d in oversight_needed(person=child)] == ["Allocation"]


@time_machine.travel(NOW, tick=False)
def test_points_older_than_three_months_are_not_raised(mash_manager):
    child = make_child("Nia", "Over")
    chronology_add(
        person=child,
        kind="assessment_complete",
        summary="Signed off",
        actor=mash_manager,
        occurred_at=NOW - timedelta(days=100),
    )
    assert oversight_due(mash_manager) == []
