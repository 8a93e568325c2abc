"""Background jobs: run with progress, cancelled, failed with a reason, nothing half-done, audited,
seen only by those who may, and run by the real queue's worker."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction

from frontdoor.audit.models import AuditEvent
from frontdoor.jobs import registry
from frontdoor.jobs.models import Job, JobStatus
from frontdoor.jobs.registry import JobKind, Outcome
from frontdoor.jobs.runner import JobContext, JobFailed
from frontdoor.jobs.services import job_cancel, job_execute, job_submit, result_path
from frontdoor.people.models import Household

pytestmark = pytest.mark.django_db


@pytest.fixture
def kind(monkeypatch: Any) -> Any:
    """Register a test kind whose behaviour each test chooses."""

    def add(run: Any, capability: str = "export_returns") -> str:
        monkeypatch.setitem(
            registry.KINDS, "test_kind", JobKind("test_kind", "Test job", capability, run)
        )
        return "test_kind"

    return add


def _submit(actor: Any, kind: str, params: dict[str, Any] | None = None) -> Job:
    from django.test.utils import override_settings

    with override_settings(FRONTDOOR_JOBS_MODE="manual"):
        return job_submit(actor=actor, kind=kind, params=params or {})


def test_a_job_runs_with_progress_and_keeps_its_file(analyst: Any, kind: Any) -> None:
    seen: list[tuple[int, int]] = []

    def run(ctx: JobContext, params: dict[str, Any]) -> Outcome:
        for n in range(1, 6):
            ctx.progress(n, 5, stage="Counting")
            seen.append((ctx.job.done, ctx.job.total))
        return Outcome(summary="Counted 5.", content=b"1,2,3,4,5\n", filename="count.csv")

    job = job_execute(_submit(analyst, kind(run)).pk)
    job.refresh_from_db()
    assert (job.status, job.summary, job.done, job.total) == (
        JobStatus.SUCCEEDED,
        "Counted 5.",
        5,
        5,
    )
    assert seen == [(n, 5) for n in range(1, 6)]
    path = result_path(job)
    assert path is not None and path.read_bytes() == b"1,2,3,4,5\n"
    actions = list(
        AuditEvent.objects.filter(record_type="job", record_id=str(job.pk))
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == ["job_start", "job_finish"]


def test_the_finished_job_returned_is_the_row_stored(analyst: Any, kind: Any) -> None:
    """Counting with no total keeps no count; a cancel asked for as it finishes is not lost."""

    def run(ctx: JobContext, params: dict[str, Any]) -> Outcome:
        ctx.progress(3, stage="Counting with no total")
        Job.objects.filter(pk=ctx.job.pk).update(cancel_requested=True)
        return Outcome(summary="Counted.")

    job = job_execute(_submit(analyst, kind(run)).pk)
    stored = Job.objects.get(pk=job.pk)
    fields = ("status", "summary", "error", "done", "total", "stage", "finished_at", "result_file")
    assert [getattr(job, f) for f in fields] == [getattr(stored, f) for f in fields]
    assert (stored.status, stored.done, stored.total) == (JobStatus.SUCCEEDED, 0, 0)
    assert stored.cancel_requested


def test_a_failed_job_says_why_and_keeps_nothing(analyst: Any, kind: Any) -> None:
    def run(ctx: JobContext, params: dict[str, Any]) -> Outcome:
        with transaction.atomic():
            Household.objects.create(label="Half-done household")
            raise JobFailed("Row 12: the date of birth 31 2 2020 is not a real date.")

    job = job_execute(_submit(analyst, kind(run)).pk)
    assert job.status == JobStatus.FAILED
    assert job.error == "Row 12: the date of birth 31 2 2020 is not a real date."
    assert not Household.objects.filter(label="Half-done household").exists()
    finish = AuditEvent.objects.get(record_type="job", action="job_finish")
    assert finish.detail["status"] == "failed"


def test_an_unexpected_error_gives_a_reference_not_a_traceback(analyst: Any, kind: Any) -> None:
    def run(ctx: JobContext, params: dict[str, Any]) -> Outcome:
        raise KeyError("internal detail")

    job = job_execute(_submit(analyst, kind(run)).pk)
    assert job.status == JobStatus.FAILED
    assert f"job {job.pk}" in job.error and "internal detail" not in job.error


def test_cancelling_a_running_job_stops_it_and_rolls_back(analyst: Any, kind: Any) -> None:
    def run(ctx: JobContext, params: dict[str, Any]) -> Outcome:
        with transaction.atomic():
            Household.objects.create(label="Cancelled household")
            Job.objects.filter(pk=ctx.job.pk).update(cancel_requested=True)  # someone pressed stop
            ctx.progress(1, 10, stage="Working")
        raise AssertionError("the job should have stopped")

    job = job_execute(_submit(analyst, kind(run)).pk)
    assert job.status == JobStatus.CANCELLED
    assert not Household.objects.filter(label="Cancelled household").exists()


def test_a_job_cancelled_while_waiting_never_runs(analyst: Any, kind: Any) -> None:
    ran: list[int] = []
    job = _submit(analyst, kind(lambda ctx, params: ran.append(1) or Outcome("ran")))
    job_cancel(actor=analyst, job=job)
    job = job_execute(job.pk)
    assert job.status == JobStatus.CANCELLED and ran == []
    assert AuditEvent.objects.filter(record_type="job", action="job_cancel").count() == 1


def test_only_those_with_the_capability_start_a_job(mash_worker: Any, kind: Any) -> None:
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        _submit(mash_worker, kind(lambda ctx, params: Outcome("no")))
    assert not Job.objects.exists()


@pytest.mark.django_db(transaction=True)  # the worker closes connections that are in a transaction
def test_the_queue_worker_runs_a_queued_job(analyst: Any, kind: Any, settings: Any) -> None:
    from django_tasks_db.models import DBTaskResult

    kind(lambda ctx, params: Outcome(summary=f"Ran with {params['n']}."))
    settings.FRONTDOOR_JOBS_MODE = "queue"
    job = job_submit(actor=analyst, kind="test_kind", params={"n": 3})
    assert DBTaskResult.objects.filter(pk=job.task_id if job.task_id else None).exists() or (
        DBTaskResult.objects.count() == 1
    )
    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0.1", verbosity=0)
    job.refresh_from_db()
    assert (job.status, job.summary) == (JobStatus.SUCCEEDED, "Ran with 3.")


def test_the_census_job_writes_the_file(analyst: Any) -> None:
    from datetime import date

    job = job_execute(_submit(analyst, "cin_census", {"year": 2026}).pk)
    assert job.status == JobStatus.SUCCEEDED, job.error
    path = result_path(job)
    assert path is not None and path.read_bytes().startswith(b'<?xml version="1.0"')
    assert job.result_name.startswith("CIN_census_") and job.summary.startswith("CIN census")
    annex = job_execute(_submit(analyst, "annex_a", {"end": date(2026, 11, 30).isoformat()}).pk)
    assert annex.status == JobStatus.SUCCEEDED, annex.error
    annex_path = result_path(annex)
    assert annex_path is not None and annex_path.read_bytes()[:2] == b"PK"  # an xlsx (zip)


def test_the_command_shows_progress_and_the_file(capsys: Any) -> None:
    out, err = io.StringIO(), io.StringIO()
    call_command("run_job", "cin_census", "--param", "year=2026", stdout=out, stderr=err)
    assert "CIN census" in out.getvalue() and "File: " in out.getvalue()
    assert "] " in err.getvalue()  # the progress bar
    with pytest.raises(CommandError, match="No job kind 'nonsense'"):
        call_command("run_job", "nonsense")
    with pytest.raises(CommandError, match="write it as name=value"):
        call_command("run_job", "cin_census", "--param", "year")
    with pytest.raises(CommandError, match="year"):
        call_command("run_job", "cin_census", "--param", "year=1999")
