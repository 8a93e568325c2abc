"""Screening tests create many users; a fast password hasher keeps the folder quick. (Sign-in
still goes through the real login page in the browser test.)"""

import pytest


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):  # type: ignore[no-untyped-def]
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
