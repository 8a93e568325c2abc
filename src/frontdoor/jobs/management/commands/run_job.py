"""`frontdoor run_job KIND [--param name=value ...] [--queue]`: run a background job from the
command line with a progress bar (or put it on the queue for `frontdoor db_worker` with --queue).

    frontdoor run_job cin_census --param year=2026
    frontdoor run_job annex_a --param end=2026-11-30
    frontdoor run_job retention --param dry_run=1
"""

from __future__ import annotations

import shutil
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from frontdoor.jobs.models import Job, JobStatus
from frontdoor.jobs.registry import KINDS
from frontdoor.jobs.services import job_execute, job_submit, result_path

BAR = 30


class Command(BaseCommand):
    help = "Run a background job now, with a progress bar, or queue it for the worker."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", help=f"one of: {', '.join(sorted(KINDS))}")
        parser.add_argument("--param", action="append", default=[], metavar="NAME=VALUE")
        parser.add_argument(
            "--queue", action="store_true", help="queue it for `frontdoor db_worker` and return"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        kind = options["kind"]
        spec = KINDS.get(kind)
        if spec is None:
            raise CommandError(f"No job kind {kind!r}. Kinds: {', '.join(sorted(KINDS))}")
        params: dict[str, Any] = {}
        for item in options["param"]:
            name, sep, value = item.partition("=")
            if not sep or not name:
                raise CommandError(f"--param {item!r}: write it as name=value")
            params[name] = value
        if spec.form is not None:
            form = spec.form(_form_data(params))
            if not form.is_valid():
                problems = "; ".join(
                    f"{field}: {' '.join(errors)}" for field, errors in form.errors.items()
                )
                raise CommandError(f"The job's parameters are not right: {problems}")
            params = {
                k: v.isoformat() if hasattr(v, "isoformat") else v
                for k, v in form.cleaned_data.items()
            }
        from django.test.utils import override_settings

        with override_settings(FRONTDOOR_JOBS_MODE="queue" if options["queue"] else "manual"):
            job = job_submit(actor=None, kind=kind, params=params)
        if options["queue"]:
            self.stdout.write(f"Job {job.pk} queued: `frontdoor db_worker` will run it.")
            return
        job = job_execute(job.pk, echo=self._bar)
        self.stderr.write("\n")
        job = Job.objects.get(pk=job.pk)
        if job.status != JobStatus.SUCCEEDED:
            raise CommandError(f"Job {job.pk} {job.get_status_display().lower()}: {job.error}")
        path = result_path(job)
        self.stdout.write(job.summary)
        if path is not None:
            self.stdout.write(f"File: {path}")

    def _bar(self, job: Job) -> None:
        if not job.total:
            return
        filled = BAR * job.done // job.total
        width = shutil.get_terminal_size((80, 20)).columns
        line = f"\r[{'#' * filled}{'.' * (BAR - filled)}] {job.done:,} of {job.total:,} {job.stage}"
        self.stderr.write(line[: width - 1], ending="")
        if hasattr(sys.stderr, "flush"):
            sys.stderr.flush()


def _form_data(params: dict[str, Any]) -> dict[str, Any]:
    data = dict(params)
    for name, value in params.items():
        # A date parameter given as YYYY-MM-DD fills the GOV.UK date field's three parts.
        if isinstance(value, str) and len(value) == 10 and value[4] == value[7] == "-":
            year, month, day = value.split("-")
            data.update({f"{name}_day": day, f"{name}_month": month, f"{name}_year": year})
    return data
