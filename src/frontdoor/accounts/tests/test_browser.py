"""Browser journeys for signing in: setting up two-factor sign-in and signing in with a code, the
administrator's sign-in security pages, the idle-timeout warning and text kept across a timeout.
axe-core runs on every page visited."""

from __future__ import annotations

import time
from base64 import b32decode

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django_otp.oath import TOTP

from frontdoor.accounts.models import User
from frontdoor.accounts.roles import Role
from frontdoor.audit.models import AuditEvent
from frontdoor.conftest import PASSWORD, make_user
from frontdoor.testing.browser import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def app_code(manual_key: str, steps_ahead: int = 0) -> str:
    totp = TOTP(b32decode(manual_key.replace(" ", "")))
    totp.time = time.time() + 30 * steps_ahead
    return f"{totp.token():06d}"


def go(page, name: str) -> None:  # type: ignore[no-untyped-def]
    page.get_by_role("button", name=name).click()
    page.wait_for_load_state("load")
    page.axe.check()


def test_a_new_starter_sets_up_two_factor_then_signs_in_with_a_code(page):
    make_user("new_starter", Role.MASH_PRACTITIONER, "MASH", two_factor_required=True)
    sign_in(page, "new_starter", PASSWORD)  # sent straight to set-up (checked by sign_in)
    assert page.get_by_role("heading", name="Set up two-factor sign-in").is_visible()
    assert page.get_by_role("img", name="QR code").is_visible()
    go(page, "Set up two-factor sign-in")
    assert "Enter the 6-digit code your authenticator app shows" in page.content()
    page.get_by_text("I cannot scan the QR code").click()
    key = page.locator(".fd-key").inner_text()
    page.get_by_label("Code from your authenticator app").fill(app_code(key))
    go(page, "Set up two-factor sign-in")
    assert page.get_by_role("heading", name="Backup codes").is_visible()
    assert page.locator(".fd-backup-codes li").count() == 10
    page.get_by_role("link", name="Continue").click()
    page.wait_for_load_state("load")
    page.axe.check()
    assert page.get_by_role("heading", name="Today", exact=True).is_visible()  # home page

    go(page, "Sign out")
    sign_in(page, "new_starter", PASSWORD)  # now asked for the code
    assert page.get_by_role(
        "heading", name="Enter the code from your authenticator app"
    ).is_visible()
    page.get_by_label("Code").fill("000000")
    go(page, "Continue")
    assert "The code is not right" in page.locator(".govuk-error-summary").inner_text()
    page.wait_for_timeout(1500)  # django-otp makes the try after a wrong code wait a second
    page.get_by_label("Code").fill(app_code(key, 1))
    go(page, "Continue")
    assert page.get_by_role("heading", name="Today", exact=True).is_visible()  # home page
    page.get_by_role("link", name="Your account").click()
    page.axe.check()
    assert "Set up with an authenticator app" in page.content()
    user = User.objects.get(username="new_starter")
    assert list(
        AuditEvent.objects.filter(actor=user, record_type="user")
        .order_by("pk")
        .values_list("action", flat=True)
    ) == [
        "signed_in",
        "two_factor_enrolled",
        "signed_in",
        "two_factor_failed",
        "two_factor_verified",
    ]


def test_the_administrator_makes_a_reset_link_and_unlocks_an_account(page, admin_user, settings):
    worker = make_user("mash_worker", Role.MASH_PRACTITIONER, "MASH")
    sign_in(page, "admin_user", PASSWORD)
    page.get_by_role("link", name="Your account").click()
    page.axe.check()
    page.get_by_role("link", name="Sign-in security: reset two-factor sign-in").click()
    page.axe.check()
    go(page, "Make a password reset link for mash_worker")
    link = page.locator("#reset-link").inner_text()
    assert "/accounts/reset/?u=" in link
    for _ in range(settings.AXES_FAILURE_LIMIT):
        Client(REMOTE_ADDR="203.0.113.9").post(
            "/accounts/login/", {"username": "mash_worker", "password": "wrong"}
        )
    page.goto("/accounts/admin/locked/")
    page.axe.check()
    assert "mash_worker" in page.locator("table").inner_text()
    go(page, "Unlock mash_worker from 203.0.113.9")
    assert "No accounts are locked." in page.content()
    assert not AccessAttempt.objects.exists()

    go(page, "Sign out")
    page.goto(link)
    page.axe.check()
    page.get_by_label("New password", exact=True).fill("short")
    page.get_by_label("Confirm new password").fill("short")
    go(page, "Set new password")
    assert "at least 12 characters" in page.locator(".govuk-error-summary").inner_text()
    page.get_by_label("New password", exact=True).fill("a walk by the river at dawn")
    page.get_by_label("Confirm new password").fill("a walk by the river at dawn")
    go(page, "Set new password")
    assert "Your new password is set" in page.content()
    worker.refresh_from_db()
    assert worker.check_password("a walk by the river at dawn")


def test_changing_your_own_password(page, mash_worker):
    sign_in(page, "mash_worker", PASSWORD)
    page.get_by_role("link", name="Your account").click()
    page.axe.check()
    page.get_by_role("link", name="Change your password").click()
    page.axe.check()
    page.get_by_label("Current password").fill(PASSWORD)
    page.get_by_label("New password", exact=True).fill("password1234")
    page.get_by_label("Confirm new password").fill("password1234")
    go(page, "Change password")
    assert "This password is too common." in page.locator(".govuk-error-summary").inner_text()
    page.get_by_label("Current password").fill(PASSWORD)
    page.get_by_label("New password", exact=True).fill("lighthouse keeper notebook")
    page.get_by_label("Confirm new password").fill("lighthouse keeper notebook")
    go(page, "Change password")
    assert "Your password has been changed." in page.content()


def test_the_idle_warning_offers_to_stay_signed_in(page, mash_worker, settings):
    settings.SESSION_COOKIE_AGE = 124  # the warning comes 4 seconds after the page loads
    sign_in(page, "mash_worker", PASSWORD)
    dialog = page.get_by_role("dialog", name="You are about to be signed out")
    dialog.wait_for(state="visible", timeout=10000)
    page.axe.check()
    dialog.get_by_role("button", name="Stay signed in").click()
    dialog.wait_for(state="hidden")
    assert AuditEvent.objects.filter(action="session_extended", actor=mash_worker).count() == 1


def test_text_typed_before_a_timeout_is_put_back_after_signing_in(page, mash_worker):
    sign_in(page, "mash_worker", PASSWORD)
    page.goto("/contacts/new/")
    page.axe.check()
    words = "Neighbour heard shouting from the flat most nights this week."
    page.fill("#id_concerns", words)
    page.context.clear_cookies()  # the session timed out while the worker was typing
    go(page, "Record contact")
    assert page.get_by_role("heading", name="Sign in to Front Door").is_visible()
    page.get_by_label("Username").fill("mash_worker")
    page.get_by_label("Password").fill(PASSWORD)
    go(page, "Sign in")
    assert page.url.endswith("/contacts/new/")
    assert page.input_value("#id_concerns") == words
    assert "We put back text you typed here before you were signed out" in page.content()
