"""A background job: what was asked for, by whom, how far it has got, and how it ended.

The queue itself is django-tasks' database backend (`django_tasks_db`): a job is enqueued as one
task carrying the job's id, and `frontdoor db_worker` runs it. This row is the part people see: the
progress bar, the cancel button, the reason a job failed and the file it made.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class JobStatus(models.TextChoices):
    QUEUED = "queued", "Waiting to start"
    RUNNING = "running", "Running"
    SUCCEEDED = "succeeded", "Finished"
    FAILED = "failed", "Failed"
    CANCELLED = "cancelled", "Cancelled"


FINISHED = (JobStatus.SUCCEEDED, JobStatus.FAILED, JobStatus.CANCELLED)


class Job(models.Model):
    kind = models.CharField(max_length=40)
    params = models.JSONField(default=dict)
    status = models.CharField(max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField()
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    stage = models.CharField(max_length=200, blank=True)
    cancel_requested = models.BooleanField(default=False)
    summary = models.TextField(blank=True)
    error = models.TextField(blank=True)
    # The file the job made (under FRONTDOOR_DATA_DIR/jobs, never under the web root).
    result_name = models.CharField(max_length=200, blank=True)
    result_file = models.CharField(max_length=200, blank=True)
    result_type = models.CharField(max_length=100, blank=True)
    task_id = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["-requested_at"]
        indexes = [models.Index(fields=["requested_by", "-requested_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(done__lte=models.F("total")) | models.Q(total=0),
                name="job_done_not_past_total",
            ),
            models.CheckConstraint(
                condition=~models.Q(status__in=FINISHED) | models.Q(finished_at__isnull=False),
                name="job_finished_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.pk}"

    def get_kind_label(self) -> str:
        from .registry import get_kind

        spec = get_kind(self.kind)
        return spec.label if spec else self.kind

    @property
    def finished(self) -> bool:
        return self.status in FINISHED

    @property
    def percent(self) -> int:
        if self.status == JobStatus.SUCCEEDED:
            return 100
        if not self.total:
            return 0
        return min(100, int(100 * self.done / self.total))


class PeriodicRun(models.Model):
    """A periodic job's clock (jobs/periodic.py): when it is next due, and how its last run went.
    Claiming a run moves `next_due_at` on in one conditional update, so one process runs it."""

    name = models.CharField(max_length=60, unique=True)
    next_due_at = models.DateTimeField()
    last_started_at = models.DateTimeField(null=True, blank=True)
    last_finished_at = models.DateTimeField(null=True, blank=True)
    last_summary = models.CharField(max_length=1000, blank=True)
    last_error = models.CharField(max_length=1000, blank=True)

    def __str__(self) -> str:
        return self.name
