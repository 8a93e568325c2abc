"""Periodic jobs (jobs/periodic.py): deadline notifications arrive with nobody running a command,
from the job worker (production) or the web server (the embedded demo), once per interval."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta
from typing import Any

import pytest
import time_machine
from django.core.management import call_command

from frontdoor.core.calendar import LONDON
from frontdoor.jobs import periodic
from frontdoor.jobs.models import PeriodicRun
from frontdoor.notifications.models import Notification
from frontdoor.screening.tests.helpers import contact_for_one, start

# A contact received Thursday 26 November 2026 at 15:00: its screening decision is due Friday at
# 15:00, so at 13:00 on Friday it is within the two working hours the scan warns of.
RECEIVED = datetime(2026, 11, 26, 15, 0, tzinfo=LONDON)
WARN_AT = datetime(2026, 11, 27, 13, 0, tzinfo=LONDON)


@pytest.fixture(autouse=True)
def _look_at_every_request(monkeypatch: Any, settings: Any) -> None:
    """Requests look (the root conftest turns it off for every other test), and each test starts
    with its process never having looked (the check is once a minute)."""
    settings.FRONTDOOR_PERIODIC_ON_REQUESTS = True
    monkeypatch.setattr(periodic, "_last_check", -periodic.CHECK_EVERY_SECONDS)


def _due_screening(mash_worker: Any) -> None:
    with time_machine.travel(RECEIVED, tick=False):
        start(mash_worker, contact_for_one(RECEIVED, "Clock"))


def _worker() -> None:
    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0.1", verbosity=0)


def _ticks_waiting() -> list[Any]:
    from django_tasks_db.models import DBTaskResult

    from frontdoor.jobs.tasks import periodic_tick

    return list(DBTaskResult.objects.filter(task_path=periodic_tick.module_path, status="READY"))


@pytest.mark.django_db(transaction=True)  # the worker closes connections that are in a transaction
def test_the_worker_makes_deadline_notifications_every_interval_and_never_twice(
    as_user: Any, mash_worker: Any, mash_worker2: Any, mash_manager: Any, settings: Any
) -> None:
    settings.FRONTDOOR_JOBS_MODE = "queue"
    _due_screening(mash_worker)
    with time_machine.travel(WARN_AT, tick=False):
        # Any page starts the worker's chain: one tick waits on the queue, due now.
        assert as_user(mash_worker2).get("/").status_code == 200
        assert len(_ticks_waiting()) == 1
        assert not Notification.objects.exists()
        _worker()
        (note,) = Notification.objects.filter(kind="deadline")
        assert note.user == mash_worker  # the screening's owner, nobody else
        assert note.text.startswith("Screening decision for Clock Child due 27 November 2026")
        run = PeriodicRun.objects.get(name="notify_deadlines")
        assert run.last_summary.startswith("Notifications made: deadline 1")
        assert run.last_error == ""
        # The worker queued the next tick for five minutes on, and nothing is due before then.
        (waiting,) = _ticks_waiting()
        assert waiting.run_after == WARN_AT + timedelta(minutes=5)
        periodic._last_check = -periodic.CHECK_EVERY_SECONDS
        as_user(mash_worker2).get("/")
        assert len(_ticks_waiting()) == 1  # a request does not queue a second
        _worker()
        assert PeriodicRun.objects.get(name="notify_deadlines").last_started_at == WARN_AT
    with time_machine.travel(WARN_AT + timedelta(minutes=5), tick=False):
        _worker()
        run = PeriodicRun.objects.get(name="notify_deadlines")
        assert run.last_started_at == WARN_AT + timedelta(minutes=5)
        assert run.last_summary.startswith("Notifications made: deadline 0")
    assert Notification.objects.filter(kind="deadline").count() == 1


@pytest.mark.django_db(transaction=True)  # the background thread uses its own connection
def test_the_demo_web_server_runs_the_scan_itself_in_a_background_thread(
    as_user: Any, mash_worker: Any, mash_worker2: Any, settings: Any
) -> None:
    settings.FRONTDOOR_JOBS_MODE = "thread"
    _due_screening(mash_worker)
    with time_machine.travel(WARN_AT, tick=False):
        as_user(mash_worker2).get("/")
        for thread in threading.enumerate():
            if thread.name == "periodic":
                thread.join(timeout=60)
        assert Notification.objects.filter(kind="deadline", user=mash_worker).count() == 1
        # Another request within the interval (after the once-a-minute look) runs nothing more.
        periodic._last_check = -periodic.CHECK_EVERY_SECONDS
        as_user(mash_worker2).get("/")
        assert not [t for t in threading.enumerate() if t.name == "periodic"]
        assert Notification.objects.filter(kind="deadline").count() == 1


@pytest.mark.django_db
def test_one_caller_claims_each_interval(settings: Any) -> None:
    ran: list[datetime] = []
    job = periodic.Periodic("test_job", lambda now: ran.append(now) or "ok", timedelta(minutes=5))
    now = WARN_AT
    assert periodic.claim(job, now) is True
    assert periodic.claim(job, now) is False  # a second process looking at the same moment
    assert periodic.claim(job, now + timedelta(minutes=4, seconds=59)) is False
    assert periodic.claim(job, now + timedelta(minutes=5)) is True
    settings.FRONTDOOR_PERIODIC_JOBS = {
        "boom": {"run": "frontdoor.jobs.tests.test_periodic.fail", "minutes": 5}
    }
    assert periodic.tick(now) == ["boom"]  # a failure is recorded, not raised
    assert PeriodicRun.objects.get(name="boom").last_error == "RuntimeError: the scan broke"
    assert periodic.tick(now) == []


@pytest.mark.django_db
def test_requests_in_the_tests_immediate_mode_start_nothing(as_user: Any, mash_worker: Any) -> None:
    as_user(mash_worker).get("/")
    assert not PeriodicRun.objects.exists() and not _ticks_waiting()


@pytest.mark.django_db
def test_two_ticks_queued_at_once_are_pruned_to_the_earliest() -> None:
    from frontdoor.jobs.tasks import periodic_tick

    periodic_tick.using(run_after=WARN_AT + timedelta(minutes=1)).enqueue()
    periodic_tick.using(run_after=WARN_AT).enqueue()
    periodic.queue_next_tick()
    (left,) = _ticks_waiting()
    assert left.run_after == WARN_AT


def fail(now: datetime) -> str:
    raise RuntimeError("the scan broke")
