"""Annex A problems on the returns health page: the nightly run checks lists 1-7 for the six months
to the day as councils' cleaning tools read Ofsted's lists, and stores each refused cell like a
census rule's problem, with the record to fix and who holds it; the page shows them by list and
check, each linking to the problems and on to the record."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse

from frontdoor.child_protection.models import ChildProtectionPlan
from frontdoor.people.models import Person
from frontdoor.reporting.models import CheckResult
from frontdoor.reporting.returns.annex_a_checks import (
    ACCEPTED,
    ANNEX_A_CHECKS,
    annex_a_end,
    annex_a_problems,
    cell_problem,
)

from . import protection_builders as pb
from .builders import child, referral

pytestmark = pytest.mark.django_db

URL = reverse("reporting:return_health") + "?year=2026"


def test_each_check_refuses_what_ofsteds_lists_refuse_and_passes_what_they_accept():
    seven = ACCEPTED["List 7"]
    required, optional = seven["Initial Category of Abuse"], seven["Child Protection Plan End Date"]
    assert cell_problem(required, None) == "blank" and cell_problem(required, "") == "blank"
    assert cell_problem(optional, None) is None
    assert cell_problem(required, "Neglect") == "value"  # not lettered: refused
    assert cell_problem(required, "a) Neglect") is None
    assert cell_problem(optional, "31/12/2025") == "date"  # text, not a date cell
    assert cell_problem(optional, date(2025, 12, 31)) is None
    count = seven["Number of Previous Child Protection Plans"]
    assert cell_problem(count, -1) == "number" and cell_problem(count, True) == "number"
    assert cell_problem(count, 2) is None
    assert ANNEX_A_CHECKS["AnnexA7-blank"].message == (
        "Annex A list 7 (Child protection): A cell Ofsted's list requires is blank"
    )


def test_the_six_months_end_today_or_at_the_reference_date_of_a_year_over():
    assert annex_a_end(2026, date(2026, 1, 15)) == date(2026, 1, 15)
    assert annex_a_end(2026, date(2026, 11, 30)) == date(2026, 3, 31)


def _plan_without_category(worker):
    amy = child("Amy", "Annex")
    episode = referral(amy, date(2025, 10, 1), team=worker.team, worker=worker)
    enquiry = pb.s47(
        episode,
        worker,
        date(2025, 10, 2),
        date(2025, 10, 23),
        icpc=date(2025, 10, 20),
        plan=True,
        outcome="substantiated_icpc",
    )
    plan = pb.cp_plan(enquiry, date(2025, 10, 20))
    # Edited past the services, as a record brought in from another system may be.
    ChildProtectionPlan.objects.filter(pk=plan.pk).update(initial_category="")
    return amy, episode, plan


@time_machine.travel("2026-01-15 09:00Z")
def test_clean_lists_have_no_problems_and_a_refused_cell_names_its_row_and_record(social_worker):
    amy, episode, plan = _plan_without_category(social_worker)
    problems = list(annex_a_problems(date(2026, 1, 15)))
    assert [(p.rule, p.person_id, p.episode_id) for p in problems] == [
        ("AnnexA7-blank", amy.pk, episode.pk)
    ]
    assert problems[0].url == reverse("child_protection:plan_detail", args=[plan.pk])
    assert problems[0].message.startswith(
        "List 7, row 2: “Initial Category of Abuse” is blank. Ofsted's list needs an answer"
    )
    ChildProtectionPlan.objects.filter(pk=plan.pk).update(initial_category="PHY")
    assert list(annex_a_problems(date(2026, 1, 15))) == []


@time_machine.travel("2026-01-15 09:00Z")
def test_the_nightly_run_stores_them_and_the_page_shows_them_by_list_and_check(
    as_user, mash_manager, social_worker
):
    amy, episode, plan = _plan_without_category(social_worker)
    call_command("run_return_checks", "--year", "2026")
    found = CheckResult.objects.get(rule="AnnexA7-blank")
    assert (found.person, found.referral, found.is_query) == (amy, episode, False)
    assert (found.team, found.worker) == (social_worker.team, social_worker)
    page = as_user(mash_manager).get(URL).content.decode()
    assert "Annex A: by list and check" in page
    assert "16 July 2025 to 15 January 2026" in page  # the six months checked
    assert " problem in Annex A List 7: A cell Ofsted&#x27;s list requires is blank" in page
    chosen = as_user(mash_manager).get(URL + "&rule=AnnexA7-blank").content.decode()
    assert "Problems chosen" in chosen and "1 problem" in chosen
    assert reverse("child_protection:plan_detail", args=[plan.pk]) in chosen
    assert "Amy Annex" in chosen
    # A rule code that is neither a DfE rule nor an Annex A check is ignored, not trusted.
    unknown = as_user(mash_manager).get(URL + "&rule=AnnexA9-nonsense").content.decode()
    assert "Problems to fix" in unknown


@time_machine.travel("2026-01-15 09:00Z")
def test_the_census_counts_leave_annex_a_apart_and_a_recheck_keeps_them(
    as_user, mash_manager, social_worker, django_capture_on_commit_callbacks
):
    amy, episode, plan = _plan_without_category(social_worker)
    call_command("run_return_checks", "--year", "2026")
    page = as_user(mash_manager).get(URL).content.decode()
    census = CheckResult.objects.exclude(rule__startswith="AnnexA")
    errors = census.filter(is_query=False).count()
    assert f"{errors}</span> census error" in page
    assert "1</span> Annex A problem" in page
    # A change to the child's records re-checks the census rules; Annex A waits for the night.
    with django_capture_on_commit_callbacks(execute=True):
        episode.refresh_from_db()
        episode.save()
    assert CheckResult.objects.filter(rule="AnnexA7-blank").count() == 1


@time_machine.travel("2026-01-15 09:00Z")
def test_a_child_born_after_the_period_has_no_age_rather_than_a_negative_one(social_worker):
    baby = child("Bea", "Annex", dob=date(2025, 11, 1))
    referral(baby, date(2025, 12, 1), team=social_worker.team, worker=social_worker)
    # Referred before birth; the birth recorded later, after the six months checked.
    Person.objects.filter(pk=baby.pk).update(date_of_birth=date(2026, 3, 1))
    assert list(annex_a_problems(date(2026, 1, 15))) == []
