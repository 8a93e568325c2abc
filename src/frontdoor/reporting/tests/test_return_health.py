"""The returns health page and what feeds it: the nightly run stores each problem with the team
and worker who fix it and the day's counts; a change to a child's records re-checks that child;
the page reads the stored results (flat queries), masks sealed children and is audited."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine
from django.core.management import call_command
from django.db.models import Sum
from django.urls import reverse

from frontdoor.audit.models import AuditEvent
from frontdoor.cases.models import Referral
from frontdoor.reporting.models import CheckResult, CheckRun, CheckSnapshot

from .builders import child, referral

pytestmark = pytest.mark.django_db

URL = reverse("reporting:return_health") + "?year=2026"


def _missing_need(kid, worker):
    made = referral(kid, date(2025, 6, 2), team=worker.team, worker=worker)
    Referral.objects.filter(pk=made.pk).update(primary_need="")  # edited past the services
    return made


@time_machine.travel("2026-01-15 09:00Z")
def test_the_nightly_run_stores_each_problem_with_who_fixes_it(social_worker, capsys):
    amy = child("Amy", "Health")
    episode = _missing_need(amy, social_worker)
    call_command("run_return_checks", "--year", "2026")
    assert "1 children checked" in capsys.readouterr().out
    (found,) = CheckResult.objects.filter(rule="8610")
    assert (found.person, found.referral, found.is_query) == (amy, episode, False)
    assert (found.team, found.worker) == (social_worker.team, social_worker)
    assert found.url == reverse("child_protection:referral_detail", args=[episode.pk])
    snap = CheckSnapshot.objects.get(rule="8610")
    assert (snap.day, snap.count, snap.worker) == (date(2026, 1, 15), 1, social_worker)
    run = CheckRun.objects.get()
    assert (run.year, run.children) == (2026, 1)
    event = AuditEvent.objects.get(action="return_checks_run")
    assert event.actor is None and event.detail["problems"] == run.problems
    # A second run on the same day replaces the first's rows and counts.
    call_command("run_return_checks", "--year", "2026")
    assert CheckResult.objects.filter(rule="8610").count() == 1
    assert CheckSnapshot.objects.filter(rule="8610").count() == 1


@time_machine.travel("2026-01-15 09:00Z")
def test_a_change_to_the_childs_records_rechecks_that_child(
    social_worker, django_capture_on_commit_callbacks
):
    amy, ben = child("Amy", "Health"), child("Ben", "Health")
    episode = _missing_need(amy, social_worker)
    _missing_need(ben, social_worker)
    call_command("run_return_checks", "--year", "2026")
    assert CheckResult.objects.filter(rule="8610").count() == 2
    with django_capture_on_commit_callbacks(execute=True):
        episode.refresh_from_db()
        episode.primary_need = "N1"
        episode.save()
    assert list(CheckResult.objects.filter(rule="8610").values_list("person", flat=True)) == [
        ben.pk
    ]
    # The return-level queries (about the whole return) are left for the nightly run.
    assert CheckResult.objects.filter(person=None).exists()


@time_machine.travel("2026-01-15 09:00Z")
def test_the_page_by_rule_team_and_worker_links_to_what_to_fix(
    as_user, mash_manager, social_worker
):
    amy = child("Amy", "Health")
    episode = _missing_need(amy, social_worker)
    call_command("run_return_checks", "--year", "2026")
    page = as_user(mash_manager).get(URL).content.decode()
    assert "Returns health" in page and "8610" in page
    assert "Primary Need code is missing for a referral which led to further action." in page
    assert social_worker.display_name in page and social_worker.team.name in page
    # A manager may open the record: the child's name, and the problem links to the episode.
    assert "Amy Health" in page
    assert reverse("child_protection:referral_detail", args=[episode.pk]) in page
    chosen = as_user(mash_manager).get(URL + "&rule=8610").content.decode()
    assert "Problems chosen" in chosen and "1 problem" in chosen
    event = AuditEvent.objects.filter(action="list", record_type="return_health").last()
    assert event.actor == mash_manager and event.detail["person_ids"] == [amy.pk]


@time_machine.travel("2026-01-15 09:00Z")
def test_the_analyst_sees_ids_and_who_fixes_it_but_no_names_or_links(
    as_user, analyst, social_worker, police_partner
):
    amy = child("Amy", "Health")
    episode = _missing_need(amy, social_worker)
    call_command("run_return_checks", "--year", "2026")
    page = as_user(analyst).get(URL).content.decode()
    assert amy.la_child_id in page and "Amy Health" not in page
    assert reverse("child_protection:referral_detail", args=[episode.pk]) not in page
    assert as_user(police_partner).get(URL).status_code == 403


@time_machine.travel("2026-01-15 09:00Z")
def test_a_sealed_child_is_a_restricted_record(as_user, mash_manager, social_worker):
    secret = child("Sam", "Sealed")
    secret.sealed = True
    secret.save(update_fields=["sealed"])
    _missing_need(secret, social_worker)
    _missing_need(child("Leo", "Stewart"), social_worker)
    call_command("run_return_checks", "--year", "2026")
    page = as_user(mash_manager).get(URL).content.decode()
    assert "Restricted record" in page and "Sam Sealed" not in page
    assert "Leo Stewart" in page
    assert reverse("people:detail", args=[secret.pk]) not in page
    event = AuditEvent.objects.filter(action="list", record_type="return_health").last()
    assert secret.pk not in event.detail["person_ids"] and event.detail["restricted"] >= 1


def test_the_trend_shows_the_last_check_of_each_of_12_weeks(as_user, mash_manager, social_worker):
    with time_machine.travel("2025-12-01 09:00Z"):
        _missing_need(child("Amy", "Health"), social_worker)
        call_command("run_return_checks", "--year", "2026")
    with time_machine.travel("2026-01-15 09:00Z"):
        _missing_need(child("Ben", "Health"), social_worker)
        call_command("run_return_checks", "--year", "2026")
        page = as_user(mash_manager).get(URL).content.decode()
    assert "No check that week" in page
    assert "Census and Annex A problems by week" in page  # the chart, beside its table
    totals = dict(CheckSnapshot.objects.values_list("day").annotate(n=Sum("count")))
    assert totals[date(2026, 1, 15)] > totals[date(2025, 12, 1)]


@time_machine.travel("2026-01-15 09:00Z")
def test_the_page_queries_stay_flat_as_problems_grow(
    as_user, mash_manager, social_worker, django_assert_max_num_queries
):
    for n in range(2):
        _missing_need(child("Grow", f"N{n}"), social_worker)
    call_command("run_return_checks", "--year", "2026")
    client = as_user(mash_manager)
    client.get(URL)
    with django_assert_max_num_queries(30) as small:
        client.get(URL)
    for n in range(2, 22):
        _missing_need(child("Grow", f"N{n}"), social_worker)
    call_command("run_return_checks", "--year", "2026")
    with django_assert_max_num_queries(len(small.captured_queries)):
        page = client.get(URL).content.decode()
    assert "Grow N21" in page


@time_machine.travel("2026-01-15 09:00Z")
def test_before_the_first_run_the_page_says_so(as_user, mash_manager):
    page = as_user(mash_manager).get(URL).content.decode()
    assert "The checks have not run for this collection year yet" in page
