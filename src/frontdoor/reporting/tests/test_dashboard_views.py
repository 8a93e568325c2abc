"""The dashboard through its pages: who may see it, drill-downs through the gate, audited CSV."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from frontdoor.audit.models import AuditEvent
from frontdoor.people.models import PersonAccess
from frontdoor.reporting.exports import neutralise

from .builders import at, child, contact

pytestmark = pytest.mark.django_db
PERIOD = "?date_from=2025-11-01&date_to=2025-11-30"


@time_machine.travel("2025-12-01 12:00Z")
def test_it_shows_the_dashboard_to_analysts_and_managers(as_user, analyst, mash_manager):
    contact([child("Amy")], at(2025, 11, 3))
    for user in (analyst, mash_manager):
        response = as_user(user).get(reverse("reporting:dashboard") + PERIOD)
        assert response.status_code == 200
        page = response.content.decode()
        assert "1 contact received in the period" in page
        assert "<svg" in page and "<table" in page
        assert "England 2024-25: 22.6%" in page
        # Nothing recorded by child protection yet: said plainly, no invented numbers.
        assert "No data recorded.</strong> No strategy discussions have been recorded." in page


def test_it_refuses_the_dashboard_to_practitioners_and_partners(
    as_user, mash_worker, police_partner
):
    for user in (mash_worker, police_partner):
        assert as_user(user).get(reverse("reporting:dashboard")).status_code == 403
        assert (
            as_user(user)
            .get(reverse("reporting:drilldown", args=["contacts_by_source", "2A"]))
            .status_code
            == 403
        )
    assert AuditEvent.objects.filter(action="refused", record_type="page").count() == 4


def test_it_rejects_a_period_that_ends_before_it_starts(as_user, analyst):
    response = as_user(analyst).get(
        reverse("reporting:dashboard") + "?date_from=2025-12-01&date_to=2025-11-01"
    )
    assert "The start of the period must be on or before its end" in response.content.decode()


@time_machine.travel("2025-12-01 12:00Z")
def test_the_drill_down_masks_a_sealed_child_and_audits_the_children_named(as_user, mash_manager):
    amy, secret = child("Amy", "Visible"), child("Sam", "Sealed", dob=date(2014, 7, 9))
    secret.sealed = True
    secret.save(update_fields=["sealed"])
    contact([amy, secret], at(2025, 11, 3), source="2A")
    url = reverse("reporting:drilldown", args=["contacts_by_source", "2A"]) + PERIOD
    response = as_user(mash_manager).get(url)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Amy Visible" in page and reverse("people:detail", args=[amy.pk]) in page
    assert "Restricted record" in page
    assert '1 child is shown as "Restricted record"' in page
    # Neither the sealed child's name, date of birth, child ID nor link appear.
    assert "Sam Sealed" not in page and "9 July 2014" not in page
    assert secret.la_child_id not in page
    assert reverse("people:detail", args=[secret.pk]) not in page
    event = AuditEvent.objects.get(action="list", record_type="dashboard_drilldown")
    assert event.actor == mash_manager and event.record_id == "1 shown"
    assert event.detail == {
        "figure": "contacts_by_source/2A",
        "period": "date_from=2025-11-01&date_to=2025-11-30",
        "children": 2,
        "restricted": 1,
        "person_ids": [amy.pk],
    }

    PersonAccess.objects.create(person=secret, user=mash_manager, granted_at=timezone.now())
    page = as_user(mash_manager).get(url).content.decode()
    assert "Sam Sealed" in page and "Restricted record" not in page
    latest = AuditEvent.objects.filter(action="list", record_type="dashboard_drilldown").latest(
        "pk"
    )
    assert latest.detail["person_ids"] == sorted([amy.pk, secret.pk])
    assert latest.detail["restricted"] == 0


def test_an_unknown_figure_or_row_is_not_found_and_nothing_is_audited(as_user, mash_manager):
    client = as_user(mash_manager)
    assert client.get(reverse("reporting:drilldown", args=["no_such", "2A"])).status_code == 404
    assert (
        client.get(reverse("reporting:drilldown", args=["contacts_by_source", "ZZ"])).status_code
        == 404
    )
    assert client.get(reverse("reporting:figure_csv", args=["no_such"])).status_code == 404
    assert not AuditEvent.objects.filter(record_type__startswith="dashboard_").exists()


@time_machine.travel("2025-12-01 12:00Z")
def test_an_analyst_sees_counts_but_no_names(as_user, analyst):
    contact([child("Amy", "Hidden")], at(2025, 11, 3))
    response = as_user(analyst).get(
        reverse("reporting:drilldown", args=["contacts_by_source", "2A"]) + PERIOD
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Amy Hidden" not in page
    assert "1 child is not listed because your role does not let you open" in page
    event = AuditEvent.objects.get(action="list", record_type="dashboard_drilldown")
    assert event.actor == analyst and event.detail["person_ids"] == []
    assert event.detail["children"] == 1


@time_machine.travel("2025-12-01 12:00Z")
def test_the_figure_csv_is_audited_and_neutralised(as_user, analyst):
    contact([child("Amy"), child("Ben")], at(2025, 11, 3))
    response = as_user(analyst).get(
        reverse("reporting:figure_csv", args=["contacts_by_source"]) + PERIOD
    )
    assert response.streaming
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[1] == ["Row", "Contacts", "Children"]
    assert rows[2] == ["2A: Schools", "1", "2"]
    event = AuditEvent.objects.get(action="export", record_type="dashboard_figure")
    assert event.actor == analyst and event.detail["children"] == 2
    assert event.detail["period"] == "date_from=2025-11-01&date_to=2025-11-30"


def test_formula_values_are_neutralised():
    assert neutralise('=HYPERLINK("x")') == '\'=HYPERLINK("x")'
    assert [neutralise(v) for v in ("+44", "-1", "@SUM(A1)", "Amy", 5, -3)] == [
        "'+44",
        "'-1",
        "'@SUM(A1)",
        "Amy",
        5,
        -3,
    ]
    assert neutralise(date(2025, 1, 1)) == date(2025, 1, 1)


@time_machine.travel("2025-12-01 12:00Z")
def test_the_team_filter_narrows_contacts_to_the_recording_team(
    as_user, analyst, mash_worker, social_worker
):
    contact([child("Amy")], at(2025, 11, 3), actor=mash_worker)
    contact([child("Ben")], at(2025, 11, 4), actor=social_worker)
    team = mash_worker.team
    page = as_user(analyst).get(reverse("reporting:dashboard") + PERIOD + f"&team={team.pk}")
    text = page.content.decode()
    assert f"30 November 2025, {team.name}." in text
    assert "1 contact received in the period" in text
