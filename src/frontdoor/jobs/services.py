"""Starting, cancelling and running jobs. Each is audited; a job that fails says why."""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.utils import timezone

from frontdoor.accounts.models import User
from frontdoor.audit.services import audit_record

from .models import FINISHED, Job, JobStatus
from .registry import JobKind, Outcome, get_kind
from .runner import JobCancelled, JobContext, JobFailed

log = logging.getLogger(__name__)


def jobs_mode() -> str:
    """`queue` (django-tasks' database queue, run by `frontdoor db_worker`), `thread` (the embedded
    SQLite demo: a thread of the web server runs it) or `immediate` (after the request's commit, in
    the request: tests)."""
    return str(getattr(settings, "FRONTDOOR_JOBS_MODE", "queue"))


def results_dir() -> Path:
    configured = getattr(settings, "FRONTDOOR_JOB_RESULTS_DIR", "")
    path = Path(configured) if configured else Path(settings.DATA_DIR) / "jobs"
    path.mkdir(parents=True, exist_ok=True)
    return path


def job_submit(*, actor: User | None, kind: str, params: dict[str, Any]) -> Job:
    """Record the job and put it on the queue, in one transaction: a job is never queued without its
    row, nor recorded without being queued."""
    spec = get_kind(kind)
    if spec is None:
        raise ValidationError({"kind": "There is no job of that kind."})
    if actor is not None and not actor.can(spec.capability):
        raise PermissionDenied
    with transaction.atomic():
        job = Job.objects.create(
            kind=kind, params=params, requested_by=actor, requested_at=timezone.now()
        )
        audit_record(
            actor=actor,
            action="job_start",
            record_type="job",
            record_id=job.pk,
            detail={"kind": kind, "params": params},
        )
        mode = jobs_mode()
        if mode == "queue":
            from .tasks import run_job

            result = run_job.enqueue(str(job.pk))
            Job.objects.filter(pk=job.pk).update(task_id=str(result.id))
        elif mode == "thread":
            transaction.on_commit(lambda: _start_thread(job.pk))
        elif mode == "immediate":
            transaction.on_commit(lambda: job_execute(job.pk))
        # "manual": the caller runs it (`frontdoor run_job`, with a progress bar)
    return job


def _start_thread(job_id: int) -> None:
    def target() -> None:
        try:
            job_execute(job_id)
        finally:
            connection.close()

    threading.Thread(target=target, name=f"job-{job_id}", daemon=True).start()


def job_cancel(*, actor: User, job: Job) -> Job:
    """Ask a job to stop. A job still waiting is cancelled at once; a running one stops at its next
    progress step and rolls back what it was doing."""
    spec = get_kind(job.kind)
    if job.finished:
        raise ValidationError({"job": "This job has already finished."})
    if spec is not None and not spec.cancellable:
        raise ValidationError({"job": "This job cannot be stopped once started."})
    with transaction.atomic():
        locked = Job.objects.select_for_update().get(pk=job.pk)
        if locked.finished:
            raise ValidationError({"job": "This job has already finished."})
        locked.cancel_requested = True
        fields = ["cancel_requested"]
        if locked.status == JobStatus.QUEUED:
            locked.status = JobStatus.CANCELLED
            locked.finished_at = timezone.now()
            locked.summary = (
                f"Cancelled by {actor.get_full_name() or actor.username} before it started."
            )
            fields += ["status", "finished_at", "summary"]
        locked.save(update_fields=fields)
        audit_record(
            actor=actor, action="job_cancel", record_type="job", record_id=job.pk, detail={}
        )
    return locked


def job_execute(job_id: int | str, *, echo: Any = None) -> Job:
    """Run one job (the worker calls this). Marks it running, runs its kind, and records how it
    ended: finished with its summary and file, cancelled, or failed with the reason."""
    with transaction.atomic():
        job = Job.objects.select_for_update().get(pk=job_id)
        if job.status != JobStatus.QUEUED:
            return job  # cancelled while waiting, or already run by another worker
        job.status = JobStatus.RUNNING
        job.started_at = job.heartbeat_at = timezone.now()
        job.save(update_fields=["status", "started_at", "heartbeat_at"])
    spec = get_kind(job.kind)
    ctx = JobContext(job, echo=echo)
    try:
        if spec is None:
            raise JobFailed(f"This version of Front Door has no job of kind {job.kind!r}.")
        outcome = spec.run(ctx, dict(job.params))
    except JobCancelled:
        return _finish(job, JobStatus.CANCELLED, summary="Stopped on request; nothing was kept.")
    except (JobFailed, ValidationError) as error:
        return _finish(job, JobStatus.FAILED, error=_plain(error))
    except Exception:
        log.exception("job %s (%s) failed", job.pk, job.kind)
        return _finish(
            job,
            JobStatus.FAILED,
            error=(
                "The job stopped because of an unexpected error and nothing it was doing was "
                f"kept. Give the operators this reference: job {job.pk}."
            ),
        )
    return _store(job, spec, outcome)


def _plain(error: Exception) -> str:
    if isinstance(error, ValidationError):
        return "; ".join(error.messages)
    return str(error)


def _store(job: Job, spec: JobKind, outcome: Outcome) -> Job:
    name = ""
    if outcome.content is not None or outcome.path is not None:
        name = f"{job.pk}{Path(outcome.filename).suffix}"
        target = results_dir() / name
        if outcome.content is not None:
            target.write_bytes(outcome.content)
        elif outcome.path is not None:
            Path(outcome.path).replace(target)
    job.result_name = outcome.filename[:200] if name else ""
    job.result_file = name
    job.result_type = outcome.content_type if name else ""
    return _finish(job, JobStatus.SUCCEEDED, summary=outcome.summary)


def _finish(job: Job, status: str, *, summary: str = "", error: str = "") -> Job:
    """Record how the job ended: the instance is set, then saved (only these fields, so a cancel
    request written meanwhile is not overwritten)."""
    job.status = status
    job.finished_at = timezone.now()
    job.summary = summary
    job.error = error
    if not job.total:
        job.done = 0
    elif status == JobStatus.SUCCEEDED:
        job.done = job.total
    with transaction.atomic():
        job.save(
            update_fields=[
                "status",
                "finished_at",
                "summary",
                "error",
                "done",
                "total",
                "stage",
                "result_name",
                "result_file",
                "result_type",
            ]
        )
        audit_record(
            actor=None,
            action="job_finish",
            record_type="job",
            record_id=job.pk,
            detail={"kind": job.kind, "status": status, "error": error[:500]},
        )
    return job


def result_path(job: Job) -> Path | None:
    if job.status != JobStatus.SUCCEEDED or not job.result_file:
        return None
    path = results_dir() / job.result_file
    return path if path.exists() else None


STALLED_SECONDS = 300


def job_stalled(job: Job) -> bool:
    """A running job whose progress has not moved for five minutes: its worker died."""
    seen = job.heartbeat_at or job.started_at
    return (
        job.status == JobStatus.RUNNING
        and seen is not None
        and (timezone.now() - seen).total_seconds() > STALLED_SECONDS
    )


__all__ = ["FINISHED", "job_cancel", "job_execute", "job_submit", "job_stalled", "result_path"]
