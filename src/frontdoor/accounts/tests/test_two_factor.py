"""Two-factor sign-in: set-up, codes at sign-in, backup codes, required accounts and production,
and an administrator's reset. Every event is audited."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from frontdoor.accounts.models import User
from frontdoor.audit.models import AuditEvent
from frontdoor.core.onetime import new_token

from .helpers import code_for, enrolled, signed_in, verified

pytestmark = pytest.mark.django_db


def actions(user: User) -> list[str]:
    return list(
        AuditEvent.objects.filter(record_type="user", record_id=str(user.pk))
        .order_by("pk")
        .values_list("action", flat=True)
    )


def test_it_lets_a_demo_user_without_a_second_factor_in_with_the_password_alone(mash_worker):
    client = signed_in("mash_worker")
    assert client.get("/people/").status_code == 200
    assert actions(mash_worker) == ["signed_in"]


def test_it_asks_an_enrolled_user_for_a_code_before_any_page(mash_worker):
    key, _codes = enrolled(mash_worker)
    client = signed_in("mash_worker")
    response = client.get("/people/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/two-factor/?next=%2Fpeople%2F"
    page = client.get(response["Location"])
    assert "Enter the code from your authenticator app" in page.content.decode()
    done = client.post("/accounts/two-factor/", {"code": code_for(key, 1), "next": "/people/"})
    assert done.status_code == 302 and done["Location"] == "/people/"
    assert client.get("/people/").status_code == 200
    assert actions(mash_worker)[-2:] == ["signed_in", "two_factor_verified"]


def test_it_refuses_a_wrong_code_and_audits_it(mash_worker):
    enrolled(mash_worker)
    client = signed_in("mash_worker")
    response = client.post("/accounts/two-factor/", {"code": "000000"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "The code is not right. Enter the 6-digit code your authenticator app shows now" in body
    assert client.get("/people/").status_code == 302
    event = AuditEvent.objects.filter(action="two_factor_failed").get()
    assert event.actor == mash_worker and event.detail == {"method": "app"}


def test_a_backup_code_works_once(mash_worker):
    _key, codes = enrolled(mash_worker)
    client = signed_in("mash_worker")
    assert client.post("/accounts/two-factor/", {"code": codes[0].upper()}).status_code == 302
    assert client.get("/people/").status_code == 200
    assert StaticToken.objects.filter(device__user=mash_worker).count() == 9
    again = signed_in("mash_worker")
    response = again.post("/accounts/two-factor/", {"code": codes[0]})
    assert "The code is not right" in response.content.decode()
    verified = AuditEvent.objects.filter(action="two_factor_verified").get()
    assert verified.detail == {"method": "backup code"}


def test_the_set_up_journey_shows_a_qr_code_then_ten_backup_codes_once(as_user, mash_worker):
    client = as_user(mash_worker)
    page = client.get("/accounts/two-factor/set-up/")
    body = page.content.decode()
    assert page.status_code == 200 and '<svg role="img" aria-label="QR code"' in body
    key = client.session["fd_totp_key"]
    wrong = client.post("/accounts/two-factor/set-up/", {"code": "123"})
    assert "The code does not match" in wrong.content.decode()
    assert not TOTPDevice.objects.filter(user=mash_worker).exists()
    done = client.post("/accounts/two-factor/set-up/", {"code": code_for(key)})
    assert done.status_code == 302 and done["Location"] == "/accounts/two-factor/backup-codes/"
    shown = client.get(done["Location"]).content.decode()
    codes = list(
        StaticToken.objects.filter(device__user=mash_worker).values_list("token", flat=True)
    )
    assert len(codes) == 10 and all(f"<code>{c}</code>" in shown for c in codes)
    later = client.get("/accounts/two-factor/backup-codes/").content.decode()
    assert codes[0] not in later and "You have 10 backup codes left" in later
    assert actions(mash_worker) == ["two_factor_setup_failed", "two_factor_enrolled"]
    device = TOTPDevice.objects.get(user=mash_worker)
    assert device.confirmed is True and device.key == key


def test_setting_up_twice_with_the_same_form_makes_one_device(as_user, mash_worker):
    client = as_user(mash_worker)
    client.get("/accounts/two-factor/set-up/")
    key = client.session["fd_totp_key"]
    token = new_token()
    first = client.post(
        "/accounts/two-factor/set-up/", {"code": code_for(key), "form_token": token}
    )
    second = client.post(
        "/accounts/two-factor/set-up/", {"code": code_for(key), "form_token": token}
    )
    assert first.status_code == second.status_code == 302
    assert second["Location"] == first["Location"]
    assert TOTPDevice.objects.filter(user=mash_worker).count() == 1
    assert actions(mash_worker) == ["two_factor_enrolled"]


def test_setting_up_again_is_refused_while_one_is_set_up(as_user, mash_worker):
    enrolled(mash_worker)
    body = as_user(mash_worker).get("/accounts/two-factor/set-up/").content.decode()
    assert "Two-factor sign-in is already set up for your account" in body
    assert "ask your system administrator to reset it" in body


def test_new_backup_codes_replace_the_old_ones(mash_worker):
    key, old = enrolled(mash_worker)
    client = verified("mash_worker", key)
    token = new_token()
    response = client.post("/accounts/two-factor/backup-codes/", {"form_token": token})
    assert response.status_code == 302
    again = client.post("/accounts/two-factor/backup-codes/", {"form_token": token})
    assert again.status_code == 302
    new = set(StaticToken.objects.filter(device__user=mash_worker).values_list("token", flat=True))
    assert len(new) == 10 and not new & set(old)
    assert actions(mash_worker).count("backup_codes_regenerated") == 1


def test_new_backup_codes_are_refused_before_the_code_is_entered(mash_worker):
    enrolled(mash_worker)
    client = signed_in("mash_worker")
    response = client.post("/accounts/two-factor/backup-codes/", {})
    assert response.status_code == 400
    assert "Enter a code from your authenticator app first." in response.content.decode()
    assert "backup_codes_regenerated" not in actions(mash_worker)


def test_an_account_marked_as_required_reaches_only_set_up(mash_worker):
    mash_worker.two_factor_required = True
    mash_worker.save(update_fields=["two_factor_required"])
    client = signed_in("mash_worker")
    response = client.get("/people/")
    assert response["Location"] == "/accounts/two-factor/set-up/?next=%2Fpeople%2F"


@pytest.fixture
def production_two_factor(settings):
    """FRONTDOOR_TWO_FACTOR_REQUIRED as production sets it (test_settings checks production does)."""
    settings.FRONTDOOR_TWO_FACTOR_REQUIRED = True


def all_paths() -> dict[str, str]:
    """Every URL pattern as a path (ids 1, days 2026-11-25), by URL name."""
    from django.urls import URLPattern, URLResolver, get_resolver

    found: dict[str, str] = {}

    def walk(entries, prefix, namespace):  # type: ignore[no-untyped-def]
        for entry in entries:
            if isinstance(entry, URLResolver):
                walk(entry.url_patterns, prefix + str(entry.pattern), entry.namespace or namespace)
            elif isinstance(entry, URLPattern):
                route = "/" + prefix + str(entry.pattern)
                route = re.sub(r"<(?:\w+:)?day>", "2026-11-25", route)
                found[f"{namespace}:{entry.name}"] = re.sub(r"<(?:\w+:)?\w+>", "1", route)

    walk(get_resolver().url_patterns, "", "")
    return found


SET_UP_OR_OPEN = {
    "accounts:login",
    "accounts:logout",
    "accounts:password_reset",
    "core:health",
    "ops:ready",
    "accounts:two_factor_verify",
    "accounts:two_factor_setup",
    "accounts:backup_codes",
    "accounts:keep_alive",
    # The passkey step sits with the code page; outside it, it answers 400 (test_passkeys.py).
    "accounts:passkey_verify_begin",
    "accounts:passkey_verify",
}


def test_in_production_a_user_without_a_second_factor_reaches_no_page_but_set_up(
    production_two_factor, as_user, mash_manager, admin_user
):
    paths = all_paths()
    assert (
        paths["people:detail"] == "/people/1/" and paths["police:day"] == "/police/day/2026-11-25/"
    )
    checked = 0
    for user in (mash_manager, admin_user):
        client = as_user(user)
        for name, path in paths.items():
            if name in SET_UP_OR_OPEN:
                continue
            for method in ("get", "post"):
                response = getattr(client, method)(path)
                assert response.status_code == 302, f"{method} {path}"
                assert response["Location"].startswith("/accounts/two-factor/set-up/?next="), path
                checked += 1
    assert checked == 4 * (len(paths) - len(SET_UP_OR_OPEN))
    assert as_user(mash_manager).get("/accounts/two-factor/set-up/").status_code == 200


def test_in_production_an_enrolled_user_gets_in_after_the_code(production_two_factor, mash_worker):
    key, _codes = enrolled(mash_worker)
    client = signed_in("mash_worker")
    assert client.get("/people/")["Location"].startswith("/accounts/two-factor/?")
    client.post("/accounts/two-factor/", {"code": code_for(key, 1)})
    assert client.get("/people/").status_code == 200


def test_an_administrator_resets_someone_elses_second_factor(as_user, admin_user, mash_worker):
    key, _codes = enrolled(mash_worker)
    worker = verified("mash_worker", key)
    assert worker.get("/people/").status_code == 200
    response = as_user(admin_user).post(
        reverse("accounts:admin_two_factor_reset"), {"user": mash_worker.pk}
    )
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=mash_worker).exists()
    assert not StaticToken.objects.filter(device__user=mash_worker).exists()
    event = AuditEvent.objects.get(action="two_factor_reset")
    assert event.actor == admin_user and event.record_id == str(mash_worker.pk)
    # The worker's verified session no longer counts: with no device left, the demo lets them on,
    # and production would send them to set-up.
    assert worker.get("/people/").status_code == 200


def test_an_administrator_may_not_reset_their_own_second_factor(as_user, admin_user):
    client = as_user(admin_user)
    enrolled(admin_user)
    response = client.post(reverse("accounts:admin_two_factor_reset"), {"user": admin_user.pk})
    assert response.status_code == 400
    assert "You cannot reset your own sign-in. Ask another system administrator" in (
        response.content.decode()
    )
    assert TOTPDevice.objects.filter(user=admin_user).exists()


def test_only_an_administrator_resets_a_second_factor(as_user, mash_manager, mash_worker):
    enrolled(mash_worker)
    response = as_user(mash_manager).post(
        reverse("accounts:admin_two_factor_reset"), {"user": mash_worker.pk}
    )
    assert response.status_code == 403
    assert TOTPDevice.objects.filter(user=mash_worker).exists()
    assert AuditEvent.objects.filter(action="refused", actor=mash_manager).count() == 1


def test_production_settings_require_a_second_factor_of_everyone():
    """Under FRONTDOOR_ENV=production the requirement is on, and no variable turns it off."""
    import os
    import subprocess
    import sys

    from frontdoor.core.tests.test_settings import PRODUCTION_ENV

    def required(extra: dict[str, str]) -> str:
        env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith("FRONTDOOR_") and k != "DATABASE_URL"
        }
        code = "import frontdoor.settings as s; print(s.FRONTDOOR_TWO_FACTOR_REQUIRED)"
        result = subprocess.run(
            [sys.executable, "-c", code],
            env={**env, **extra},
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        return result.stdout.strip()

    assert required({**PRODUCTION_ENV, "FRONTDOOR_TWO_FACTOR": "0"}) == "True"
    assert required({}) == "False"
    assert required({"FRONTDOOR_TWO_FACTOR": "1"}) == "True"
