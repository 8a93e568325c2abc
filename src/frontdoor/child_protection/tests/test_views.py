"""The child protection pages, as users act: strategy discussion to CP plan, the work tray, and who
is refused."""

from __future__ import annotations

from datetime import date, datetime

import pytest
import time_machine

from frontdoor.audit.models import AuditEvent
from frontdoor.child_protection.models import (
    ChildProtectionPlan,
    Section47Enquiry,
    StrategyDiscussion,
)
from frontdoor.core.calendar import LONDON
from frontdoor.people.services import person_seal

from .helpers import date_data, open_referral, strategy_post

pytestmark = pytest.mark.django_db


NOW = datetime(2026, 11, 26, 10, 0, tzinfo=LONDON)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def test_it_records_a_strategy_discussion_with_a_warning_and_starts_the_s47(as_user, social_worker):
    referral = open_referral(social_worker)
    client = as_user(social_worker)
    assert (
        client.get(
            f"/child-protection/referrals/{referral.pk}/strategy-discussions/new/"
        ).status_code
        == 200
    )
    response = client.post(
        f"/child-protection/referrals/{referral.pk}/strategy-discussions/new/",
        strategy_post(agencies=("social_care", "police")),
        follow=True,
    )
    discussion = StrategyDiscussion.objects.get()
    assert discussion.participants.count() == 2 and discussion.actions.count() == 1
    assert "No one from health took part" in response.content.decode()
    s47 = Section47Enquiry.objects.get()
    assert s47.icpc_target == date(2026, 12, 11)
    page = client.get(f"/child-protection/s47/{s47.pk}/").content.decode()
    assert "11 December 2026" in page
    assert AuditEvent.objects.filter(
        action="view", record_type="s47", record_id=str(s47.pk), person_id=referral.person_id
    ).exists()


def test_it_shows_a_blank_row_error_for_an_action_without_an_owner(as_user, social_worker):
    referral = open_referral(social_worker)
    data = strategy_post()
    data["actions-0-owner"] = ""
    response = as_user(social_worker).post(
        f"/child-protection/referrals/{referral.pk}/strategy-discussions/new/", data
    )
    assert "Action 1: enter who owns the action" in response.content.decode()
    assert not StrategyDiscussion.objects.exists()


def test_the_s47_to_icpc_journey_refuses_a_saturday_and_makes_a_plan(as_user, social_worker):
    referral = open_referral(social_worker)
    client = as_user(social_worker)
    client.post(
        f"/child-protection/referrals/{referral.pk}/strategy-discussions/new/", strategy_post()
    )
    s47 = Section47Enquiry.objects.get()
    findings = {
        **date_data("child_seen_date", date(2026, 11, 20)),
        "seen_alone": "no",
        "not_seen_alone_reason": "",
        "child_words": "Dad grabbed me",
        "outcome": "substantiated_icpc",
        **date_data("outcome_date", date(2026, 11, 23)),
    }
    response = client.post(f"/child-protection/s47/{s47.pk}/findings/", findings)
    assert "Enter why the child was not seen alone" in response.content.decode()
    findings["not_seen_alone_reason"] = "Mother insisted on staying"
    client.post(f"/child-protection/s47/{s47.pk}/findings/", findings)
    icpc = {
        **date_data("icpc_date", date(2026, 11, 21)),
        "cp_plan": "yes",
        "initial_category": "PHY",
    }
    response = client.post(f"/child-protection/s47/{s47.pk}/icpc/", icpc)
    assert "The ICPC date must be a working day" in response.content.decode()
    icpc.update(date_data("icpc_date", date(2026, 11, 25)))
    response = client.post(f"/child-protection/s47/{s47.pk}/icpc/", icpc, follow=True)
    plan = ChildProtectionPlan.objects.get()
    assert plan.start_date == date(2026, 11, 25) and plan.first_review_due == date(2027, 2, 25)
    assert "25 February 2027" in response.content.decode()


def test_sealed_children_and_partners_are_refused(as_user, social_worker, police_partner, outsider):
    referral = open_referral(social_worker)
    person_seal(actor=None, person=referral.person, reason="Staff member's child")
    assert (
        as_user(social_worker).get(f"/child-protection/referrals/{referral.pk}/").status_code == 404
    )
    assert AuditEvent.objects.filter(
        action="refused", record_type="referral", record_id=str(referral.pk)
    ).exists()
    assert (
        as_user(police_partner).get(f"/child-protection/referrals/{referral.pk}/").status_code
        == 403
    )
    assert as_user(outsider).get("/child-protection/").status_code == 403


def test_the_work_tray_lists_overdue_first_with_constant_queries(
    as_user, social_worker, mash_manager, django_assert_num_queries
):
    client = as_user(social_worker)

    def add(n):
        for i in range(n):
            referral = open_referral(social_worker, first=f"Child{i}{n}", on=date(2026, 10, 1))
            client.post(
                f"/child-protection/referrals/{referral.pk}/strategy-discussions/new/",
                strategy_post(day=date(2026, 10, 1 + i)),
            )

    add(1)
    with django_assert_num_queries(15):  # 14 + the header's unread notification count
        response = client.get("/child-protection/")
    assert response.status_code == 200 and "Child01 Protect" in response.content.decode()
    add(4)
    with django_assert_num_queries(15):  # 14 + the header's unread notification count
        response = client.get("/child-protection/")
    assert response.status_code == 200
    page = response.content.decode()
    assert page.count("fd-overdue-row") >= 5
    assert page.index("Section 47 enquiry") < page.index("My allocated referrals")


def test_the_person_page_links_to_the_protection_records_and_the_manager_sees_waiting_work(
    as_user, social_worker, mash_manager
):
    referral = open_referral(social_worker)
    page = as_user(social_worker).get(f"/people/{referral.person_id}/").content.decode()
    assert f"/child-protection/referrals/{referral.pk}/" in page
    home = as_user(mash_manager).get("/child-protection/").content.decode()
    assert "Referrals waiting for assessment guidance" in home
    assert f"/assessments/referrals/{referral.pk}/guidance/new/" in home


def test_plan_reviews_and_ending_and_actions_marked_done_through_the_pages(as_user, social_worker):
    referral = open_referral(social_worker)
    client = as_user(social_worker)
    client.post(
        f"/child-protection/referrals/{referral.pk}/strategy-discussions/new/", strategy_post()
    )
    discussion = StrategyDiscussion.objects.get()
    action = discussion.actions.get()
    assert (
        client.get(f"/child-protection/actions/{action.pk}/done/").status_code == 405
    )  # POST only
    client.post(f"/child-protection/actions/{action.pk}/done/")
    action.refresh_from_db()
    assert action.done_date == date(2026, 11, 26)
    assert AuditEvent.objects.filter(
        action="complete", record_type="action", record_id=str(action.pk)
    ).exists()
    s47 = discussion.s47
    from frontdoor.child_protection import services

    services.s47_findings_record(
        actor=social_worker,
        s47=s47,
        child_seen_date=date(2026, 11, 20),
        seen_alone=True,
        not_seen_alone_reason="",
        child_words="Sad",
        outcome="substantiated_icpc",
        outcome_date=date(2026, 11, 23),
    )
    plan = services.icpc_record(
        actor=social_worker,
        s47=s47,
        icpc_date=date(2026, 11, 24),
        cp_plan=True,
        initial_category="NEG",
    )
    response = client.post(
        f"/child-protection/plans/{plan.pk}/review/",
        {**date_data("held_date", date(2026, 11, 23)), "plan_continues": "yes", "category": "NEG"},
    )
    assert "The review date must be after 24 November 2026" in response.content.decode()
    client.post(
        f"/child-protection/plans/{plan.pk}/review/",
        {**date_data("held_date", date(2026, 11, 25)), "plan_continues": "yes", "category": "EMO"},
    )
    response = client.post(
        f"/child-protection/plans/{plan.pk}/end/",
        {**date_data("end_date", date(2026, 11, 26)), "reason": ""},
    )
    assert "Enter why the plan is ending" in response.content.decode()
    client.post(
        f"/child-protection/plans/{plan.pk}/end/",
        {**date_data("end_date", date(2026, 11, 26)), "reason": "Risk reduced"},
    )
    plan.refresh_from_db()
    assert (plan.latest_category, plan.end_date, plan.next_review_due) == (
        "EMO",
        date(2026, 11, 26),
        None,
    )
    page = client.get(f"/child-protection/plans/{plan.pk}/").content.decode()
    assert "Risk reduced" in page and "Record a review conference" not in page
