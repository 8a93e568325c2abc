"""Personas for the people area: the named restricted-records managers."""

import pytest

from frontdoor.accounts.models import User
from frontdoor.accounts.roles import Role
from frontdoor.conftest import make_user


@pytest.fixture
def records_manager(db: None) -> User:
    """A MASH manager named restricted-records manager: seals, unseals and reviews seals."""
    return make_user("records_manager", Role.MASH_MANAGER, "MASH", restricted_records_manager=True)


@pytest.fixture
def records_practitioner(db: None) -> User:
    """A practitioner named restricted-records manager (no manage_access): may still seal."""
    return make_user(
        "records_practitioner", Role.MASH_PRACTITIONER, "MASH", restricted_records_manager=True
    )
