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
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from frontdoor.audit.services import audit_record
from frontdoor.core.calendar import LONDON, get_calendar, local_date
from frontdoor.core.validators import normalise_postcode, postcode_key
from frontdoor.people.matching import normalise
from frontdoor.people.services import chronology_add

from ..models import (
    DashLevel,
    IncidentType,
    NotificationChild,
    PoliceImport,
    PoliceNotification,
)
from .encompass import age_on, notices_create
from .marac import marac_reason_for
from .matching import match_child, open_case_for

COLUMNS = [
    "police_reference",
    "incident_date",
    "incident_time",
    "incident_type",
    "dash_level",
    "victim_name",
    "perpetrator_name",
    "child_first_name",
    "child_last_name",
    "child_date_of_birth",
    "child_address",
    "child_postcode",
    "child_school",
    "child_present",
    "summary",
]
INCIDENT_FIELDS = ("incident_at", "incident_type", "dash_level")
COMMIT_EVERY = 200  # notifications per commit; each notification has its own savepoint
YES = {"yes", "y", "true", "1"}
NO = {"no", "n", "false", "0"}


class ImportFileError(Exception):
    """The file as a whole cannot be read (wrong columns, not CSV)."""


@dataclass
class Row:
    number: int
    reference: str
    data: dict[str, Any] = field(default_factory=dict)
    reason: str = ""
    # A repeated row: reported, left out, but it does not stop the rest of its notification.
    duplicate: bool = False


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


def _date(value: str, label: str) -> date:
    value = value.strip()
    if not value:
        raise ValueError(f"{label} is missing")
    for fmt in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    raise ValueError(f"{label} '{value}' is not a real date: use DD/MM/YYYY, like 21/11/2026")


def _time(value: str) -> time:
    value = value.strip()
    if not value:
        raise ValueError("Incident time is missing")
    try:
        return time.fromisoformat(value.zfill(5))
    except ValueError:
        raise ValueError(
            f"Incident time '{value}' is not a real 24-hour time, like 23:40"
        ) from None


def parse_row(number: int, raw: dict[str, str], now: datetime) -> Row:
    """Check one row; `reason` says, in plain words, what is wrong with it (first problem only)."""
    get = {k: (raw.get(k) or "").strip() for k in COLUMNS}
    row = Row(number=number, reference=get["police_reference"])
    try:
        if not row.reference:
            raise ValueError("Police reference is missing")
        incident_day = _date(get["incident_date"], "Incident date")
        incident_at = datetime.combine(incident_day, _time(get["incident_time"]), tzinfo=LONDON)
        if incident_at > now:
            raise ValueError("Incident date and time is in the future")
        kind = get["incident_type"].lower().replace(" ", "_")
        if kind not in IncidentType.values:
            raise ValueError(
                f"Incident type '{get['incident_type']}' is not one of: domestic abuse, other"
            )
        dash = get["dash_level"].lower()
        if dash and dash not in DashLevel.values:
            raise ValueError(
                f"DASH level '{get['dash_level']}' is not one of: standard, medium, high"
            )
        if kind == IncidentType.DOMESTIC_ABUSE and not dash:
            raise ValueError(
                "DASH level is missing: a domestic abuse notification needs "
                "standard, medium or high"
            )
        if not get["child_first_name"]:
            raise ValueError("Child's first name is missing")
        if not get["child_last_name"]:
            raise ValueError("Child's last name is missing")
        born = _date(get["child_date_of_birth"], "Child's date of birth")
        if born > incident_day:
            raise ValueError("Child's date of birth is after the incident date")
        if age_on(born, incident_day) >= 18:
            raise ValueError("Child's date of birth makes them 18 or over on the incident date")
        postcode = ""
        if get["child_postcode"]:
            try:
                postcode = normalise_postcode(get["child_postcode"])
            except ValidationError:
                raise ValueError(
                    f"Child's postcode '{get['child_postcode']}' is not a real "
                    "postcode, like SW1A 1AA"
                ) from None
        present = get["child_present"].lower()
        if present not in YES | NO:
            raise ValueError("Child present must be yes or no")
        if not get["summary"]:
            raise ValueError("Summary is missing")
    except ValueError as error:
        row.reason = str(error)
        return row
    row.data = {
        "incident_at": incident_at,
        "incident_type": kind,
        "dash_level": dash,
        "victim_name": get["victim_name"],
        "perpetrator_name": get["perpetrator_name"],
        "first_name": get["child_first_name"],
        "last_name": get["child_last_name"],
        "date_of_birth": born,
        "address": get["child_address"],
        "postcode": postcode,
        "school": get["child_school"],
        "present": present in YES,
        "summary": get["summary"],
    }
    return row


def _groups(rows: Iterable[Row]) -> Iterator[list[Row]]:
    """Consecutive rows with the same police reference (one notification)."""
    group: list[Row] = []
    for row in rows:
        if group and row.reference != group[0].reference:
            yield group
            group = []
        group.append(row)
    if group:
        yield group


def _check_group(group: list[Row], seen: dict[str, int]) -> None:
    """Rules across the rows of one notification; sets each bad row's reason. One bad row stops
    the whole notification (never half-imported); a repeated row is only left out."""
    first = group[0]
    if first.reference in seen:
        for row in group:
            row.reason = row.reason or (
                f"Police reference {row.reference} is already on row {seen[row.reference]}; "
                "rows for one notification must be next to each other"
            )
        return
    seen[first.reference] = first.number
    good = [r for r in group if not r.reason]
    children: dict[tuple[str, str, date], int] = {}
    for row in good:
        if row is not good[0] and any(row.data[k] != good[0].data[k] for k in INCIDENT_FIELDS):
            row.reason = (
                f"Same police reference as row {good[0].number} but a different "
                "incident date, time, type or DASH level"
            )
            continue
        key = (
            normalise(row.data["first_name"]),
            normalise(row.data["last_name"]),
            row.data["date_of_birth"],
        )
        if key in children:
            row.reason = (
                f"Duplicate: this child is already on row {children[key]} for police "
                f"reference {row.reference}"
            )
            row.duplicate = True
            continue
        children[key] = row.number
    bad = [r for r in group if r.reason and not r.duplicate]
    if bad:
        for row in group:
            row.reason = row.reason or (
                f"Not imported because row {bad[0].number} of the same notification has an error"
            )


def police_notifications_import(
    *, actor: Any, stream: IO[str], filename: str, now: datetime | None = None
) -> ImportResult:
    """Import a police notifications file, streamed row by row. See the module docstring."""
    now = now or timezone.now()
    reader = csv.DictReader(stream)
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise ImportFileError(
            "The file is missing these columns: "
            + ", ".join(missing)
            + ". The first row must name the columns listed in docs/imports.md"
        )
    reader.fieldnames = header
    record = PoliceImport.objects.create(
        filename=filename[:200],
        imported_at=now,
        imported_by=actor if getattr(actor, "pk", None) else None,
    )
    errors: list[dict[str, Any]] = []
    seen: dict[str, int] = {}
    rows = (parse_row(number, raw, now) for number, raw in enumerate(reader, start=2))
    since_commit = 0
    with ExitStack() as batch:
        batch.enter_context(transaction.atomic())
        for group in _groups(rows):
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
    actor: Any,
    group: list[Row],
    record: PoliceImport,
    seen: dict[str, int],
    errors: list[dict[str, Any]],
    now: datetime,
) -> int:
    """Check one notification's rows and import it (1) or report or skip them (0)."""
    record.rows_read += len(group)
    _check_group(group, seen)
    errors += [
        {"row": r.number, "reference": r.reference, "reason": r.reason} for r in group if r.reason
    ]
    group = [r for r in group if not r.reason]
    if not group:
        return 0
    if PoliceNotification.objects.filter(police_reference=group[0].reference).exists():
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
    *, actor: Any, group: list[Row], record: PoliceImport, now: datetime
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


def _child_add(*, actor: Any, notification: PoliceNotification, row: Row) -> NotificationChild:
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


def chronology_for_notification(*, actor: Any, child: NotificationChild) -> None:
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
