"""Importing the daily police notifications file (CSV, columns in docs/imports.md).

An import never half-fails. The whole file is read and checked before anything is written
(`rows.read_file`: UTF-8, CSV, columns, row lengths, size), so a file that cannot be read is
refused whole with advice, and an import record is made only for a file that can. Every row is
then checked (`rows.parse_row`, `rows.check_group`) and the references already in Front Door
found (one query, in any case). The police reference is the key: a notification already in Front
Door is never added twice, so re-importing the same or an overlapping file is safe. Rows for one
notification (one per child) share its reference and must be next to each other. A notification
is imported whole or not at all: if any of its rows is bad, none is imported and each is listed
with its row number (as a spreadsheet shows it, the header is row 1) and a plain reason.

Notifications are written in batches (`import_batch`), each batch committed together with the
import record's counts, so the record always says how many rows were read, imported, refused and
already imported, even while it runs or if it stops. Importing the corrected file then adds only
what was missing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import IO, Any

from django.db import transaction
from django.db.models.functions import Lower
from django.utils import timezone

from frontdoor.accounts.models import User
from frontdoor.audit.services import audit_record
from frontdoor.core.calendar import get_calendar, local_date
from frontdoor.people.services import chronology_add

from .import_batch import BATCH, batch_write, chronology_summary
from .matching import open_case_for
from .models import ImportStatus, NotificationChild, PoliceImport, PoliceNotification
from .rows import (
    COLUMNS,
    MAX_COLUMNS,
    FileRows,
    ImportFileError,
    Row,
    check_group,
    decode,
    groups,
    parse_row,
    read_file,
)

__all__ = ["COLUMNS", "MAX_COLUMNS", "ImportFileError", "ImportResult"]

Progress = Callable[[PoliceImport], None]


@dataclass
class ImportResult:
    record: PoliceImport
    errors: list[dict[str, Any]]

    @property
    def summary(self) -> str:
        r = self.record
        return (
            f"{r.rows_read} rows read: {r.notifications_added} notifications added "
            f"({r.children_added} children), {r.rows_already_imported} rows already imported, "
            f"{r.rows_refused} rows not imported"
        )


def police_file_read(stream: IO[str] | IO[bytes]) -> FileRows:
    """Read and check a whole file (bytes or text) before anything is written. Raises
    ImportFileError saying what is wrong with the file and how to put it right."""
    try:
        content = stream.read()
    except UnicodeDecodeError:
        raise ImportFileError(
            "The file is not UTF-8 text, so nothing was imported. Save the file as UTF-8 (in "
            "Excel: Save as, then 'CSV UTF-8') and import it again"
        ) from None
    text = decode(content) if isinstance(content, bytes) else content.removeprefix("\ufeff")
    return read_file(text)


def police_notifications_import(
    *,
    actor: User | None,
    stream: IO[str] | IO[bytes],
    filename: str,
    now: datetime | None = None,
    progress: Progress | None = None,
) -> ImportResult:
    """Import a police notifications file. See the module docstring."""
    try:
        checked = police_file_read(stream)
    except ImportFileError as error:
        police_file_refuse(actor=actor, filename=filename, error=error)
        raise
    record = police_import_start(
        actor=actor, filename=filename, rows=len(checked.rows), now=now or timezone.now()
    )
    return police_import_run(actor=actor, record=record, checked=checked, progress=progress)


def police_notifications_import_rows(
    *, actor: User | None, rows: list[dict[str, str]], source: str, now: datetime | None = None
) -> PoliceImport:
    """Import notifications given as rows (one dict per child, keys as the file's columns in
    docs/imports.md), with the same rules and idempotency as the file. Row numbers in the
    record's errors are positions in `rows`, counting from 1."""
    given = [(n, {k.strip().lower(): v for k, v in r.items()}) for n, r in enumerate(rows, 1)]
    record = police_import_start(
        actor=actor, filename=source, rows=len(given), now=now or timezone.now()
    )
    checked = FileRows(rows=given, shape_errors={})
    return police_import_run(actor=actor, record=record, checked=checked).record


def police_file_refuse(*, actor: User | None, filename: str, error: ImportFileError) -> None:
    """Audit a file refused whole (nothing of it was written)."""
    audit_record(
        actor=actor,
        action="refuse",
        record_type="police_import",
        record_id=filename[:40],
        detail={"filename": filename, "reason": str(error)},
    )


def police_import_start(
    *, actor: User | None, filename: str, rows: int, now: datetime
) -> PoliceImport:
    """The import record of a file that has been read, before its rows are written."""
    return PoliceImport.objects.create(
        filename=filename[:200],
        imported_at=now,
        imported_by=actor if getattr(actor, "pk", None) else None,
        rows_read=rows,
        updated_at=timezone.now(),
    )


def police_import_run(
    *,
    actor: User | None,
    record: PoliceImport,
    checked: FileRows,
    progress: Progress | None = None,
) -> ImportResult:
    """Check every row, then write the good notifications in batches. If anything unexpected
    stops it, the record says so (with what was saved, each notification whole) and is audited."""
    try:
        return _run(actor=actor, record=record, checked=checked, progress=progress)
    except Exception as error:  # not carried on: recorded, audited, raised again
        _finish(
            actor=actor,
            record=record,
            status=ImportStatus.STOPPED,
            reason=(
                getattr(error, "stop_reason", "")
                or f"The import stopped at an unexpected error ({type(error).__name__})"
            )
            + ". The notifications counted here were saved whole; import the same file again to "
            "add the rest (nothing is added twice)",
        )
        raise


def _run(
    *, actor: User | None, record: PoliceImport, checked: FileRows, progress: Progress | None
) -> ImportResult:
    now = record.imported_at
    parsed = []
    for number, raw in checked.rows:
        row = parse_row(number, raw, now)
        if number in checked.shape_errors:
            row.reason, row.data = checked.shape_errors[number], {}
        parsed.append(row)
    seen: dict[str, int] = {}
    errors: list[dict[str, Any]] = []
    good: list[list[Row]] = []
    for group in groups(parsed):
        check_group(group, seen)
        errors += [_error(r, r.reason) for r in group if r.reason]
        if any(not r.reason for r in group):
            good.append([r for r in group if not r.reason])
    known = _known_references([g[0].reference for g in good])
    fresh = [g for g in good if g[0].reference.lower() not in known]
    record.rows_already_imported = sum(len(g) for g in good) - sum(len(g) for g in fresh)
    record.rows_refused = len(errors)
    record.rows_done = record.rows_read - sum(len(g) for g in fresh)
    record.errors = errors
    screening_day = screening_day_for(now)
    for start in range(0, len(fresh), BATCH):
        batch = fresh[start : start + BATCH]
        with transaction.atomic():
            written = batch_write(
                actor=actor, groups=batch, record=record, now=now, screening_day=screening_day
            )
            record.notifications_added += len(written.added)
            record.children_added += sum(len(p.children) for p in written.added)
            record.rows_already_imported += sum(len(g) for g in written.already_imported)
            record.rows_refused += len(written.refused)
            record.errors = sorted(record.errors + written.refused, key=lambda e: e["row"])
            record.rows_done += sum(len(g) for g in batch)
            _save_progress(record)
        if progress:
            progress(record)
    _finish(actor=actor, record=record, status=ImportStatus.FINISHED)
    return ImportResult(record=record, errors=record.errors)


def _error(row: Row, reason: str) -> dict[str, Any]:
    return {"row": row.number, "reference": row.reference, "reason": reason}


def _known_references(references: list[str]) -> set[str]:
    """References already in Front Door, lower case: one query per thousand, through lower()
    as the unique index on it (`unique_police_reference_any_case`) compares them."""
    wanted = sorted({r.lower() for r in references})
    known: set[str] = set()
    for start in range(0, len(wanted), 1000):
        known |= set(
            PoliceNotification.objects.annotate(key=Lower("police_reference"))
            .filter(key__in=wanted[start : start + 1000])
            .values_list("key", flat=True)
        )
    return known


PROGRESS_FIELDS = [
    "status",
    "stopped_reason",
    "updated_at",
    "rows_done",
    "notifications_added",
    "children_added",
    "rows_already_imported",
    "rows_refused",
    "errors",
]


def _save_progress(record: PoliceImport) -> None:
    record.updated_at = timezone.now()
    record.save(update_fields=PROGRESS_FIELDS)


@transaction.atomic
def _finish(*, actor: User | None, record: PoliceImport, status: str, reason: str = "") -> None:
    record.status, record.stopped_reason = status, reason
    _save_progress(record)
    audit_record(
        actor=actor,
        action="import",
        record_type="police_import",
        record_id=record.pk,
        detail={
            "filename": record.filename,
            "status": status,
            "rows_read": record.rows_read,
            "added": record.notifications_added,
            "rows_imported": record.children_added,
            "already_imported": record.rows_already_imported,
            "bad_rows": record.rows_refused,
        },
    )


def screening_day_for(received_at: datetime) -> date:
    """The working day whose meeting screens it: the day received, or the next working day."""
    cal = get_calendar()
    day = local_date(received_at)
    return day if cal.is_working_day(day) else cal.next_working_day(day)


def route_open_case(child: NotificationChild) -> None:
    """Open cases go to the allocated worker (DOMAIN.md §7)."""
    case = open_case_for(child.person_id) if child.person_id else None
    child.routed_referral_id, child.routed_worker_id = case if case else (None, None)


def chronology_for_notification(*, actor: User | None, child: NotificationChild) -> None:
    """The chronology entry and audit event of a child matched after the import (by the MASH)."""
    assert child.person is not None
    chronology_add(
        person=child.person,
        kind="police_notification",
        actor=actor,
        occurred_at=child.notification.incident_at,
        record=child.notification,
        summary=chronology_summary(child),
    )
    audit_record(
        actor=actor,
        action="link",
        record_type="police_notification_child",
        record_id=child.pk,
        person_id=child.person_id,
        detail={"status": child.match_status, "reference": child.notification.police_reference},
    )
