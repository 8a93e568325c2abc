"""Production settings refuse to start with demo defaults."""

import os
import subprocess
import sys

# What `check --deploy` accepts as a secret: 50+ characters, not one repeated (never used for real).
SECRET = "test-only-secret-" + "0123456789abcdef" * 3

PRODUCTION_ENV = {
    "FRONTDOOR_ENV": "production",
    "FRONTDOOR_SECRET_KEY": SECRET,
    "FRONTDOOR_ALLOWED_HOSTS": "frontdoor.example.gov.uk",
    "FRONTDOOR_COUNCIL_NAME": "Exampleshire",
    "FRONTDOOR_LA_CODE": "202",
    "DATABASE_URL": "postgres://frontdoor@db.invalid/frontdoor",
}


def run_settings(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    full = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("FRONTDOOR_") and k != "DATABASE_URL"
    }
    full.update(env)
    return subprocess.run(
        [sys.executable, "-c", "import frontdoor.settings"],
        env=full,
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_refuses_demo_defaults():
    result = run_settings({"FRONTDOOR_ENV": "production"})
    assert result.returncode != 0
    assert "Production settings refuse demo defaults" in result.stderr
    assert "FRONTDOOR_SECRET_KEY" in result.stderr and "FRONTDOOR_LA_CODE" in result.stderr


def test_production_starts_when_configured():
    result = run_settings(
        {
            "FRONTDOOR_ENV": "production",
            "FRONTDOOR_SECRET_KEY": SECRET,
            "FRONTDOOR_ALLOWED_HOSTS": "frontdoor.example.gov.uk",
            "FRONTDOOR_COUNCIL_NAME": "Exampleshire",
            "FRONTDOOR_LA_CODE": "202",
            "DATABASE_URL": "postgres://frontdoor@db/frontdoor",
        }
    )
    assert result.returncode == 0, result.stderr


def test_production_refuses_a_short_or_repetitive_secret_key():
    for weak in ("x" * 60, SECRET[:49]):
        result = run_settings({**PRODUCTION_ENV, "FRONTDOOR_SECRET_KEY": weak})
        assert result.returncode != 0
        assert "FRONTDOOR_SECRET_KEY to a random value of at least 50 characters" in result.stderr


def test_check_deploy_under_production_settings_prints_no_warnings():
    """The command and environment in docs/operations.md: `frontdoor check --deploy` must be clean."""
    # The test run's own DJANGO_ALLOW_ASYNC_UNSAFE (for Playwright) is not part of a deployment.
    dropped = ("DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")
    full = {
        k: v for k, v in os.environ.items() if not k.startswith("FRONTDOOR_") and k not in dropped
    }
    full.update(PRODUCTION_ENV)
    result = subprocess.run(
        [sys.executable, "-m", "frontdoor.manage", "check", "--deploy", "--fail-level", "WARNING"],
        env=full,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "System check identified no issues (0 silenced)."
    assert "WARNINGS" not in result.stderr


def test_la_code_must_be_three_digits():
    result = run_settings({"FRONTDOOR_LA_CODE": "12"})
    assert "3-digit DfE LA code" in result.stderr


def test_demo_logins_are_never_created_in_production():
    code = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='frontdoor.settings'; django.setup();"
        "from frontdoor.demo.users import create_demo_users; create_demo_users()"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("FRONTDOOR_")}
    env.update(
        {
            "FRONTDOOR_ENV": "production",
            "FRONTDOOR_SECRET_KEY": SECRET,
            "FRONTDOOR_ALLOWED_HOSTS": "h",
            "FRONTDOOR_COUNCIL_NAME": "C",
            "FRONTDOOR_LA_CODE": "202",
            "DATABASE_URL": "sqlite:////tmp/frontdoor-never.sqlite3",
        }
    )
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False
    )
    assert "Demo logins are never created under production settings" in result.stderr
