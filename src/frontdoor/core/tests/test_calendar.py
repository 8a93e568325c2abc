"""The working-day calendar: bank holidays in England, local closures, working hours, words."""

from datetime import date, datetime, time, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from frontdoor.core.calendar import (
    LONDON,
    WorkingCalendar,
    build_calendar,
    get_calendar,
    reset_calendar,
)
from frontdoor.core.services import closure_add

CAL = WorkingCalendar()
dates = st.dates(min_value=date(2019, 1, 1), max_value=date(2031, 12, 31))


def at(y: int, m: int, d: int, hh: int = 0, mm: int = 0) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=LONDON)


def test_it_knows_england_bank_holidays():
    assert CAL.is_bank_holiday(date(2025, 12, 25))
    assert CAL.is_bank_holiday(date(2025, 12, 26))
    assert CAL.is_bank_holiday(date(2026, 4, 3))  # Good Friday 2026
    assert CAL.is_bank_holiday(date(2026, 4, 6))  # Easter Monday 2026
    assert CAL.is_bank_holiday(date(2025, 8, 25))  # Summer bank holiday (England, not Scotland)
    assert not CAL.is_bank_holiday(date(2025, 8, 4))  # Scotland's summer holiday only
    assert not CAL.is_bank_holiday(date(2026, 1, 2))  # 2 January is a holiday in Scotland only


def test_it_skips_a_bank_holiday_weekend():
    # Friday 22 August 2025 + 1 working day = Tuesday 26 August (Monday 25th is a bank holiday).
    assert CAL.add_working_days(date(2025, 8, 22), 1) == date(2025, 8, 26)
    # Thursday 2 April 2026 + 1 = Tuesday 7 April (Good Friday and Easter Monday).
    assert CAL.add_working_days(date(2026, 4, 2), 1) == date(2026, 4, 7)


def test_it_crosses_the_year_end():
    # Wednesday 24 December 2025 + 2 working days: 25, 26 Dec holidays, 27-28 weekend, so 29 and 30.
    assert CAL.add_working_days(date(2025, 12, 24), 2) == date(2025, 12, 30)
    # 31 December 2025 + 1: 1 January 2026 is a bank holiday, so Friday 2 January.
    assert CAL.add_working_days(date(2025, 12, 31), 1) == date(2026, 1, 2)


def test_the_icpc_target_of_fifteen_working_days_skips_easter():
    # s47 started Monday 30 March 2026: 15 working days, skipping Good Friday and Easter Monday.
    assert CAL.add_working_days(date(2026, 3, 30), 15) == date(2026, 4, 22)


def test_it_adds_working_hours_across_a_bank_holiday_weekend():
    # Friday 22 August 2025 15:00 + 4 working hours: 2 hours Friday, 2 hours Tuesday (Monday is a holiday).
    assert CAL.add_working_hours(at(2025, 8, 22, 15), 4) == at(2025, 8, 26, 11)


def test_out_of_hours_receipt_starts_at_the_next_opening():
    # Received Saturday 23:00: the one-working-day decision is due at the close of Monday.
    assert CAL.add_working_day_deadline(at(2026, 11, 21, 23), 1) == at(2026, 11, 23, 17)
    # Received Friday 14:00: due Monday 14:00.
    assert CAL.add_working_day_deadline(at(2026, 11, 20, 14), 1) == at(2026, 11, 23, 14)


def test_it_handles_british_summer_time_changes():
    # Friday 27 March 2026 16:00 GMT + 2 working hours -> Monday 30 March 10:00 BST (clocks went forward).
    result = CAL.add_working_hours(at(2026, 3, 27, 16), 2)
    assert result == at(2026, 3, 30, 10)
    assert result.utcoffset() == timedelta(hours=1)


def test_next_working_day_at_a_time():
    # An EDT record on Saturday is due at 09:00 on Monday.
    assert CAL.at_next_working_day(at(2026, 11, 21, 3), time(9)) == at(2026, 11, 23, 9)
    # A Friday-night incident before a bank-holiday Monday: Tuesday 08:30.
    assert CAL.at_next_working_day(at(2025, 8, 22, 22), time(8, 30)) == at(2025, 8, 26, 8, 30)


@pytest.mark.parametrize(
    ("deadline", "now", "words"),
    [
        (at(2026, 11, 26, 15), at(2026, 11, 26, 12), "due in 3 working hours"),
        (at(2026, 11, 26, 12, 30), at(2026, 11, 26, 12), "due in 30 minutes"),
        (at(2026, 12, 1, 12), at(2026, 11, 26, 12), "due in 3 working days"),
        (at(2026, 11, 24, 12), at(2026, 11, 26, 12), "overdue by 2 working days"),
        (at(2026, 11, 26, 10), at(2026, 11, 26, 12), "overdue by 2 working hours"),
        (at(2026, 11, 23, 9), at(2026, 11, 21, 10), "due at the start of the next working day"),
        (date(2026, 11, 30), at(2026, 11, 26, 12), "due in 2 working days"),
        (date(2026, 11, 26), at(2026, 11, 26, 12), "due today"),
        (date(2026, 11, 20), at(2026, 11, 26, 12), "overdue by 4 working days"),
    ],
)
def test_it_describes_deadlines_in_words(deadline, now, words):
    assert CAL.describe(deadline, now) == words


def test_it_refuses_naive_datetimes():
    with pytest.raises(ValueError, match="naive"):
        CAL.add_working_hours(datetime(2026, 1, 5, 9), 1)


@pytest.mark.django_db
def test_local_closure_days_are_skipped():
    assert get_calendar().add_working_days(date(2026, 11, 26), 1) == date(2026, 11, 27)
    closure_add(actor=None, day=date(2026, 11, 27), reason="Staff training day")
    reset_calendar()
    assert get_calendar().add_working_days(date(2026, 11, 26), 1) == date(2026, 11, 30)


@settings(max_examples=300, deadline=None)
@given(start=dates, n=st.integers(min_value=0, max_value=60))
def test_adding_then_counting_working_days_round_trips(start, n):
    end = CAL.add_working_days(start, n)
    assert CAL.working_days_between(start, end) == n
    if n > 0:
        assert CAL.is_working_day(end)
        assert end.weekday() < 5


@settings(max_examples=300, deadline=None)
@given(start=dates, n=st.integers(min_value=1, max_value=30))
def test_every_day_skipped_is_not_a_working_day(start, n):
    end = CAL.add_working_days(start, n)
    working = [start + timedelta(days=i) for i in range(1, (end - start).days + 1)]
    assert sum(CAL.is_working_day(d) for d in working) == n


@settings(max_examples=200, deadline=None)
@given(start=dates, hour=st.integers(0, 23), minute=st.integers(0, 59), hours=st.integers(0, 80))
def test_working_hours_added_are_counted_back(start, hour, minute, hours):
    moment = datetime.combine(start, time(hour, minute), tzinfo=LONDON)
    end = CAL.add_working_hours(moment, hours)
    assert end >= moment
    assert CAL.working_hours_between(moment, end) == pytest.approx(hours)
    local = end.astimezone(LONDON)
    assert CAL.is_working_day(local.date())
    assert time(9) <= local.time() <= time(17)


@settings(max_examples=100, deadline=None)
@given(closed=st.sets(dates, max_size=20), start=dates, n=st.integers(0, 30))
def test_closure_days_are_never_deadlines(closed, start, n):
    cal = build_calendar(closed)
    end = cal.add_working_days(start, n)
    if n:
        assert end not in closed


def test_previous_working_day_skips_a_bank_holiday_weekend():
    # Tuesday 26 August 2025: Monday 25th is the summer bank holiday, so Friday 22nd.
    assert CAL.previous_working_day(date(2025, 8, 26)) == date(2025, 8, 22)


def test_clock_hours_run_through_nights_and_weekends():
    # Red work: Friday 22:00 + 4 hours is Saturday 02:00, not Monday.
    assert CAL.add_clock_hours(at(2026, 11, 20, 22), 4) == at(2026, 11, 21, 2)
