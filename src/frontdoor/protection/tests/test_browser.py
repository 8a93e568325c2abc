"""Browser journeys: strategy discussion → s47 → ICPC with a CP plan; and manager guidance →
assessment with mapping, scaling and a structured bottom line → sign-off with step-down."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from frontdoor.conftest import PASSWORD
from frontdoor.core.calendar import get_calendar
from frontdoor.earlyhelp.models import StepDown
from frontdoor.protection.models import ChildProtectionPlan
from frontdoor.testing.browser import sign_in

from .helpers import open_referral

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _working_days() -> tuple[date, date]:
    """The latest working day up to today, and the working day before it."""
    cal = get_calendar()
    day = timezone.localdate()
    while not cal.is_working_day(day):
        day -= timedelta(days=1)
    before = day - timedelta(days=1)
    while not cal.is_working_day(before):
        before -= timedelta(days=1)
    return day, before


def fill_date(page, field_id: str, day: date, time: str | None = None) -> None:
    page.locator(f"#{field_id}").fill(str(day.day))
    page.locator(f"#{field_id}_month").fill(str(day.month))
    page.locator(f"#{field_id}_year").fill(str(day.year))
    if time:
        page.locator(f"#{field_id}_time").fill(time)


def go(page, name: str, role: str = "link") -> None:
    page.get_by_role(role, name=name).first.click()
    page.wait_for_load_state("load")
    page.axe.check()


def test_strategy_discussion_to_s47_to_icpc_with_a_plan(page, social_worker):
    icpc_day, held_day = _working_days()
    referral = open_referral(
        social_worker, on=held_day - timedelta(days=7), first="Ruby", last="Ashdown"
    )
    sign_in(page, "social_worker", PASSWORD)  # lands on the work tray
    go(page, "Ruby Ashdown")
    go(page, "Record a strategy discussion")
    fill_date(page, "id_held_at", held_day, "09:30")
    for i, (name, agency) in enumerate([("Sam Social", "social_care"), ("DC Holt", "police")]):
        page.locator(f"#id_participants-{i}-name").fill(name)
        page.locator(f"#id_participants-{i}-agency").select_option(agency)
        page.locator(f"#id_participants-{i}-role").fill("Officer")
    page.get_by_label("Information shared").fill("School saw a bruise on Ruby's cheek.")
    page.get_by_label("Section 47 enquiry: joint with police").check()
    page.get_by_label("Rationale for the decision").fill(
        "Injury with an account that does not fit."
    )
    page.locator("#id_actions-0-owner").fill("DC Holt")
    page.locator("#id_actions-0-action").fill("Joint visit to Ruby at school")
    fill_date(page, "id_actions-0-due_date", icpc_day)
    go(page, "Record strategy discussion", "button")
    assert "No one from health took part" in page.content()  # a warning, not a refusal
    go(page, "Section 47 enquiry started")
    go(page, "Record the findings and outcome")
    fill_date(page, "id_child_seen_date", held_day)
    page.get_by_role("radio", name="Yes").check()
    page.get_by_label("The child's words and wishes").fill(
        "Ruby said her dad hit her when he was angry."
    )
    page.get_by_label("Concerns substantiated: an ICPC is needed").check()
    fill_date(page, "id_outcome_date", icpc_day)
    go(page, "Record findings", "button")
    go(page, "Record the ICPC")
    fill_date(page, "id_icpc_date", icpc_day)
    page.get_by_role("radio", name="Yes").check()
    page.get_by_label("Physical abuse").check()
    go(page, "Record ICPC", "button")
    plan = ChildProtectionPlan.objects.get(referral=referral)
    assert plan.start_date == icpc_day and plan.initial_category == "PHY"
    assert "First review due by" in page.content()


def test_guidance_to_assessment_with_mapping_to_sign_off_with_step_down(
    page, social_worker, mash_manager
):
    today = timezone.localdate()
    referral = open_referral(
        social_worker, on=today - timedelta(days=3), first="Leo", last="Brampton"
    )
    sign_in(page, "mash_manager", PASSWORD)
    go(page, "Child protection")
    go(page, "Leo Brampton")
    page.get_by_label("Focus of the assessment").fill(
        "Home conditions and supervision after school"
    )
    page.get_by_label("Key lines of enquiry").fill(
        "Who looks after Leo? What does his father offer?"
    )
    fill_date(page, "id_due_date", get_calendar().add_working_days(referral.referral_date, 30))
    page.get_by_label("Yes: they are named below").check()
    page.locator("#id_people-0-name").fill("Mia Brampton")
    page.locator("#id_people-0-relationship").select_option("mother")
    page.locator("#id_people-0-lives_with_child").check()
    page.locator("#id_people-1-name").fill("Tom Brampton")
    page.locator("#id_people-1-relationship").select_option("father")
    go(page, "Record guidance", "button")
    go(page, "Sign out", "button")

    sign_in(page, "social_worker", PASSWORD)
    go(page, "Leo Brampton")
    go(page, "Start the assessment")
    fill_date(page, "id_start_date", today)
    go(page, "Start assessment", "button")
    go(page, "Record a visit")
    fill_date(page, "id_seen_on", today)
    page.get_by_label("The child was seen alone").check()
    go(page, "Record visit", "button")
    go(page, "Direct work and the child's voice")
    page.get_by_label("Three Houses").check()
    page.get_by_label("The child's voice: what they said, showed or drew").fill(
        "Leo drew his mum in his house of good things."
    )
    go(page, "Save", "button")
    go(page, "Add a Signs of Safety mapping")
    fill_date(page, "id_held_on", today)
    page.get_by_label("Harm: what has happened to the child").fill(
        "Leo was left alone overnight twice."
    )
    page.get_by_label("Existing strengths").fill("Mia has asked her sister to help.")
    page.locator("#id_dangers-0-danger").fill("Leo may be left alone again and get hurt.")
    page.locator("#id_dangers-0-safety_goal").fill(
        "An adult Leo knows is always with him overnight."
    )
    page.locator("#id_steps-0-who").fill("Mia")
    page.locator("#id_steps-0-what").fill("Agree a babysitting rota with her sister")
    fill_date(page, "id_steps-0-by_when", today + timedelta(days=7))
    for i, (name, role, score) in enumerate(
        [("Sam", "professional", "4"), ("Mia", "family", "8"), ("Leo", "child", "6")]
    ):
        page.locator(f"#id_scores-{i}-name").fill(name)
        page.locator(f"#id_scores-{i}-role").select_option(role)
        page.locator(f"#id_scores-{i}-score").select_option(score)
    page.locator("#id_lines-0-trigger").fill("Leo is left alone overnight again")
    page.locator("#id_lines-0-agency_action").fill("hold a strategy discussion")
    page.locator("#id_lines-0-who_acts").fill("the duty social worker")
    page.locator("#id_lines-0-how_quickly").fill("the same day")
    page.locator("#id_lines-0-family_must").fill(
        "Mia must arrange an adult to care for Leo overnight"
    )
    go(page, "Record mapping", "button")
    assert (
        "lowest <strong>4</strong>, highest <strong>8</strong>, median <strong>6</strong>"
        in page.content()
    )
    go(page, "Printable safety plan for the family")
    assert "the duty social worker will hold a strategy discussion" in page.content()
    page.emulate_media(media="print")
    assert not page.locator(".govuk-service-navigation").is_visible()
    page.emulate_media(media="screen")
    go(page, "Back to the mapping")
    go(page, "The assessment")
    for name in ("Mia Brampton", "Tom Brampton"):
        go(page, f"Record engagement of {name}")
        page.get_by_role("radio", name="Yes").check()
        go(page, "Save", "button")
    go(page, "Analysis, factors and outcome")
    page.get_by_label("Analysis").fill(
        "Mia is protective once support is in place; early help fits."
    )
    page.get_by_label("Neglect").check()
    page.get_by_label("Step down to early help").check()
    go(page, "Send for sign-off", "button")
    go(page, "Sign out", "button")

    sign_in(page, "mash_manager", PASSWORD)
    go(page, "Child protection")
    go(page, "Leo Brampton")
    go(page, "Sign off (manager)")
    fill_date(page, "id_signoff_date", today)
    go(page, "Sign off", "button")
    assert "Assessment signed off" in page.content()
    referral.refresh_from_db()
    assert referral.reason_for_closure == "RC9" and referral.closure_date == today
    assert StepDown.objects.filter(person=referral.person).count() == 1
