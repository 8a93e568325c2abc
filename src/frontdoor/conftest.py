"""Shared test set-up: persona fixtures (each says why it exists) and a clean calendar per test."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client

from frontdoor.accounts.models import Team, User
from frontdoor.accounts.roles import Role
from frontdoor.core.calendar import reset_calendar
from frontdoor.core.onetime import new_token

# Playwright's sync API runs an event loop in the test thread; the ORM calls made by test set-up
# there are still synchronous, so Django's async-safety guard would refuse them.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


PASSWORD = "test-password-123"


def pytest_collection_modifyitems(items: list[Any]) -> None:
    """Make the suite safe to run on several test workers (`make test` runs `pytest -n auto`).

    - A module's tests run on one worker (`--dist loadgroup`), so a module-scoped fixture (a seeded
      world) is built once, unless the module is marked `spread` (the access matrix's shards: each
      worker builds the world and checks its share of the cells).
    - A test on a live database (`transaction=True`) empties every table when it ends; on one worker
      the run puts such tests last, but a worker runs a whole module at a time, so a later module
      would find the data the migrations install (letter templates, code lists) gone. Those tests
      restore it (`serialized_rollback`)."""
    for item in items:
        if item.get_closest_marker("spread") is None:
            item.add_marker(pytest.mark.xdist_group(item.nodeid.split("::")[0]))
        marker = item.get_closest_marker("django_db")
        if marker is not None and marker.kwargs.get("transaction"):
            kwargs = {**marker.kwargs, "serialized_rollback": True}
            item.add_marker(pytest.mark.django_db(*marker.args, **kwargs), append=False)


@pytest.fixture(autouse=True, scope="session")
def _job_files_in_a_temporary_folder(tmp_path_factory: Any) -> None:
    """Job files go to a temporary folder, set for the whole session so that module-scoped worlds
    (the access matrix's), built before any test's own fixtures, write where the tests read."""
    from django.conf import settings as django_settings

    django_settings.FRONTDOOR_JOB_RESULTS_DIR = str(tmp_path_factory.mktemp("jobs"))


@pytest.fixture(autouse=True, scope="session")
def _no_periodic_jobs_from_requests() -> None:
    """Requests start no periodic job (jobs/periodic.py): a background scan would race the test's
    own writes, even in worlds built before each test's fixtures (the access matrix's). The
    periodic jobs' own tests turn it back on."""
    from django.conf import settings as django_settings

    django_settings.FRONTDOOR_PERIODIC_ON_REQUESTS = False


@pytest.fixture(autouse=True)
def _jobs_run_in_the_test(settings: Any) -> None:
    """Background jobs run right after the request's commit, in the test's own thread and
    database connection (a worker thread could not see an in-memory test database)."""
    settings.FRONTDOOR_JOBS_MODE = "immediate"


@pytest.fixture(autouse=True)
def _fresh_calendar() -> Iterator[None]:
    reset_calendar()
    yield
    reset_calendar()


def make_user(username: str, role: str, team: str | None = None, **extra: Any) -> User:
    team_obj = Team.objects.get_or_create(name=team)[0] if team else None
    user = User(
        username=username,
        role=role,
        team=team_obj,
        first_name=username.split("_")[0].title(),
        last_name="Tester",
        **extra,
    )
    user.set_password(PASSWORD)
    user.save()
    return user


@pytest.fixture
def mash_worker(db: None) -> User:
    """A MASH practitioner: records contacts and screens them; the main day-to-day user."""
    return make_user("mash_worker", Role.MASH_PRACTITIONER, "MASH")


@pytest.fixture
def mash_worker2(db: None) -> User:
    """A second practitioner, to show work trays and ownership are per person."""
    return make_user("mash_worker2", Role.MASH_PRACTITIONER, "MASH")


@pytest.fixture
def mash_manager(db: None) -> User:
    """A MASH team manager: authorises decisions and dispensations, sees who viewed a record."""
    return make_user("mash_manager", Role.MASH_MANAGER, "MASH")


@pytest.fixture
def social_worker(db: None) -> User:
    """An assessment social worker: strategy discussions, s47 enquiries and assessments."""
    return make_user("social_worker", Role.ASSESSMENT_SOCIAL_WORKER, "Assessment Team North")


@pytest.fixture
def early_help_manager(db: None) -> User:
    """An early help manager: accepts or declines step-downs; must not see allegations."""
    return make_user("early_help_manager", Role.EARLY_HELP_MANAGER, "Early Help Hub")


@pytest.fixture
def designated_officer(db: None) -> User:
    """The designated officer (LADO): the only practice role that opens allegation records."""
    return make_user("designated_officer", Role.DESIGNATED_OFFICER, "Designated Officer Service")


@pytest.fixture
def edt_worker(db: None) -> User:
    """An emergency duty team worker: out-of-hours records and handovers."""
    return make_user("edt_worker", Role.EDT_WORKER, "Emergency Duty Team")


@pytest.fixture
def police_partner(db: None) -> User:
    """A partner agency user (police): may see only what they submitted, never a child's record."""
    return make_user("police_partner", Role.PARTNER, agency="police", organisation="Test Police")


@pytest.fixture
def analyst(db: None) -> User:
    """A performance analyst: dashboards and returns, no casework."""
    return make_user("analyst", Role.ANALYST, "Performance")


@pytest.fixture
def admin_user(db: None) -> User:
    """A system administrator: support access, but still cannot edit the audit trail."""
    return make_user("admin_user", Role.ADMIN, "Systems Support")


@pytest.fixture
def outsider(db: None) -> User:
    """A practitioner who is not on a sealed person's access list."""
    return make_user("outsider", Role.MASH_PRACTITIONER, "MASH")


class TokenClient(Client):
    """A test client that sends a fresh one-time token with each dict POST, as a browser would
    after loading the form; tests of double submits pass `form_token` themselves."""

    def post(self, path: str, data: Any = None, *args: Any, **kwargs: Any) -> Any:  # type: ignore[override]
        if isinstance(data, dict) and "form_token" not in data:
            data = {**data, "form_token": new_token()}
        elif data is None:
            data = {"form_token": new_token()}
        return super().post(path, data, *args, **kwargs)


def client_for(user: User) -> Client:
    client = TokenClient()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


@pytest.fixture
def as_user() -> Any:
    """`as_user(user)` gives a test client signed in as that user."""
    return client_for
