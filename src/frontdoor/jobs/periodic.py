"""Periodic jobs: work the product does by itself every few minutes, with nobody running a command
(docs/operations.md, "Periodic jobs"). The first is the deadline notifications scan.

Each periodic job is named in `FRONTDOOR_PERIODIC_JOBS` (`name -> {"run": dotted path, "minutes":
interval}`); `run` is a function `run(now) -> str` (a summary) that is idempotent. Its row in
`PeriodicRun` says when it is next due; a run is *claimed* by moving `next_due_at` on with one
conditional UPDATE (`... WHERE next_due_at <= now`), so however many processes and threads look at
once, one of them runs it per interval.

Who looks:
- **the job worker** (`FRONTDOOR_JOBS_MODE=queue`, production): a `periodic_tick` task on
  django-tasks' database queue runs what is due, then queues the next tick to run when the next
  job is due (`run_after`). The chain is started, and restarted if it was ever lost, by the web
  server: any request (the load balancer's `/ready` checks are enough) makes sure one tick is
  waiting, at most once a minute per process. Duplicate ticks (two web processes starting the chain
  at once) are pruned to one.
- **the web server itself** in the embedded demo (`thread`: `make run`, runserver, no worker): the
  same check, at most once a minute, runs what is due in a background thread.
- in tests requests do not look (`immediate` mode, and `FRONTDOOR_PERIODIC_ON_REQUESTS = False`,
  set for the whole session by the root conftest, so worlds built before a test's own fixtures run
  no background scan either); tests call `tick` or the worker themselves.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from .models import PeriodicRun

log = logging.getLogger(__name__)

# How often one process looks (requests): the intervals are minutes, so a minute is soon enough.
CHECK_EVERY_SECONDS = 60.0
_last_check = -CHECK_EVERY_SECONDS
_check_lock = threading.Lock()


@dataclass(frozen=True)
class Periodic:
    name: str
    run: Callable[[datetime], str]
    every: timedelta


def periodic_jobs() -> list[Periodic]:
    configured: dict[str, dict[str, object]] = getattr(settings, "FRONTDOOR_PERIODIC_JOBS", {})
    return [
        Periodic(
            name=name,
            run=import_string(str(spec["run"])),
            every=timedelta(minutes=float(str(spec.get("minutes", 5)))),
        )
        for name, spec in configured.items()
    ]


def claim(job: Periodic, now: datetime) -> bool:
    """Whether this caller runs `job` now: true for exactly one caller per interval."""
    try:
        with transaction.atomic():
            PeriodicRun.objects.get_or_create(name=job.name, defaults={"next_due_at": now})
    except IntegrityError:
        pass  # made by a caller racing this one
    return bool(
        PeriodicRun.objects.filter(name=job.name, next_due_at__lte=now).update(
            next_due_at=now + job.every, last_started_at=now
        )
    )


def execute(job: Periodic, now: datetime) -> None:
    """Run a claimed job and record how it went; a failure is logged and recorded, never raised
    (the next interval tries again)."""
    summary, error = "", ""
    try:
        summary = job.run(now)
    except Exception as exc:  # noqa: BLE001 - recorded and logged; the next run tries again
        log.exception("periodic job %s failed", job.name)
        error = f"{type(exc).__name__}: {exc}"[:1000]
    PeriodicRun.objects.filter(name=job.name).update(
        last_finished_at=timezone.now(), last_summary=str(summary)[:1000], last_error=error
    )


def tick(now: datetime | None = None, *, in_thread: bool = False) -> list[str]:
    """Run every periodic job that is due (claimed here); returns their names. `in_thread` runs
    them in a background thread (the embedded demo's web server)."""
    now = now or timezone.now()
    claimed = [job for job in periodic_jobs() if claim(job, now)]
    if claimed and in_thread:
        threading.Thread(
            target=_run_in_thread, args=(claimed, now), name="periodic", daemon=True
        ).start()
    else:
        for job in claimed:
            execute(job, now)
    return [job.name for job in claimed]


def _run_in_thread(jobs: list[Periodic], now: datetime) -> None:
    try:
        for job in jobs:
            execute(job, now)
    except Exception:  # noqa: BLE001 - recording the run failed (a locked database): log it
        log.exception("periodic jobs %s could not be recorded", [job.name for job in jobs])
    finally:
        connection.close()


def next_due() -> datetime:
    """When the next periodic job is due (now, if one has never run)."""
    now = timezone.now()
    rows = dict(PeriodicRun.objects.values_list("name", "next_due_at"))
    return min((rows.get(job.name) or now for job in periodic_jobs()), default=now + CHAIN_IDLE)


# With no periodic job configured, the chain still looks this often (a setting may add one).
CHAIN_IDLE = timedelta(minutes=5)


def queue_next_tick(run_after: datetime | None = None) -> None:
    """Queue the worker's next tick (at `run_after`, or when the next job is due) unless one is
    already waiting; if two raced, keep the earliest."""
    from django_tasks_db.models import DBTaskResult

    from .tasks import periodic_tick

    waiting = DBTaskResult.objects.filter(task_path=periodic_tick.module_path, status="READY")
    if not waiting.exists():
        periodic_tick.using(run_after=run_after or next_due()).enqueue()
    keep = waiting.order_by("run_after", "id").values_list("id", flat=True).first()
    if keep is not None:
        waiting.exclude(id=keep).delete()


def due_check() -> None:
    """From a request: at most once a minute per process, make sure periodic jobs run. Queue mode:
    a tick is waiting for the worker. Thread mode: run what is due in a background thread.
    Immediate mode (tests): nothing. Never fails the request."""
    global _last_check
    from .services import jobs_mode

    mode = jobs_mode()
    if (
        mode == "immediate"
        or not getattr(settings, "FRONTDOOR_PERIODIC_ON_REQUESTS", True)
        or not getattr(settings, "FRONTDOOR_PERIODIC_JOBS", None)
    ):
        return
    now_mono = time.monotonic()
    with _check_lock:
        if now_mono - _last_check < CHECK_EVERY_SECONDS:
            return
        _last_check = now_mono
    try:
        if mode == "queue":
            queue_next_tick()
        else:
            tick(in_thread=True)
    except Exception:  # noqa: BLE001 - a page must not fail because the scheduler could not look
        log.exception("periodic due check failed")
