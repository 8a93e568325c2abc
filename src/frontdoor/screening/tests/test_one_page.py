"""Screening on one page (issue 13): urgency, consent and the decision in order with one button;
all or nothing, every problem at once, fewer requests per contact than the three separate pages
(the numbers are in docs/screening.md)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from frontdoor.audit.models import AuditEvent
from frontdoor.screening.models import Decision, RagRating, Screening

from .helpers import DECISION, contact_for_one, start

pytestmark = pytest.mark.django_db


class Counting:
    """A test client that counts requests (each redirect followed is one more)."""

    def __init__(self, client):  # type: ignore[no-untyped-def]
        self.client, self.requests, self.forms = client, 0, 0

    def get(self, url):  # type: ignore[no-untyped-def]
        response = self.client.get(url, follow=True)
        self.requests += 1 + len(response.redirect_chain)
        return response

    def post(self, url, data):  # type: ignore[no-untyped-def]
        self.forms += 1
        response = self.client.post(url, data, follow=True)
        self.requests += 1 + len(response.redirect_chain)
        assert response.status_code == 200
        return response


def one_page_post(**overrides):  # type: ignore[no-untyped-def]
    data = {
        "rag-rating": "amber",
        "rag-rationale": "",
        "consent-sought": "yes",
        "consent-outcome": "given",
        "decision-level_of_need": "3",
        "decision-outcome": "assessment",
        "decision-primary_need": "N1",
        "decision-rationale": DECISION["rationale"],
        "decision-risks_and_protective_factors": DECISION["risks_and_protective_factors"],
    }
    data.update(overrides)
    return data


def recent():  # type: ignore[no-untyped-def]
    return timezone.now() - timedelta(hours=1)


def test_three_pages_before_and_one_page_after(as_user, mash_worker):
    """The journey per contact after screening starts: 10 requests and 3 forms on the separate
    pages, 4 requests and 1 form on one page."""
    before = start(mash_worker, contact_for_one(recent(), "Before"))[0]
    client = Counting(as_user(mash_worker))
    url = f"/screening/{before.pk}/"
    client.get(url)
    client.get(url + "rag/")
    client.post(url + "rag/", {"rating": "amber", "version": Screening.objects.get().version})
    client.get(url + "consent/")
    version = Screening.objects.get(pk=before.pk).version
    client.post(url + "consent/", {"sought": "yes", "outcome": "given", "version": version})
    client.get(url + "decision/")
    version = Screening.objects.get(pk=before.pk).version
    client.post(
        url + "decision/",
        {
            "level_of_need": "3",
            "outcome": "assessment",
            "primary_need": "N1",
            "version": version,
            **DECISION,
        },
    )
    assert Decision.objects.filter(screening=before).exists()
    assert (client.requests, client.forms) == (10, 3)

    after = start(mash_worker, contact_for_one(recent(), "After"))[0]
    client = Counting(as_user(mash_worker))
    url = f"/screening/{after.pk}/"
    page = client.get(url)
    assert "Screen and decide on one page" in page.content.decode()
    client.get(url + "complete/")
    done = client.post(
        url + "complete/",
        one_page_post(**{f"{p}-version": str(after.version) for p in ("rag", "consent")}),
    )
    assert "the decision is with a manager for authorisation" in done.content.decode()
    assert (client.requests, client.forms) == (4, 1)
    after.refresh_from_db()
    assert after.rag == "amber" and after.consent_outcome == "given"
    decision = Decision.objects.get(screening=after)
    assert decision.outcome == "assessment" and decision.status == "awaiting"
    kinds = set(
        AuditEvent.objects.filter(person_id=after.person_id, actor=mash_worker).values_list(
            "record_type", flat=True
        )
    )
    assert {"rag", "consent", "decision"} <= kinds  # each step audited, as on its own page


def test_nothing_is_saved_unless_all_three_parts_are_right_and_all_problems_show(
    as_user, mash_worker
):
    screening = start(mash_worker, contact_for_one(recent(), "Wrong"))[0]
    response = as_user(mash_worker).post(
        f"/screening/{screening.pk}/complete/",
        one_page_post(
            **{
                "consent-sought": "no",
                "consent-outcome": "not_sought",
                "decision-rationale": "",
                "decision-outcome": "",
            }
        ),
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Select the reason for sharing information without consent" in body  # consent
    assert "Select the outcome of the decision" in body  # the decision form's own check
    assert "Enter the rationale for the decision" in body  # the decision service's rule
    screening.refresh_from_db()
    assert screening.rag == "" and screening.consent_outcome == ""
    assert not RagRating.objects.exists() and not Decision.objects.exists()


def test_a_refused_decision_rolls_back_the_urgency_and_consent(as_user, mash_worker):
    screening = start(mash_worker, contact_for_one(recent(), "Roll"))[0]
    # Valid to the form; the service refuses a referral outcome without a primary need.
    response = as_user(mash_worker).post(
        f"/screening/{screening.pk}/complete/", one_page_post(**{"decision-primary_need": ""})
    )
    assert "Select the primary need" in response.content.decode()
    screening.refresh_from_db()
    assert screening.rag == "" and screening.consent_outcome == ""
    assert not Decision.objects.exists()


def test_a_stale_page_is_refused_with_409_and_keeps_what_was_typed(as_user, mash_worker):
    screening = start(mash_worker, contact_for_one(recent(), "Stale"))[0]
    old = screening.version
    client = as_user(mash_worker)
    client.post(f"/screening/{screening.pk}/rag/", {"rating": "red", "version": old})
    response = client.post(
        f"/screening/{screening.pk}/complete/",
        one_page_post(**{"rag-version": str(old), "decision-rationale": "Typed words kept"}),
    )
    assert response.status_code == 409
    assert "Typed words kept" in response.content.decode()
    assert not Decision.objects.exists()


def test_a_double_submit_makes_one_decision(as_user, mash_worker):
    screening = start(mash_worker, contact_for_one(recent(), "Twice"))[0]
    client = as_user(mash_worker)
    data = one_page_post(form_token="tok-one-page")
    first = client.post(f"/screening/{screening.pk}/complete/", data)
    second = client.post(f"/screening/{screening.pk}/complete/", data)
    assert first.status_code == 302 and second.status_code == 302
    assert Decision.objects.count() == 1 and RagRating.objects.count() == 1
