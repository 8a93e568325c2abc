"""Production settings refuse to start with demo defaults."""

import os
import subprocess
import sys


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
            "FRONTDOOR_SECRET_KEY": "x" * 50,
            "FRONTDOOR_ALLOWED_HOSTS": "frontdoor.example.gov.uk",
            "FRONTDOOR_COUNCIL_NAME": "Exampleshire",
            "FRONTDOOR_LA_CODE": "202",
            "DATABASE_URL": "postgres://frontdoor@db/frontdoor",
        }
    )
    assert result.returncode == 0, result.stderr


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
            "FRONTDOOR_SECRET_KEY": "x" * 50,
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
