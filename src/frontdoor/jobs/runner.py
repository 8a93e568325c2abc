"""What a running job sees: `ctx.progress(done, total, stage)` and `ctx.cancelled()`.

Progress is written to the job's row at most every PROGRESS_EVERY seconds (and always at the end of
a stage), so a job of a million steps does not spend its time writing progress. Each write also
reads the cancel flag: `progress` raises `JobCancelled` when someone asked the job to stop, and the
job's own transaction (if it has one) rolls back, leaving nothing half-done.
"""

from __future__ import annotations

import time
from typing import Any

from django.utils import timezone

from .models import Job

PROGRESS_EVERY = 0.5


class JobCancelled(Exception):
    """Raised inside a job when a user asked it to stop."""

    stop_reason = "The import was stopped on request"


class JobFailed(Exception):
    """Raised by a job with a plain message for the person who started it ("Row 12: …")."""


class JobContext:
    def __init__(self, job: Job, *, echo: Any = None) -> None:
        self.job = job
        self.echo = echo  # a callable for the command line's progress line
        self._last = 0.0

    def progress(self, done: int, total: int | None = None, stage: str | None = None) -> None:
        now = time.monotonic()
        if total is not None:
            self.job.total = max(total, 0)
        self.job.done = min(max(done, 0), self.job.total) if self.job.total else max(done, 0)
        if stage is not None:
            self.job.stage = stage[:200]
        if self.echo is not None:
            self.echo(self.job)
        finished_stage = bool(self.job.total) and self.job.done >= self.job.total
        if now - self._last < PROGRESS_EVERY and not finished_stage and stage is None:
            return
        self._last = now
        total_now = self.job.total
        done_now = self.job.done if total_now else 0
        Job.objects.filter(pk=self.job.pk).update(
            done=done_now, total=total_now, stage=self.job.stage, heartbeat_at=timezone.now()
        )
        self.check_cancel()

    def check_cancel(self) -> None:
        if Job.objects.filter(pk=self.job.pk, cancel_requested=True).exists():
            raise JobCancelled()
