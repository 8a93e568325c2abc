"""The one task on django-tasks' queue: run a job by its id (the job row says what to do)."""

from __future__ import annotations

from django_tasks import task


@task()
def run_job(job_id: str) -> None:
    from .services import job_execute

    job_execute(job_id)
