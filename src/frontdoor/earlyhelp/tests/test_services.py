"""Service contracts and rules for early help, with frozen clocks where dates matter."""

from __future__ import annotations

from datetime import date, datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError

from frontdoor.audit.models import AuditEvent
from frontdoor.core.calendar import LONDON
from frontdoor.earlyhelp import guards, services
from frontdoor.earlyhelp.models import EarlyHelpEpisode, StepDown
from frontdoor.earlyhelp.selectors import (
    assessments_in_range,
    early_help_history,
    episodes_in_range,
)
from frontdoor.intake.models import Contact
from frontdoor.people.models import ChronologyEntry
from frontdoor.people.tests.factories import make_adult, make_child

from .factories import make_source

pytestmark = pytest.mark.django_db

MONDAY = datetime(2026, 11, 2, 10, 0, tzinfo=LONDON)


def _request(actor=None, person=None, **kw):
    person = person or make_child()
    values = dict(
        source=make_source(person),
        summary="Mum is struggling with the children's school attendance.",
        risks_and_protective_factors="Risk: poor attendance. Protective: grandmother "
        "nearby, mum engaging.",
    )
    values.update(kw)
    return services.stepdown_request(actor=actor, person=person, **values)


def test_stepdown_request_records_pending_with_audit_and_chronology(mash_manager):
    child = make_child("Ava", "Stone")
    stepdown = _request(actor=mash_manager, person=child, at=MONDAY)
    assert isinstance(stepdown, StepDown)
    assert stepdown.status == "pending"
    assert stepdown.source_type == "police_notification"
    assert stepdown.police_child.person == child and stepdown.decision is None
    assert stepdown.requested_at == MONDAY and stepdown.requested_by == mash_manager
    assert AuditEvent.objects.filter(
        record_type="early_help_stepdown",
        record_id=str(stepdown.pk),
        action="create",
        person_id=child.pk,
    ).exists()
    entry = ChronologyEntry.objects.get(person=child, kind="early_help")
    assert entry.occurred_at == MONDAY and "Step-down to early help requested" in entry.summary


def test_stepdown_request_names_its_source(social_worker):
    stepdown = _request(actor=social_worker)
    assert stepdown.source_label == "Daily police notification screening"
    assert stepdown.source_phrase == "the daily police notification screening"


def test_stepdown_request_refuses_missing_parts_and_adults(mash_manager):
    with pytest.raises(ValidationError) as error:
        _request(
            actor=mash_manager,
            person=make_adult(),
            summary=" ",
            risks_and_protective_factors="",
        )
    messages = error.value.message_dict
    assert set(messages) == {"person", "summary", "risks_and_protective_factors"}
    assert StepDown.objects.count() == 0


def test_stepdown_request_twice_from_the_same_record_is_refused(mash_manager):
    child = make_child()
    first = _request(actor=mash_manager, person=child)
    with pytest.raises(ValidationError) as error:
        _request(actor=mash_manager, person=child, source=first.police_child)
    assert error.value.message_dict["__all__"] == [
        "A step-down for this child from this record has already been sent"
    ]


def _episode(start=date(2026, 11, 3), organisation="Oakfield Primary"):
    stepdown = _request(at=MONDAY)
    return services.stepdown_accept(
        actor=None,
        stepdown=stepdown,
        lead_professional="Jo Bright",
        organisation=organisation,
        start_date=start,
        now=datetime(2026, 11, 3, 12, 0, tzinfo=LONDON),
    )


def test_assessment_date_guard_rules():
    today = date(2026, 11, 20)
    start = date(2026, 11, 3)
    check = guards.assessment_dates_problem
    assert (
        check(
            episode_start=start, start=date(2026, 11, 3), completion=date(2026, 11, 3), today=today
        )
        == {}
    )
    assert check(episode_start=start, start=date(2026, 11, 5), completion=None, today=today) == {}
    assert "assessment_start_date" in check(
        episode_start=start, start=date(2026, 11, 2), completion=None, today=today
    )
    assert "assessment_completion_date" in check(
        episode_start=start, start=date(2026, 11, 5), completion=date(2026, 11, 4), today=today
    )
    assert "assessment_start_date" in check(
        episode_start=start, start=date(2026, 11, 21), completion=None, today=today
    )


@time_machine.travel(datetime(2026, 11, 20, 10, 0, tzinfo=LONDON), tick=False)
def test_end_date_guard_uses_the_frozen_today():
    episode = _episode()
    assert (
        guards.end_date_problem(episode=episode, end=date(2026, 11, 20), today=date(2026, 11, 20))
        is None
    )
    assert "today or in the past" in guards.end_date_problem(
        episode=episode, end=date(2026, 11, 21), today=date(2026, 11, 20)
    )
    assert "episode start date (03/11/2026)" in guards.end_date_problem(
        episode=episode, end=date(2026, 11, 2), today=date(2026, 11, 20)
    )
    with pytest.raises(ValidationError) as error:
        services.episode_end(
            actor=None, episode=episode, end_date=date(2026, 11, 21), reason="outcomes_met"
        )
    assert "today or in the past" in error.value.message_dict["end_date"][0]


@time_machine.travel(datetime(2026, 11, 20, 10, 0, tzinfo=LONDON), tick=False)
def test_step_up_at_a_past_moment_uses_that_day_and_keeps_the_clock():
    episode = _episode()
    at = datetime(2026, 11, 13, 15, 30, tzinfo=LONDON)  # a Friday afternoon
    contact = services.episode_step_up(
        actor=None,
        episode=episode,
        reason="Worsening neglect",
        concerns="House without heating",
        parents_aware="no",
        categories=["neglect"],
        at=at,
    )
    assert contact.received_at == at
    assert contact.decision_due_at.date() == date(2026, 11, 16)  # one working day: Monday
    assert contact.source == "5D" and contact.referrer_name == "Jo Bright"
    episode.refresh_from_db()
    assert episode.end_date == date(2026, 11, 13) and episode.end_reason == "step_up"
    with pytest.raises(ValidationError):
        services.episode_step_up(
            actor=None,
            episode=episode,
            reason="again",
            concerns="again",
            parents_aware="no",
            categories=["neglect"],
        )
    assert Contact.objects.count() == 1


@time_machine.travel(datetime(2026, 11, 20, 10, 0, tzinfo=LONDON), tick=False)
def test_one_open_episode_per_child():
    child = make_child()
    episode = services.episode_open(
        actor=None,
        person=child,
        lead_professional="Sam Lee",
        organisation="Family Hub",
        start_date=date(2026, 11, 1),
    )
    assert episode.stepdown is None
    with pytest.raises(ValidationError) as error:
        services.episode_open(
            actor=None,
            person=child,
            lead_professional="Sam Lee",
            organisation="Family Hub",
            start_date=date(2026, 11, 2),
        )
    assert "already has an open early help episode" in error.value.message_dict["person"][0]
    stepdown = _request(person=child, at=datetime(2026, 11, 10, 9, 0, tzinfo=LONDON))
    with pytest.raises(ValidationError) as error:
        services.stepdown_accept(
            actor=None, stepdown=stepdown, lead_professional="Jo", organisation="School"
        )
    assert "lead professional Sam Lee); end it first" in error.value.messages[0]
    services.episode_end(
        actor=None, episode=episode, end_date=date(2026, 11, 18), reason="no_further_action"
    )
    assert services.stepdown_accept(
        actor=None, stepdown=stepdown, lead_professional="Jo", organisation="School"
    ).pk


@time_machine.travel(datetime(2026, 12, 20, 10, 0, tzinfo=LONDON), tick=False)
def test_history_and_reporting_selectors():
    first = _episode(organisation="Oakfield Primary")
    services.episode_assessment_record(
        actor=None,
        episode=first,
        start_date=date(2026, 11, 10),
        completion_date=date(2026, 12, 2),
        organisation="Health visiting",
    )
    services.episode_end(
        actor=None, episode=first, end_date=date(2026, 12, 10), reason="outcomes_met"
    )
    second = services.episode_open(
        actor=None,
        person=first.person,
        lead_professional="Sam Lee",
        organisation="Family Hub",
        start_date=date(2026, 12, 15),
    )
    other = _episode(organisation="Riverside Academy")
    services.episode_assessment_record(actor=None, episode=other, start_date=date(2026, 12, 16))

    history = early_help_history(first.person_id)
    assert [h["id"] for h in history] == [second.pk, first.pk]
    assert history[1]["end_reason_display"] == "Outcomes met"
    assert history[1]["assessment_organisation"] == "Health visiting"

    november = assessments_in_range(date(2026, 11, 1), date(2026, 11, 30))
    assert [
        (
            r["episode_id"],
            r["assessment_start_date"],
            r["assessment_completion_date"],
            r["assessment_organisation"],
        )
        for r in november
    ] == [(first.pk, date(2026, 11, 10), date(2026, 12, 2), "Health visiting")]
    assert november[0]["child_id"] == first.person.la_child_id
    december = assessments_in_range(date(2026, 12, 1), date(2026, 12, 31))
    assert {r["episode_id"] for r in december} == {first.pk, other.pk}

    assert set(episodes_in_range(date(2026, 12, 11), date(2026, 12, 14))) == {other}
    assert set(episodes_in_range(date(2026, 12, 1), date(2026, 12, 31))) == {first, second, other}
    assert EarlyHelpEpisode.objects.count() == 3
