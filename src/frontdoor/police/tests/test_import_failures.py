"""Issue 15: an import never half-fails. Each failure of the real-world file has a test here; the
suite runs on SQLite and PostgreSQL (DATABASE_URL), and the outcomes are the same on both."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import DataError

from frontdoor.audit.models import AuditEvent
from frontdoor.people.models import ChronologyEntry
from frontdoor.people.tests.factories import make_siblings
from frontdoor.police import import_batch, importer
from frontdoor.police.importer import police_notifications_import_rows
from frontdoor.police.models import (
    EncompassNotice,
    ImportStatus,
    NotificationChild,
    PoliceImport,
    PoliceNotification,
)

from .helpers import NOW, csv_text, row, run_import

pytestmark = pytest.mark.django_db


def _refs() -> list[str]:
    return sorted(PoliceNotification.objects.values_list("police_reference", flat=True))


def _counts(record: PoliceImport) -> tuple[int, int, int, int, int]:
    record.refresh_from_db()
    return (
        record.rows_read,
        record.children_added,
        record.rows_refused,
        record.rows_already_imported,
        record.notifications_added,
    )


def test_values_longer_than_their_column_are_refused_row_by_row_and_the_rest_imported():
    long_reference = "R" * 41
    result = run_import(
        [
            row("PPN-001"),
            row(long_reference),
            row("PPN-002", "A" * 101),
            row("PPN-003", summary="x" * 10_001),
            row("PPN-004"),
        ]
    )
    assert _refs() == ["PPN-001", "PPN-004"]
    assert {e["row"]: e["reason"] for e in result.errors} == {
        3: "Police reference is 41 characters long; it can be at most 40. Shorten it in the "
        "file and import it again",
        4: "Child's first name is 101 characters long; it can be at most 100. Shorten it in the "
        "file and import it again",
        5: "Summary is 10,001 characters long; it can be at most 10,000. Shorten it in the file "
        "and import it again",
    }
    assert _counts(result.record) == (5, 2, 3, 0, 2)
    assert result.record.status == ImportStatus.FINISHED


def test_a_nul_byte_is_refused_with_its_row_and_nothing_else_is_lost():
    result = run_import([row("PPN-001"), row("PPN-002", summary="Door\x00kicked"), row("PPN-003")])
    assert _refs() == ["PPN-001", "PPN-003"]
    assert result.errors == [
        {
            "row": 3,
            "reference": "PPN-002",
            "reason": "Summary contains a control character (code 0x00) that cannot be stored: "
            "the export is damaged here. Delete the character or retype the value, then import "
            "the file again",
        }
    ]


def test_a_reference_with_characters_outside_plain_text_is_refused():
    result = run_import([row("PPN-É1")])
    assert result.errors[0]["reason"] == (
        "Police reference 'PPN-É1' has a character that is not a plain letter, digit, space or "
        "punctuation mark: check the reference column"
    )
    assert _refs() == []


def _late_bad_bytes(rows: int, bad_row: int) -> bytes:
    """A file whose row `bad_row` (as a spreadsheet numbers it) is Windows-1252, not UTF-8."""
    lines = csv_text([row(f"PPN-{i:04}") for i in range(2, rows + 1)]).encode().splitlines(True)
    lines[bad_row - 1] = lines[bad_row - 1].replace(b"Mary", b"Ma\xefry")
    return b"".join(lines)


def test_a_file_that_is_not_utf8_late_on_is_refused_whole_on_the_page(as_user, mash_worker):
    content = _late_bad_bytes(rows=30, bad_row=28)
    upload = SimpleUploadedFile("ppn.csv", content, content_type="text/csv")
    response = as_user(mash_worker).post("/police/import/", {"file": upload})
    page = response.content.decode()
    assert response.status_code == 200
    assert (
        '<p id="id_file-error" class="govuk-error-message"><span class="govuk-visually-hidden">'
        "Error:</span> Row 28 of the file is not UTF-8 text, so nothing was imported. Save the "
        "file as UTF-8" in page
    )
    assert (PoliceNotification.objects.count(), PoliceImport.objects.count()) == (0, 0)
    event = AuditEvent.objects.get(action="refuse", record_type="police_import")
    assert event.actor == mash_worker
    assert event.detail["filename"] == "ppn.csv"
    assert event.detail["reason"].startswith("Row 28 of the file is not UTF-8 text")


def test_the_command_refuses_a_file_that_is_not_utf8_with_advice(tmp_path):
    path = tmp_path / "ppn.csv"
    path.write_bytes(_late_bad_bytes(rows=30, bad_row=20))
    with pytest.raises(CommandError) as refused:
        call_command("import_police_notifications", str(path), stdout=io.StringIO())
    assert str(refused.value) == (
        f"{path}: Row 20 of the file is not UTF-8 text, so nothing was imported. Save the file "
        "as UTF-8 (in Excel: Save as, then 'CSV UTF-8') and import it again"
    )
    assert (PoliceNotification.objects.count(), PoliceImport.objects.count()) == (0, 0)
    assert AuditEvent.objects.filter(action="refuse", record_type="police_import").count() == 1


def test_blank_rows_are_skipped_and_later_rows_keep_their_numbers():
    lines = csv_text([row("PPN-001"), row("PPN-002"), row("PPN-003", dash_level="x")])
    header, first, second, third = lines.splitlines(True)
    text = header + first + "\r\n" + ",,,,,,,,,,,,,,\r\n" + second + third
    result = importer.police_notifications_import(
        actor=None, stream=io.StringIO(text), filename="ppn.csv", now=NOW
    )
    assert result.record.rows_read == 3
    assert result.errors[0]["row"] == 6  # header 1, PPN-001 2, blank 3 and 4, PPN-002 5
    numbers = dict(
        NotificationChild.objects.values_list("notification__police_reference", "row_number")
    )
    assert numbers == {"PPN-001": 2, "PPN-002": 5}


def test_rows_with_more_or_fewer_values_than_columns_are_refused_saying_why():
    text = csv_text([row("PPN-001"), row("PPN-002"), row("PPN-003")])
    header, first, second, third = text.splitlines(True)
    second = second.replace("the children were upstairs.", "the children, upstairs.").replace(
        '"', ""
    )
    third = third.rsplit(",", 2)[0] + "\r\n"
    result = importer.police_notifications_import(
        actor=None, stream=io.StringIO(header + first + second + third), filename="x", now=NOW
    )
    assert _refs() == ["PPN-001"]
    assert {e["row"]: e["reason"] for e in result.errors} == {
        3: "This row has 16 values but the file has 15 columns: a value probably contains a "
        "comma without quotes around it (often the summary). Put that value in double quotes, "
        "or save the file again from the spreadsheet",
        4: "This row has 13 values but the file has 15 columns: some values are missing or the "
        "row was split over two lines. Check the row and its neighbours",
    }


def test_a_known_reference_trimmed_and_in_another_case_is_already_imported():
    run_import([row("PPN-001")])
    result = run_import([row("  ppn-001  "), row("PPN-002")])
    assert _counts(result.record) == (2, 1, 0, 1, 1)
    assert _refs() == ["PPN-001", "PPN-002"]


def test_a_database_error_in_one_notification_fails_only_it_and_leaves_nothing_behind(
    monkeypatch,
):
    make_siblings("Featherstone")  # Amy is matched: chronology, link audit and notices follow
    real = import_batch._notices

    def refusing(plans):  # type: ignore[no-untyped-def]
        if any(p.notification.police_reference == "PPN-002" for p in plans):
            raise DataError("value too long for type character varying(40)\nCONTEXT: ...")
        return real(plans)

    monkeypatch.setattr(import_batch, "_notices", refusing)
    result = run_import([row("PPN-001"), row("PPN-002"), row("PPN-002", "Ben"), row("PPN-003")])
    assert _refs() == ["PPN-001", "PPN-003"]
    assert {e["row"] for e in result.errors} == {3, 4}
    assert result.errors[0]["reason"] == (
        "Not imported: the database refused it (value too long for type character "
        "varying(40)); nothing of this notification (rows 3, 4) was saved. Import the file "
        "again later; if it is refused again, tell the system administrator the row numbers"
    )
    assert _counts(result.record) == (4, 2, 2, 0, 2)
    assert not NotificationChild.objects.filter(notification__police_reference="PPN-002").exists()
    assert EncompassNotice.objects.count() == 2  # one school notice each for PPN-001 and PPN-003
    assert ChronologyEntry.objects.filter(kind="police_notification").count() == 2
    created = AuditEvent.objects.filter(action="create", record_type="police_notification")
    assert sorted(e.detail["reference"] for e in created) == ["PPN-001", "PPN-003"]


def test_an_import_stopped_by_an_unexpected_error_says_so_and_keeps_whole_notifications(
    monkeypatch,
):
    monkeypatch.setattr(importer, "BATCH", 2)
    real = import_batch._insert
    calls = []

    def breaking(actor, plans):  # type: ignore[no-untyped-def]
        calls.append(len(plans))
        if len(calls) == 2:
            raise RuntimeError("disk full")
        return real(actor, plans)

    monkeypatch.setattr(import_batch, "_insert", breaking)
    with pytest.raises(RuntimeError):
        run_import([row(f"PPN-00{i}") for i in range(1, 6)])
    record = PoliceImport.objects.get()
    assert _refs() == ["PPN-001", "PPN-002"]
    assert record.status == ImportStatus.STOPPED
    assert (record.rows_read, record.rows_done, record.notifications_added) == (5, 2, 2)
    assert record.stopped_reason.startswith(
        "The import stopped at an unexpected error (RuntimeError). The notifications counted "
        "here were saved whole"
    )
    event = AuditEvent.objects.get(action="import", record_type="police_import")
    assert (event.detail["status"], event.detail["added"]) == ("stopped", 2)


def test_the_import_record_states_every_count_and_its_audit_event(mash_worker):
    run_import([row("PPN-001")])
    result = run_import(
        [
            row("PPN-001"),
            row("PPN-002"),
            row("PPN-002", "Ben", dob="12/09/2018"),
            row("PPN-3", dob="x"),
        ],
        actor=mash_worker,
    )
    assert _counts(result.record) == (4, 2, 1, 1, 1)
    assert result.summary == (
        "4 rows read: 1 notifications added (2 children), 1 rows already imported, "
        "1 rows not imported"
    )
    event = AuditEvent.objects.filter(action="import", actor=mash_worker).get()
    assert event.detail == {
        "filename": "ppn.csv",
        "status": "finished",
        "rows_read": 4,
        "added": 1,
        "rows_imported": 2,
        "already_imported": 1,
        "bad_rows": 1,
    }


def test_rows_given_directly_are_checked_like_the_file(mash_worker):
    record = police_notifications_import_rows(
        actor=mash_worker, rows=[row("R" * 41), row("PPN-001", summary="a\x00b")], source="api"
    )
    assert [e["row"] for e in record.errors] == [1, 2]
    assert record.errors[0]["reason"].startswith("Police reference is 41 characters long")
    assert _refs() == []


def test_a_running_import_page_shows_progress_and_reloads_itself(as_user, mash_worker):
    from django.utils import timezone

    record = PoliceImport.objects.create(
        filename="big.csv",
        imported_at=NOW,
        rows_read=10_000,
        rows_done=2_500,
        updated_at=timezone.now(),
    )
    response = as_user(mash_worker).get(f"/police/import/{record.pk}/")
    page = response.content.decode()
    assert response.status_code == 200
    assert response["Refresh"] == "3"
    assert "Importing: 2500 of 10000 rows dealt with." in page
    assert '<progress id="import-progress" max="10000" value="2500">' in page


def test_an_import_whose_process_died_is_shown_as_stopped(as_user, mash_worker):
    from datetime import timedelta

    from django.utils import timezone

    record = PoliceImport.objects.create(
        filename="big.csv",
        imported_at=NOW,
        rows_read=10_000,
        rows_done=2_500,
        updated_at=timezone.now() - timedelta(minutes=3),
    )
    response = as_user(mash_worker).get(f"/police/import/{record.pk}/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Refresh" not in response
    assert "This import stopped before the end. No progress has been saved since" in page
    assert "import the same file again to add the rest (nothing is added twice)" in page


def test_a_large_upload_is_imported_by_a_background_job(
    as_user, mash_worker, settings, tmp_path, django_capture_on_commit_callbacks
):
    from frontdoor.jobs.models import Job, JobStatus

    settings.FRONTDOOR_JOBS_MODE = "immediate"
    settings.FRONTDOOR_JOB_RESULTS_DIR = str(tmp_path)
    settings.FRONTDOOR_IMPORT_BACKGROUND_ROWS = 2
    upload = SimpleUploadedFile(
        "ppn.csv", csv_text([row(f"PPN-00{i}") for i in range(1, 4)]).encode()
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = as_user(mash_worker).post("/police/import/", {"file": upload})
    record = PoliceImport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/police/import/{record.pk}/"
    job = Job.objects.get()
    assert (job.kind, job.params["import_id"], job.requested_by) == (
        "police_import",
        record.pk,
        mash_worker,
    )
    assert job.status == JobStatus.SUCCEEDED, job.error
    record.refresh_from_db()
    assert (record.status, record.notifications_added) == (ImportStatus.FINISHED, 3)
    assert list(tmp_path.glob("police-import-*")) == []  # the checked rows are removed


def test_the_command_shows_a_progress_bar_for_a_large_file(tmp_path, monkeypatch):
    from frontdoor.police.management.commands import import_police_notifications as command

    monkeypatch.setattr(command, "PROGRESS_FROM_ROWS", 2)
    monkeypatch.setattr(importer, "BATCH", 2)
    path = tmp_path / "ppn.csv"
    path.write_text(csv_text([row(f"PPN-00{i}") for i in range(1, 5)]))
    out, err = io.StringIO(), io.StringIO()
    call_command("import_police_notifications", str(path), stdout=out, stderr=err)
    assert err.getvalue() == (f"\r[{'#' * 15}{'.' * 15}] 2 of 4 rows\n\r[{'#' * 30}] 4 of 4 rows\n")
    assert "4 notifications added" in out.getvalue()
