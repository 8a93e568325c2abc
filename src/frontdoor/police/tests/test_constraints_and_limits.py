"""What the database refuses (police reference in any case), how the importer treats a known
reference, and the upload limits (size, columns) and paginated results."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction

from frontdoor.core.calendar import LONDON
from frontdoor.core.models import FormSubmission
from frontdoor.police.models import PoliceImport, PoliceNotification
from frontdoor.police.rows import COLUMNS

from .helpers import NOW, csv_text, row, run_import

pytestmark = pytest.mark.django_db


def _notification(reference: str) -> PoliceNotification:
    return PoliceNotification.objects.create(
        police_reference=reference,
        incident_at=NOW,
        incident_type="other",
        summary="Concern for welfare.",
        received_at=NOW,
        screening_day=date(2026, 11, 24),
    )


def test_the_database_refuses_a_police_reference_that_differs_only_in_case():
    _notification("PPN-7")
    with pytest.raises(IntegrityError), transaction.atomic():
        _notification("ppn-7")
    assert PoliceNotification.objects.count() == 1


def test_the_database_refuses_a_blank_police_reference():
    with pytest.raises(IntegrityError), transaction.atomic():
        _notification("")


def test_a_reference_known_in_another_case_is_already_imported():
    run_import([row("PPN-001")])
    result = run_import([row("ppn-001"), row("PPN-002", "Ben", dob="12/09/2018")])
    assert (result.record.notifications_added, result.record.rows_already_imported) == (1, 1)
    assert sorted(PoliceNotification.objects.values_list("police_reference", flat=True)) == [
        "PPN-001",
        "PPN-002",
    ]


def test_rows_of_one_notification_in_mixed_case_are_one_notification():
    result = run_import([row("PPN-001"), row("ppn-001 ", "Ben", dob="12/09/2018")])
    assert (result.record.notifications_added, result.record.children_added) == (1, 2)
    assert PoliceNotification.objects.get().police_reference == "PPN-001"


def _upload(content: bytes, name: str = "ppn.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="text/csv")


def test_a_file_over_the_size_limit_is_refused_before_anything_is_stored(
    as_user, mash_worker, settings
):
    settings.FRONTDOOR_MAX_UPLOAD_MB = 1
    content = csv_text([row("PPN-001")]).encode() + b"," * (1024 * 1024)
    response = as_user(mash_worker).post("/police/import/", {"file": _upload(content)})
    page = response.content.decode()
    assert response.status_code == 200
    assert "The file must be smaller than 1 MB (this one is 1.0 MB)" in page
    assert (  # next to the file field
        '<p id="id_file-error" class="govuk-error-message"><span class="govuk-visually-hidden">'
        "Error:</span> The file must be smaller than 1 MB" in page
    )
    assert (PoliceImport.objects.count(), PoliceNotification.objects.count()) == (0, 0)
    assert FormSubmission.objects.count() == 0  # the token is given back: a smaller file can go


def test_a_file_within_a_raised_limit_is_imported(as_user, mash_worker, settings):
    settings.FRONTDOOR_MAX_UPLOAD_MB = 2
    content = csv_text([row("PPN-001")]).encode() + b"\n" * (1024 * 1024)
    response = as_user(mash_worker).post("/police/import/", {"file": _upload(content)})
    assert response.status_code == 302
    assert PoliceNotification.objects.get().police_reference == "PPN-001"


def test_a_file_with_too_many_columns_is_refused_before_anything_is_stored(as_user, mash_worker):
    header = ",".join(COLUMNS + [f"extra_{i}" for i in range(30)])
    response = as_user(mash_worker).post(
        "/police/import/", {"file": _upload(f"{header}\n".encode())}
    )
    page = response.content.decode()
    assert "The file has 45 columns; a police notifications file has at most 40." in page
    assert PoliceImport.objects.count() == 0


def test_import_results_are_paginated(as_user, mash_worker):
    rows = [row(f"PPN-{i:03}", dob="31/02/2014") for i in range(120)]
    result = run_import(rows, now=datetime(2026, 11, 24, 8, 0, tzinfo=LONDON))
    assert len(result.errors) == 120
    client = as_user(mash_worker)
    first = client.get(f"/police/import/{result.record.pk}/")
    page = first.content.decode()
    assert first.status_code == 200
    assert "Rows not imported (page 1 of 3)" in page
    assert "PPN-000" in page and "PPN-049" in page and "PPN-050" not in page
    assert '<nav class="govuk-pagination" aria-label="Pages of rows not imported">' in page
    assert 'href="?page=2" rel="next"' in page
    last = client.get(f"/police/import/{result.record.pk}/?page=3").content.decode()
    assert "PPN-100" in last and "PPN-119" in last and "PPN-099" not in last
    assert 'href="?page=2" rel="prev"' in last


def test_the_upload_is_made_once_however_often_it_is_sent(as_user, mash_worker):
    client = as_user(mash_worker)
    content = csv_text([row("PPN-001")]).encode()
    first = client.post("/police/import/", {"file": _upload(content), "form_token": "tok-1"})
    second = client.post("/police/import/", {"file": _upload(content), "form_token": "tok-1"})
    assert first.status_code == 302
    assert second.status_code == 302 and second["Location"] == first["Location"]
    assert PoliceImport.objects.count() == 1
