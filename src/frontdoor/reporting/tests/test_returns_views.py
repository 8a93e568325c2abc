"""The returns pages: who may use them, the checks page listing failures with links, and query
counts that stay flat as the records grow."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from frontdoor.audit.models import AuditEvent
from frontdoor.cases.models import Referral
from frontdoor.child_protection.models import ChildProtectionPlan

from . import protection_builders as pb
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
    assert "1 error for 1 child" in page
    assert amy.la_child_id in page and "8610" in page
    assert "record the primary need" in page
    # No link an analyst could not follow: the worker fixes it.
    assert reverse("people:detail", args=[amy.pk]) not in page
    assert "Ask the child's worker to correct it" in page
    assert "Download anyway, with 1 known error" in page


@time_machine.travel("2026-04-20 09:00Z")
def test_a_clean_census_says_so(as_user, analyst):
    referral(child("Amy"), date(2025, 6, 2))
    page = as_user(analyst).get(reverse("reporting:census_check") + "?year=2026").content.decode()
    # No errors; the queries about the return as a whole (one child uses too few disability
    # codes for the DfE's liking: 2887Q) are listed to answer, and the file can be sent.
    assert "No errors: the DfE will accept the file" in page and "2887Q" in page
    assert "Download the census file" in page


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
        response = client.get(url)
    assert response.status_code == 200
    assert "2 contacts received in the period" in response.content.decode()
    with django_assert_max_num_queries(20):
        response = client.get(drill)
    assert response.status_code == 200
    assert "Kid1 Grow" in response.content.decode()
    grow(20)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(url)
    assert response.status_code == 200
    assert "22 contacts received in the period" in response.content.decode()
    with django_assert_max_num_queries(20):
        response = client.get(drill)
    assert response.status_code == 200
    assert "Kid19 Grow" in response.content.decode()


@time_machine.travel("2026-04-20 09:00Z")
def test_the_checks_page_queries_stay_flat_as_failing_children_grow(
    as_user, analyst, django_assert_max_num_queries
):
    url = reverse("reporting:census_check") + "?year=2026"

    def grow(n: int) -> None:
        for _ in range(n):
            broken = referral(child("Grow"), date(2025, 6, 2))
            Referral.objects.filter(pk=broken.pk).update(primary_need="")

    grow(2)
    client = as_user(analyst)
    client.get(url)  # warm caches (calendar, sessions)
    with django_assert_max_num_queries(40) as small:
        response = client.get(url)
    assert response.status_code == 200
    assert "2 errors for 2 children" in response.content.decode()
    grow(20)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(url)
    assert response.status_code == 200
    assert "22 errors for 22 children" in response.content.decode()


@time_machine.travel("2026-04-20 09:00Z")
def test_an_empty_collection_year_offers_nothing_to_download(as_user, analyst):
    page = as_user(analyst).get(reverse("reporting:census_check") + "?year=2026").content.decode()
    assert "there is nothing to submit" in page and "Download" not in page


def _overlapping_episodes(kid):
    """Two episodes for one child, the first still running when the second starts: made by hand,
    as a data migration or a direct edit could leave them (the services would refuse)."""
    first = referral(kid, date(2025, 6, 2), closed=date(2025, 7, 1))
    referral(kid, date(2025, 8, 4))
    Referral.objects.filter(pk=first.pk).update(closure_date=date(2025, 9, 1))
    return first


@time_machine.travel("2026-04-20 09:00Z")
def test_the_checks_page_identifies_a_child_whose_episodes_overlap(as_user, analyst):
    leo = child("Leo", "Stewart")
    first = _overlapping_episodes(leo)
    response = as_user(analyst).get(reverse("reporting:census_check") + "?year=2026")
    assert response.status_code == 200
    page = response.content.decode()
    assert "1 error for 1 child" in page
    # The analyst prepares the return but never opens a child's record: the child's LA id, no name.
    assert "Leo Stewart" not in page and f'href="/people/{leo.pk}/"' not in page
    assert "Ask the child's worker to correct it" in page
    assert "8820" in page and (
        "Referral of 2 June 2025 was still open when the referral of 4 August 2025 started "
        "another episode" in page
    )
    assert reverse("child_protection:referral_detail", args=[first.pk]) not in page
    event = AuditEvent.objects.get(action="list", record_type="census_checks")
    assert event.actor == analyst
    assert event.detail == {"year": 2026, "restricted": 0, "person_ids": [leo.pk]}


@time_machine.travel("2026-04-20 09:00Z")
def test_the_checks_page_identifies_a_child_whose_protection_plans_overlap(
    as_user, analyst, social_worker
):
    leo = child("Leo", "Stewart")
    episode = referral(leo, date(2025, 6, 2))
    held = {"plan": True, "outcome": "substantiated_icpc"}
    first = pb.s47(
        episode, social_worker, date(2025, 6, 3), date(2025, 6, 24), icpc=date(2025, 6, 24), **held
    )
    second = pb.s47(
        episode, social_worker, date(2025, 8, 1), date(2025, 8, 22), icpc=date(2025, 8, 22), **held
    )
    earlier = pb.cp_plan(first, date(2025, 6, 24), end=date(2025, 8, 1))
    pb.cp_plan(second, date(2025, 8, 22))
    # Ended after the later plan began: edited by hand past the services' rules.
    ChildProtectionPlan.objects.filter(pk=earlier.pk).update(end_date=date(2025, 9, 30))
    page = as_user(analyst).get(reverse("reporting:census_check") + "?year=2026").content.decode()
    assert "1 error for 1 child" in page
    # The analyst prepares the return but never opens a child's record: the child's LA id, no name.
    assert "Leo Stewart" not in page and f'href="/people/{leo.pk}/"' not in page
    assert "Ask the child's worker to correct it" in page
    assert "8940" in page and "The CP plan started 24 June 2025 overlaps a later plan" in page
    assert reverse("child_protection:plan_detail", args=[earlier.pk]) not in page


@time_machine.travel("2026-04-20 09:00Z")
def test_the_checks_page_masks_a_sealed_child(as_user, analyst):
    secret = child("Sam", "Sealed")
    secret.sealed = True
    secret.save(update_fields=["sealed"])
    _overlapping_episodes(secret)
    _overlapping_episodes(child("Leo", "Stewart"))
    response = as_user(analyst).get(reverse("reporting:census_check") + "?year=2026")
    assert response.status_code == 200
    page = response.content.decode()
    assert "2 errors for 2 children" in page
    assert "Restricted record" in page and "Ask the child's worker to correct it" in page
    assert "Sam Sealed" not in page
    assert reverse("people:detail", args=[secret.pk]) not in page
    assert page.count("2 June 2025") == 1  # only Leo's episode dates are shown
    assert "Ask one of the people on the child's access list to correct it" in page
    event = AuditEvent.objects.get(action="list", record_type="census_checks")
    assert event.detail["restricted"] == 1
    assert secret.pk not in event.detail["person_ids"]
