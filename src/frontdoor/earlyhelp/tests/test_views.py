"""The early help manager's pages, through HTTP: inbox, decisions, episodes, step-up, access."""

from __future__ import annotations

from datetime import date, datetime

import pytest
import time_machine
from django.urls import reverse

from frontdoor.audit.models import AuditEvent
from frontdoor.core.calendar import LONDON
from frontdoor.earlyhelp import services
from frontdoor.earlyhelp.models import EarlyHelpEpisode
from frontdoor.earlyhelp.tests.factories import make_source
from frontdoor.intake.models import Contact
from frontdoor.intake.selectors import mash_queue
from frontdoor.people.services import person_seal
from frontdoor.people.tests.factories import make_child

pytestmark = pytest.mark.django_db

WEDNESDAY = datetime(2026, 11, 4, 9, 0, tzinfo=LONDON)


def _stepdown(child=None, at=WEDNESDAY, actor=None):
    child = child or make_child("Ava", "Stone")
    return services.stepdown_request(
        actor=actor,
        person=child,
        source=make_source(child, at),
        summary="School attendance has fallen to 70%; mum says she cannot get them up.",
        risks_and_protective_factors="Risk: missed education. Protective: mum asks for help; "
        "grandmother nearby.",
        at=at,
    )


def _accept_data(**kw):
    data = {
        "accept-lead_professional": "Jo Bright",
        "accept-organisation": "Oakfield Primary",
        "accept-start_date_day": "5",
        "accept-start_date_month": "11",
        "accept-start_date_year": "2026",
    }
    data.update(kw)
    return data


@time_machine.travel(datetime(2026, 11, 9, 10, 0, tzinfo=LONDON), tick=False)
def test_inbox_shows_pending_stepdowns_with_summary_risks_and_age(as_user, early_help_manager):
    _stepdown()
    response = as_user(early_help_manager).get(reverse("earlyhelp:home"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Ava Stone" in page
    assert "School attendance has fallen to 70%" in page
    assert "grandmother nearby" in page
    assert "5\xa0days" in page  # waiting since Wednesday 09:00
    assert AuditEvent.objects.filter(
        actor=early_help_manager, record_type="early_help_inbox"
    ).exists()


@pytest.mark.parametrize("persona", ["police_partner", "designated_officer", "analyst"])
def test_others_are_refused_the_inbox_and_the_stepdown(as_user, persona, request):
    user = request.getfixturevalue(persona)
    stepdown = _stepdown()
    client = as_user(user)
    assert client.get(reverse("earlyhelp:home")).status_code == 403
    assert client.get(reverse("earlyhelp:stepdown_detail", args=[stepdown.pk])).status_code == 403
    assert AuditEvent.objects.filter(actor=user, action="refused").count() == 2


def test_inbox_queries_do_not_grow_with_rows(
    as_user, early_help_manager, django_assert_max_num_queries
):
    client = as_user(early_help_manager)
    for n in range(3):
        services.stepdown_accept(
            actor=None,
            stepdown=_stepdown(make_child(f"C{n}", "One")),
            lead_professional="Jo",
            organisation="School",
        )
        _stepdown(make_child(f"P{n}", "Two"))
    services.stepdown_decline(actor=early_help_manager, stepdown=_stepdown(), reason="Open case")
    with django_assert_max_num_queries(12) as small:
        client.get(reverse("earlyhelp:home"))
    for n in range(12):
        services.stepdown_accept(
            actor=early_help_manager,
            stepdown=_stepdown(make_child(f"D{n}", "Three")),
            lead_professional="Jo",
            organisation="School",
        )
        _stepdown(make_child(f"E{n}", "Four"))
        services.stepdown_decline(
            actor=early_help_manager, stepdown=_stepdown(make_child(f"F{n}", "Five")), reason="No"
        )
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(reverse("earlyhelp:home"))
    assert response.content.decode().count("Accept or decline") == 15


def test_viewing_a_stepdown_goes_through_the_access_gate(as_user, early_help_manager):
    stepdown = _stepdown()
    response = as_user(early_help_manager).get(
        reverse("earlyhelp:stepdown_detail", args=[stepdown.pk])
    )
    assert response.status_code == 200
    assert "grandmother nearby" in response.content.decode()
    assert AuditEvent.objects.filter(
        actor=early_help_manager,
        action="view",
        record_type="early_help_stepdown",
        record_id=str(stepdown.pk),
        person_id=stepdown.person_id,
    ).exists()


def test_a_sealed_childs_stepdown_is_refused_to_an_early_help_manager_not_on_the_list(
    as_user, early_help_manager, mash_manager
):
    stepdown = _stepdown()
    person_seal(actor=mash_manager, person=stepdown.person, reason="Adoption")
    client = as_user(early_help_manager)
    assert client.get(reverse("earlyhelp:stepdown_detail", args=[stepdown.pk])).status_code == 404
    assert "Ava Stone" not in client.get(reverse("earlyhelp:home")).content.decode()
    assert AuditEvent.objects.filter(
        actor=early_help_manager, action="refused", record_type="early_help_stepdown"
    ).exists()


@time_machine.travel(datetime(2026, 11, 9, 10, 0, tzinfo=LONDON), tick=False)
def test_accept_requires_lead_professional_and_organisation(as_user, early_help_manager):
    stepdown = _stepdown()
    url = reverse("earlyhelp:stepdown_accept", args=[stepdown.pk])
    response = as_user(early_help_manager).post(
        url, _accept_data(**{"accept-lead_professional": "", "accept-organisation": " "})
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Enter the name of the lead professional" in page
    assert "Enter the lead professional&#x27;s organisation" in page
    stepdown.refresh_from_db()
    assert stepdown.status == "pending" and not EarlyHelpEpisode.objects.exists()


@time_machine.travel(datetime(2026, 11, 9, 10, 0, tzinfo=LONDON), tick=False)
def test_accept_starts_an_episode(as_user, early_help_manager):
    stepdown = _stepdown()
    response = as_user(early_help_manager).post(
        reverse("earlyhelp:stepdown_accept", args=[stepdown.pk]), _accept_data()
    )
    episode = EarlyHelpEpisode.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("earlyhelp:episode_detail", args=[episode.pk])
    assert (episode.lead_professional, episode.organisation) == ("Jo Bright", "Oakfield Primary")
    assert episode.start_date == date(2026, 11, 5) and episode.stepdown == stepdown
    stepdown.refresh_from_db()
    assert stepdown.status == "accepted" and stepdown.decided_by == early_help_manager
    assert AuditEvent.objects.filter(
        action="accept", record_type="early_help_stepdown", record_id=str(stepdown.pk)
    ).exists()
    assert AuditEvent.objects.filter(
        action="create", record_type="early_help_episode", record_id=str(episode.pk)
    ).exists()
    # decided once only
    again = as_user(early_help_manager).post(
        reverse("earlyhelp:stepdown_accept", args=[stepdown.pk]), _accept_data()
    )
    assert again.status_code == 400
    assert "already been accepted" in again.content.decode()
    assert EarlyHelpEpisode.objects.count() == 1


@time_machine.travel(datetime(2026, 11, 9, 10, 0, tzinfo=LONDON), tick=False)
def test_accept_cannot_start_before_the_request_or_in_the_future(as_user, early_help_manager):
    stepdown = _stepdown()
    client = as_user(early_help_manager)
    url = reverse("earlyhelp:stepdown_accept", args=[stepdown.pk])
    early = client.post(url, _accept_data(**{"accept-start_date_day": "3"}))
    assert "cannot start before the step-down was requested (04/11/2026)" in early.content.decode()
    future = client.post(url, _accept_data(**{"accept-start_date_day": "10"}))
    assert "must be today or in the past" in future.content.decode()
    assert not EarlyHelpEpisode.objects.exists()


def test_decline_requires_a_reason(as_user, early_help_manager):
    stepdown = _stepdown()
    client = as_user(early_help_manager)
    url = reverse("earlyhelp:stepdown_decline", args=[stepdown.pk])
    response = client.post(url, {"decline-reason": "  "})
    assert response.status_code == 400
    assert "Enter the reason for declining the step-down" in response.content.decode()
    stepdown.refresh_from_db()
    assert stepdown.status == "pending"

    response = client.post(url, {"decline-reason": "Family already supported by CAMHS"})
    assert response.status_code == 302
    stepdown.refresh_from_db()
    assert stepdown.status == "declined"
    assert stepdown.decline_reason == "Family already supported by CAMHS"
    assert AuditEvent.objects.filter(
        action="decline", record_type="early_help_stepdown", actor=early_help_manager
    ).exists()
    assert stepdown.person.chronology.filter(summary__contains="declined").exists()


def _episode(start=date(2026, 11, 5)):
    stepdown = _stepdown()
    return services.stepdown_accept(
        actor=None,
        stepdown=stepdown,
        lead_professional="Jo Bright",
        organisation="Oakfield Primary",
        start_date=start,
        now=datetime(2026, 11, 5, 12, 0, tzinfo=LONDON),
    )


def _dates(prefix, d):
    return (
        {
            f"{prefix}_day": str(d.day),
            f"{prefix}_month": str(d.month),
            f"{prefix}_year": str(d.year),
        }
        if d
        else {}
    )


@time_machine.travel(datetime(2026, 11, 20, 10, 0, tzinfo=LONDON), tick=False)
def test_assessment_dates_are_checked_in_order(as_user, early_help_manager):
    episode = _episode()
    client = as_user(early_help_manager)
    url = reverse("earlyhelp:episode_assessment", args=[episode.pk])
    before = client.post(url, _dates("start_date", date(2026, 11, 4)))
    assert before.status_code == 400
    assert "cannot start before the early help episode started (05/11/2026)" in (
        before.content.decode()
    )
    reversed_ = client.post(
        url,
        {
            **_dates("start_date", date(2026, 11, 10)),
            **_dates("completion_date", date(2026, 11, 9)),
        },
    )
    assert "completion date must be the same as or after the start date" in (
        reversed_.content.decode()
    )
    missing = client.post(url, _dates("completion_date", date(2026, 11, 9)))
    assert "Enter the date the early help assessment started" in missing.content.decode()
    future = client.post(
        url,
        {
            **_dates("start_date", date(2026, 11, 10)),
            **_dates("completion_date", date(2026, 11, 21)),
        },
    )
    assert "completion date must be today or in the past" in future.content.decode()
    episode.refresh_from_db()
    assert episode.assessment_start_date is None

    ok = client.post(
        url,
        {
            **_dates("start_date", date(2026, 11, 10)),
            **_dates("completion_date", date(2026, 11, 19)),
        },
    )
    assert ok.status_code == 302
    episode.refresh_from_db()
    assert episode.assessment_start_date == date(2026, 11, 10)
    assert episode.assessment_completion_date == date(2026, 11, 19)
    assert episode.assessment_organisation == "Oakfield Primary"
    assert AuditEvent.objects.filter(
        action="update", record_type="early_help_episode", record_id=str(episode.pk)
    ).exists()


@time_machine.travel(datetime(2026, 11, 20, 10, 0, tzinfo=LONDON), tick=False)
def test_ending_an_episode(as_user, early_help_manager):
    episode = _episode()
    services.episode_assessment_record(actor=None, episode=episode, start_date=date(2026, 11, 10))
    client = as_user(early_help_manager)
    url = reverse("earlyhelp:episode_end", args=[episode.pk])
    no_reason = client.post(url, _dates("end_date", date(2026, 11, 19)))
    assert "Select why the early help episode ended" in no_reason.content.decode()
    too_early = client.post(
        url, {**_dates("end_date", date(2026, 11, 9)), "reason": "outcomes_met"}
    )
    assert "after the early help assessment dates (10/11/2026)" in too_early.content.decode()
    step_up = client.post(url, {**_dates("end_date", date(2026, 11, 19)), "reason": "step_up"})
    assert step_up.status_code == 400
    episode.refresh_from_db()
    assert episode.is_open

    ok = client.post(url, {**_dates("end_date", date(2026, 11, 19)), "reason": "outcomes_met"})
    assert ok.status_code == 302
    episode.refresh_from_db()
    assert (episode.end_date, episode.end_reason) == (date(2026, 11, 19), "outcomes_met")
    assert AuditEvent.objects.filter(action="end", record_type="early_help_episode").exists()
    closed = client.post(
        reverse("earlyhelp:episode_assessment", args=[episode.pk]),
        _dates("start_date", date(2026, 11, 10)),
    )
    assert "ended on 19/11/2026 and cannot be changed" in closed.content.decode()


@time_machine.travel(datetime(2026, 11, 20, 10, 0, tzinfo=LONDON), tick=False)
def test_step_up_creates_a_5d_contact_with_the_history_and_ends_the_episode(
    as_user, early_help_manager, mash_worker
):
    episode = _episode()
    services.episode_assessment_record(
        actor=None,
        episode=episode,
        start_date=date(2026, 11, 10),
        completion_date=date(2026, 11, 12),
    )
    client = as_user(early_help_manager)
    url = reverse("earlyhelp:episode_step_up", args=[episode.pk])
    missing = client.post(url, {})
    page = missing.content.decode()
    assert missing.status_code == 400
    assert "Enter the reason for stepping up" in page
    assert "Enter the current concerns" in page
    assert "Select whether the parents know about the step-up" in page
    assert "Select at least one category of concern" in page
    assert not Contact.objects.exists()

    response = client.post(
        url,
        {
            "reason": "Mum's new partner has a history of violence.",
            "concerns": "Ava has a bruise on her arm she would not explain.",
            "categories": ["physical"],
            "parents_aware": "yes",
        },
    )
    assert response.status_code == 302
    contact = Contact.objects.get()
    assert contact.source == "5D" and contact.channel == "other"
    assert list(contact.children.values_list("person_id", flat=True)) == [episode.person_id]
    assert "Mum's new partner" in contact.concerns
    assert "lead professional Jo Bright (Oakfield Primary)" in contact.concerns
    assert "completed 12/11/2026" in contact.concerns
    assert "grandmother nearby" in contact.concerns  # the step-down analysis travels with it
    assert contact.received_at == datetime(2026, 11, 20, 10, 0, tzinfo=LONDON)
    episode.refresh_from_db()
    assert (episode.end_date, episode.end_reason) == (date(2026, 11, 20), "step_up")
    assert episode.step_up_contact == contact
    assert AuditEvent.objects.filter(action="step_up", record_type="early_help_episode").exists()
    assert contact in mash_queue(user=mash_worker)


def test_person_page_shows_early_help_history(as_user, mash_worker, early_help_manager):
    episode = _episode()
    response = as_user(mash_worker).get(reverse("people:detail", args=[episode.person_id]))
    page = response.content.decode()
    assert "Early help" in page and "Jo Bright, Oakfield Primary" in page
    assert "Stepped down from the daily police notification screening" in page
    link = f'href="{reverse("earlyhelp:episode_detail", args=[episode.pk])}">From 5 November 2026'
    assert link not in page  # the MASH worker cannot open early help pages
    eh_page = as_user(early_help_manager).get(reverse("people:detail", args=[episode.person_id]))
    assert link in eh_page.content.decode()


def test_episode_pages_open_through_the_access_gate(as_user, early_help_manager, police_partner):
    episode = _episode()
    client = as_user(early_help_manager)
    for name in ("episode_detail", "episode_assessment", "episode_end", "episode_step_up"):
        response = client.get(reverse(f"earlyhelp:{name}", args=[episode.pk]))
        assert response.status_code == 200, name
    assert (
        "grandmother nearby"
        in client.get(reverse("earlyhelp:episode_detail", args=[episode.pk])).content.decode()
    )
    assert (
        AuditEvent.objects.filter(
            actor=early_help_manager,
            record_type="early_help_episode",
            record_id=str(episode.pk),
            person_id=episode.person_id,
        ).count()
        == 5
    )
    assert (
        client.get(reverse("earlyhelp:episode_detail", args=[episode.pk + 99])).status_code == 404
    )
    partner = as_user(police_partner)
    assert partner.get(reverse("earlyhelp:episode_detail", args=[episode.pk])).status_code == 403
