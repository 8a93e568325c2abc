"""The work tray (what is due and overdue), timeliness percentages and the annual report."""

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
import time_machine

from frontdoor.allegations import services
from frontdoor.allegations.selectors import (
    add_months,
    annual_report,
    annual_report_rows,
    work_tray,
)

from .factories import at, conclude, consider, final_meeting, make_referral, make_subject

pytestmark = pytest.mark.django_db


def _concluded(received: date, concluded: date, outcome: str = "unfounded", **kw: object):
    referral = make_referral(received_at=at(received.year, received.month, received.day), **kw)
    consider(referral)
    return conclude(referral, outcome=outcome, concluded_on=concluded, now=at(2026, 11, 24))


def test_one_month_is_the_same_date_a_calendar_month_later():
    assert add_months(date(2025, 1, 31), 1) == date(2025, 2, 28)
    assert add_months(date(2025, 5, 15), 12) == date(2026, 5, 15)
    assert add_months(date(2025, 11, 30), 3) == date(2026, 2, 28)


def test_timeliness_percentages_are_exact_on_known_cases():
    # Seven referrals concluded in 2025-26 (1 April 2025 - 31 March 2026):
    _concluded(date(2025, 4, 1), date(2025, 5, 1))  # exactly one month: within 1
    _concluded(date(2025, 4, 1), date(2025, 5, 2))  # one day over: within 3
    _concluded(date(2025, 6, 10), date(2025, 6, 20))  # within 1
    _concluded(date(2025, 1, 31), date(2025, 4, 30))  # within 3 (31 Jan + 3 months = 30 Apr)
    _concluded(date(2025, 1, 31), date(2025, 5, 1))  # within 12 only
    _concluded(date(2024, 4, 2), date(2025, 4, 2))  # exactly 12 months: within 12
    _concluded(date(2024, 4, 2), date(2025, 4, 3))  # over 12 months
    _concluded(date(2025, 3, 3), date(2025, 3, 31))  # concluded in 2024-25: not counted
    report = annual_report(2025)
    rows = {row.months: row for row in report.timeliness.rows}
    assert report.timeliness.total == 7
    assert (rows[1].within, rows[1].share, rows[1].met) == (2, Decimal("28.6"), False)
    assert (rows[3].within, rows[3].share, rows[3].met) == (4, Decimal("57.1"), False)
    assert (rows[12].within, rows[12].share, rows[12].met) == (6, Decimal("85.7"), False)
    assert [row.target for row in report.timeliness.rows] == [80, 90, 100]


def test_targets_met_when_shares_reach_them():
    for day in range(1, 11):
        _concluded(date(2025, 5, day), date(2025, 5, 28))
    report = annual_report(2025)
    assert [(r.share, r.met) for r in report.timeliness.rows] == [(Decimal("100.0"), True)] * 3
    # Working days to 28 May 2025 (bank holidays 5 and 26 May) from 1..10 May:
    # 17, 16, 16, 16, 16, 15, 14, 13, 12, 12 → 147 / 10.
    assert report.timeliness.average_working_days == Decimal("14.7")


def test_annual_counts_by_sector_referrer_harm_limb_and_outcome():
    _concluded(
        date(2025, 5, 1),
        date(2025, 6, 1),
        "substantiated",
        harm_limbs=["harmed", "offence"],
        referrer_type="police",
    )
    _concluded(
        date(2025, 7, 1),
        date(2025, 7, 9),
        "false",
        subject=make_subject("Ali", "Driver", sector="transport"),
    )
    make_referral(
        received_at=at(2026, 3, 31), harm_limbs=["suitability"], learned=date(2026, 3, 27)
    )  # open, reported late
    services.consultation_record(
        actor=None,
        received_at=at(2025, 9, 1),
        sector="sport",
        referrer_type="parent",
        summary="Worry",
        advice_given="Advice",
        now=at(2025, 9, 1),
    )
    make_referral(received_at=at(2026, 4, 1))  # next year: not counted
    report = annual_report(2025)
    assert (report.approaches, report.consultations, report.referrals) == (4, 1, 3)
    assert report.reported_late == 1
    sectors = dict(report.by_sector)
    assert (sectors["Education"], sectors["Transport"], sectors["Sport and leisure"]) == (2, 1, 0)
    assert dict(report.by_referrer)["Police"] == 1
    assert dict(report.by_referrer)["Employer"] == 2
    limbs = [n for _, n in report.by_harm_limb]
    assert limbs == [2, 1, 0, 1]
    assert dict(report.by_outcome) == {
        "Substantiated": 1,
        "Unsubstantiated": 0,
        "False": 1,
        "Malicious": 0,
        "Unfounded": 0,
    }


@time_machine.travel("2026-11-24 12:00:00+00:00", tick=False)
def test_the_report_downloads_as_csv_with_formulas_neutralised(as_user, designated_officer):
    _concluded(date(2025, 5, 1), date(2025, 5, 20))
    response = as_user(designated_officer).get("/allegations/report.csv?year=2025")
    assert response["Content-Disposition"] == (
        'attachment; filename="lado-annual-report-2025-26.csv"'
    )
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["Section", "Item", "Value"]
    assert ["Timeliness", "Within 1 month (target 80%)", "100.0%"] in rows
    assert ["Referrals by sector", "Education", "1"] in rows
    page = as_user(designated_officer).get("/allegations/report/?year=2025").content.decode()
    assert "Allegations annual report 2025-26" in page


def test_csv_cells_starting_with_formula_characters_are_quoted():
    report = annual_report(2025)
    report.by_sector = [("=HYPERLINK(1)", 1), ("+1", 2), ("-1", 3), ("@SUM", 4)]
    cells = [row[1] for row in annual_report_rows(report) if row[0] == "Referrals by sector"]
    assert cells == ["'=HYPERLINK(1)", "'+1", "'-1", "'@SUM"]


@time_machine.travel("2026-11-24 12:00:00+00:00", tick=False)
def test_the_tray_shows_due_considerations_overdue_actions_and_feedback(
    as_user, designated_officer
):
    due = make_referral(received_at=at(2026, 11, 24, 9, 30), subject=make_subject("Due", "Soon"))
    stale = make_referral(received_at=at(2026, 11, 2), subject=make_subject("Over", "Due"))
    consider(stale)
    meeting = final_meeting(stale)  # action due 12 Nov, feedback due 19 Nov: both overdue
    tray = work_tray(designated_officer, now=at(2026, 11, 24, 12))
    assert [a.pk for a in tray.awaiting_initial_consideration] == [due.pk]
    assert [a.meeting_id for a in tray.overdue_actions] == [meeting.pk]
    assert [m.pk for m in tray.overdue_feedback] == [meeting.pk]
    assert {a.pk for a in tray.open_referrals} == {due.pk, stale.pk}
    page = as_user(designated_officer).get("/allegations/").content.decode()
    assert "Interview pupil" in page and "overdue by" in page
    assert "Due Soon" in page and "due in" in page
    # Done actions and arrived feedback leave the tray.
    services.meeting_action_complete(
        actor=None, action=meeting.actions.get(), completed_on=date(2026, 11, 20)
    )
    services.meeting_feedback_received(
        actor=None, meeting=meeting, received_on=date(2026, 11, 20), now=at(2026, 11, 24)
    )
    tray = work_tray(designated_officer, now=at(2026, 11, 24, 12))
    assert tray.overdue_actions == [] and tray.overdue_feedback == []


@time_machine.travel("2026-11-24 12:00:00+00:00", tick=False)
def test_the_tray_query_count_stays_constant_as_rows_grow(
    as_user, designated_officer, django_assert_max_num_queries
):
    client = as_user(designated_officer)

    def add_cases(n: int) -> None:
        for i in range(n):
            referral = make_referral(
                received_at=at(2026, 11, 2), subject=make_subject(f"Person{i}", "Case")
            )
            consider(referral)
            final_meeting(referral)
            make_referral(received_at=at(2026, 11, 23), subject=make_subject(f"New{i}", "Case"))

    add_cases(1)
    with django_assert_max_num_queries(14) as few:
        client.get("/allegations/")
    add_cases(6)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get("/allegations/").status_code == 200


@time_machine.travel("2026-11-24 12:00:00+00:00", tick=False)
def test_the_report_and_search_query_counts_stay_constant(
    as_user, designated_officer, django_assert_max_num_queries
):
    client = as_user(designated_officer)
    _concluded(date(2025, 5, 1), date(2025, 5, 20), subject=make_subject("Sam", "Count"))
    with django_assert_max_num_queries(20) as report_queries:
        client.get("/allegations/report/?year=2025")
    with django_assert_max_num_queries(20) as search_queries:
        client.get("/allegations/people/?q=count")
    for i in range(5):
        _concluded(date(2025, 6, 2 + i), date(2025, 7, 1), subject=make_subject(f"S{i}", "Count"))
    with django_assert_max_num_queries(len(report_queries.captured_queries)):
        client.get("/allegations/report/?year=2025")
    with django_assert_max_num_queries(len(search_queries.captured_queries)):
        assert "6 results" in client.get("/allegations/people/?q=count").content.decode()
