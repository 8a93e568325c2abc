"""Operation Encompass: who is told, and the deadline before the next school day."""

from __future__ import annotations

from datetime import date, datetime

import pytest
import time_machine

from frontdoor.core.calendar import LONDON
from frontdoor.people.services import person_update
from frontdoor.people.tests.factories import make_siblings
from frontdoor.police.encompass import encompass_due, encompass_routes
from frontdoor.police.models import EncompassNotice, EncompassRecipient

from .helpers import row, run_import

pytestmark = pytest.mark.django_db
R = EncompassRecipient


def test_a_friday_night_incident_is_due_monday_0830():
    due = encompass_due(datetime(2026, 11, 20, 23, 15, tzinfo=LONDON))
    assert due == datetime(2026, 11, 23, 8, 30, tzinfo=LONDON)


def test_after_a_bank_holiday_monday_it_is_due_tuesday_0830():
    # Summer bank holiday in England: Monday 25 August 2025.
    due = encompass_due(datetime(2025, 8, 22, 22, 0, tzinfo=LONDON))
    assert due == datetime(2025, 8, 26, 8, 30, tzinfo=LONDON)


def test_the_start_of_the_school_day_is_a_setting(settings):
    from datetime import time

    settings.SCHOOL_DAY_START = time(8, 0)
    assert encompass_due(datetime(2026, 11, 20, 23, 15, tzinfo=LONDON)) == datetime(
        2026, 11, 23, 8, 0, tzinfo=LONDON
    )


@pytest.mark.parametrize(
    ("age", "school", "home", "expected"),
    [
        (2, "", False, [R.HEALTH_VISITOR]),
        (4, "", False, [R.HEALTH_VISITOR]),
        (4, "Demoton Primary", False, [R.HEALTH_VISITOR, R.SCHOOL_DSL]),
        (9, "Demoton Primary", False, [R.SCHOOL_DSL]),
        (9, "", False, [R.EDUCATION_TEAM]),
        (12, "Demoton Academy", True, [R.EDUCATION_TEAM]),
        (16, "Demoton Academy", False, [R.SCHOOL_DSL]),
        (17, "Demoton College", False, []),
    ],
)
def test_who_is_told_depends_on_age_school_and_home_education(age, school, home, expected):
    assert [
        r for r, _, _ in encompass_routes(age=age, school=school, educated_at_home=home)
    ] == expected


@time_machine.travel(datetime(2026, 11, 24, 10, 0, tzinfo=LONDON), tick=False)
def test_the_import_creates_notices_for_domestic_abuse_only_and_routes_home_education():
    _, amy, ben = make_siblings("Featherstone")
    person_update(actor=None, person=amy, educated_at_home=True)
    run_import(
        [
            row("PPN-100", incident_date="20/11/2026", incident_time="23:15"),
            row(
                "PPN-100",
                "Ben",
                dob="12/09/2018",
                incident_date="20/11/2026",
                incident_time="23:15",
                child_school="Demoton Infants",
            ),
            row("PPN-101", "Ben", dob="12/09/2018", incident_type="other", dash_level=""),
        ]
    )
    notices = {(n.child.first_name, n.recipient): n for n in EncompassNotice.objects.all()}
    assert set(notices) == {("Amy", R.EDUCATION_TEAM), ("Ben", R.SCHOOL_DSL)}
    assert notices[("Ben", R.SCHOOL_DSL)].organisation == "Demoton Infants"
    assert notices[("Ben", R.SCHOOL_DSL)].due_at == datetime(2026, 11, 23, 8, 30, tzinfo=LONDON)


@time_machine.travel(datetime(2026, 11, 24, 10, 0, tzinfo=LONDON), tick=False)
def test_overdue_notices_are_listed_and_recording_who_was_told_clears_them(as_user, mash_worker):
    make_siblings("Featherstone")
    run_import([row("PPN-110", incident_date="20/11/2026")])
    notice = EncompassNotice.objects.get()
    client = as_user(mash_worker)
    page = client.get("/police/encompass/").content.decode()
    assert "1 notification overdue" in page
    response = client.post(
        f"/police/encompass/{notice.pk}/",
        {
            "told_name": "Pat Lead, DSL",
            "method": "phone",
            "notified_at_day": "24",
            "notified_at_month": "11",
            "notified_at_year": "2026",
            "notified_at_time": "09:10",
        },
    )
    assert response.status_code == 302
    notice.refresh_from_db()
    assert notice.told_name == "Pat Lead, DSL"
    assert notice.was_late
    page = client.get("/police/encompass/").content.decode()
    assert "overdue" not in page
    assert "Pat Lead, DSL" in page


@time_machine.travel(datetime(2026, 11, 24, 10, 0, tzinfo=LONDON), tick=False)
def test_recording_a_notice_needs_who_how_and_when(as_user, mash_worker):
    make_siblings("Featherstone")
    run_import([row("PPN-120")])
    notice = EncompassNotice.objects.get()
    page = as_user(mash_worker).post(f"/police/encompass/{notice.pk}/", {}).content.decode()
    assert "Enter the name of the person who was told" in page
    assert "Select how they were told" in page
    assert "Enter the date and time they were told" in page


def test_the_encompass_list_does_not_grow_queries_with_rows(
    as_user, mash_worker, django_assert_max_num_queries
):
    make_siblings("Featherstone")
    client = as_user(mash_worker)
    run_import(
        [row(f"PPN-2{i:02d}", incident_date="20/11/2026") for i in range(2)],
        now=datetime(2026, 11, 24, 8, 0, tzinfo=LONDON),
    )
    with django_assert_max_num_queries(12) as small:
        client.get("/police/encompass/")
    run_import(
        [row(f"PPN-3{i:02d}", incident_date="20/11/2026") for i in range(15)],
        now=datetime(2026, 11, 24, 8, 0, tzinfo=LONDON),
    )
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get("/police/encompass/")
    assert date(2026, 11, 20)


@time_machine.travel(datetime(2026, 11, 24, 10, 0, tzinfo=LONDON), tick=False)
def test_the_school_nurse_can_be_added_once_for_domestic_abuse(as_user, mash_worker):
    make_siblings("Featherstone")
    run_import([row("PPN-130", incident_date="20/11/2026")])
    child = EncompassNotice.objects.get().child
    client = as_user(mash_worker)
    client.post(
        f"/police/child/{child.pk}/school-nurse/",
        {"organisation": "Demoton School Nursing"},
    )
    nurse = EncompassNotice.objects.get(recipient=R.SCHOOL_NURSE)
    assert nurse.due_at == datetime(2026, 11, 23, 8, 30, tzinfo=LONDON)
    page = client.post(
        f"/police/child/{child.pk}/school-nurse/", {"organisation": "Again"}
    ).content.decode()
    assert (
        "Demoton School Nursing is already on the list to be told about Amy Featherstone for "
        "police notification PPN-130" in page
    )
