"""Every problem of a form at once, in plain words (issue 13, part 10): the contact and decision
forms show the service's rules with the form's own errors, Django's default messages are
rewritten with the field's label, and phone numbers are checked."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
import time_machine
from django import forms
from django.utils import timezone

from frontdoor.core.calendar import LONDON
from frontdoor.core.phone import MESSAGE, PhoneField, clean_phone
from frontdoor.core.plain_errors import plain_message
from frontdoor.core.templatetags.govuk import govuk_error_summary, govuk_field
from frontdoor.intake.models import Contact
from frontdoor.people.tests.factories import make_child
from frontdoor.screening.models import Decision
from frontdoor.screening.tests.helpers import contact_for_one, start

pytestmark = pytest.mark.django_db


def contact_post(children, **overrides):  # type: ignore[no-untyped-def]
    data = {
        "children": [str(c.pk) for c in children],
        "received_at_day": "24",
        "received_at_month": "11",
        "received_at_year": "2026",
        "received_at_time": "10:15",
        "channel": "phone",
        "source": "2A",
        "source_organisation": "",
        "referrer_name": "",
        "concerns": "",
        "categories": ["neglect"],
        "parents_aware": "no",
    }
    data.update(overrides)
    return data


@time_machine.travel(datetime(2026, 11, 26, 12, tzinfo=LONDON), tick=False)
def test_the_contact_form_shows_every_problem_at_once(as_user, mash_worker):
    child = make_child("All", "Once")
    response = as_user(mash_worker).post(
        f"/contacts/new/?person={child.pk}",
        contact_post([child], channel="", referrer_phone="not a number", received_at_day="30"),
    )
    assert response.status_code == 200
    body = response.content.decode()
    # The form's own checks (channel, phone) and the service's rules (future receipt, concerns,
    # referrer) arrive together, not in rounds.
    assert "Select how the contact arrived" in body
    assert MESSAGE in body
    assert "Date and time received must be now or in the past" in body
    assert "Enter the concerns in the referrer&#x27;s words" in body
    assert "Enter the referrer&#x27;s name or organisation" in body
    assert not Contact.objects.exists()


def test_the_decision_form_shows_every_problem_at_once(as_user, mash_worker):
    screening = start(mash_worker, contact_for_one(timezone.now() - timedelta(days=4), "Late"))[0]
    response = as_user(mash_worker).post(
        f"/screening/{screening.pk}/decision/", {"outcome": "", "level_of_need": "2"}
    )
    body = response.content.decode()
    assert "Select the outcome of the decision" in body  # the form's
    assert "Enter the rationale for the decision" in body  # the service's, in the same round
    assert "Enter the analysis of risks and protective factors" in body
    assert "select the reason for the delay" in body
    assert not Decision.objects.exists()


def test_consent_is_checked_with_the_other_decision_rules(as_user, mash_worker):
    screening = start(mash_worker, contact_for_one(timezone.now() - timedelta(hours=1), "Cons"))[0]
    response = as_user(mash_worker).post(
        f"/screening/{screening.pk}/decision/",
        {"outcome": "strategy", "level_of_need": "4", "rationale": "", "primary_need": "N1"},
    )
    body = response.content.decode()
    assert "Enter the rationale for the decision" in body
    assert "consent" in body.lower()


class Sample(forms.Form):
    name = forms.CharField(label="Referrer's name", max_length=5)
    count = forms.IntegerField(label="Number of children", max_value=9)
    kind = forms.ChoiceField(label="Kind of school", choices=[("a", "A")], widget=forms.RadioSelect)
    email = forms.EmailField(label="Email", required=False)
    phone = PhoneField(label="Phone", required=False)


def test_django_default_messages_are_replaced_with_plain_ones():
    form = Sample({"name": "Too long", "count": "12", "kind": "z", "email": "x@", "phone": "999"})
    assert not form.is_valid()
    summary = str(govuk_error_summary(form))
    assert "Referrer&#x27;s name must be 5 characters or fewer (you entered 8)" in summary
    assert "Number of children must be 9 or less" in summary
    assert "Select kind of school from the list" in summary
    assert "Enter an email address in the correct format, like name@example.com" in summary
    assert "Ensure this value" not in summary and "valid choice" not in summary
    field = str(govuk_field(form["name"]))
    assert "must be 5 characters or fewer" in field
    empty = Sample({})
    assert not empty.is_valid()
    summary = str(govuk_error_summary(empty))
    assert "Enter referrer&#x27;s name" in summary and "Select kind of school" in summary
    assert "This field is required" not in summary
    # A form's own wording is left alone.
    assert plain_message("Enter the child's first name", Sample.base_fields["name"]) == (
        "Enter the child's first name"
    )


def test_phone_numbers_are_checked_and_stored_the_same_way():
    assert clean_phone("(020) 7946 0123") == "020 7946 0123"
    assert clean_phone("+44 113 496 0000") == "0113 496 0000"
    assert clean_phone("07700900982") == "07700 900982"  # Ofcom's drama range, for demo data
    assert clean_phone("+33 1 23 45 67 89") == "+33 1 23 45 67 89"
    assert clean_phone("") == ""
    for bad in ("999", "12345", "01632 123456", "call the school"):
        with pytest.raises(ValueError, match="Enter a UK phone number"):
            clean_phone(bad)
    form = Sample({"name": "Pat", "count": "1", "kind": "a", "phone": "0161 496 0999"})
    assert form.is_valid() and form.cleaned_data["phone"] == "0161 496 0999"
