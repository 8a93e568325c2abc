"""The tasks on django-tasks' queue: run a job by its id (the job row says what to do), and the
periodic jobs' tick (jobs/periodic.py)."""

from __future__ import annotations

from django_tasks import task


@task()
def run_job(job_id: str) -> None:
    from .services import job_execute

    job_execute(job_id)


@task()
def periodic_tick() -> list[str]:
    """Run the periodic jobs that are due, then queue the next tick for when the next is due
    (jobs/periodic.py): the worker keeps the chain going by itself."""
    from .periodic import queue_next_tick, tick

    try:
        return tick()
    finally:
        queue_next_tick()
