"""Accounts: create, change, deactivate and reactivate users; each change audited; the
administrator only (others refused, audited); stale posts and double submits handled."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from frontdoor.accounts.models import Team, User
from frontdoor.accounts.roles import Role
from frontdoor.administration.models import AccountVersion, PartnerMembership
from frontdoor.administration.services import partner_organisation_create
from frontdoor.audit.models import AuditEvent
from frontdoor.conftest import make_user
from frontdoor.core.templatetags.govuk import ukdatetime

pytestmark = pytest.mark.django_db

NEW = "/administration/users/new/"


def account(**extra: str) -> dict[str, str]:
    data = {
        "username": "jo.bloggs",
        "first_name": "Jo",
        "last_name": "Bloggs",
        "email": "jo.bloggs@council.example",
        "role": Role.MASH_PRACTITIONER,
        "team": "",
        "job_title": "Social worker",
        "phone": "",
        "organisation": "",
        "password": "a-long-first-password-42",
    }
    return {**data, **extra}


def edit(user: User, version: int, **extra: str) -> dict[str, str]:
    data = account(**extra)
    del data["username"], data["password"]
    return {**data, "version": str(version)}


def test_it_creates_a_user_with_an_audit_row(as_user, admin_user):
    response = as_user(admin_user).post(NEW, account())
    user = User.objects.get(username="jo.bloggs")
    assert response.status_code == 302
    assert response["Location"] == f"/administration/users/{user.pk}/"
    assert (user.display_name, user.role, user.is_active) == (
        "Jo Bloggs",
        "mash_practitioner",
        True,
    )
    assert user.check_password("a-long-first-password-42")
    assert AccountVersion.objects.get(user=user).version == 1
    event = AuditEvent.objects.get(action="create", record_type="user")
    assert (event.actor, event.record_id) == (admin_user, str(user.pk))
    assert event.detail == {"username": "jo.bloggs", "role": "mash_practitioner"}


def test_it_makes_one_user_when_the_form_is_sent_twice(as_user, admin_user):
    client = as_user(admin_user)
    first = client.post(NEW, account(form_token="same-token"))
    second = client.post(NEW, account(form_token="same-token"))
    assert User.objects.filter(username="jo.bloggs").count() == 1
    assert second.status_code == 302 and second["Location"] == first["Location"]


def test_it_refuses_a_taken_username_next_to_the_field(as_user, admin_user, mash_worker):
    response = as_user(admin_user).post(NEW, account(username="mash_worker"))
    assert response.status_code == 200
    assert response.context["form"].errors["username"] == [
        "The username mash_worker is already taken. Choose another"
    ]
    assert not AuditEvent.objects.filter(action="create", record_type="user").exists()


def test_it_refuses_a_weak_first_password(as_user, admin_user):
    response = as_user(admin_user).post(NEW, account(password="short"))
    assert "This password is too short" in response.context["form"].errors["password"][0]
    assert not User.objects.filter(username="jo.bloggs").exists()


def test_the_restricted_records_capability_needs_a_role_that_screens(as_user, admin_user):
    response = as_user(admin_user).post(
        NEW, account(role=Role.ANALYST, restricted_records_manager="on")
    )
    assert (
        response.context["form"]
        .errors["restricted_records_manager"][0]
        .startswith("Only a user whose role screens contacts")
    )
    as_user(admin_user).post(NEW, account(restricted_records_manager="on"))
    user = User.objects.get(username="jo.bloggs")
    assert user.restricted_records_manager and user.can("restricted_records")


def test_a_partner_user_belongs_to_an_organisation_kept_in_step(as_user, admin_user):
    school = partner_organisation_create(
        actor=admin_user, name="Oakfield Primary", agency="education"
    )
    refused = as_user(admin_user).post(NEW, account(role=Role.PARTNER))
    assert refused.context["form"].errors["organisation"] == [
        "Choose the partner organisation this user submits concerns for"
    ]
    as_user(admin_user).post(NEW, account(role=Role.PARTNER, organisation=str(school.pk)))
    user = User.objects.get(username="jo.bloggs")
    assert (user.organisation, user.agency) == ("Oakfield Primary", "education")
    assert PartnerMembership.objects.get(user=user).organisation == school
    staff = as_user(admin_user).post(NEW, account(username="x", organisation=str(school.pk)))
    assert staff.context["form"].errors["organisation"] == [
        "Only partner agency users belong to a partner organisation. Leave it empty"
    ]


def test_it_changes_an_account_with_an_audit_row(as_user, admin_user, mash_worker):
    team = Team.objects.create(name="Assessment Team South")
    response = as_user(admin_user).post(
        f"/administration/users/{mash_worker.pk}/edit/",
        edit(mash_worker, 1, role=Role.ASSESSMENT_SOCIAL_WORKER, team=str(team.pk)),
    )
    assert response.status_code == 302
    mash_worker.refresh_from_db()
    assert (mash_worker.first_name, mash_worker.role, mash_worker.team) == (
        "Jo",
        "assessment_social_worker",
        team,
    )
    assert AccountVersion.objects.get(user=mash_worker).version == 2
    event = AuditEvent.objects.get(action="update", record_type="user")
    assert event.record_id == str(mash_worker.pk)
    assert event.detail == {
        "changed": ["first_name", "last_name", "email", "role", "team", "job_title"]
    }


def test_two_administrators_change_one_account_and_the_second_is_told(as_user, admin_user):
    other_admin = make_user("sam_admin", Role.ADMIN)
    target = make_user("target", Role.MASH_PRACTITIONER)
    url = f"/administration/users/{target.pk}/edit/"
    first, second = as_user(admin_user), as_user(other_admin)
    version = first.get(url).context["form"].initial["version"]
    assert second.get(url).context["form"].initial["version"] == version == 1
    assert first.post(url, edit(target, version, job_title="Team manager")).status_code == 302
    stale = second.post(url, edit(target, version, job_title="Senior practitioner"))
    assert stale.status_code == 409
    html = stale.content.decode()
    assert "Admin Tester changed this record at" in html
    assert 'value="Senior practitioner"' in html
    target.refresh_from_db()
    assert target.job_title == "Team manager"
    assert AuditEvent.objects.filter(action="update", record_type="user").count() == 1


def test_it_deactivates_and_reactivates_an_account_with_audit_rows(
    as_user, admin_user, mash_worker
):
    client = as_user(admin_user)
    url = f"/administration/users/{mash_worker.pk}"
    assert client.post(f"{url}/deactivate/", {"version": "1"}).status_code == 302
    mash_worker.refresh_from_db()
    assert not mash_worker.is_active and not mash_worker.can("view_people")
    client.post(f"{url}/reactivate/", {"version": "2"})
    mash_worker.refresh_from_db()
    assert mash_worker.is_active
    actions = list(
        AuditEvent.objects.filter(record_type="user", record_id=str(mash_worker.pk))
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == ["deactivate", "reactivate"]


def test_a_deactivate_from_a_stale_page_changes_nothing(as_user, admin_user, mash_worker):
    client = as_user(admin_user)
    client.post(f"/administration/users/{mash_worker.pk}/edit/", edit(mash_worker, 1))
    response = client.post(
        f"/administration/users/{mash_worker.pk}/deactivate/", {"version": "1"}, follow=True
    )
    assert "Admin Tester changed this record at" in response.content.decode()
    mash_worker.refresh_from_db()
    assert mash_worker.is_active


def test_an_administrator_cannot_deactivate_themselves(as_user, admin_user):
    make_user("sam_admin", Role.ADMIN)
    response = as_user(admin_user).post(
        f"/administration/users/{admin_user.pk}/deactivate/", {"version": "1"}, follow=True
    )
    assert "You cannot deactivate your own account. Ask another system administrator" in (
        response.content.decode()
    )
    admin_user.refresh_from_db()
    assert admin_user.is_active
    assert not AuditEvent.objects.filter(action="deactivate").exists()


def test_the_last_administrator_keeps_the_role(as_user, admin_user):
    other = make_user("sam_admin", Role.ADMIN)
    as_user(admin_user).post(f"/administration/users/{other.pk}/deactivate/", {"version": "1"})
    response = as_user(admin_user).post(
        f"/administration/users/{admin_user.pk}/edit/",
        edit(admin_user, 1, role=Role.ANALYST),
    )
    assert response.context["form"].errors["role"] == [
        "Admin Tester is the only active system administrator. Add another administrator "
        "before changing this role"
    ]
    admin_user.refresh_from_db()
    assert admin_user.role == Role.ADMIN


def test_the_user_page_shows_roles_last_sign_in_and_recent_activity(
    as_user, admin_user, mash_worker
):
    as_user(mash_worker).get("/administration/")  # refused: audited against mash_worker
    response = as_user(admin_user).get(f"/administration/users/{mash_worker.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    mash_worker.refresh_from_db()  # signing the test client in set the last sign-in
    assert "MASH practitioner" in html
    assert (
        f'Last sign-in</dt><dd class="govuk-summary-list__value">{ukdatetime(mash_worker.last_login)}'
        in html
    )
    assert "page /administration/" in html  # the refusal, from the audit trail


@pytest.mark.parametrize(
    "url",
    [
        "/administration/",
        "/administration/users/",
        NEW,
        "/administration/roles/",
        "/administration/teams/",
        "/administration/organisations/",
    ],
)
def test_other_roles_are_refused_and_the_refusal_is_audited(as_user, mash_manager, url):
    response = as_user(mash_manager).get(url)
    assert response.status_code == 403
    event = AuditEvent.objects.get(action="refused")
    assert (event.actor, event.record_id, event.detail) == (
        mash_manager,
        url,
        {"capability": "admin"},
    )


def test_a_partner_cannot_create_users(as_user, police_partner):
    assert as_user(police_partner).post(NEW, account()).status_code == 403
    assert not User.objects.filter(username="jo.bloggs").exists()


def test_the_users_list_takes_the_same_queries_however_many_users(as_user, admin_user):
    client = as_user(admin_user)
    school = partner_organisation_create(
        actor=admin_user, name="Oakfield Primary", agency="education"
    )

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/administration/users/")
        assert response.status_code == 200
        assert (
            response.content.decode().count('href="/administration/users/') >= User.objects.count()
        )
        return len(queries)

    before = count()
    for n in range(5):
        make_user(f"extra_{n}", Role.MASH_PRACTITIONER, "MASH")
        partner = make_user(f"partner_{n}", Role.PARTNER)
        PartnerMembership.objects.create(user=partner, organisation=school)
    assert count() == before
    assert "Oakfield Primary" in client.get("/administration/users/").content.decode()


def test_the_users_list_filters_by_role_and_status(as_user, admin_user, mash_worker, analyst):
    response = as_user(admin_user).get("/administration/users/?role=analyst&active=yes")
    assert [u.username for u in response.context["users"]] == ["analyst"]


def test_the_roles_page_lists_every_role_with_its_active_users(as_user, admin_user, mash_worker):
    response = as_user(admin_user).get("/administration/roles/")
    rows = {r.role: r.members for r in response.context["roles"]}
    assert rows["mash_practitioner"] == 1 and rows["admin"] == 1 and rows["partner"] == 0
    assert len(rows) == len(Role)
    assert "break_glass" in response.content.decode()


def test_a_missing_account_answers_404_and_is_audited(as_user, admin_user):
    assert as_user(admin_user).get("/administration/users/987654/").status_code == 404
    event = AuditEvent.objects.get(action="refused")
    assert (event.record_type, event.record_id, event.detail) == (
        "user",
        "987654",
        {"requested": "view"},
    )


def test_the_administration_home_links_every_administration_page(as_user, admin_user):
    response = as_user(admin_user).get("/administration/")
    assert response.status_code == 200
    html = response.content.decode()
    for url in (
        "/administration/users/",
        "/administration/teams/",
        "/administration/roles/",
        "/administration/organisations/",
        "/administration/break-glass/",
        "/accounts/admin/locked/",
        "/accounts/admin/accounts/",
        "/administration/api-tokens/",
    ):
        assert f'href="{url}"' in html
