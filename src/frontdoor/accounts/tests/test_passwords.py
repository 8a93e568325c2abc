"""Passwords: the validators, changing your own, and an administrator's one-time reset link."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from frontdoor.accounts.models import User
from frontdoor.accounts.services.passwords import reset_link_path
from frontdoor.audit.models import AuditEvent
from frontdoor.conftest import PASSWORD

pytestmark = pytest.mark.django_db

NEW = "correct horse battery staple"


def test_a_short_or_common_password_is_refused_next_to_the_field(as_user, mash_worker):
    client = as_user(mash_worker)
    short = client.post(
        "/accounts/password/",
        {"old_password": PASSWORD, "new_password1": "Abc12345", "new_password2": "Abc12345"},
    )
    assert "This password is too short. It must contain at least 12 characters." in (
        short.content.decode()
    )
    common = client.post(
        "/accounts/password/",
        {
            "old_password": PASSWORD,
            "new_password1": "password1234",
            "new_password2": "password1234",
        },
    )
    assert "This password is too common." in common.content.decode()
    assert not AuditEvent.objects.filter(action="password_changed").exists()


def test_it_changes_your_own_password_and_keeps_you_signed_in(as_user, mash_worker):
    client = as_user(mash_worker)
    wrong = client.post(
        "/accounts/password/", {"old_password": "nope", "new_password1": NEW, "new_password2": NEW}
    )
    assert "Your current password is not right. Enter it again." in wrong.content.decode()
    response = client.post(
        "/accounts/password/",
        {"old_password": PASSWORD, "new_password1": NEW, "new_password2": NEW},
    )
    assert response.status_code == 302 and response["Location"] == "/accounts/account/"
    assert User.objects.get(pk=mash_worker.pk).check_password(NEW)
    assert client.get("/accounts/account/").status_code == 200
    event = AuditEvent.objects.get(action="password_changed")
    assert event.actor == mash_worker and event.record_id == str(mash_worker.pk)


def test_an_administrator_makes_a_reset_link_that_works_once(as_user, admin_user, mash_worker):
    response = as_user(admin_user).post(
        reverse("accounts:admin_reset_link"), {"user": mash_worker.pk}
    )
    body = response.content.decode()
    assert response.status_code == 200 and "Password reset link for Mash Tester" in body
    link = body.split('id="reset-link">')[1].split("</code>")[0].replace("&amp;", "&")
    assert link.startswith("http://testserver/accounts/reset/?u=")
    path = link.removeprefix("http://testserver")
    visitor = Client()
    form = visitor.get(path).content.decode()
    assert "Set a new password" in form and "mash_worker" in form
    done = visitor.post(path, {"new_password1": NEW, "new_password2": NEW})
    assert done.status_code == 302 and done["Location"] == "/accounts/login/?reset=1"
    assert User.objects.get(pk=mash_worker.pk).check_password(NEW)
    again = visitor.post(path, {"new_password1": NEW + "x", "new_password2": NEW + "x"})
    assert "This link does not work" in again.content.decode()
    assert User.objects.get(pk=mash_worker.pk).check_password(NEW)
    issued = AuditEvent.objects.get(action="password_reset_link_issued")
    assert issued.actor == admin_user and issued.detail == {
        "username": "mash_worker",
        "emailed": False,
    }
    used = AuditEvent.objects.get(action="password_reset_by_link")
    assert used.actor == mash_worker
    assert len(mail.outbox) == 0


def test_the_link_is_emailed_when_email_is_configured(
    settings, as_user, admin_user, mash_worker, django_capture_on_commit_callbacks
):
    settings.FRONTDOOR_EMAIL_CONFIGURED = True
    mash_worker.email = "mash.worker@example.org"
    mash_worker.save(update_fields=["email"])
    with django_capture_on_commit_callbacks(execute=True):
        response = as_user(admin_user).post(
            reverse("accounts:admin_reset_link"), {"user": mash_worker.pk}
        )
    assert "It has also been emailed to mash.worker@example.org." in response.content.decode()
    [sent] = mail.outbox
    assert sent.to == ["mash.worker@example.org"]
    assert sent.subject == "Set a new password for Front Door"
    assert "http://testserver/accounts/reset/?u=" in sent.body
    assert AuditEvent.objects.get(action="password_reset_link_issued").detail["emailed"] is True


def test_a_link_with_a_wrong_token_does_not_work(mash_worker):
    path = reset_link_path(mash_worker)
    body = Client().get(path[:-3] + "xyz").content.decode()
    assert "This link does not work" in body


def test_an_administrator_may_not_make_a_link_for_themselves(as_user, admin_user):
    response = as_user(admin_user).post(
        reverse("accounts:admin_reset_link"), {"user": admin_user.pk}
    )
    assert response.status_code == 400
    assert "You cannot reset your own sign-in." in response.content.decode()
    assert not AuditEvent.objects.filter(action="password_reset_link_issued").exists()


def test_only_an_administrator_makes_reset_links(as_user, mash_manager, mash_worker):
    response = as_user(mash_manager).post(
        reverse("accounts:admin_reset_link"), {"user": mash_worker.pk}
    )
    assert response.status_code == 403
    assert AuditEvent.objects.filter(action="refused", actor=mash_manager).count() == 1


def test_the_accounts_list_shows_who_has_a_second_factor_in_few_queries(
    as_user, admin_user, mash_worker, mash_manager, django_assert_max_num_queries
):
    from .helpers import enrolled

    enrolled(mash_worker)
    client = as_user(admin_user)
    with django_assert_max_num_queries(12) as small:
        response = client.get(reverse("accounts:admin_accounts"))
    assert response.status_code == 200
    body = response.content.decode()
    assert body.count("Set up</td>") == 1 and body.count("Not set up</td>") == 2
    for n in range(5):
        enrolled(User.objects.create_user(f"extra{n}", password=PASSWORD, role="mash_practitioner"))
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(reverse("accounts:admin_accounts"))
    assert response.status_code == 200 and response.content.decode().count("Set up</td>") == 6
