"""Logging consultations and referrals: late reports across a bank holiday, the initial
consideration deadline, and the messages when something is missing."""

from datetime import date

import pytest
import time_machine

from frontdoor.allegations.models import Allegation, AllegationSubject
from frontdoor.allegations.services import report_working_days
from frontdoor.audit.models import AuditEvent

from .factories import at, make_referral, make_subject

pytestmark = pytest.mark.django_db


def _date(prefix: str, d: date) -> dict[str, str]:
    return {
        f"{prefix}_day": str(d.day),
        f"{prefix}_month": str(d.month),
        f"{prefix}_year": str(d.year),
    }


def _referral_post(**kw: str) -> dict[str, object]:
    data: dict[str, object] = {
        "first_name": "Jo",
        "last_name": "Coach",
        "job_role": "Football coach",
        "employer": "Demoton Juniors FC",
        "sector": "sport",
        "regulated_activity": "yes",
        "referrer_type": "employer",
        "referrer_name": "Club welfare officer",
        "harm_limbs": ["risk", "suitability"],
        "summary": "Messages to a player on social media.",
        "received_at_time": "11:30",
        **_date("received_at", date(2025, 8, 27)),
        **_date("employer_learned_on", date(2025, 8, 22)),
    }
    data.update(kw)
    return data


def test_a_report_the_next_working_day_after_a_bank_holiday_is_on_time():
    # Friday 22 August 2025; Monday 25 August is the summer bank holiday in England.
    assert report_working_days(date(2025, 8, 22), at(2025, 8, 26)) == 1
    on_time = make_referral(received_at=at(2025, 8, 26), learned=date(2025, 8, 22))
    assert (on_time.reported_late, on_time.working_days_to_report) == (False, 1)


def test_a_report_two_working_days_after_across_a_bank_holiday_is_late():
    late = make_referral(received_at=at(2025, 8, 27), learned=date(2025, 8, 22))
    assert (late.reported_late, late.working_days_to_report) == (True, 2)


def test_a_report_over_easter_2026_counts_only_working_days():
    # Maundy Thursday 2 April 2026 → Good Friday and Easter Monday are bank holidays.
    on_time = make_referral(received_at=at(2026, 4, 7), learned=date(2026, 4, 2))
    assert (on_time.reported_late, on_time.working_days_to_report) == (False, 1)


def test_the_initial_consideration_is_due_one_working_day_after_receipt_across_a_holiday():
    referral = make_referral(received_at=at(2025, 8, 22, 14, 30), learned=date(2025, 8, 22))
    assert referral.initial_consideration_due == at(2025, 8, 26, 14, 30)


@time_machine.travel("2025-08-27 16:00:00+01:00", tick=False)
def test_it_logs_a_late_referral_through_the_page(as_user, designated_officer):
    response = as_user(designated_officer).post("/allegations/referrals/new/", _referral_post())
    referral = Allegation.objects.get()
    assert response.status_code == 302 and response.url == f"/allegations/{referral.pk}/"
    assert referral.reported_late is True
    assert referral.harm_limbs == ["risk", "suitability"]
    assert referral.subject.full_name == "Jo Coach"
    assert referral.subject.regulated_activity is True
    assert AuditEvent.objects.filter(
        action="create",
        record_type="allegation",
        record_id=str(referral.pk),
        actor=designated_officer,
    ).exists()
    page = as_user(designated_officer).get(response.url).content.decode()
    assert "Reported late" in page and "2 working days after the employer learned" in page


@time_machine.travel("2025-08-27 16:00:00+01:00", tick=False)
def test_it_names_each_missing_part_of_a_referral(as_user, designated_officer):
    data = _referral_post(first_name="", summary="")
    data.pop("harm_limbs")
    page = as_user(designated_officer).post("/allegations/referrals/new/", data).content.decode()
    assert "Select at least one part of the harm test that applies" in page
    assert "Enter the first name of the person the allegation is about" in page
    assert "Enter what the allegation is" in page
    assert not Allegation.objects.exists() and not AllegationSubject.objects.exists()


@time_machine.travel("2025-08-27 16:00:00+01:00", tick=False)
def test_it_refuses_an_employer_date_after_the_referral(as_user, designated_officer):
    data = _referral_post(**_date("employer_learned_on", date(2025, 8, 28)))
    page = as_user(designated_officer).post("/allegations/referrals/new/", data).content.decode()
    assert "must be on or before the date it reached the designated officer" in page
    assert not AllegationSubject.objects.exists()  # the whole log is one transaction


@time_machine.travel("2026-11-24 12:00:00+00:00", tick=False)
def test_it_logs_a_referral_about_a_person_found_by_search(as_user, designated_officer):
    earlier = make_referral(received_at=at(2024, 3, 4), subject=make_subject("Pat", "Morgan"))
    client = as_user(designated_officer)
    page = client.get("/allegations/people/?q=pat+morg").content.decode()
    assert "Pat Morgan" in page
    data = _referral_post(
        subject=str(earlier.subject_id),
        **_date("received_at", date(2026, 11, 24)),
        **_date("employer_learned_on", date(2026, 11, 24)),
    )
    response = client.post("/allegations/referrals/new/", data)
    new = Allegation.objects.exclude(pk=earlier.pk).get()
    assert new.subject_id == earlier.subject_id and new.sector == "education"
    page = client.get(response.url).content.decode()
    assert "Earlier approaches about this person" in page and earlier.reference in page


@time_machine.travel("2026-11-24 12:00:00+00:00", tick=False)
def test_it_shows_a_possible_earlier_record_with_the_same_name_and_birth_date(
    as_user, designated_officer
):
    first = make_referral(received_at=at(2023, 1, 9), subject=make_subject("Lee", "Shaw"))
    second = make_referral(received_at=at(2026, 11, 23), subject=make_subject("lee", "SHAW"))
    page = as_user(designated_officer).get(f"/allegations/{second.pk}/").content.decode()
    assert first.reference in page and "possible match" in page


@time_machine.travel("2026-11-24 12:00:00+00:00", tick=False)
def test_it_logs_a_consultation_with_an_unnamed_adult(as_user, designated_officer):
    data = {
        "referrer_type": "employer",
        "referrer_organisation": "Little Stars Nursery",
        "sector": "early_years",
        "summary": "A staff member shouted at a child.",
        "advice_given": "Below the harm test: handle as a low-level concern.",
        "received_at_time": "09:45",
        **_date("received_at", date(2026, 11, 24)),
    }
    response = as_user(designated_officer).post("/allegations/consultations/new/", data)
    consultation = Allegation.objects.get()
    assert response.url == f"/allegations/{consultation.pk}/"
    assert (consultation.kind, consultation.status, consultation.subject) == (
        "consultation",
        "closed",
        None,
    )
    assert consultation.retain_until == date(2036, 11, 24)


@time_machine.travel("2026-11-24 12:00:00+00:00", tick=False)
def test_a_consultation_needs_both_names_or_neither(as_user, designated_officer):
    data = {
        "referrer_type": "parent",
        "sector": "faith",
        "first_name": "Sam",
        "summary": "Worry.",
        "advice_given": "Advice.",
        "received_at_time": "09:45",
        **_date("received_at", date(2026, 11, 24)),
    }
    page = as_user(designated_officer).post("/allegations/consultations/new/", data)
    assert "Enter both the first and last name of the adult, or neither" in page.content.decode()
    assert not Allegation.objects.exists()


@time_machine.travel("2026-11-24 12:00:00+00:00", tick=False)
def test_the_persons_page_lists_every_approach_about_them_and_is_audited(
    as_user, designated_officer
):
    subject = make_subject("Pat", "Morgan")
    first = make_referral(received_at=at(2024, 3, 4), subject=subject)
    second = make_referral(received_at=at(2026, 11, 2), subject=subject)
    page = as_user(designated_officer).get(f"/allegations/people/{subject.pk}/").content.decode()
    assert first.reference in page and second.reference in page
    assert f"/allegations/referrals/new/?subject={subject.pk}" in page
    assert AuditEvent.objects.filter(
        actor=designated_officer,
        action="view",
        record_type="allegation_subject",
        record_id=str(subject.pk),
    ).exists()
