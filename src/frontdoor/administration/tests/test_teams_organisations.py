"""Teams and partner organisations: created and changed by the administrator, audited, with
stale posts refused, double submits making one record and the database refusing duplicates."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction

from frontdoor.accounts.models import Team
from frontdoor.accounts.roles import Role
from frontdoor.administration.models import PartnerMembership, PartnerOrganisation
from frontdoor.administration.services import partner_organisation_create, team_create
from frontdoor.audit.models import AuditEvent
from frontdoor.conftest import make_user

pytestmark = pytest.mark.django_db


def test_it_adds_a_team_once_with_an_audit_row(as_user, admin_user):
    client = as_user(admin_user)
    data = {"name": "MASH South", "kind": "mash", "form_token": "one-token"}
    assert client.post("/administration/teams/new/", data).status_code == 302
    assert client.post("/administration/teams/new/", data).status_code == 302
    team = Team.objects.get(name="MASH South")
    assert team.kind == "mash"
    event = AuditEvent.objects.get(action="create", record_type="team")
    assert (event.actor, event.record_id) == (admin_user, str(team.pk))


def test_a_second_team_of_the_same_name_is_refused_next_to_the_field(as_user, admin_user):
    Team.objects.create(name="MASH South")
    response = as_user(admin_user).post("/administration/teams/new/", {"name": "MASH South"})
    assert response.context["form"].errors["name"] == ["There is already a team called MASH South"]
    assert Team.objects.filter(name="MASH South").count() == 1


def test_two_administrators_rename_one_team_and_the_second_is_told(as_user, admin_user):
    other = make_user("sam_admin", Role.ADMIN)
    team = team_create(actor=admin_user, name="MASH South", kind="mash")
    url = f"/administration/teams/{team.pk}/edit/"
    first, second = as_user(admin_user), as_user(other)
    assert first.get(url).context["form"].initial["version"] == 1
    ok = first.post(url, {"name": "MASH South and West", "kind": "mash", "version": "1"})
    assert ok.status_code == 302
    stale = second.post(url, {"name": "MASH Coast", "kind": "mash", "version": "1"})
    assert stale.status_code == 409
    assert "Admin Tester changed this record at" in stale.content.decode()
    assert 'value="MASH Coast"' in stale.content.decode()
    team.refresh_from_db()
    assert team.name == "MASH South and West"
    event = AuditEvent.objects.get(action="update", record_type="team")
    assert event.detail == {"before": {"name": "MASH South", "kind": "mash"}}


def test_it_adds_a_partner_organisation_once_with_an_audit_row(as_user, admin_user):
    client = as_user(admin_user)
    data = {"name": "Demoton Police", "agency": "police", "form_token": "one-token"}
    client.post("/administration/organisations/new/", data)
    client.post("/administration/organisations/new/", data)
    organisation = PartnerOrganisation.objects.get()
    assert (organisation.name, organisation.agency, organisation.active) == (
        "Demoton Police",
        "police",
        True,
    )
    event = AuditEvent.objects.get(action="create", record_type="partner_organisation")
    assert event.detail == {"name": "Demoton Police", "agency": "police"}


def test_an_organisation_needs_an_agency(as_user, admin_user):
    response = as_user(admin_user).post("/administration/organisations/new/", {"name": "X"})
    assert response.context["form"].errors["agency"] == [
        "Choose the agency the organisation belongs to"
    ]


def test_renaming_an_organisation_renames_it_on_its_users(as_user, admin_user, police_partner):
    organisation = partner_organisation_create(
        actor=admin_user, name="Test Police", agency="police"
    )
    PartnerMembership.objects.create(user=police_partner, organisation=organisation)
    response = as_user(admin_user).post(
        f"/administration/organisations/{organisation.pk}/edit/",
        {"name": "Demoton Police", "agency": "police", "active": "on", "version": "1"},
    )
    assert response.status_code == 302
    police_partner.refresh_from_db()
    assert police_partner.organisation == "Demoton Police"
    organisation.refresh_from_db()
    assert (organisation.version, organisation.changed_by) == (2, admin_user)
    event = AuditEvent.objects.get(action="update", record_type="partner_organisation")
    assert event.detail == {"before": {"name": "Test Police", "agency": "police"}, "active": True}


def test_a_stale_organisation_change_is_refused(as_user, admin_user):
    other = make_user("sam_admin", Role.ADMIN)
    organisation = partner_organisation_create(actor=other, name="Test Police", agency="police")
    url = f"/administration/organisations/{organisation.pk}/edit/"
    as_user(other).post(url, {"name": "Police A", "agency": "police", "version": "1"})
    stale = as_user(admin_user).post(url, {"name": "Police B", "agency": "police", "version": "1"})
    assert stale.status_code == 409
    assert "Sam Tester changed this record at" in stale.content.decode()
    organisation.refresh_from_db()
    assert organisation.name == "Police A"


def test_an_inactive_organisation_takes_no_new_users(admin_user):
    from frontdoor.administration.guards import organisation_refusal

    organisation = PartnerOrganisation.objects.create(name="Old PCT", agency="health", active=False)
    assert organisation_refusal(Role.PARTNER, organisation) == (
        "Old PCT is no longer active. Choose an active organisation, or reactivate it first"
    )


@pytest.mark.django_db(transaction=True)
def test_the_database_refuses_a_second_organisation_of_the_same_name():
    PartnerOrganisation.objects.create(name="Demoton Police", agency="police")
    with pytest.raises(IntegrityError), transaction.atomic():
        PartnerOrganisation.objects.create(name="Demoton Police", agency="health")


@pytest.mark.django_db(transaction=True)
def test_the_database_refuses_a_second_organisation_for_one_user(police_partner):
    one = PartnerOrganisation.objects.create(name="Demoton Police", agency="police")
    two = PartnerOrganisation.objects.create(name="Coast Police", agency="police")
    PartnerMembership.objects.create(user=police_partner, organisation=one)
    with pytest.raises(IntegrityError), transaction.atomic():
        PartnerMembership.objects.create(user=police_partner, organisation=two)
