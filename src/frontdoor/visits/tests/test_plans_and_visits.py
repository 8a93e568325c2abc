"""Child in need plans and statutory visits: the census's plan dates, visits due in working days,
the overdue list (a sealed child masked), Annex A's last visit, the date rules at entry and in the
database, races, double submits and the gate."""

from __future__ import annotations

from datetime import date, datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from frontdoor.audit.models import AuditEvent
from frontdoor.child_protection.selectors import previous_cp_plan_counts
from frontdoor.child_protection.services import cp_plan_end
from frontdoor.child_protection.tests.helpers import date_data, open_referral
from frontdoor.child_protection.tests.test_races_and_tokens import _plan
from frontdoor.conftest import make_user
from frontdoor.core.calendar import LONDON
from frontdoor.people.models import ChronologyEntry
from frontdoor.people.services import person_seal
from frontdoor.visits import selectors, services
from frontdoor.visits.models import CINPlan, CINPlanReview, StatutoryVisit

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 11, 26, 10, 0, tzinfo=LONDON)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def second_worker(db):
    """A second social worker on the same case, to race the first."""
    return make_user("second_worker", "assessment_social_worker", "Assessment Team North")


def _cin(worker, first="Amy", start=date(2026, 11, 3)):
    return services.cin_plan_start(
        actor=worker,
        referral=open_referral(worker, on=min(start, date(2026, 11, 2)), first=first),
        start_date=start,
        outcomes="Amy goes to school every day.",
    )


def _visit(worker, day=date(2026, 11, 25), **plan):
    return services.statutory_visit_record(
        actor=worker, visit_date=day, child_seen=True, seen_alone=True, **plan
    )


def test_cin_plan_dates_are_the_episodes_plans_oldest_first(social_worker):
    plan = _cin(social_worker)
    services.cin_plan_end(
        actor=social_worker, plan=plan, end_date=date(2026, 11, 10), reason="Needs met"
    )
    second = services.cin_plan_start(
        actor=social_worker, referral=plan.referral, start_date=date(2026, 11, 20), outcomes="Again"
    )
    assert selectors.cin_plan_dates(plan.referral) == [
        selectors.PlanDates(date(2026, 11, 3), date(2026, 11, 10)),
        selectors.PlanDates(date(2026, 11, 20), None),
    ]
    assert selectors.cin_plan_dates_by_referral([plan.referral_id]) == {
        plan.referral_id: selectors.cin_plan_dates(second.referral)
    }


def test_the_first_visit_is_due_20_working_days_after_a_cin_plan_starts_over_christmas(
    social_worker,
):
    plan = services.cin_plan_start(
        actor=social_worker,
        referral=open_referral(social_worker, on=date(2026, 11, 2)),
        start_date=date(2026, 11, 26),
        outcomes="x",
    )
    # 20 working days from Thursday 26 November 2026, past 25 and 28 December (bank holidays).
    assert plan.first_visit_due == date(2026, 12, 24)


def test_a_cp_visit_makes_the_next_due_10_working_days_later(social_worker):
    cp = _plan(social_worker)
    visit = _visit(social_worker, cp_plan=cp)  # Wednesday 25 November
    assert visit.next_due == date(2026, 12, 9)
    assert selectors.cp_next_visit_due(cp) == date(2026, 12, 9)


def test_the_visit_interval_is_the_councils_setting(social_worker, settings):
    settings.STATUTORY_VISIT_WORKING_DAYS = {"cp": 5}
    visit = _visit(social_worker, cp_plan=_plan(social_worker))
    assert visit.next_due == date(2026, 12, 2)
    assert selectors.visit_interval("cin") == 20


def test_a_visit_is_on_the_chronology_and_the_audit_trail(social_worker):
    plan = _cin(social_worker)
    visit = _visit(social_worker, cin_plan=plan)
    entry = ChronologyEntry.objects.get(kind="statutory_visit")
    assert (entry.person_id, entry.summary) == (
        plan.person_id,
        "Statutory visit (CIN plan) by Social Tester: child seen alone",
    )
    assert AuditEvent.objects.filter(
        actor=social_worker,
        action="create",
        record_type="statutory_visit",
        record_id=str(visit.pk),
        person_id=plan.person_id,
    ).exists()
    assert AuditEvent.objects.filter(
        action="create", record_type="cin_plan", record_id=str(plan.pk), person_id=plan.person_id
    ).exists()


def test_overdue_visits_lists_the_workers_children_most_overdue_first(social_worker):
    cp = _plan(social_worker)  # plan from 24 November: first visit due 8 December
    late = _cin(social_worker, first="Ben", start=date(2026, 10, 1))  # due 29 October
    services.statutory_visit_record(
        actor=social_worker,
        cin_plan=_cin(social_worker, first="Cal", start=date(2026, 11, 2)),
        visit_date=date(2026, 11, 3),
        child_seen=False,
        seen_alone=None,
        not_seen_reason="No one home",
    )  # next due 1 December: not yet overdue
    due = selectors.overdue_visits(social_worker, today=date(2026, 11, 26))
    assert [(i.person.first_name, i.kind, i.due) for i in due.items] == [
        ("Ben", "cin", date(2026, 10, 29))
    ]
    later = selectors.overdue_visits(social_worker, today=date(2026, 12, 9))
    assert [i.person.first_name for i in later.items] == ["Ben", "Cal", "Amy"]
    assert later.items[2].plan_id == cp.pk and later.items[0].plan_id == late.pk


def test_the_overdue_page_shows_a_sealed_child_as_restricted_record(as_user, social_worker):
    plan = _cin(social_worker, first="Ben", start=date(2026, 10, 1))
    _cin(social_worker, first="Amy", start=date(2026, 10, 1))
    person_seal(actor=None, person=plan.person, reason="Adopted: new identity")
    html = as_user(social_worker).get("/visits/overdue/").content.decode()
    assert "Restricted record" in html and "Amy Protect" in html
    assert "Ben Protect" not in html and f"/visits/cin-plans/{plan.pk}/" not in html
    event = AuditEvent.objects.get(action="list", record_type="overdue_visits")
    assert event.detail["person_ids"] == [
        p for p in CINPlan.objects.exclude(pk=plan.pk).values_list("person_id", flat=True)
    ]


def test_last_cp_visits_gives_annex_a_the_latest_visit_and_seen_alone(social_worker):
    cp = _plan(social_worker)
    _visit(social_worker, cp_plan=cp)
    services.statutory_visit_record(
        actor=social_worker,
        cp_plan=cp,
        visit_date=date(2026, 11, 26),
        child_seen=True,
        seen_alone=False,
    )
    assert selectors.last_cp_visits([cp.pk], date(2026, 11, 30)) == {
        cp.pk: selectors.LastVisit(date(2026, 11, 26), False)
    }
    assert selectors.last_cp_visits([cp.pk], date(2026, 11, 25)) == {
        cp.pk: selectors.LastVisit(date(2026, 11, 25), True)
    }


def test_previous_plans_count_the_childs_earlier_plans(social_worker):
    first = _plan(social_worker)
    cp_plan_end(actor=social_worker, plan=first, end_date=date(2026, 11, 25), reason="Safe")
    assert previous_cp_plan_counts([first.pk]) == {first.pk: 0}


@pytest.mark.parametrize(
    "kwargs, field, message",
    [
        (
            {"visit_date": date(2026, 11, 2), "child_seen": True, "seen_alone": True},
            "visit_date",
            "The visit must be on or after the plan started, 3 November 2026",
        ),
        (
            {"visit_date": date(2026, 11, 27), "child_seen": True, "seen_alone": True},
            "visit_date",
            "The visit date cannot be in the future",
        ),
        (
            {"visit_date": date(2026, 11, 20), "child_seen": True, "seen_alone": None},
            "seen_alone",
            "Select whether the child was seen alone",
        ),
        (
            {"visit_date": date(2026, 11, 20), "child_seen": False, "seen_alone": None},
            "not_seen_reason",
            "Enter why the child was not seen",
        ),
    ],
)
def test_a_visit_that_cannot_be_right_is_refused(social_worker, kwargs, field, message):
    plan = _cin(social_worker)
    with pytest.raises(ValidationError) as refused:
        services.statutory_visit_record(actor=social_worker, cin_plan=plan, **kwargs)
    assert refused.value.message_dict[field] == [message]
    assert not StatutoryVisit.objects.exists()


def test_a_child_has_one_open_cin_plan(social_worker):
    plan = _cin(social_worker)
    with pytest.raises(ValidationError) as refused:
        services.cin_plan_start(
            actor=social_worker, referral=plan.referral, start_date=date(2026, 11, 4), outcomes="x"
        )
    assert refused.value.message_dict["start_date"] == [
        "Amy Protect already has an open child in need plan, started 3 November 2026"
    ]
    with pytest.raises(IntegrityError), transaction.atomic():
        CINPlan.objects.create(
            referral=plan.referral,
            person=plan.person,
            start_date=date(2026, 11, 4),
            first_visit_due=date(2026, 12, 1),
            created_at=NOW,
        )


@pytest.mark.parametrize(
    "change",
    [
        {"cp_plan": None, "cin_plan": None},
        {"child_seen": False},
        {"seen_alone": None},
        {"next_due": date(2026, 11, 20)},
    ],
)
def test_the_database_refuses_a_visit_that_cannot_be_right(social_worker, change):
    visit = _visit(social_worker, cin_plan=_cin(social_worker))
    with pytest.raises(IntegrityError), transaction.atomic():
        StatutoryVisit.objects.filter(pk=visit.pk).update(**change)


def test_the_database_refuses_a_plan_ending_before_it_starts(social_worker):
    plan = _cin(social_worker)
    with pytest.raises(IntegrityError), transaction.atomic():
        CINPlan.objects.filter(pk=plan.pk).update(end_date=date(2026, 11, 2))


def test_the_pages_record_a_plan_its_visit_review_and_end(as_user, social_worker):
    referral = open_referral(social_worker)
    client = as_user(social_worker)
    made = client.post(
        f"/visits/referrals/{referral.pk}/cin-plan/new/",
        {**date_data("start_date", date(2026, 11, 3)), "outcomes": "School every day"},
    )
    plan = CINPlan.objects.get()
    assert made["Location"] == f"/visits/cin-plans/{plan.pk}/"
    visit = client.post(
        f"/visits/cin-plans/{plan.pk}/visits/new/",
        {
            **date_data("visit_date", date(2026, 11, 20)),
            "child_seen": "yes",
            "seen_alone": "no",
            "visitor_name": "Sam Visitor",
        },
    )
    assert visit.status_code == 302
    review = client.post(
        f"/visits/cin-plans/{plan.pk}/review/",
        {**date_data("held_date", date(2026, 11, 24)), "version": "1"},
    )
    assert review.status_code == 302
    page = client.get(f"/visits/cin-plans/{plan.pk}/").content.decode()
    assert "Sam Visitor" in page and "24 November 2026" in page and "18 December 2026" in page
    ended = client.post(
        f"/visits/cin-plans/{plan.pk}/end/",
        {**date_data("end_date", date(2026, 11, 25)), "reason": "Needs met", "version": "2"},
    )
    assert ended.status_code == 302
    plan.refresh_from_db()
    assert (plan.end_date, plan.end_reason, plan.version) == (date(2026, 11, 25), "Needs met", 3)
    assert (
        "From 3 November 2026 to 25 November 2026"
        in client.get(f"/child-protection/referrals/{referral.pk}/").content.decode()
    )


def test_a_cp_visit_is_recorded_from_the_plans_visits_page(as_user, social_worker):
    cp = _plan(social_worker)
    client = as_user(social_worker)
    assert (
        f"/visits/cp-plans/{cp.pk}/"
        in client.get(f"/child-protection/plans/{cp.pk}/").content.decode()
    )
    response = client.post(
        f"/visits/cp-plans/{cp.pk}/visits/new/",
        {
            **date_data("visit_date", date(2026, 11, 25)),
            "child_seen": "no",
            "not_seen_reason": "At nan's",
            "visitor_name": "Social Tester",
        },
    )
    assert response["Location"] == f"/visits/cp-plans/{cp.pk}/"
    page = client.get(f"/visits/cp-plans/{cp.pk}/").content.decode()
    assert "No: At nan&#x27;s" in page and "at least every 10 working days" in page


def test_every_problem_on_the_visit_form_is_shown_at_once(as_user, social_worker):
    plan = _cin(social_worker)
    response = as_user(social_worker).post(
        f"/visits/cin-plans/{plan.pk}/visits/new/",
        {**date_data("visit_date", date(2026, 11, 27)), "child_seen": "no", "visitor_name": "Me"},
    )
    html = response.content.decode()
    assert "The visit date cannot be in the future" in html
    assert "Enter why the child was not seen" in html


def test_a_double_submitted_visit_makes_one(as_user, social_worker):
    plan = _cin(social_worker)
    client = as_user(social_worker)
    data = {
        **date_data("visit_date", date(2026, 11, 20)),
        "child_seen": "yes",
        "seen_alone": "yes",
        "visitor_name": "Me",
        "form_token": "visit-once",
    }
    client.post(f"/visits/cin-plans/{plan.pk}/visits/new/", data)
    client.post(f"/visits/cin-plans/{plan.pk}/visits/new/", data)
    assert StatutoryVisit.objects.count() == 1


def test_a_double_submitted_plan_makes_one(as_user, social_worker):
    referral = open_referral(social_worker)
    client = as_user(social_worker)
    data = {
        **date_data("start_date", date(2026, 11, 3)),
        "outcomes": "x",
        "form_token": "plan-once",
    }
    client.post(f"/visits/referrals/{referral.pk}/cin-plan/new/", data)
    client.post(f"/visits/referrals/{referral.pk}/cin-plan/new/", data)
    assert CINPlan.objects.count() == 1


def test_a_plan_ended_by_one_worker_is_not_reviewed_from_an_old_page(
    as_user, social_worker, second_worker
):
    plan = _cin(social_worker)
    ended = as_user(second_worker).post(
        f"/visits/cin-plans/{plan.pk}/end/",
        {**date_data("end_date", date(2026, 11, 20)), "reason": "Needs met", "version": "1"},
    )
    assert ended.status_code == 302
    refused = as_user(social_worker).post(
        f"/visits/cin-plans/{plan.pk}/review/",
        {**date_data("held_date", date(2026, 11, 24)), "notes": "Going well", "version": "1"},
    )
    assert refused.status_code == 409
    html = refused.content.decode()
    assert "Second Tester changed this record at 26 November 2026, 10:00" in html
    assert "Going well" in html
    assert not CINPlanReview.objects.exists()


def test_a_sealed_childs_plan_is_refused_to_someone_not_listed(as_user, social_worker):
    plan = _cin(social_worker)
    person_seal(actor=None, person=plan.person, reason="Court order")
    assert as_user(social_worker).get(f"/visits/cin-plans/{plan.pk}/").status_code == 404
    assert AuditEvent.objects.filter(action="refused", record_type="cin_plan").exists()
