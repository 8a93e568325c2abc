"""Allocation: urgent referrals and their deadline in working hours, allocating and reallocating
with caseloads in view, history, audit, versions, one-time tokens, refusals and notifications."""

from datetime import date, datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from frontdoor.accounts.roles import Role
from frontdoor.audit.models import AuditEvent
from frontdoor.cases import selectors
from frontdoor.cases.models import Allocation, Referral
from frontdoor.cases.services import episode_allocate, referral_allocate
from frontdoor.conftest import make_user
from frontdoor.core.calendar import LONDON
from frontdoor.core.concurrency import StaleRecord
from frontdoor.notifications.models import Notification
from frontdoor.people.services import person_seal
from frontdoor.people.tests.factories import make_child, make_siblings
from frontdoor.screening.tests.helpers import assessment_team

from .factories import early_help_episode, urgent_referral

pytestmark = pytest.mark.django_db

# Friday 27 November 2026, 16:00 in London: two working hours later is Monday 10:00.
FRIDAY_4PM = datetime(2026, 11, 27, 16, 0, tzinfo=LONDON)


def test_it_marks_a_strategy_referral_urgent_with_its_deadline_in_working_hours(
    mash_worker, mash_manager
):
    with time_machine.travel(FRIDAY_4PM, tick=False):
        referral = urgent_referral(mash_worker, mash_manager)
    assert referral.urgent and referral.worker is None
    assert referral.allocation_due == datetime(2026, 11, 30, 10, 0, tzinfo=LONDON)
    with time_machine.travel(datetime(2026, 11, 30, 9, 59, tzinfo=LONDON), tick=False):
        assert not selectors.unallocated_referrals(mash_manager)[0].overdue
    with time_machine.travel(datetime(2026, 11, 30, 10, 1, tzinfo=LONDON), tick=False):
        item = selectors.unallocated_referrals(mash_manager)[0]
        assert item.overdue and item.urgent and item.name == "Urgent Child"


def test_an_assessment_referral_is_not_urgent(open_referral):
    referral = open_referral("Calm")
    assert not referral.urgent and referral.allocation_due is None


def test_unallocated_lists_urgent_first_and_only_for_those_who_allocate(
    open_referral, mash_worker, mash_manager, social_worker
):
    open_referral("Older")
    urgent_referral(mash_worker, mash_manager)
    assert [i.name for i in selectors.unallocated_referrals(mash_manager)] == [
        "Urgent Child",
        "Older Child",
    ]
    assert selectors.unallocated_referrals(social_worker) == []
    assert selectors.unallocated_referrals(mash_worker) == []


def test_a_manager_allocates_through_the_page_seeing_caseloads_first(
    as_user, mash_worker, mash_manager, social_worker
):
    referral = urgent_referral(mash_worker, mash_manager)
    page = as_user(mash_manager).get(f"/cases/referrals/{referral.pk}/allocate/")
    text = page.content.decode()
    assert page.status_code == 200 and "Current caseloads" in text and "Weighted total" in text
    assert "social_worker" in text or social_worker.display_name in text
    response = as_user(mash_manager).post(
        f"/cases/referrals/{referral.pk}/allocate/",
        {"worker": social_worker.pk, "version": referral.version, "reason": ""},
    )
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.worker == social_worker
    events = AuditEvent.objects.filter(action="allocate", record_type="referral")
    (event,) = [e for e in events if (e.detail or {}).get("worker") == social_worker.pk]
    assert (event.actor, event.person_id) == (mash_manager, referral.person_id)
    note = Notification.objects.get(user=social_worker)
    assert note.kind == "allocation" and note.text == (
        "Urgent: the referral for Urgent Child is allocated to you"
    )
    assert note.url == f"/cases/referrals/{referral.pk}/"
    assert selectors.unallocated_referrals(mash_manager) == []
    assert [i.name for i in selectors.my_allocations(social_worker)] == ["Urgent Child"]
    detail = as_user(social_worker).get(f"/cases/referrals/{referral.pk}/").content.decode()
    assert "Allocation history" in detail and mash_manager.display_name in detail


def test_reallocating_needs_a_reason_and_keeps_the_history(
    open_referral, mash_manager, social_worker
):
    other = make_user("sw_two", Role.ASSESSMENT_SOCIAL_WORKER, "Assessment Team North")
    referral = open_referral("Moving")
    referral_allocate(
        actor=mash_manager, referral=referral, team=social_worker.team, worker=social_worker
    )
    with pytest.raises(ValidationError) as refused:
        referral_allocate(actor=mash_manager, referral=referral, team=other.team, worker=other)
    assert refused.value.message_dict == {
        "reason": ["Enter why the referral is moving to another worker"]
    }
    referral_allocate(
        actor=mash_manager,
        referral=referral,
        team=other.team,
        worker=other,
        reason="Sam is on leave for six weeks",
    )
    history = selectors.allocation_history(referral=referral)
    assert [(a.worker, a.end is None, a.reason) for a in history] == [
        (other, True, "Sam is on leave for six weeks"),
        (social_worker, False, ""),
        (None, False, ""),
    ]


def test_the_page_shows_all_problems_and_refuses_someone_who_is_not_a_social_worker(
    as_user, open_referral, mash_manager, mash_worker, social_worker
):
    referral = open_referral("Some")
    empty = as_user(mash_manager).post(f"/cases/referrals/{referral.pk}/allocate/", {})
    assert empty.status_code == 400 and "Choose the worker to allocate to" in empty.content.decode()
    with pytest.raises(ValidationError) as refused:
        referral_allocate(
            actor=mash_manager, referral=referral, team=mash_worker.team, worker=mash_worker
        )
    assert "not a social worker who can hold referrals" in str(refused.value)
    # A social worker may not allocate (the capability is a manager's).
    assert (
        as_user(social_worker).get(f"/cases/referrals/{referral.pk}/allocate/").status_code == 403
    )


def test_a_stale_page_is_refused_with_the_input_kept(
    as_user, open_referral, mash_manager, social_worker
):
    referral = open_referral("Stale")
    opened = referral.version
    referral_allocate(
        actor=mash_manager, referral=referral, team=social_worker.team, worker=social_worker
    )
    other = make_user("sw_three", Role.ASSESSMENT_SOCIAL_WORKER, "Assessment Team North")
    response = as_user(mash_manager).post(
        f"/cases/referrals/{referral.pk}/allocate/",
        {"worker": other.pk, "version": opened, "reason": "Closer to the family"},
    )
    assert response.status_code == 409
    assert "Closer to the family" in response.content.decode()
    with pytest.raises(StaleRecord):
        with transaction.atomic():
            referral_allocate(
                actor=mash_manager,
                referral=referral,
                team=other.team,
                worker=other,
                version=opened,
                reason="x",
            )


def test_a_double_submit_allocates_once(as_user, open_referral, mash_manager, social_worker):
    referral = open_referral("Twice")
    client = as_user(mash_manager)
    data = {"worker": social_worker.pk, "version": referral.version, "form_token": "tok-1"}
    first = client.post(f"/cases/referrals/{referral.pk}/allocate/", data)
    second = client.post(f"/cases/referrals/{referral.pk}/allocate/", data)
    assert first.status_code == second.status_code == 302
    assert Allocation.objects.filter(referral=referral, worker=social_worker).count() == 1
    assert Notification.objects.filter(user=social_worker).count() == 1


def test_a_sealed_child_is_refused_to_a_manager_not_on_the_list(
    as_user, open_referral, mash_manager, social_worker
):
    child = make_child("Hidden", "Child")
    referral = open_referral(person=child, actor=None)
    person_seal(actor=None, person=child, reason="Adoption", access=[social_worker])
    assert as_user(mash_manager).get(f"/cases/referrals/{referral.pk}/allocate/").status_code == 404
    assert AuditEvent.objects.filter(action="refused", record_type="referral").exists()
    items = selectors.unallocated_referrals(mash_manager)
    assert [i.name for i in items] == ["Restricted record"]
    page = as_user(mash_manager).get("/cases/unallocated/").content.decode()
    assert "Hidden Child" not in page and "Restricted record" in page


def test_the_caseload_counts_every_allocated_open_case_by_kind_and_weight(
    settings, open_referral, mash_manager, social_worker, early_help_manager
):
    settings.CASELOAD_WEIGHTS = {"referral": 1.0, "child_protection": 2.0, "early_help": 0.5}
    _, amy, ben = make_siblings("Load")
    for child in (amy, ben):
        referral = open_referral(person=child)
        referral_allocate(
            actor=mash_manager, referral=referral, team=social_worker.team, worker=social_worker
        )
    closed = Referral.objects.get(person=ben)
    from frontdoor.cases.services import referral_close

    referral_close(actor=None, referral=closed, closure_date=date(2026, 11, 20), reason="RC1")
    (load,) = selectors.caseloads(social_worker.team)
    assert (load.counts.get("referral"), load.total, load.weighted) == (1, 1, 1.0)


def test_an_early_help_manager_allocates_an_episode_in_their_team(early_help_manager):
    worker = make_user("eh_worker", Role.EARLY_HELP_MANAGER, early_help_manager.team.name)
    episode = early_help_episode(make_child("Help", "Child"))
    episode_allocate(actor=early_help_manager, episode=episode, worker=worker)
    assert [i.name for i in selectors.my_allocations(worker)] == ["Help Child"]
    assert AuditEvent.objects.filter(action="allocate", record_type="early_help_episode").exists()
    outsider = make_user("eh_elsewhere", Role.EARLY_HELP_MANAGER, "Another Team")
    with pytest.raises(ValidationError) as refused:
        episode_allocate(actor=early_help_manager, episode=episode, worker=outsider, reason="Cover")
    assert "is not in your team" in str(refused.value)


def test_the_database_refuses_an_allocation_of_nothing_or_of_two_things(open_referral):
    referral = open_referral("Both", actor=None, team=None)
    team = assessment_team()
    with pytest.raises(IntegrityError), transaction.atomic():
        Allocation.objects.create(team=team, start=timezone.now())
    episode = early_help_episode(referral.person)
    with pytest.raises(IntegrityError), transaction.atomic():
        Allocation.objects.create(
            team=team, referral=referral, episode=episode, start=timezone.now()
        )
