"""The returning stage aims at a share of re-referrals: what it counts as one is the dashboard's
definition (a referral within 12 calendar months of an earlier referral of the same child)."""

from datetime import date

import pytest

from frontdoor.demo.returning import _rereferrals
from frontdoor.reporting.tests.builders import child, referral

pytestmark = pytest.mark.django_db


def test_it_counts_referrals_within_12_months_of_an_earlier_one():
    amy, ben = child("Amy"), child("Ben")
    referral(amy, date(2025, 1, 10), closed=date(2025, 2, 1))
    referral(amy, date(2026, 1, 10), closed=date(2026, 2, 1))  # exactly 12 months later: counts
    referral(amy, date(2027, 1, 11))  # 12 months and a day: does not
    referral(ben, date(2025, 5, 1), closed=date(2025, 5, 2))
    referral(ben, date(2025, 6, 1))
    total, again = _rereferrals()
    assert sum(total.values()) == 5 and sum(again.values()) == 2
    assert again == {(2026, 1): 1, (2025, 6): 1}
