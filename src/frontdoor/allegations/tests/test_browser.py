"""Browser journeys for the designated officer: a referral from logging to outcome with an
initial and a review meeting, and a quick consultation. axe-core runs on every page."""

from datetime import date, timedelta

import pytest

from frontdoor.allegations.models import Allegation
from frontdoor.allegations.services import allegation_outcome_authorise
from frontdoor.conftest import PASSWORD
from frontdoor.core.calendar import get_calendar
from frontdoor.people.tests.factories import make_child
from frontdoor.testing.browser import sign_in

from .factories import officers

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def fill_date(page, name: str, day: date, time: str = "") -> None:  # type: ignore[no-untyped-def]
    page.fill(f"#id_{name}", str(day.day))
    page.fill(f"#id_{name}_month", str(day.month))
    page.fill(f"#id_{name}_year", str(day.year))
    if time:
        page.fill(f"#id_{name}_time", time)


def go(page, name: str) -> None:  # type: ignore[no-untyped-def]
    page.get_by_role("button", name=name).click()
    page.wait_for_load_state("load")
    page.axe.check()


def record_meeting(page, kind: str, held: date, check_errors: bool = False) -> None:  # type: ignore[no-untyped-def]
    page.get_by_role("link", name="Record a meeting").click()
    page.axe.check()
    page.get_by_role("radio", name=kind).check()
    go(page, "Start the meeting record")
    fill_date(page, "held_on", held)
    page.fill("#id_attendees", "Alex Fairbairn, LADO\nSam Lee, police")
    page.fill("#id_decisions-0-decision", "Police to interview the pupil first")
    page.fill("#id_decisions-0-rationale", "A possible offence")
    page.fill("#id_actions-0-description", "Interview the pupil")
    page.fill("#id_actions-0-owner", "DC Lee, police")
    fill_date(page, "actions-0-due_on", held + timedelta(days=14))
    page.fill("#id_support_provider", "Union representative")
    page.fill("#id_support_description", "Weekly contact")
    fill_date(page, "feedback_due_on", held + timedelta(days=21))
    if check_errors:
        go(page, "Finalise meeting record")
        assert "Key issues are missing" in page.locator(".govuk-error-summary").inner_text()
    page.fill("#id_key_issues", "Whether the restraint was reasonable")
    go(page, "Finalise meeting record")
    assert "Meeting record finalised" in page.content()


def test_a_referral_from_logging_to_outcome(page, designated_officer):
    make_child("Robin", "Pupil")
    received = date.today() - timedelta(days=12)
    while not get_calendar().is_working_day(received):
        received -= timedelta(days=1)
    sign_in(page, "designated_officer", PASSWORD)  # lands on the home page (core/home.py)
    page.get_by_role("link", name="Allegations", exact=True).first.click()
    page.wait_for_load_state("load")
    page.axe.check()
    assert page.get_by_role("heading", name="Allegations work tray").is_visible()

    page.get_by_role("link", name="Log a referral").click()
    page.axe.check()
    page.fill("#id_first_name", "Chris")
    page.fill("#id_last_name", "Assistant")
    fill_date(page, "date_of_birth", date(1984, 2, 10))
    page.fill("#id_job_role", "Teaching assistant")
    page.fill("#id_employer", "Demoton Primary School")
    page.select_option("#id_sector", "education")
    page.get_by_role("radio", name="Yes").check()
    fill_date(page, "employer_learned_on", received)
    fill_date(page, "received_at", received, "10:15")
    page.get_by_role("radio", name="Employer").check()
    page.get_by_label("Behaved in a way that has harmed, or may have harmed, a child").check()
    page.fill("#id_summary", "A pupil said the assistant grabbed their arm.")
    go(page, "Save referral")
    allegation = Allegation.objects.get()
    assert f"Referral {allegation.reference} recorded" in page.content()

    page.get_by_role("link", name="Link a child").click()
    page.axe.check()
    page.get_by_label("Child's name, NHS number or UPN").fill("Robin Pupil")
    # the page's own search, not the search box in the header of every page
    page.locator("#main-content").get_by_role("button", name="Search").click()
    page.wait_for_load_state("load")
    page.axe.check()
    go(page, "Link Robin Pupil")
    assert "Robin Pupil linked as a child involved" in page.content()

    page.get_by_role("link", name="Record the initial consideration").click()
    page.axe.check()
    page.fill("#id_nature_and_context", "Physical contact during a lesson")
    page.fill("#id_history", "None known")
    page.check("#id_police_needed")
    page.check("#id_s47_needed_1")
    page.check("#id_stay_in_role_1")
    page.fill("#id_alternatives_considered", "Moved to non-contact duties")
    page.check("#id_hold_meeting")
    page.fill("#id_rationale", "Harm test met; police and employer need to share information")
    go(page, "Save initial consideration")

    record_meeting(page, "Initial allegation management meeting", received, check_errors=True)
    record_meeting(page, "Review meeting", received + timedelta(days=7))

    page.get_by_role("link", name="Propose the outcome").click()
    page.axe.check()
    assert "There is sufficient evidence to disprove the allegation." in page.content()
    page.get_by_role("radio", name="Unsubstantiated").check()
    fill_date(page, "concluded_on", date.today())
    page.get_by_role("radio", name="Training or guidance").check()
    page.get_by_role("radio", name="Not referred").check()
    go(page, "Propose outcome")
    assert "a second designated officer must authorise it" in page.content()
    assert "Awaiting authorisation" in page.content()
    _, authoriser = officers()
    allegation_outcome_authorise(actor=authoriser, proposal=allegation.outcome_proposal)
    page.reload()
    page.axe.check()
    allegation.refresh_from_db()
    assert (allegation.status, allegation.outcome) == ("concluded", "unsubstantiated")
    assert allegation.meetings.filter(final=True).count() == 2
    assert allegation.retain_until == date(2084, 2, 10)


def test_a_consultation_is_quick_to_log(page, designated_officer):
    sign_in(page, "designated_officer", PASSWORD)  # lands on the home page (core/home.py)
    page.get_by_role("link", name="Allegations", exact=True).first.click()
    page.wait_for_load_state("load")
    page.get_by_role("link", name="Log a consultation").click()
    page.axe.check()
    fill_date(page, "received_at", date.today() - timedelta(days=1), "16:05")
    page.get_by_role("radio", name="Parent or carer").check()
    page.select_option("#id_sector", "sport")
    page.fill("#id_summary", "A coach shouted at the team.")
    page.fill("#id_advice_given", "Below the harm test: a low-level concern for the club.")
    go(page, "Save consultation")
    assert "Advice given" in page.content() and "Not named" in page.content()

    page.get_by_role("link", name="Allegations", exact=True).click()
    page.axe.check()
    assert "Consultations in the last 14 days (1)" in page.content()
    page.get_by_role("link", name="Annual report").click()
    page.axe.check()
    page.goto("/allegations/people/?q=coach")
    page.axe.check()
