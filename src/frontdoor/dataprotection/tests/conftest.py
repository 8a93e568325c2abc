from __future__ import annotations

from datetime import datetime

import pytest
from django.utils import timezone

from frontdoor.accounts.models import User
from frontdoor.accounts.roles import Role
from frontdoor.conftest import make_user

DEMO_NOW = timezone.make_aware(datetime(2026, 11, 25, 11, 0))


@pytest.fixture
def officer(db: None) -> User:
    """The data protection role (a MASH manager): retention review, legal holds, subject access."""
    return make_user("dp_officer", Role.MASH_MANAGER, "MASH")


@pytest.fixture
def second_officer(db: None) -> User:
    """A second manager, for four eyes on releasing a legal hold."""
    return make_user("dp_second", Role.MASH_MANAGER, "MASH")
