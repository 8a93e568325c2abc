"""The database's own refusals (one open episode per child, exactly one source per step-down), the
page's message when a second episode is refused, versions on step-down decisions and episodes, and
one-time tokens on the create forms."""

from __future__ import annotations

from datetime import date, datetime

import pytest
import time_machine
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from frontdoor.accounts.models import User
from frontdoor.accounts.roles import Role
from frontdoor.audit.models import AuditEvent
from frontdoor.conftest import make_user
from frontdoor.core.calendar import LONDON
from frontdoor.earlyhelp.models import EarlyHelpEpisode, StepDown
from frontdoor.people.services import person_seal
from frontdoor.people.tests.factories import make_child

from .factories import make_source
from .test_views import _accept_data, _dates, _episode, _stepdown

pytestmark = pytest.mark.django_db

NOV_9 = datetime(2026, 11, 9, 10, 0, tzinfo=LONDON)


@pytest.fixture
def second_manager(db: None) -> User:
    """A second early help manager, deciding the same inbox at the same time."""
    return make_user("second_manager", Role.EARLY_HELP_MANAGER, "Early Help Hub")


def test_the_database_refuses_a_second_open_episode_for_a_child():
    child = make_child("Leo", "Stewart")
    now = timezone.now()
    fields = dict(person=child, lead_professional="Jo", organisation="School", created_at=now)
    EarlyHelpEpisode.objects.create(start_date=date(2026, 3, 3), **fields)
    with pytest.raises(IntegrityError), transaction.atomic():
        EarlyHelpEpisode.objects.create(start_date=date(2026, 4, 1), **fields)


def test_the_database_allows_a_new_episode_once_the_last_has_ended():
    child = make_child("Leo", "Stewart")
    now = timezone.now()
    fields = dict(person=child, lead_professional="Jo", organisation="School", created_at=now)
    EarlyHelpEpisode.objects.create(
        start_date=date(2026, 3, 3), end_date=date(2026, 3, 31), end_reason="outcomes_met", **fields
    )
    EarlyHelpEpisode.objects.create(start_date=date(2026, 4, 1), **fields)
    assert EarlyHelpEpisode.objects.filter(person=child).count() == 2


@pytest.mark.parametrize("two_sources", [False, True])
def test_the_database_refuses_a_stepdown_without_exactly_one_source(two_sources):
    child = make_child("Leo", "Stewart")
    source = make_source(child)
    # Two sources: a police child and (alongside it) an assessment id; none: neither.
    link = {"police_child": source, "assessment_id": source.pk} if two_sources else {}
    with pytest.raises(IntegrityError) as error, transaction.atomic():
        StepDown.objects.create(
            person=child,
            summary="S",
            risks_and_protective_factors="R",
            requested_at=timezone.now(),
            **link,
        )
    assert "early_help_stepdown_exactly_one_source" in str(error.value)


@time_machine.travel(NOV_9, tick=False)
def test_accepting_for_a_child_with_an_open_episode_names_the_child_and_the_episode(
    as_user, early_help_manager
):
    episode = _episode()
    second = _stepdown(episode.person)
    response = as_user(early_help_manager).post(
        reverse("earlyhelp:stepdown_accept", args=[second.pk]),
        {**_accept_data(), "accept-version": 1},
    )
    assert response.status_code == 400
    assert (
        "Ava Stone already has an open early help episode, started 5 November 2026 (lead "
        "professional Jo Bright); end it first or decline the step-down"
    ) in response.content.decode()
    assert EarlyHelpEpisode.objects.count() == 1


@time_machine.travel(NOV_9, tick=False)
def test_two_managers_deciding_one_stepdown_one_wins_the_other_is_told(
    as_user, early_help_manager, second_manager
):
    stepdown = _stepdown()
    url = reverse("earlyhelp:stepdown_detail", args=[stepdown.pk])
    one, two = as_user(early_help_manager), as_user(second_manager)
    assert 'name="accept-version" value="1"' in one.get(url).content.decode()
    assert 'name="decline-version" value="1"' in two.get(url).content.decode()
    accepted = one.post(
        reverse("earlyhelp:stepdown_accept", args=[stepdown.pk]),
        {**_accept_data(), "accept-version": 1},
    )
    assert accepted.status_code == 302
    declined = two.post(
        reverse("earlyhelp:stepdown_decline", args=[stepdown.pk]),
        {"decline-reason": "Already open to a family support worker", "decline-version": 1},
    )
    page = declined.content.decode()
    assert declined.status_code == 409
    assert "Early Tester changed this record at 9 November 2026, 10:00" in page
    assert "Already open to a family support worker" in page  # what they typed is kept
    stepdown.refresh_from_db()
    assert (stepdown.status, stepdown.decline_reason, stepdown.version) == ("accepted", "", 2)


@time_machine.travel(datetime(2026, 11, 20, 10, 0, tzinfo=LONDON), tick=False)
def test_two_managers_ending_one_episode_one_wins_the_other_is_told(
    as_user, early_help_manager, second_manager
):
    episode = _episode()
    url = reverse("earlyhelp:episode_end", args=[episode.pk])
    one, two = as_user(early_help_manager), as_user(second_manager)
    assert 'name="version" value="1"' in one.get(url).content.decode()
    assert 'name="version" value="1"' in two.get(url).content.decode()
    ended = {**_dates("end_date", date(2026, 11, 19)), "reason": "outcomes_met", "version": 1}
    assert one.post(url, ended).status_code == 302
    late = two.post(url, {**ended, "reason": "no_further_action"})
    assert late.status_code == 409
    assert "Early Tester changed this record at 20 November 2026, 10:00" in late.content.decode()
    episode.refresh_from_db()
    assert (episode.end_reason, episode.version) == ("outcomes_met", 2)
    assert AuditEvent.objects.filter(action="end", record_id=str(episode.pk)).count() == 1


@time_machine.travel(NOV_9, tick=False)
def test_an_accept_sent_twice_opens_one_episode(as_user, early_help_manager):
    stepdown = _stepdown()
    client = as_user(early_help_manager)
    data = {**_accept_data(), "accept-version": 1, "form_token": "accept-token-1"}
    url = reverse("earlyhelp:stepdown_accept", args=[stepdown.pk])
    first, again = client.post(url, data), client.post(url, data)
    episode = EarlyHelpEpisode.objects.get()
    assert first.url == again.url == reverse("earlyhelp:episode_detail", args=[episode.pk])


@time_machine.travel(NOV_9, tick=False)
def test_the_gate_refuses_a_sealed_childs_stepdown_and_audits_it(as_user, early_help_manager):
    stepdown = _stepdown()
    person_seal(actor=None, person=stepdown.person, reason="Adoption placement")
    response = as_user(early_help_manager).get(
        reverse("earlyhelp:stepdown_detail", args=[stepdown.pk])
    )
    assert response.status_code == 404
    assert "Ava Stone" not in response.content.decode()
    refusal = AuditEvent.objects.get(actor=early_help_manager, action="refused")
    assert (refusal.record_type, refusal.person_id) == ("early_help_stepdown", stepdown.person_id)


@time_machine.travel(NOV_9, tick=False)
def test_the_inbox_is_audited_as_a_list_of_the_children_shown(as_user, early_help_manager):
    shown = _stepdown()
    sealed = _stepdown(make_child("Sealed", "Child"))
    person_seal(actor=None, person=sealed.person, reason="Adoption placement")
    response = as_user(early_help_manager).get(reverse("earlyhelp:home"))
    assert response.status_code == 200 and "Ava Stone" in response.content.decode()
    assert "Sealed Child" not in response.content.decode()
    listed = AuditEvent.objects.get(actor=early_help_manager, action="list")
    assert listed.detail == {"pending": 1, "person_ids": [shown.person_id]}
