"""The pages, as users act: strategy discussion to CP plan, guidance to signed-off assessment,
mapping, group supervision, printable pages, the work tray, and who is refused."""

from __future__ import annotations

from datetime import date, datetime

import pytest
import time_machine

from frontdoor.audit.models import AuditEvent
from frontdoor.core.calendar import LONDON
from frontdoor.people.services import person_seal
from frontdoor.protection.models import (
    Assessment,
    BottomLine,
    CaseMapping,
    ChildProtectionPlan,
    GroupSupervision,
    Section47Enquiry,
    StrategyDiscussion,
)

from .helpers import date_data, formset_data, open_referral

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 11, 26, 10, 0, tzinfo=LONDON)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def strategy_post(
    decision="s47_single", agencies=("social_care", "police", "health"), day=date(2026, 11, 20)
):
    data = {
        **date_data("held_at", day, "09:30"),
        "information_shared": "Bruises seen at school",
        "decision": decision,
        "rationale": "Injury to a non-mobile area",
    }
    data.update(
        formset_data(
            "participants",
            [{"name": f"P{i}", "agency": a, "role": "Officer"} for i, a in enumerate(agencies)],
            extra=2,
        )
    )
    data.update(
        formset_data(
            "actions",
            [{"owner": "DC Holt", "action": "Visit", **date_data("due_date", day)}],
            extra=1,
        )
    )
    return data


def test_it_records_a_strategy_discussion_with_a_warning_and_starts_the_s47(as_user, social_worker):
    referral = open_referral(social_worker)
    client = as_user(social_worker)
    assert (
        client.get(f"/protection/referrals/{referral.pk}/strategy-discussions/new/").status_code
        == 200
    )
    response = client.post(
        f"/protection/referrals/{referral.pk}/strategy-discussions/new/",
        strategy_post(agencies=("social_care", "police")),
        follow=True,
    )
    discussion = StrategyDiscussion.objects.get()
    assert discussion.participants.count() == 2 and discussion.actions.count() == 1
    assert "No one from health took part" in response.content.decode()
    s47 = Section47Enquiry.objects.get()
    assert s47.icpc_target == date(2026, 12, 11)
    page = client.get(f"/protection/s47/{s47.pk}/").content.decode()
    assert "11 December 2026" in page
    assert AuditEvent.objects.filter(
        action="view", record_type="s47", record_id=str(s47.pk), person_id=referral.person_id
    ).exists()


def test_it_shows_a_blank_row_error_for_an_action_without_an_owner(as_user, social_worker):
    referral = open_referral(social_worker)
    data = strategy_post()
    data["actions-0-owner"] = ""
    response = as_user(social_worker).post(
        f"/protection/referrals/{referral.pk}/strategy-discussions/new/", data
    )
    assert "Action 1: enter who owns the action" in response.content.decode()
    assert not StrategyDiscussion.objects.exists()


def test_the_s47_to_icpc_journey_refuses_a_saturday_and_makes_a_plan(as_user, social_worker):
    referral = open_referral(social_worker)
    client = as_user(social_worker)
    client.post(f"/protection/referrals/{referral.pk}/strategy-discussions/new/", strategy_post())
    s47 = Section47Enquiry.objects.get()
    findings = {
        **date_data("child_seen_date", date(2026, 11, 20)),
        "seen_alone": "no",
        "not_seen_alone_reason": "",
        "child_words": "Dad grabbed me",
        "outcome": "substantiated_icpc",
        **date_data("outcome_date", date(2026, 11, 23)),
    }
    response = client.post(f"/protection/s47/{s47.pk}/findings/", findings)
    assert "Enter why the child was not seen alone" in response.content.decode()
    findings["not_seen_alone_reason"] = "Mother insisted on staying"
    client.post(f"/protection/s47/{s47.pk}/findings/", findings)
    icpc = {
        **date_data("icpc_date", date(2026, 11, 21)),
        "cp_plan": "yes",
        "initial_category": "PHY",
    }
    response = client.post(f"/protection/s47/{s47.pk}/icpc/", icpc)
    assert "The ICPC date must be a working day" in response.content.decode()
    icpc.update(date_data("icpc_date", date(2026, 11, 25)))
    response = client.post(f"/protection/s47/{s47.pk}/icpc/", icpc, follow=True)
    plan = ChildProtectionPlan.objects.get()
    assert plan.start_date == date(2026, 11, 25) and plan.first_review_due == date(2027, 2, 25)
    assert "25 February 2027" in response.content.decode()


def _guidance_post(due=date(2026, 12, 18)):
    data = {
        "focus": "Bruising",
        "lines_of_enquiry": "Who cares for Amy",
        **date_data("due_date", due),
        "absent_parent": "named",
        "absent_parent_note": "",
    }
    data.update(
        formset_data(
            "people",
            [
                {"name": "Mary", "relationship": "mother", "lives_with_child": "on"},
                {"name": "Dan", "relationship": "father"},
            ],
            extra=1,
        )
    )
    return data


def test_manager_guidance_refuses_a_due_date_beyond_45_working_days(
    as_user, social_worker, mash_manager
):
    referral = open_referral(social_worker)  # 2 November 2026: the limit is 7 January 2027
    response = as_user(mash_manager).post(
        f"/protection/referrals/{referral.pk}/guidance/new/", _guidance_post(date(2027, 1, 8))
    )
    assert "no later than 07 January 2027" in response.content.decode()
    assert (
        as_user(social_worker).get(f"/protection/referrals/{referral.pk}/guidance/new/").status_code
        == 403
    )


def test_the_assessment_start_page_refuses_without_guidance(as_user, social_worker):
    referral = open_referral(social_worker)
    response = as_user(social_worker).post(
        f"/protection/referrals/{referral.pk}/assessments/new/",
        date_data("start_date", date(2026, 11, 3)),
    )
    assert "cannot start without manager guidance" in response.content.decode()
    assert not Assessment.objects.exists()


def _mapping_post(day=date(2026, 11, 24)):
    data = {
        **date_data("held_on", day),
        "harm": "Bruise on arm",
        "complicating_factors": "",
        "strengths": "Mary walks Amy to school",
        "existing_safety": "Mary called police",
        "grey_areas": "",
    }
    data.update(
        formset_data(
            "dangers", [{"danger": "Amy may be hurt", "safety_goal": "Amy is safe at home"}]
        )
    )
    data.update(
        formset_data(
            "steps", [{"who": "Sam", "what": "Visit", **date_data("by_when", date(2026, 12, 1))}]
        )
    )
    data.update(
        formset_data(
            "scores",
            [
                {"name": "Sam", "role": "professional", "score": "2"},
                {"name": "Mary", "role": "family", "score": "8"},
                {"name": "Amy", "role": "child", "score": "6"},
            ],
            extra=1,
        )
    )
    data.update(
        formset_data(
            "lines",
            [
                {
                    "trigger": "Dan visits",
                    "agency_action": "hold a strategy discussion",
                    "who_acts": "the duty social worker",
                    "how_quickly": "the same day",
                    "family_must": "Mary must call 999",
                }
            ],
        )
    )
    return data


def test_the_assessment_journey_with_mapping_and_step_down(as_user, social_worker, mash_manager):
    referral = open_referral(social_worker)
    manager, worker = as_user(mash_manager), as_user(social_worker)
    manager.post(f"/protection/referrals/{referral.pk}/guidance/new/", _guidance_post())
    worker.post(
        f"/protection/referrals/{referral.pk}/assessments/new/",
        date_data("start_date", date(2026, 11, 26)),
    )
    assessment = Assessment.objects.get()
    base = f"/protection/assessments/{assessment.pk}"
    worker.post(
        f"{base}/visits/new/", {**date_data("seen_on", date(2026, 11, 26)), "seen_alone": "on"}
    )
    worker.post(
        f"{base}/child-voice/", {"direct_work": ["three_houses"], "child_voice": "I like school"}
    )
    bad = _mapping_post()
    bad["lines-0-trigger"] = ""
    response = worker.post(
        f"/protection/referrals/{referral.pk}/mappings/new/?assessment={assessment.pk}", bad
    )
    assert "Bottom line 1: Enter the specific trigger" in response.content.decode()
    worker.post(
        f"/protection/referrals/{referral.pk}/mappings/new/?assessment={assessment.pk}",
        _mapping_post(),
    )
    mapping = CaseMapping.objects.get()
    assert mapping.assessment == assessment and BottomLine.objects.count() == 1
    page = worker.get(f"/protection/mappings/{mapping.pk}/").content.decode()
    assert (
        "lowest <strong>2</strong>, highest <strong>8</strong>, median <strong>6</strong>" in page
    )
    plan = worker.get(f"/protection/mappings/{mapping.pk}/safety-plan/").content.decode()
    assert (
        "the duty social worker will hold a strategy discussion <strong>the same day</strong>"
        in plan
    )
    response = worker.post(
        f"{base}/outcome/",
        {"analysis": "Mother protective", "factors": ["21", "3B"], "outcome": "step_down"},
    )
    assert "cannot be combined with other factors" in response.content.decode()
    worker.post(
        f"{base}/outcome/",
        {"analysis": "Mother protective", "factors": ["3B"], "outcome": "step_down"},
    )
    response = manager.post(f"{base}/sign-off/", date_data("signoff_date", date(2026, 11, 26)))
    assert "Record whether Mary engaged" in response.content.decode()
    for row in assessment.guidance.people_to_see.all():
        worker.post(
            f"{base}/engagement/{row.pk}/",
            {
                "engaged": "no",
                "not_engaged_reason": "Declined",
                "attempts": "Letters and a home visit",
            },
        )
    assert worker.get(f"{base}/sign-off/").status_code == 403
    manager.post(f"{base}/sign-off/", date_data("signoff_date", date(2026, 11, 26)))
    assessment.refresh_from_db()
    referral.refresh_from_db()
    assert assessment.authorised_date == date(2026, 11, 26)
    assert AuditEvent.objects.filter(
        action="sign_off",
        record_type="assessment",
        record_id=str(assessment.pk),
        actor_username="mash_manager",
    ).exists()
    assert (referral.closure_date, referral.reason_for_closure) == (date(2026, 11, 26), "RC9")
    from frontdoor.earlyhelp.models import StepDown

    stepdown = StepDown.objects.get()
    assert stepdown.person_id == referral.person_id
    printed = worker.get(f"{base}/print/").content.decode()
    assert "Mother protective" in printed and "I like school" in printed
    assert "A Teacher" not in printed  # the referrer's details never appear on printable pages


def test_group_supervision_page_records_and_shows_the_spread(as_user, social_worker, mash_manager):
    referral = open_referral(social_worker)
    data = {
        **date_data("held_on", date(2026, 11, 25)),
        "chair": "Priya",
        "presenter": "Sam",
        "mapping": "",
        "decision": "Continue",
        "accountable_manager": str(mash_manager.pk),
    }
    data.update(
        formset_data(
            "participants",
            [
                {
                    "name": "Sam",
                    "agency": "social_care",
                    "role": "SW",
                    "contribution": "Presented",
                    "scale": "3",
                },
                {
                    "name": "Nurse Jo",
                    "agency": "health",
                    "role": "School nurse",
                    "contribution": "Weight",
                    "scale": "5",
                },
            ],
        )
    )
    data.update(formset_data("actions", []))
    response = as_user(social_worker).post(
        f"/protection/referrals/{referral.pk}/group-supervisions/new/", data, follow=True
    )
    supervision = GroupSupervision.objects.get()
    assert supervision.accountable_manager == mash_manager
    assert "lowest 3, highest 5, median 4" in response.content.decode()


def test_sealed_children_and_partners_are_refused(as_user, social_worker, police_partner, outsider):
    referral = open_referral(social_worker)
    person_seal(actor=None, person=referral.person, reason="Staff member's child")
    assert as_user(social_worker).get(f"/protection/referrals/{referral.pk}/").status_code == 404
    assert AuditEvent.objects.filter(
        action="refused", record_type="referral", record_id=str(referral.pk)
    ).exists()
    assert as_user(police_partner).get(f"/protection/referrals/{referral.pk}/").status_code == 403
    assert as_user(outsider).get("/protection/").status_code == 403


def test_the_work_tray_lists_overdue_first_with_constant_queries(
    as_user, social_worker, mash_manager, django_assert_max_num_queries
):
    client = as_user(social_worker)

    def add(n):
        for i in range(n):
            referral = open_referral(social_worker, first=f"Child{i}{n}", on=date(2026, 10, 1))
            client.post(
                f"/protection/referrals/{referral.pk}/strategy-discussions/new/",
                strategy_post(day=date(2026, 10, 1 + i)),
            )

    add(1)
    with django_assert_max_num_queries(12):
        client.get("/protection/")
    add(4)
    with django_assert_max_num_queries(12):
        response = client.get("/protection/")
    page = response.content.decode()
    assert page.count("fd-overdue-row") >= 5
    assert page.index("Section 47 enquiry") < page.index("My allocated referrals")


def test_the_person_page_links_to_the_protection_records_and_the_manager_sees_waiting_work(
    as_user, social_worker, mash_manager
):
    referral = open_referral(social_worker)
    page = as_user(social_worker).get(f"/people/{referral.person_id}/").content.decode()
    assert f"/protection/referrals/{referral.pk}/" in page
    home = as_user(mash_manager).get("/protection/").content.decode()
    assert "Referrals waiting for assessment guidance" in home
    assert f"/protection/referrals/{referral.pk}/guidance/new/" in home


def test_plan_reviews_and_ending_and_actions_marked_done_through_the_pages(as_user, social_worker):
    referral = open_referral(social_worker)
    client = as_user(social_worker)
    client.post(f"/protection/referrals/{referral.pk}/strategy-discussions/new/", strategy_post())
    discussion = StrategyDiscussion.objects.get()
    action = discussion.actions.get()
    assert client.get(f"/protection/actions/{action.pk}/done/").status_code == 404  # POST only
    client.post(f"/protection/actions/{action.pk}/done/")
    action.refresh_from_db()
    assert action.done_date == date(2026, 11, 26)
    assert AuditEvent.objects.filter(
        action="complete", record_type="action", record_id=str(action.pk)
    ).exists()
    s47 = discussion.s47
    from frontdoor.protection import services

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
        f"/protection/plans/{plan.pk}/review/",
        {**date_data("held_date", date(2026, 11, 23)), "plan_continues": "yes", "category": "NEG"},
    )
    assert "The review date must be after 24 November 2026" in response.content.decode()
    client.post(
        f"/protection/plans/{plan.pk}/review/",
        {**date_data("held_date", date(2026, 11, 25)), "plan_continues": "yes", "category": "EMO"},
    )
    response = client.post(
        f"/protection/plans/{plan.pk}/end/",
        {**date_data("end_date", date(2026, 11, 26)), "reason": ""},
    )
    assert "Enter why the plan is ending" in response.content.decode()
    client.post(
        f"/protection/plans/{plan.pk}/end/",
        {**date_data("end_date", date(2026, 11, 26)), "reason": "Risk reduced"},
    )
    plan.refresh_from_db()
    assert (plan.latest_category, plan.end_date, plan.next_review_due) == (
        "EMO",
        date(2026, 11, 26),
        None,
    )
    page = client.get(f"/protection/plans/{plan.pk}/").content.decode()
    assert "Risk reduced" in page and "Record a review conference" not in page
