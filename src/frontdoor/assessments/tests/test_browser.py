"""Browser journey: manager guidance → assessment with mapping, scaling and a structured bottom
line → sign-off with step-down."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from frontdoor.child_protection.tests.browser_helpers import fill_date, go
from frontdoor.child_protection.tests.helpers import open_referral
from frontdoor.conftest import PASSWORD
from frontdoor.core.calendar import get_calendar
from frontdoor.earlyhelp.models import StepDown
from frontdoor.testing.browser import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


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

    sign_in(page, "social_worker", PASSWORD)  # lands on the home page (core/home.py)
    go(page, "Child protection")
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
