"""Headers on every page: no caching of anything a signed-in user sees, a Permissions-Policy, and
the framework-level upload limit."""

from __future__ import annotations

import pytest
from django.test import Client, override_settings

from frontdoor.core.middleware import PERMISSIONS_POLICY

pytestmark = pytest.mark.django_db


def test_every_page_to_a_signed_in_user_is_no_store(as_user, mash_worker, admin_user):
    for client, path, status in (
        (as_user(admin_user), "/administration/", 200),
        (as_user(mash_worker), "/administration/", 403),
        (as_user(mash_worker), "/people/999999/", 404),
        (as_user(mash_worker), "/", 200),  # the home page
        (as_user(mash_worker), "/accounts/login/", 302),  # a redirect too
    ):
        response = client.get(path)
        assert response.status_code == status, path
        assert "no-store" in response["Cache-Control"].split(", "), path
        assert "private" in response["Cache-Control"].split(", "), path


def test_a_signed_in_page_with_a_childs_record_is_no_store(as_user, mash_worker):
    from frontdoor.people.tests.factories import make_child

    child = make_child("Nora", "Hale")
    response = as_user(mash_worker).get(f"/people/{child.pk}/")
    assert response.status_code == 200
    assert "Nora" in response.content.decode()
    assert "no-store" in response["Cache-Control"].split(", ")


def test_the_login_redirect_and_login_page_carry_the_permissions_policy():
    client = Client()
    redirect = client.get("/people/")
    assert redirect.status_code == 302
    assert redirect["Permissions-Policy"] == PERMISSIONS_POLICY
    login = client.get("/accounts/login/")
    assert login.status_code == 200
    assert login["Permissions-Policy"] == PERMISSIONS_POLICY
    assert "camera=()" in PERMISSIONS_POLICY and "geolocation=()" in PERMISSIONS_POLICY


def test_static_files_are_not_marked_no_store(as_user, mash_worker):
    response = as_user(mash_worker).get("/static/frontdoor/frontdoor.css")
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")


@override_settings(FRONTDOOR_MAX_UPLOAD_MB=1)
def test_a_request_body_over_the_upload_limit_is_refused_before_any_view(as_user, mash_worker):
    body = b"x" * (2 * 1024 * 1024 + 1)
    response = as_user(mash_worker).generic(
        "POST", "/people/new/", body, content_type="application/octet-stream"
    )
    assert response.status_code == 413
    html = response.content.decode()
    assert "The file is too large" in html
    assert "Files must be 1 MB or smaller" in html


@override_settings(FRONTDOOR_MAX_UPLOAD_MB=1)
def test_a_request_body_within_the_upload_limit_reaches_the_view(as_user, admin_user):
    body = b"x" * (2 * 1024 * 1024)
    response = as_user(admin_user).generic(
        "POST", "/administration/", body, content_type="application/octet-stream"
    )
    # The view answered (it takes no POST body), so the limit let the request through.
    assert response.status_code != 413


def test_the_upload_limit_setting_defaults_to_20_mb():
    from django.conf import settings

    assert settings.FRONTDOOR_MAX_UPLOAD_MB == 20
