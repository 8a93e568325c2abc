"""The jobs Front Door runs in the background: long exports, imports and data protection runs.

Each kind names the capability needed to start it (and to see its result), the form for its
parameters, and the function that runs it with progress. An area adds its own kinds here.
"""

from __future__ import annotations

import os
import tempfile
from datetime import date
from typing import Any

from django import forms
from django.conf import settings
from django.utils import timezone

from frontdoor.accounts.models import User
from frontdoor.ops.routers import reporting_reads

from .registry import JobKind, Outcome, register
from .runner import JobContext, JobFailed


def _requester(ctx: JobContext) -> User | None:
    return ctx.job.requested_by


# --- The DfE CIN census -------------------------------------------------------------------------


def _census_form(data: Any = None) -> forms.Form:
    from frontdoor.reporting.forms import CensusForm

    return CensusForm(data, today=timezone.localdate())


def run_cin_census(ctx: JobContext, params: dict[str, Any]) -> Outcome:
    from frontdoor.reporting.returns.service import census_export
    from frontdoor.reporting.selectors import census_size

    year = int(params["year"])
    handle, path = tempfile.mkstemp(suffix=".xml")
    try:
        # Reads from the reporting replica when there is one (docs/operations.md).
        with reporting_reads(), os.fdopen(handle, "wb") as out:
            total = census_size(year)
            ctx.progress(0, total + 3, stage="Building the census file")
            for number, chunk in enumerate(
                census_export(actor=_requester(ctx), year=year, now=timezone.now()), start=1
            ):
                out.write(chunk)
                ctx.progress(number, stage=f"Writing child records ({total:,} children)")
    except BaseException:
        os.unlink(path)
        raise
    return Outcome(
        summary=f"CIN census {year - 1}-{year % 100:02d}: {total:,} children.",
        path=path,
        filename=f"CIN_census_{settings.LA_CODE}_{year}.xml",
        content_type="application/xml",
    )


register(
    JobKind(
        key="cin_census",
        label="DfE children in need census",
        capability="export_returns",
        run=run_cin_census,
        form=_census_form,
        description="The census XML for one collection year, for the DfE's COLLECT system.",
    )
)


# --- Ofsted Annex A -----------------------------------------------------------------------------


def _annex_a_form(data: Any = None) -> forms.Form:
    from frontdoor.reporting.forms import AnnexAForm

    return AnnexAForm(data)


def run_annex_a(ctx: JobContext, params: dict[str, Any]) -> Outcome:
    from frontdoor.reporting.returns.service import annex_a_export

    end = date.fromisoformat(str(params["end"]))
    ctx.progress(0, 1, stage="Building the Annex A workbook")
    handle, path = tempfile.mkstemp(suffix=".xlsx")
    os.close(handle)
    try:
        with reporting_reads():
            annex = annex_a_export(actor=_requester(ctx), end=end, path=path)
        ctx.progress(1, 1, stage="Workbook written")
    except BaseException:
        os.unlink(path)
        raise
    return Outcome(
        summary=f"Annex A for the six months to {end:%-d %B %Y}: {len(annex.children):,} children.",
        path=path,
        filename=f"Annex_A_{settings.LA_CODE}_{end:%Y%m%d}.xlsx",
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


register(
    JobKind(
        key="annex_a",
        label="Ofsted Annex A",
        capability="export_returns",
        run=run_annex_a,
        form=_annex_a_form,
        description="The lists Ofsted asks for at the start of an inspection (six months).",
    )
)


# --- Police notifications import (files too large to import inside the upload request) ---------


def run_police_import(ctx: JobContext, params: dict[str, Any]) -> Outcome:
    from frontdoor.police.import_background import read_checked
    from frontdoor.police.importer import police_import_run
    from frontdoor.police.models import PoliceImport

    record = PoliceImport.objects.get(pk=params["import_id"])
    path = str(params["file"])
    try:
        checked = read_checked(path)
    except (OSError, ValueError, KeyError):
        raise JobFailed(
            f"The checked rows of {record.filename} could not be read back, so nothing was "
            "imported. Upload the file again."
        ) from None
    total = len(checked.rows)
    ctx.progress(0, total, stage=f"Importing {record.filename}")

    def progress(current: PoliceImport) -> None:
        ctx.progress(current.rows_done)

    try:
        result = police_import_run(
            actor=_requester(ctx), record=record, checked=checked, progress=progress
        )
    finally:
        if os.path.exists(path):
            os.unlink(path)
    return Outcome(summary=result.summary)


register(
    JobKind(
        key="police_import",
        label="Police notifications import",
        capability="police_screening",
        run=run_police_import,
        description="A large police notifications file, imported in batches.",
    )
)


# --- Retention: destroy what the schedule says is due -------------------------------------------


class RetentionForm(forms.Form):
    dry_run = forms.TypedChoiceField(
        label="What should the run do?",
        choices=[("1", "List what is due, destroy nothing"), ("0", "Destroy what is due")],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether to list or destroy"},
    )


def run_retention(ctx: JobContext, params: dict[str, Any]) -> Outcome:
    from frontdoor.dataprotection.retention import RetentionStep, retention_apply, retention_due

    day = timezone.localdate()
    dry = bool(params.get("dry_run", True))
    due = retention_due(day)
    ctx.progress(0, due.total, stage="Applying the retention schedule")
    lines = []

    def note(step: RetentionStep) -> None:
        if step.allegation is not None:
            ref = f"allegation {step.allegation.reference}"
        else:
            ref = f"person FD{step.person_id:08d}"
        if step.kept:
            lines.append(f"Kept {ref}: {step.reason}")
        elif dry:
            lines.append(f"Would destroy {ref}: kept until {step.until}")
        else:
            lines.append(f"Destroyed {ref}")
        ctx.progress(step.number)

    destroyed, kept = retention_apply(due, dry=dry, actor=_requester(ctx), progress=note)
    verb = "would be destroyed" if dry else "destroyed"
    report = "\n".join(lines) + "\n"
    return Outcome(
        summary=f"{'Dry run' if dry else 'Retention run'} on {day:%-d %B %Y}: {destroyed} {verb}, "
        f"{kept} kept.",
        content=report.encode(),
        filename=f"retention_{day:%Y%m%d}.txt",
        content_type="text/plain; charset=utf-8",
    )


register(
    JobKind(
        key="retention",
        label="Retention run",
        capability="retention",
        run=run_retention,
        form=lambda data=None: RetentionForm(data),
        description="Destroys the records whose retention has ended (each person whole), leaving "
        "an audit stub; or lists them first.",
        cancellable=True,
    )
)


# Kinds a person starts from a page (a police import starts from its upload page instead).
KINDS_IN_URLS = ("cin_census", "annex_a", "retention")
