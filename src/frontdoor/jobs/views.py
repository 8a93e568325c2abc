"""Background jobs: start one, watch its progress (the page refreshes itself, no script), cancel
it, and download what it made."""

from __future__ import annotations

from typing import Any, cast

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
    HttpResponseNotAllowed,
)
from django.shortcuts import redirect, render

from frontdoor.accounts.models import User
from frontdoor.audit.services import audit_record
from frontdoor.core.onetime import one_time_create
from frontdoor.core.viewhelpers import posted, requires_any

from . import services
from .access import access_job, visible_kinds
from .registry import KINDS
from .selectors import jobs_for

REFRESH_SECONDS = 2
# Anyone who may start some kind of job reaches the jobs pages; each job is then checked by kind.
JOB_CAPABILITIES = ("export_returns", "police_screening", "retention")


def _user(request: HttpRequest) -> User:
    return cast(User, request.user)


@requires_any(*JOB_CAPABILITIES)
def job_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    kinds = visible_kinds(user)
    page = Paginator(jobs_for(user), 25).get_page(request.GET.get("page"))
    return render(
        request,
        "jobs/list.html",
        {"page": page, "kinds": [KINDS[k] for k in kinds], "stalled": services.job_stalled},
    )


@one_time_create
def job_start(request: HttpRequest, kind: str) -> HttpResponse:
    user = _user(request)
    spec = KINDS.get(kind)
    if spec is None:
        raise Http404("No such job")
    if not user.can(spec.capability):
        audit_record(
            actor=user,
            action="refused",
            record_type="page",
            record_id=request.path[:100],
            detail={"capability": spec.capability},
        )
        raise PermissionDenied("Your role does not allow this.")
    form = spec.form(posted(request)) if spec.form else None
    if request.method == "POST" and (form is None or form.is_valid()):
        params: dict[str, Any] = {}
        if form is not None:
            params = {k: _plain(v) for k, v in form.cleaned_data.items()}
        job = services.job_submit(actor=user, kind=kind, params=params)
        return redirect("jobs:detail", pk=job.pk)
    return render(request, "jobs/start.html", {"spec": spec, "form": form})


def _plain(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value


@requires_any(*JOB_CAPABILITIES)
def job_detail(request: HttpRequest, pk: int) -> HttpResponse:
    job = access_job(_user(request), pk)
    stalled = services.job_stalled(job)
    response = render(
        request,
        "jobs/detail.html",
        {
            "job": job,
            "spec": KINDS.get(job.kind),
            "stalled": stalled,
            "has_file": services.result_path(job) is not None,
        },
    )
    if not job.finished and not stalled:
        response["Refresh"] = str(REFRESH_SECONDS)
    return response


@requires_any(*JOB_CAPABILITIES)
def job_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    job = access_job(user, pk)  # before the method, so a GET tells nothing about the job
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        services.job_cancel(actor=user, job=job)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "The job was asked to stop. Nothing it was doing is kept.")
    return redirect("jobs:detail", pk=job.pk)


@requires_any(*JOB_CAPABILITIES)
def job_download(request: HttpRequest, pk: int) -> HttpResponseBase:
    user = _user(request)
    job = access_job(user, pk)
    path = services.result_path(job)
    if path is None:
        raise Http404("This job has no file to download")
    audit_record(
        actor=user,
        action="download",
        record_type="job",
        record_id=job.pk,
        detail={"kind": job.kind, "file": job.result_name},
    )
    return FileResponse(
        path.open("rb"),
        as_attachment=True,
        filename=job.result_name,
        content_type=job.result_type or "application/octet-stream",
    )
