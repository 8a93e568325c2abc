"""Browser journey for passkeys: add one on "Your account", sign in with it instead of a code, then
remove it, through Chromium's virtual authenticator (the page's own ES module calls the WebAuthn API; no
inline script, so the Content-Security-Policy holds). axe-core runs on every page visited."""

from __future__ import annotations

import pytest

from frontdoor.accounts.models import User
from frontdoor.audit.models import AuditEvent
from frontdoor.conftest import PASSWORD
from frontdoor.testing.browser import sign_in

from .helpers import code_for, enrolled

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def virtual_authenticator(page) -> None:  # type: ignore[no-untyped-def]
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
            }
        },
    )


def test_a_worker_adds_a_passkey_then_signs_in_with_it(page, mash_worker):
    key, _codes = enrolled(mash_worker)
    virtual_authenticator(page)
    sign_in(page, "mash_worker", PASSWORD)
    assert "Use a passkey" not in page.content()  # none added yet
    page.get_by_label("Code").fill(code_for(key, 1))
    page.get_by_role("button", name="Continue").click()
    page.wait_for_load_state("load")
    page.axe.check()
    page.get_by_role("link", name="Your account").click()
    page.wait_for_load_state("load")
    page.axe.check()

    with page.expect_navigation():
        page.get_by_role("button", name="Add a passkey").click()
    page.wait_for_load_state("load")
    page.axe.check()
    assert "Passkey 1 added. You can use it when you next sign in." in page.content()
    assert "Passkey 1, added" in page.content()

    page.get_by_role("button", name="Sign out").click()
    page.wait_for_load_state("load")
    page.axe.check()
    sign_in(page, "mash_worker", PASSWORD)
    assert page.get_by_role(
        "heading", name="Enter the code from your authenticator app"
    ).is_visible()
    with page.expect_navigation():
        page.get_by_role("button", name="Use a passkey").click()
    page.wait_for_load_state("load")
    page.axe.check()
    assert page.get_by_role("heading", name="Today", exact=True).is_visible()  # home page
    page.get_by_role("link", name="Your account").click()
    page.wait_for_load_state("load")
    page.axe.check()
    page.get_by_role("button", name="Remove Passkey 1").click()
    page.wait_for_load_state("load")
    page.axe.check()
    assert "Passkey 1 removed. It can no longer be used to sign in." in page.content()

    user = User.objects.get(username="mash_worker")
    assert list(
        AuditEvent.objects.filter(actor=user, record_type="user")
        .order_by("pk")
        .values_list("action", flat=True)
    ) == [
        "two_factor_enrolled",
        "signed_in",
        "two_factor_verified",
        "passkey_registered",
        "signed_in",
        "two_factor_verified",
        "passkey_removed",
    ]
    methods = AuditEvent.objects.filter(actor=user, action="two_factor_verified").order_by("pk")
    assert [event.detail["method"] for event in methods] == ["app", "passkey"]
