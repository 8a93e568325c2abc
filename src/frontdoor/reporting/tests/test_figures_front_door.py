"""Front-door figures against small hand-built fixtures whose answers are known exactly."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import time_machine

from frontdoor.accounts.models import Team
from frontdoor.cases.services import referral_allocate
from frontdoor.conftest import make_user
from frontdoor.core.calendar import months_before
from frontdoor.reporting.figures import compute
from frontdoor.reporting.figures.front_door import is_re_referral
from frontdoor.reporting.periods import Period

from .builders import at, child, contact, referral

pytestmark = pytest.mark.django_db


def values(fig):
    return {row.key: row.value for row in fig.rows}


@time_machine.travel("2025-12-01 12:00Z")
def test_it_counts_contacts_by_local_week_across_midnight_and_summer_time():
    amy, ben = child("Amy"), child("Ben")
    contact([amy], at(2025, 6, 1, 23, 30))  # Sunday night: week of Monday 26 May
    contact([ben], at(2025, 6, 2, 0, 30))  # Monday 00:30 BST = Sunday 23:30 UTC: week of 2 June
    contact([amy, ben], at(2025, 6, 8, 23, 59))  # Sunday: still the week of 2 June
    fig = compute("contacts_by_week", Period(date(2025, 5, 26), date(2025, 6, 15)))
    assert values(fig) == {"2025-05-26": 1, "2025-06-02": 2, "2025-06-09": 0}
    assert fig.row("2025-06-02").people == {amy.pk, ben.pk}
    assert fig.headline == "3 contacts received in the period"


@time_machine.travel("2025-12-01 12:00Z")
def test_it_counts_contacts_by_source_in_code_order():
    amy = child("Amy")
    contact([amy], at(2025, 11, 3), source="6", referrer_name="PC Smith")
    contact([amy], at(2025, 11, 4), source="2A")
    contact([amy], at(2025, 11, 5), source="6", referrer_name="PC Jones")
    contact([amy], at(2025, 10, 31), source="3A")  # before the period
    fig = compute("contacts_by_source", Period(date(2025, 11, 1), date(2025, 11, 30)))
    assert [(r.key, r.value) for r in fig.rows] == [("2A", 1), ("6", 2)]


@time_machine.travel("2025-12-01 12:00Z")
def test_it_judges_decisions_against_one_working_day_over_weekends_and_bank_holidays():
    kids = [child(n) for n in ("Amy", "Ben", "Cat", "Dan", "Eve")]
    # Friday 16:00 -> due Monday 16:00.
    contact([kids[0]], at(2025, 11, 7, 16, 0), decided=at(2025, 11, 10, 15, 59))  # on time
    contact([kids[1]], at(2025, 11, 7, 16, 0), decided=at(2025, 11, 10, 16, 1))  # late by 1 minute
    # Friday 22 August 2025; Monday 25 August is a bank holiday -> due Tuesday 10:00.
    contact([kids[2]], at(2025, 8, 22, 10, 0), decided=at(2025, 8, 26, 9, 59))  # on time
    contact([kids[3]], at(2025, 11, 20, 10, 0))  # not decided, due 21 Nov: overdue by period end
    contact([kids[4]], at(2025, 11, 28, 16, 30))  # Friday 16:30: due Monday 1 Dec, after the period
    fig = compute("contact_decisions", Period(date(2025, 8, 1), date(2025, 11, 30)))
    assert values(fig) == {"on_time": 2, "late": 1, "overdue": 1, "waiting": 1}
    assert fig.row("late").people == {kids[1].pk}
    assert fig.headline == "66.7% of 3 decisions made within one working day of receipt"


@time_machine.travel("2025-12-01 12:00Z")
def test_it_counts_children_on_contacts_that_became_referrals():
    amy, ben, cat = child("Amy"), child("Ben"), child("Cat")
    siblings = contact([amy, ben], at(2025, 11, 3))
    contact([cat], at(2025, 11, 4))
    referral(amy, date(2025, 11, 3), contact=siblings)
    fig = compute("contact_conversion", Period(date(2025, 11, 1), date(2025, 11, 30)))
    assert values(fig) == {"referral": 1, "no_referral": 2}
    assert fig.row("referral").people == {amy.pk}
    assert fig.headline == "33.3% of 3 children on contacts became referrals"
    assert "23%" in fig.comparator


@time_machine.travel("2025-12-01 12:00Z")
def test_it_gives_the_nfa_rate_of_referrals_in_the_period():
    amy, ben, cat, dan = (child(n) for n in ("Amy", "Ben", "Cat", "Dan"))
    referral(amy, date(2025, 11, 3), nfa=True)
    referral(ben, date(2025, 11, 4))
    referral(cat, date(2025, 11, 5))
    referral(dan, date(2025, 10, 31), nfa=True)  # outside
    fig = compute("referral_nfa", Period(date(2025, 11, 1), date(2025, 11, 30)))
    assert values(fig) == {"nfa": 1, "further": 2}
    assert fig.headline == "33.3% of 3 referrals were no further action"
    assert "6.5%" in fig.comparator


def test_re_referral_boundary_is_twelve_calendar_months():
    assert is_re_referral(date(2025, 11, 3), 9, [(1, date(2024, 11, 3))])  # exactly 12 months
    assert not is_re_referral(date(2025, 11, 3), 9, [(1, date(2024, 11, 2))])  # a day more
    assert is_re_referral(
        date(2025, 11, 3), 9, [(1, date(2025, 11, 3))]
    )  # same day, earlier record
    assert not is_re_referral(
        date(2025, 11, 3), 1, [(9, date(2025, 11, 3))]
    )  # same day, later record
    assert months_before(date(2024, 2, 29), 12) == date(2023, 2, 28)


@time_machine.travel("2025-12-01 12:00Z")
def test_it_counts_re_referrals_within_twelve_months():
    amy, ben, cat = child("Amy"), child("Ben"), child("Cat")
    referral(amy, date(2024, 11, 10), closed=date(2024, 12, 1))
    referral(amy, date(2025, 11, 10))  # 12 months to the day: a re-referral
    referral(ben, date(2024, 11, 9), nfa=True)
    referral(ben, date(2025, 11, 10), nfa=True)  # 12 months and a day: not
    referral(cat, date(2025, 11, 12))
    fig = compute("re_referrals", Period(date(2025, 11, 1), date(2025, 11, 30)))
    assert values(fig) == {"re_referral": 1, "first": 2}
    assert fig.row("re_referral").people == {amy.pk}
    assert "22.6%" in fig.comparator


@time_machine.travel("2025-12-01 12:00Z")
def test_it_counts_caseloads_from_open_allocations_at_the_end_of_the_period():
    north = Team.objects.create(name="Assessment North")
    south = Team.objects.create(name="Assessment South")
    sam = make_user("sam_worker", "assessment_social_worker", "Assessment North")
    amy, ben, cat, dan = (child(n) for n in ("Amy", "Ben", "Cat", "Dan"))
    referral(amy, date(2025, 11, 3), team=north, worker=sam)
    referral(ben, date(2025, 11, 3), team=north, worker=sam)
    referral(cat, date(2025, 11, 3), team=south)
    closed = referral(dan, date(2025, 11, 3), team=north, worker=sam, closed=date(2025, 11, 20))
    assert closed.closure_date
    moved = referral(child("Eve"), date(2025, 11, 3), team=north, worker=sam)
    referral_allocate(actor=None, referral=moved, team=south)
    fig = compute("caseloads_worker", Period(date(2025, 11, 1), date(2025, 12, 1)))
    assert [(r.label, r.value) for r in fig.rows] == [
        ("Assessment South: no named worker", 2),
        ("Sam Tester (Assessment North)", 2),
    ]
    teams = compute("caseloads_team", Period(date(2025, 11, 1), date(2025, 12, 1)))
    assert {r.label: r.value for r in teams.rows} == {"Assessment North": 2, "Assessment South": 2}
    only_north = compute("caseloads_team", Period(date(2025, 11, 1), date(2025, 12, 1), north.pk))
    assert {r.label: r.value for r in only_north.rows} == {"Assessment North": 2}


@pytest.mark.django_db
def test_the_cumulative_working_day_count_agrees_with_the_calendar():
    import random

    from frontdoor.core.calendar import get_calendar
    from frontdoor.reporting.figures.base import WorkingDays

    rng, calendar, fast = random.Random(3), get_calendar(), WorkingDays()
    base = date(2024, 12, 1)  # spans Christmas, Easter and the May bank holidays
    for _ in range(300):
        start = base + timedelta(days=rng.randrange(400))
        end = start + timedelta(days=rng.randrange(-5, 90))
        assert fast.between(start, end) == calendar.working_days_between(start, end), (start, end)
