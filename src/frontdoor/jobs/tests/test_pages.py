"""The jobs pages: start (one job per form, whatever the double clicks), watch, cancel, download;
refused and audited for anyone who may not see the job."""

from __future__ import annotations

from typing import Any

import pytest

from frontdoor.audit.models import AuditEvent
from frontdoor.jobs.models import Job, JobStatus

pytestmark = pytest.mark.django_db


def test_start_watch_and_download_a_census(
    as_user: Any, analyst: Any, django_capture_on_commit_callbacks: Any
) -> None:
    client = as_user(analyst)
    page = client.get("/jobs/new/cin-census/")
    assert page.status_code == 200 and "Collection year" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/jobs/new/cin-census/", {"year": "2026"})
    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/jobs/{job.pk}/"
    detail = client.get(f"/jobs/{job.pk}/")
    assert detail.status_code == 200 and "Refresh" not in detail  # finished: no more refreshing
    assert "Download CIN_census_" in detail.content.decode()
    download = client.get(f"/jobs/{job.pk}/download")
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"<?xml")
    assert AuditEvent.objects.filter(record_type="job", action="download").count() == 1
    listing = client.get("/jobs/")
    assert listing.status_code == 200 and "DfE children in need census" in listing.content.decode()


def test_a_running_job_page_refreshes_itself_and_can_be_stopped(as_user: Any, analyst: Any) -> None:
    from django.utils import timezone

    job = Job.objects.create(
        kind="cin_census",
        params={"year": 2026},
        requested_by=analyst,
        requested_at=timezone.now(),
        status=JobStatus.RUNNING,
        started_at=timezone.now(),
        heartbeat_at=timezone.now(),
        done=3,
        total=10,
        stage="Writing child records",
    )
    client = as_user(analyst)
    page = client.get(f"/jobs/{job.pk}/")
    assert page["Refresh"] == "2"
    html = page.content.decode()
    assert '<progress id="job-progress" max="10" value="3">' in html
    assert "Writing child records: 3 of 10 (30%)" in html
    response = client.post(f"/jobs/{job.pk}/cancel")
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.cancel_requested


def test_the_start_form_shows_every_problem_next_to_its_field(as_user: Any, analyst: Any) -> None:
    response = as_user(analyst).post("/jobs/new/annex-a/", {})
    assert response.status_code == 200
    assert "Enter the last day of the six months" in response.content.decode()
    assert not Job.objects.exists()


def test_a_double_click_starts_one_job(
    as_user: Any, analyst: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from frontdoor.conftest import client_for
    from frontdoor.core.onetime import new_token

    client = client_for(analyst)
    token = new_token()
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post("/jobs/new/cin-census/", {"year": "2026", "form_token": token})
        second = client.post("/jobs/new/cin-census/", {"year": "2026", "form_token": token})
    assert Job.objects.count() == 1
    assert first.status_code == 302 and second.status_code == 302


def test_others_are_refused_and_the_refusal_audited(
    as_user: Any, analyst: Any, mash_worker: Any
) -> None:
    from django.utils import timezone

    job = Job.objects.create(
        kind="cin_census", params={}, requested_by=analyst, requested_at=timezone.now()
    )
    for path in (f"/jobs/{job.pk}/", f"/jobs/{job.pk}/download"):
        response = as_user(mash_worker).get(path)
        assert response.status_code == 404
    assert as_user(mash_worker).post(f"/jobs/{job.pk}/cancel").status_code == 404
    assert AuditEvent.objects.filter(record_type="job", action="refused").count() == 3
    assert as_user(mash_worker).get("/jobs/new/cin-census/").status_code == 403
