"""Importing the daily police notifications file (CSV, columns in docs/imports.md).

The police reference is the key: a notification already in Front Door is never added twice, so
re-importing the same or an overlapping file is safe. Rows for one notification (one per child)
share its reference and must be next to each other. A notification is imported whole (in its
own savepoint, committed in batches of COMMIT_EVERY) or not at all: if any of its rows is bad,
none of them is imported and each is listed with its row number (as in the file, the header is
row 1) and a plain reason. Importing the corrected file then adds only what was missing.
"""

from __future__ import annotations

import csv
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import date, datetime
from typing import IO, Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from frontdoor.accounts.models import User
from frontdoor.audit.services import audit_record
from frontdoor.core.calendar import get_calendar, local_date
from frontdoor.core.validators import postcode_key
from frontdoor.people.matching import normalise
from frontdoor.people.services import chronology_add

from .encompass import notices_create
from .marac import marac_reason_for
from .matching import match_child, open_case_for
from .models import (
    IncidentType,
    NotificationChild,
    PoliceImport,
    PoliceNotification,
)
from .rows import COLUMNS, MAX_COLUMNS, ImportFileError, Row, check_group, groups, parse_row

COMMIT_EVERY = 200  # notifications per commit; each notification has its own savepoint


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
            f"{len(self.errors)} rows not imported"
        )


def police_notifications_import(
    *, actor: User | None, stream: IO[str], filename: str, now: datetime | None = None
) -> ImportResult:
    """Import a police notifications file, streamed row by row. See the module docstring."""
    now = now or timezone.now()
    reader = csv.DictReader(stream)
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    if len(header) > MAX_COLUMNS:
        raise ImportFileError(
            f"The file has {len(header)} columns; a police notifications file has at most "
            f"{MAX_COLUMNS}. Check it is the police's daily file, with only the columns "
            "listed in docs/imports.md"
        )
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise ImportFileError(
            "The file is missing these columns: "
            + ", ".join(missing)
            + ". The first row must name the columns listed in docs/imports.md"
        )
    reader.fieldnames = header
    return _import(actor=actor, raw=enumerate(reader, start=2), filename=filename, now=now)


def police_notifications_import_rows(
    *, actor: User | None, rows: list[dict[str, str]], source: str, now: datetime | None = None
) -> PoliceImport:
    """Import notifications given as rows (one dict per child, keys as the file's columns in
    docs/imports.md), with the same rules and idempotency as the file. Row numbers in the
    record's errors are positions in `rows`, counting from 1."""
    now = now or timezone.now()
    raw = ({k.strip().lower(): v for k, v in r.items()} for r in rows)
    return _import(actor=actor, raw=enumerate(raw, start=1), filename=source, now=now).record


def _import(*, actor: User | None, raw: Any, filename: str, now: datetime) -> ImportResult:
    record = PoliceImport.objects.create(
        filename=filename[:200],
        imported_at=now,
        imported_by=actor if getattr(actor, "pk", None) else None,
    )
    errors: list[dict[str, Any]] = []
    seen: dict[str, int] = {}
    rows = (parse_row(number, r, now) for number, r in raw)
    since_commit = 0
    with ExitStack() as batch:
        batch.enter_context(transaction.atomic())
        for group in groups(rows):
            since_commit += _import_or_report(
                actor=actor, group=group, record=record, seen=seen, errors=errors, now=now
            )
            if since_commit >= COMMIT_EVERY:
                since_commit = 0
                # Commit now and then: each notification has its own savepoint inside the batch,
                # so a failure undoes only that notification; batching saves a disk sync each.
                batch.close()
                batch.enter_context(transaction.atomic())
    record.errors = errors
    record.save(
        update_fields=[
            "rows_read",
            "notifications_added",
            "children_added",
            "rows_already_imported",
            "errors",
        ]
    )
    audit_record(
        actor=actor,
        action="import",
        record_type="police_import",
        record_id=record.pk,
        detail={
            "filename": record.filename,
            "added": record.notifications_added,
            "bad_rows": len(errors),
        },
    )
    return ImportResult(record=record, errors=errors)


def _import_or_report(
    *,
    actor: User | None,
    group: list[Row],
    record: PoliceImport,
    seen: dict[str, int],
    errors: list[dict[str, Any]],
    now: datetime,
) -> int:
    """Check one notification's rows and import it (1) or report or skip them (0)."""
    record.rows_read += len(group)
    check_group(group, seen)
    errors += [
        {"row": r.number, "reference": r.reference, "reason": r.reason} for r in group if r.reason
    ]
    group = [r for r in group if not r.reason]
    if not group:
        return 0
    # A reference already in Front Door in any case ("ppn-1" and "PPN-1") is the same notification.
    if PoliceNotification.objects.filter(police_reference__iexact=group[0].reference).exists():
        record.rows_already_imported += len(group)
        return 0
    try:
        notification = _import_group(actor=actor, group=group, record=record, now=now)
    except IntegrityError:  # imported by another run at the same moment: nothing half-done
        record.rows_already_imported += len(group)
        return 0
    record.notifications_added += 1
    record.children_added += notification.children_count  # type: ignore[attr-defined]
    return 1


def screening_day_for(received_at: datetime) -> date:
    """The working day whose meeting screens it: the day received, or the next working day."""
    cal = get_calendar()
    day = local_date(received_at)
    return day if cal.is_working_day(day) else cal.next_working_day(day)


@transaction.atomic
def _import_group(
    *, actor: User | None, group: list[Row], record: PoliceImport, now: datetime
) -> PoliceNotification:
    first = group[0].data
    victim_key = (
        f"{normalise(first['victim_name'])}|{postcode_key(first['postcode'])}"
        if first["victim_name"]
        else ""
    )
    notification = PoliceNotification.objects.create(
        police_reference=group[0].reference,
        incident_at=first["incident_at"],
        incident_type=first["incident_type"],
        dash_level=first["dash_level"],
        victim_name=first["victim_name"],
        perpetrator_name=first["perpetrator_name"],
        victim_key=victim_key[:120],
        address=first["address"],
        postcode=first["postcode"],
        summary=first["summary"],
        received_at=now,
        screening_day=screening_day_for(now),
        police_import=record,
    )
    for row in group:
        _child_add(actor=actor, notification=notification, row=row)
    notification.marac_reason = marac_reason_for(notification)
    if notification.marac_reason:
        notification.save(update_fields=["marac_reason"])
    notification.children_count = len(group)  # type: ignore[attr-defined]
    audit_record(
        actor=actor,
        action="create",
        record_type="police_notification",
        record_id=notification.pk,
        detail={"reference": notification.police_reference},
    )
    return notification


def _child_add(
    *, actor: User | None, notification: PoliceNotification, row: Row
) -> NotificationChild:
    d = row.data
    match = match_child(
        first_name=d["first_name"],
        last_name=d["last_name"],
        date_of_birth=d["date_of_birth"],
        postcode=d["postcode"],
    )
    child = NotificationChild(
        notification=notification,
        row_number=row.number,
        first_name=d["first_name"],
        last_name=d["last_name"],
        date_of_birth=d["date_of_birth"],
        address=d["address"],
        postcode=d["postcode"],
        school=d["school"],
        present=d["present"],
        person=match.person,
        match_status=match.status,
        match_note=match.note,
        candidate_ids=match.candidate_ids,
    )
    if match.person is not None:
        route_open_case(child)
    child.save()
    if notification.incident_type == IncidentType.DOMESTIC_ABUSE:
        notices_create(child, incident_at=notification.incident_at)
    if match.person is not None:
        chronology_for_notification(actor=actor, child=child)
    return child


def route_open_case(child: NotificationChild) -> None:
    """Open cases go to the allocated worker (DOMAIN.md §7)."""
    case = open_case_for(child.person_id) if child.person_id else None
    child.routed_referral_id, child.routed_worker_id = case if case else (None, None)


def chronology_for_notification(*, actor: User | None, child: NotificationChild) -> None:
    n = child.notification
    dash = f", DASH {n.get_dash_level_display().lower()}" if n.dash_level else ""
    present = "present" if child.present else "not present"
    assert child.person is not None
    chronology_add(
        person=child.person,
        kind="police_notification",
        actor=actor,
        occurred_at=n.incident_at,
        record=n,
        summary=f"Police notification {n.police_reference}: "
        f"{n.get_incident_type_display().lower()}{dash}; child {present}",
    )
    audit_record(
        actor=actor,
        action="link",
        record_type="police_notification_child",
        record_id=child.pk,
        person_id=child.person_id,
        detail={"status": child.match_status, "reference": n.police_reference},
    )
