"""Closure reasons at the point of entry: RC8 and RC9 say the case was closed after an assessment,
so they are refused for a referral with no assessment signed off by the closure date (the DfE
queries them, CIN census rule 8825Q), with the message beside the reason; every other reason needs
no assessment. A referral recorded as no further action at the front door is closed RC7."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from frontdoor.cases.guards import NFA_REASON, REASONS_AFTER_ASSESSMENT
from frontdoor.cases.models import Referral
from frontdoor.cases.services import referral_close, referral_open
from frontdoor.people.tests.factories import make_child
from frontdoor.reporting.tests.protection_builders import assessment

pytestmark = pytest.mark.django_db


def _open(first="Leo"):
    return referral_open(
        actor=None,
        person=make_child(first, "Stewart"),
        referral_date=date(2026, 3, 3),
        source="2A",
        primary_need="N1",
    )


@pytest.mark.parametrize("reason", REASONS_AFTER_ASSESSMENT)
def test_rc8_and_rc9_are_refused_without_an_assessment_beside_the_reason(mash_manager, reason):
    referral = _open()
    with pytest.raises(ValidationError) as refused:
        referral_close(
            actor=mash_manager, referral=referral, closure_date=date(2026, 3, 10), reason=reason
        )
    message = refused.value.message_dict["reason"][0]
    assert message.startswith(f"{reason} means the case was closed after an assessment")
    assert "signed off by 10 March 2026" in message
    referral.refresh_from_db()
    assert (referral.closure_date, referral.reason_for_closure) == (None, "")


def test_rc8_is_refused_while_the_assessment_is_still_open_or_signed_off_later(mash_manager):
    referral = _open()
    started = assessment(referral, mash_manager, date(2026, 3, 4))
    with pytest.raises(ValidationError):
        referral_close(
            actor=mash_manager, referral=referral, closure_date=date(2026, 3, 10), reason="RC8"
        )
    started.authorised_date = date(2026, 3, 12)
    started.save(update_fields=["authorised_date"])
    with pytest.raises(ValidationError) as refused:
        referral_close(
            actor=mash_manager, referral=referral, closure_date=date(2026, 3, 10), reason="RC8"
        )
    assert "reason" in refused.value.message_dict


@pytest.mark.parametrize("reason", REASONS_AFTER_ASSESSMENT)
def test_rc8_and_rc9_are_accepted_after_a_signed_off_assessment(mash_manager, reason):
    referral = _open()
    assessment(referral, mash_manager, date(2026, 3, 4), authorised=date(2026, 3, 10))
    referral_close(
        actor=mash_manager, referral=referral, closure_date=date(2026, 3, 10), reason=reason
    )
    referral.refresh_from_db()
    assert (referral.closure_date, referral.reason_for_closure) == (date(2026, 3, 10), reason)


@pytest.mark.parametrize("reason", ["RC1", "RC2", "RC3", "RC4", "RC5", "RC6", "RC7"])
def test_reasons_that_need_no_assessment_are_accepted_without_one(mash_manager, reason):
    referral = _open()
    referral_close(
        actor=mash_manager, referral=referral, closure_date=date(2026, 3, 10), reason=reason
    )
    assert Referral.objects.get(pk=referral.pk).reason_for_closure == reason


def test_a_referral_opened_as_no_further_action_is_closed_rc7_not_rc8():
    referral = referral_open(
        actor=None,
        person=make_child("Nia", "Stewart"),
        referral_date=date(2026, 3, 3),
        source="2A",
        primary_need="",
        nfa=True,
    )
    assert NFA_REASON == "RC7"
    assert (referral.nfa, referral.closure_date, referral.reason_for_closure) == (
        True,
        date(2026, 3, 3),
        "RC7",
    )


def _post(client, referral, reason, day=10):
    return client.post(
        reverse("cases:referral_close", args=[referral.pk]),
        {
            "version": referral.version,
            "closure_date_day": str(day),
            "closure_date_month": "3",
            "closure_date_year": "2026",
            "reason": reason,
        },
    )


def test_the_close_page_shows_a_refused_reason_beside_the_field_and_closes_with_another(
    as_user, mash_manager
):
    referral = _open()
    manager = as_user(mash_manager)
    assert manager.get(reverse("cases:referral_close", args=[referral.pk])).status_code == 200
    refused = _post(manager, referral, "RC8")
    page = refused.content.decode()
    assert refused.status_code == 400
    assert 'reason-error"' in page and "RC8 means the case was closed after an assessment" in page
    assert Referral.objects.get(pk=referral.pk).is_open
    done = _post(manager, referral, "RC7")
    assert done.status_code == 302
    referral.refresh_from_db()
    assert (referral.closure_date, referral.reason_for_closure) == (date(2026, 3, 10), "RC7")
    again = manager.get(reverse("cases:referral_close", args=[referral.pk])).content.decode()
    assert "This referral was closed on 10 March 2026" in again


def test_only_those_who_allocate_may_close_a_referral(as_user, social_worker):
    referral = _open()
    assert _post(as_user(social_worker), referral, "RC7").status_code == 403
    assert Referral.objects.get(pk=referral.pk).is_open
