"""The administrator's token pages and the rules the database holds for tokens and submissions."""

from __future__ import annotations

import hashlib
from typing import Any

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from frontdoor.api.models import ApiSubmission, ApiToken, ServiceAccount
from frontdoor.audit.models import AuditEvent
from frontdoor.conftest import client_for

from .conftest import ApiClient, token_for

pytestmark = pytest.mark.django_db


def make_on_the_page(as_user: Any, admin: Any, org: Any, **extra: Any) -> Any:
    data = {"organisation": org.pk, "name": "Case system", "scopes": ["concerns"], **extra}
    return as_user(admin).post("/administration/api-tokens/new", data)


def test_the_administrator_makes_a_token_shown_once_and_kept_as_a_digest(
    as_user: Any, admin_user: Any, school: Any
) -> None:
    client = as_user(admin_user)
    response = client.post(
        "/administration/api-tokens/new",
        {"organisation": school.pk, "name": "Case system", "scopes": ["concerns", "encompass"]},
        follow=True,
    )
    assert response.status_code == 200
    token = ApiToken.objects.get()
    secret = response.context["secret"]
    assert secret.startswith("fd_") and secret in response.content.decode()
    assert token.key_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in (token.prefix, token.key_hash, token.name) and secret.startswith(
        token.prefix
    )
    assert token.scopes == ["concerns", "encompass"]
    assert secret not in client.get(f"/administration/api-tokens/{token.pk}/").content.decode()
    event = AuditEvent.objects.get(record_type="api_token", action="create")
    assert (event.actor_id, event.record_id) == (admin_user.pk, str(token.pk))
    assert event.detail == {"organisation": school.name, "scopes": ["concerns", "encompass"]}
    service = school.api_service_account.user
    assert (service.role, service.organisation, service.has_usable_password()) == (
        "partner",
        school.name,
        False,
    )
    assert ApiClient(secret).call("get", "/api/v1/concerns").status_code == 200


def test_a_double_submit_makes_one_token(as_user: Any, admin_user: Any, school: Any) -> None:
    client = as_user(admin_user)
    data = {
        "organisation": school.pk,
        "name": "Case system",
        "scopes": ["concerns"],
        "form_token": "same-form",
    }
    first = client.post("/administration/api-tokens/new", data)
    second = client.post("/administration/api-tokens/new", data)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert ApiToken.objects.count() == 1


def test_only_the_administrator_reaches_the_token_pages(
    as_user: Any, admin_user: Any, mash_manager: Any, police_partner: Any, school: Any
) -> None:
    token, _secret = token_for(admin_user, school, ["concerns"])
    for user in (mash_manager, police_partner):
        client = as_user(user)
        for url in ("/administration/api-tokens/", f"/administration/api-tokens/{token.pk}/"):
            assert client.get(url).status_code == 403
        assert client.post(f"/administration/api-tokens/{token.pk}/revoke").status_code == 403
    assert AuditEvent.objects.filter(action="refused", actor=mash_manager).count() == 3
    assert ApiToken.objects.get().revoked_at is None
    missing = as_user(admin_user).get("/administration/api-tokens/987654/")
    assert missing.status_code == 404
    assert AuditEvent.objects.filter(
        action="refused", record_type="api_token", record_id="987654"
    ).exists()


def test_a_second_live_token_of_the_same_name_is_refused_naming_the_first(
    as_user: Any, admin_user: Any, school: Any
) -> None:
    make_on_the_page(as_user, admin_user, school)
    response = make_on_the_page(as_user, admin_user, school)
    assert response.status_code == 200
    first = ApiToken.objects.get()
    assert (
        f"Demoton Primary School already has a live token called &#x27;Case system&#x27; "
        f"(made {timezone.localtime(first.created_at).day}"
    ) in response.content.decode()
    assert f"starting {first.prefix}): give this one another name" in response.content.decode()


def test_the_police_scope_is_refused_for_a_school_next_to_the_field(
    as_user: Any, admin_user: Any, school: Any
) -> None:
    response = make_on_the_page(as_user, admin_user, school, scopes=["police_notifications"])
    assert response.status_code == 200
    assert "Only a police force&#x27;s system may submit police notifications" in (
        response.content.decode()
    )
    assert ApiToken.objects.count() == 0


def test_two_administrators_change_scopes_at_once(admin_user: Any, school: Any) -> None:
    from frontdoor.conftest import make_user

    second_admin = make_user("second_admin", "admin", "Systems Support")
    token, _secret = token_for(admin_user, school, ["concerns"])
    url = f"/administration/api-tokens/{token.pk}/scopes"
    one, two = client_for(admin_user), client_for(second_admin)
    version = one.get(url).context["form"].initial["version"]
    assert two.get(url).context["form"].initial["version"] == version
    saved = one.post(url, {"version": version, "scopes": ["concerns", "encompass"]})
    assert saved.status_code == 302
    stale = two.post(url, {"version": version, "scopes": ["information_requests"]})
    assert stale.status_code == 409
    page = stale.content.decode()
    assert "Admin Tester changed this record" in page
    assert 'value="information_requests" checked' in page  # what they chose is kept
    assert ApiToken.objects.get().scopes == ["concerns", "encompass"]
    event = AuditEvent.objects.get(record_type="api_token", action="update")
    assert event.detail == {"scopes_before": ["concerns"], "scopes": ["concerns", "encompass"]}


def test_revoking_stops_the_token_and_is_audited(
    as_user: Any, admin_user: Any, school: Any
) -> None:
    token, secret = token_for(admin_user, school, ["concerns"])
    client = as_user(admin_user)
    url = f"/administration/api-tokens/{token.pk}/revoke"
    assert client.get(url).status_code == 405
    assert client.post(url, {"version": token.version}).status_code == 302
    token.refresh_from_db()
    assert token.revoked_by == admin_user and token.revoked_at is not None
    assert AuditEvent.objects.filter(
        record_type="api_token", action="revoke", record_id=str(token.pk), actor=admin_user
    ).exists()
    assert ApiClient(secret).call("get", "/api/v1/concerns").status_code == 401
    again = client.post(url, {"version": token.version})
    assert again.status_code == 400
    assert "This token was already revoked on" in again.content.decode()


def test_the_database_refuses_a_second_live_token_of_one_name(admin_user: Any, school: Any) -> None:
    token, _secret = token_for(admin_user, school, ["concerns"])
    with pytest.raises(IntegrityError), transaction.atomic():
        ApiToken.objects.create(
            organisation=school,
            name=token.name,
            scopes=["concerns"],
            prefix="fd_other",
            key_hash="0" * 64,
            created_at=timezone.now(),
            created_by=admin_user,
        )


def test_the_database_refuses_a_revocation_without_who(admin_user: Any, school: Any) -> None:
    token, _secret = token_for(admin_user, school, ["concerns"])
    token.revoked_at = timezone.now()
    with pytest.raises(IntegrityError), transaction.atomic():
        token.save(update_fields=["revoked_at"])


def test_the_database_refuses_a_second_service_account(admin_user: Any, school: Any) -> None:
    token_for(admin_user, school, ["concerns"])
    with pytest.raises(IntegrityError), transaction.atomic():
        ServiceAccount.objects.create(organisation=school, user=admin_user)


def test_the_database_refuses_a_reused_idempotency_key(
    school_api: ApiClient, school: Any, police_partner: Any
) -> None:
    from datetime import date

    from frontdoor.intake.partner import partner_concern_submit

    from .test_api import CONCERN

    school_api.call("post", "/api/v1/concerns", CONCERN, headers={"Idempotency-Key": "k-1"})
    first = ApiSubmission.objects.get()
    # A contact with no submission yet, so only the key can clash.
    other = partner_concern_submit(
        actor=police_partner,
        first_name="Cal",
        last_name="Quill",
        date_of_birth=date(2015, 1, 1),
        concerns="Seen on the web form",
        categories=["neglect"],
        parents_aware="yes",
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        ApiSubmission.objects.create(
            contact=other,
            organisation=school,
            token=first.token,
            idempotency_key="k-1",
            submitted_at=timezone.now(),
        )
