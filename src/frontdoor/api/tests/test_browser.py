"""Browser journey for the administrator: make a partner's API token (an error first), see it once,
change what it may do, revoke it; then the API's readable docs. axe-core runs on every page."""

from __future__ import annotations

from typing import Any

import pytest

from frontdoor.api.models import ApiToken
from frontdoor.conftest import PASSWORD
from frontdoor.testing.browser import sign_in

from .conftest import ApiClient

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def go(page: Any, name: str) -> None:
    page.get_by_role("button", name=name).click()
    page.wait_for_load_state("load")
    page.axe.check()


def test_make_see_once_scope_and_revoke_a_token(page: Any, admin_user: Any, school: Any) -> None:
    sign_in(page, "admin_user", PASSWORD)
    page.goto("/administration/api-tokens/")
    page.axe.check()
    page.get_by_role("link", name="Make a token").click()
    page.wait_for_load_state("load")
    page.axe.check()
    page.select_option("#id_organisation", str(school.pk))
    page.fill("#id_name", "Case system")
    go(page, "Make the token")
    assert (
        "Select at least one thing the token may do"
        in page.locator(".govuk-error-summary").inner_text()
    )
    page.get_by_label("Submit concerns and read their status and outcome").check()
    go(page, "Make the token")
    secret = page.locator(".govuk-panel code").inner_text()
    token = ApiToken.objects.get()
    assert secret.startswith(token.prefix)
    assert ApiClient(secret).call("get", "/api/v1/concerns").status_code == 200

    page.reload()
    page.axe.check()
    assert secret not in page.content()  # shown once
    page.get_by_role("link", name="Change what the token may do").click()
    page.wait_for_load_state("load")
    page.axe.check()
    page.get_by_label("Read and acknowledge Operation Encompass notices").check()
    go(page, "Save")
    assert ApiToken.objects.get().scopes == ["concerns", "encompass"]

    go(page, "Revoke this token")
    assert "is revoked: calls with it are now refused" in page.content()
    assert ApiClient(secret).call("get", "/api/v1/concerns").status_code == 401

    page.goto("/api/v1/docs")
    page.axe.check()
    assert page.locator("h1").inner_text() == "Front Door partner API"
