"""The returns pages: who may use them, the checks page listing failures with links, and query
counts that stay flat as the records grow."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from frontdoor.cases.models import Referral

from .builders import at, child, contact, referral

pytestmark = pytest.mark.django_db


def test_only_returns_users_see_the_returns_page(
    as_user, analyst, admin_user, mash_manager, police_partner
):
    for user in (analyst, admin_user):
        page = as_user(user).get(reverse("reporting:returns"))
        assert page.status_code == 200 and "Ofsted Annex A lists" in page.content.decode()
    for user in (mash_manager, police_partner):
        assert as_user(user).get(reverse("reporting:returns")).status_code == 403
        assert (
            as_user(user).get(reverse("reporting:census_check") + "?year=2026").status_code == 403
        )


@time_machine.travel("2026-04-20 09:00Z")
def test_the_checks_page_lists_each_failure_with_its_rule_and_a_link(as_user, analyst):
    amy = child("Amy")
    referral(child("Ben"), date(2025, 6, 2))
    broken = referral(amy, date(2025, 6, 2))
    # A record edited outside the services (e.g. a data migration) that the DfE would reject.
    Referral.objects.filter(pk=broken.pk).update(primary_need="")
    page = as_user(analyst).get(reverse("reporting:census_check") + "?year=2026").content.decode()
    assert "1 check failed for 1 child" in page
    assert amy.la_child_id in page and "CIN04" in page
    assert "record the primary need" in page
    assert reverse("people:detail", args=[amy.pk]) in page or "/child-protection/referrals/" in page
    assert "Download anyway, with 1 known failure" in page


@time_machine.travel("2026-04-20 09:00Z")
def test_a_clean_census_says_so(as_user, analyst):
    referral(child("Amy"), date(2025, 6, 2))
    page = as_user(analyst).get(reverse("reporting:census_check") + "?year=2026").content.decode()
    assert "All checks passed" in page and "Download the census file" in page


@time_machine.travel("2025-12-01 12:00Z")
def test_the_dashboard_and_drill_down_queries_stay_flat_as_rows_grow(
    as_user, mash_manager, django_assert_max_num_queries
):
    client = as_user(mash_manager)
    url = reverse("reporting:dashboard") + "?date_from=2025-11-01&date_to=2025-11-30"
    drill = (
        reverse("reporting:drilldown", args=["contacts_by_source", "2A"])
        + "?date_from=2025-11-01&date_to=2025-11-30"
    )

    def grow(n: int) -> None:
        for i in range(n):
            kid = child(f"Kid{i}", "Grow")
            contact([kid], at(2025, 11, 3 + i % 20))
            referral(kid, date(2025, 11, 3 + i % 20), nfa=bool(i % 2))

    grow(2)
    client.get(url)  # warm caches (calendar, sessions)
    with django_assert_max_num_queries(60) as small:
        client.get(url)
    with django_assert_max_num_queries(20):
        client.get(drill)
    grow(20)
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(url)
    with django_assert_max_num_queries(20):
        assert "Kid19 Grow" in client.get(drill).content.decode()


@time_machine.travel("2026-04-20 09:00Z")
def test_an_empty_collection_year_offers_nothing_to_download(as_user, analyst):
    page = as_user(analyst).get(reverse("reporting:census_check") + "?year=2026").content.decode()
    assert "there is nothing to submit" in page and "Download" not in page
