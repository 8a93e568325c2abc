"""Partner organisations and tokens for the API tests, made through the real services."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client

from frontdoor.accounts.models import User
from frontdoor.administration.models import PartnerOrganisation
from frontdoor.api.models import ApiToken
from frontdoor.api.services import api_token_create

SCHOOL = "Demoton Primary School"


@pytest.fixture(autouse=True)
def _fresh_rate_counts() -> Any:
    cache.clear()
    yield
    cache.clear()


def organisation(name: str, agency: str) -> PartnerOrganisation:
    return PartnerOrganisation.objects.create(name=name, agency=agency)


@pytest.fixture
def school(db: None) -> PartnerOrganisation:
    """A school: submits concerns, acknowledges Operation Encompass notices addressed to it."""
    return organisation(SCHOOL, "education")


@pytest.fixture
def police_force(db: None) -> PartnerOrganisation:
    """The police force: the only organisation whose system may send police notifications."""
    return organisation("Demoshire Police", "police")


def token_for(
    admin: User, org: PartnerOrganisation, scopes: list[str], name: str = "Case system"
) -> tuple[ApiToken, str]:
    return api_token_create(actor=admin, organisation=org, name=name, scopes=scopes)


class ApiClient(Client):
    """A partner system: JSON in, the token in the Authorization header."""

    def __init__(self, secret: str = "") -> None:
        super().__init__()
        self.secret = secret

    def _headers(self, kwargs: dict[str, Any]) -> dict[str, Any]:
        headers = dict(kwargs.pop("headers", None) or {})
        if self.secret:
            headers.setdefault("Authorization", f"Bearer {self.secret}")
        return headers

    def call(self, method: str, path: str, body: Any = None, **kwargs: Any) -> Any:
        headers = self._headers(kwargs)
        send = getattr(super(), method)
        if body is None:
            return send(path, headers=headers, **kwargs)
        return send(path, body, content_type="application/json", headers=headers, **kwargs)


@pytest.fixture
def school_api(admin_user: User, school: PartnerOrganisation) -> ApiClient:
    """The school's system, with a token for concerns and Operation Encompass."""
    _token, secret = token_for(admin_user, school, ["concerns", "encompass"])
    return ApiClient(secret)


@pytest.fixture
def police_api(admin_user: User, police_force: PartnerOrganisation) -> ApiClient:
    """The police force's system, with every scope a police force may have."""
    _token, secret = token_for(
        admin_user,
        police_force,
        ["concerns", "police_notifications", "encompass", "information_requests"],
    )
    return ApiClient(secret)
