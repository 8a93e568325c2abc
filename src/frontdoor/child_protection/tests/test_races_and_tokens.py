"""Two people on one record: every editable child protection record carries a version, so the
second of two posts from pages opened at the same time is refused, naming who changed it, and what
they typed is shown again; create forms carry a one-time token, so a double submit makes one record."""

from __future__ import annotations

from datetime import date, datetime

import pytest
import time_machine

from frontdoor.audit.models import AuditEvent
from frontdoor.child_protection import services
from frontdoor.child_protection.models import (
    ChildProtectionPlan,
    ReviewConference,
    Section47Enquiry,
    StrategyDiscussion,
)
from frontdoor.conftest import make_user
from frontdoor.core.calendar import LONDON

from .helpers import date_data, discuss, formset_data, open_referral, strategy_post

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 11, 26, 10, 0, tzinfo=LONDON)
STALE = "Second Tester changed this record at 26 November 2026, 10:00 after you opened the page"


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def second_worker(db):
    """A second social worker on the same case, to race the first."""
    return make_user("second_worker", "assessment_social_worker", "Assessment Team North")


def _findings(words: str, version: int) -> dict[str, str]:
    return {
        **date_data("child_seen_date", date(2026, 11, 20)),
        "seen_alone": "yes",
        "not_seen_alone_reason": "",
        "child_words": words,
        "outcome": "substantiated_icpc",
        **date_data("outcome_date", date(2026, 11, 23)),
        "version": str(version),
    }


def _plan(social_worker):
    referral = open_referral(social_worker)
    s47 = services.s47_findings_record(
        actor=social_worker,
        s47=discuss(social_worker, referral).s47,
        child_seen_date=date(2026, 11, 20),
        seen_alone=True,
        not_seen_alone_reason="",
        child_words="Sad",
        outcome="substantiated_icpc",
        outcome_date=date(2026, 11, 23),
    )
    return services.icpc_record(
        actor=social_worker,
        s47=s47,
        icpc_date=date(2026, 11, 24),
        cp_plan=True,
        initial_category="NEG",
    )


def test_it_keeps_the_first_of_two_strategy_discussion_corrections_and_tells_the_second_who(
    as_user, social_worker, second_worker
):
    discussion = discuss(social_worker, open_referral(social_worker))
    url = f"/child-protection/strategy-discussions/{discussion.pk}/edit/"
    first, second = as_user(second_worker), as_user(social_worker)
    assert 'name="version" value="1"' in first.get(url).content.decode()
    assert 'name="version" value="1"' in second.get(url).content.decode()
    rows = formset_data("participants", [{"name": "DC Holt", "agency": "police", "role": "DC"}])
    saved = first.post(
        url,
        {
            "information_shared": "Police add: two call-outs",
            "rationale": "Harm",
            "version": "1",
            **rows,
        },
    )
    assert saved.status_code == 302
    refused = second.post(
        url,
        {
            "information_shared": "Health add: missed scans",
            "rationale": "Harm",
            "version": "1",
            **rows,
        },
    )
    assert refused.status_code == 409
    page = refused.content.decode()
    assert STALE in page and "Health add: missed scans" in page
    discussion.refresh_from_db()
    assert (discussion.information_shared, discussion.version) == ("Police add: two call-outs", 2)
    assert list(discussion.participants.values_list("name", flat=True)) == ["DC Holt"]
    assert (
        AuditEvent.objects.filter(
            actor=second_worker,
            action="update",
            record_type="strategy_discussion",
            record_id=str(discussion.pk),
            person_id=discussion.person_id,
        ).count()
        == 1
    )


def test_a_strategy_discussion_correction_needs_what_was_shared_and_a_participant(
    as_user, social_worker
):
    discussion = discuss(social_worker, open_referral(social_worker))
    response = as_user(social_worker).post(
        f"/child-protection/strategy-discussions/{discussion.pk}/edit/",
        {
            "information_shared": "x",
            "rationale": "y",
            "version": "1",
            **formset_data("participants", []),
        },
    )
    assert "Add at least one participant with their agency and role" in response.content.decode()
    discussion.refresh_from_db()
    assert discussion.version == 1


def test_two_workers_recording_the_s47_findings_at_once_one_saves_the_other_is_told(
    as_user, social_worker, second_worker
):
    s47 = discuss(social_worker, open_referral(social_worker)).s47
    url = f"/child-protection/s47/{s47.pk}/findings/"
    assert 'name="version" value="1"' in as_user(social_worker).get(url).content.decode()
    assert as_user(second_worker).post(url, _findings("Dad grabbed me", 1)).status_code == 302
    refused = as_user(social_worker).post(url, _findings("I fell off my bike", 1))
    assert refused.status_code == 409
    assert STALE in refused.content.decode() and "I fell off my bike" in refused.content.decode()
    s47.refresh_from_db()
    assert (s47.child_words, s47.version, s47.changed_by) == ("Dad grabbed me", 2, second_worker)


def test_two_people_recording_one_icpc_make_one_plan(as_user, social_worker, second_worker):
    s47 = discuss(social_worker, open_referral(social_worker)).s47
    as_user(social_worker).post(f"/child-protection/s47/{s47.pk}/findings/", _findings("Sad", 1))
    icpc = {
        **date_data("icpc_date", date(2026, 11, 25)),
        "cp_plan": "yes",
        "initial_category": "PHY",
        "version": "2",
    }
    assert (
        as_user(second_worker).post(f"/child-protection/s47/{s47.pk}/icpc/", icpc).status_code
        == 302
    )
    refused = as_user(social_worker).post(f"/child-protection/s47/{s47.pk}/icpc/", icpc)
    assert refused.status_code == 409 and STALE in refused.content.decode()
    assert ChildProtectionPlan.objects.count() == 1


def test_a_plan_ended_by_one_worker_is_not_reviewed_by_another_from_an_old_page(
    as_user, social_worker, second_worker
):
    plan = _plan(social_worker)
    review = {
        **date_data("held_date", date(2026, 11, 25)),
        "plan_continues": "yes",
        "category": "EMO",
        "version": str(plan.version),
    }
    end = {
        **date_data("end_date", date(2026, 11, 25)),
        "reason": "Risk reduced",
        "version": str(plan.version),
    }
    assert (
        as_user(second_worker).post(f"/child-protection/plans/{plan.pk}/end/", end).status_code
        == 302
    )
    refused = as_user(social_worker).post(f"/child-protection/plans/{plan.pk}/review/", review)
    assert refused.status_code == 409 and STALE in refused.content.decode()
    assert not ReviewConference.objects.exists()
    plan.refresh_from_db()
    assert (plan.end_reason, plan.latest_category) == ("Risk reduced", "NEG")


def test_two_reviews_posted_from_one_page_record_one(as_user, social_worker, second_worker):
    plan = _plan(social_worker)
    review = {
        **date_data("held_date", date(2026, 11, 25)),
        "plan_continues": "yes",
        "category": "EMO",
        "version": str(plan.version),
    }
    assert (
        as_user(second_worker)
        .post(f"/child-protection/plans/{plan.pk}/review/", review)
        .status_code
        == 302
    )
    refused = as_user(social_worker).post(f"/child-protection/plans/{plan.pk}/review/", review)
    assert refused.status_code == 409 and STALE in refused.content.decode()
    assert ReviewConference.objects.count() == 1


def test_a_double_submitted_strategy_discussion_makes_one_discussion_and_one_s47(
    as_user, social_worker
):
    referral = open_referral(social_worker)
    client = as_user(social_worker)
    url = f"/child-protection/referrals/{referral.pk}/strategy-discussions/new/"
    assert 'name="form_token"' in client.get(url).content.decode()
    data = {**strategy_post(), "form_token": "strategy-token-1"}
    first = client.post(url, data)
    again = client.post(url, data, follow=True)
    discussion = StrategyDiscussion.objects.get()
    assert first["Location"] == f"/child-protection/strategy-discussions/{discussion.pk}/"
    assert again.redirect_chain[0][0] == first["Location"]
    assert "This form had already been sent, so nothing new was made" in again.content.decode()
    assert Section47Enquiry.objects.count() == 1
    assert (
        AuditEvent.objects.filter(action="create", record_type="strategy_discussion").count() == 1
    )


def test_a_double_submitted_icpc_and_review_make_one_each(as_user, social_worker):
    s47 = discuss(social_worker, open_referral(social_worker)).s47
    client = as_user(social_worker)
    client.post(f"/child-protection/s47/{s47.pk}/findings/", _findings("Sad", 1))
    icpc = {
        **date_data("icpc_date", date(2026, 11, 24)),
        "cp_plan": "yes",
        "initial_category": "PHY",
        "form_token": "icpc-token-1",
    }
    assert (
        'name="form_token"' in client.get(f"/child-protection/s47/{s47.pk}/icpc/").content.decode()
    )
    first = client.post(f"/child-protection/s47/{s47.pk}/icpc/", icpc)
    again = client.post(f"/child-protection/s47/{s47.pk}/icpc/", icpc)
    plan = ChildProtectionPlan.objects.get()
    assert first["Location"] == again["Location"] == f"/child-protection/plans/{plan.pk}/"
    review = {
        **date_data("held_date", date(2026, 11, 25)),
        "plan_continues": "yes",
        "category": "EMO",
        "form_token": "review-token-1",
    }
    client.post(f"/child-protection/plans/{plan.pk}/review/", review)
    client.post(f"/child-protection/plans/{plan.pk}/review/", review)
    assert ReviewConference.objects.count() == 1


def test_an_action_marked_done_twice_keeps_the_first_date(as_user, social_worker, second_worker):
    discussion = discuss(social_worker, open_referral(social_worker))
    item = discussion.actions.get()
    services.action_complete(actor=second_worker, item=item, done_date=date(2026, 11, 25))
    response = as_user(social_worker).post(
        f"/child-protection/actions/{item.pk}/done/", follow=True
    )
    assert "This action was already marked done on 25 November 2026" in response.content.decode()
    item.refresh_from_db()
    assert item.done_date == date(2026, 11, 25)
    assert AuditEvent.objects.filter(action="complete", record_type="action").count() == 1
