"""Reading and checking the rows of a police notifications file (columns in docs/imports.md).

The whole file is read first (`read_file`): it must be UTF-8 text, CSV with the columns named in
its first row, and no larger than the limits below; anything wrong with the file as a whole is
refused before anything is written, saying what to do. Row numbers are as a spreadsheet shows
them (the header is row 1; a blank row keeps its number and is skipped). Each row is then checked
on its own (`parse_row`: lengths and characters as the database stores them, so SQLite and
PostgreSQL refuse the same rows), then the rows of one notification together (`check_group`); a
reason says in plain words what is wrong.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from django.core.exceptions import ValidationError

from frontdoor.core.calendar import LONDON
from frontdoor.core.validators import normalise_postcode
from frontdoor.people.matching import normalise

from .encompass import age_on
from .models import DashLevel, IncidentType, NotificationChild, PoliceNotification

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
# A police file has 15 columns; far more means the wrong file (or a spreadsheet export with
# thousands of empty columns), refused before anything is read into the database.
MAX_COLUMNS = 40
# A day's file has tens to hundreds of rows; a year's backlog about 20,000. More is a wrong file.
MAX_ROWS = 50_000
# The longest text a column may hold: the database column's length, so the check is the same on
# SQLite (which would store anything) and PostgreSQL (which refuses the whole statement).
_N, _C = PoliceNotification._meta, NotificationChild._meta
MAX_LENGTHS = {
    "police_reference": _N.get_field("police_reference").max_length,
    "victim_name": _N.get_field("victim_name").max_length,
    "perpetrator_name": _N.get_field("perpetrator_name").max_length,
    "child_first_name": _C.get_field("first_name").max_length,
    "child_last_name": _C.get_field("last_name").max_length,
    "child_address": _C.get_field("address").max_length,
    "child_school": _C.get_field("school").max_length,
    "summary": 10_000,  # about four pages: longer is a fault in the export
}
LABELS = {
    "police_reference": "Police reference",
    "incident_date": "Incident date",
    "incident_time": "Incident time",
    "incident_type": "Incident type",
    "dash_level": "DASH level",
    "victim_name": "Victim's name",
    "perpetrator_name": "Perpetrator's name",
    "child_first_name": "Child's first name",
    "child_last_name": "Child's last name",
    "child_date_of_birth": "Child's date of birth",
    "child_address": "Child's address",
    "child_postcode": "Child's postcode",
    "child_school": "Child's school",
    "child_present": "Child present",
    "summary": "Summary",
}
# Control characters (NUL and the like) cannot be stored by PostgreSQL and mean a damaged export;
# tabs and line breaks are ordinary text.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# References are printable ASCII, so "same reference in any case" means the same in Python and
# in both databases' lower().
REFERENCE = re.compile(r"[\x20-\x7e]+")
INCIDENT_FIELDS = ("incident_at", "incident_type", "dash_level")
YES = {"yes", "y", "true", "1"}
NO = {"no", "n", "false", "0"}


class ImportFileError(Exception):
    """The file as a whole cannot be read (not UTF-8, not CSV, wrong columns, too large)."""


@dataclass
class FileRows:
    """A file read whole: its rows as (number, values by column), and the reasons of rows refused
    for their shape (more or fewer values than the header)."""

    rows: list[tuple[int, dict[str, str]]]
    shape_errors: dict[int, str]


def decode(data: bytes) -> str:
    """The file's text. Not UTF-8 anywhere in it: refused whole, naming the row."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ImportFileError(
            f"Row {line:,} of the file is not UTF-8 text, so nothing was imported. Save the file "
            "as UTF-8 (in Excel: Save as, then 'CSV UTF-8') and import it again"
        ) from None


def read_file(text: str) -> FileRows:
    """Check the file's structure and read every row, before anything is written."""
    reader = csv.reader(io.StringIO(text, newline=""))
    number = 0
    try:
        header = [h.strip().lower() for h in next(reader, [])]
        number = 1
        _check_header(header)
        rows: list[tuple[int, dict[str, str]]] = []
        shape: dict[int, str] = {}
        for number, values in enumerate(reader, start=2):
            if not any(v.strip() for v in values):
                continue  # a blank row: skipped, and the rows after it keep their numbers
            if len(rows) >= MAX_ROWS:
                raise ImportFileError(
                    f"The file has more than {MAX_ROWS:,} rows, so nothing was imported. Check it "
                    "is the police's file; a larger file can be split and imported in parts"
                )
            if len(values) != len(header):
                shape[number] = _shape_reason(len(values), len(header))
            rows.append((number, dict(zip(header, values, strict=False))))
    except csv.Error as error:
        raise ImportFileError(
            f"Row {number + 1:,} of the file could not be read as CSV ({error}), so nothing was "
            "imported. Save the file as CSV (UTF-8) from the spreadsheet and import it again"
        ) from None
    return FileRows(rows=rows, shape_errors=shape)


def _check_header(header: list[str]) -> None:
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


def _shape_reason(found: int, expected: int) -> str:
    if found > expected:
        return (
            f"This row has {found} values but the file has {expected} columns: a value probably "
            "contains a comma without quotes around it (often the summary). Put that value in "
            "double quotes, or save the file again from the spreadsheet"
        )
    return (
        f"This row has {found} values but the file has {expected} columns: some values are "
        "missing or the row was split over two lines. Check the row and its neighbours"
    )


@dataclass
class Row:
    number: int
    reference: str
    data: dict[str, Any] = field(default_factory=dict)
    reason: str = ""
    # A repeated row: reported, left out, but it does not stop the rest of its notification.
    duplicate: bool = False


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
        check_text(get)
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


def check_text(values: dict[str, str]) -> None:
    """Characters and lengths the database can store, the same on SQLite and PostgreSQL."""
    for column in COLUMNS:
        value = values[column]
        bad = CONTROL.search(value)
        if bad:
            raise ValueError(
                f"{LABELS[column]} contains a control character (code {ord(bad.group()):#04x}) "
                "that cannot be stored: the export is damaged here. Delete the character or "
                "retype the value, then import the file again"
            )
        limit = MAX_LENGTHS.get(column)
        if limit is not None and len(value) > limit:
            raise ValueError(
                f"{LABELS[column]} is {len(value):,} characters long; it can be at most "
                f"{limit:,}. Shorten it in the file and import it again"
            )
    reference = values["police_reference"]
    if reference and not REFERENCE.fullmatch(reference):
        raise ValueError(
            f"Police reference '{reference}' has a character that is not a plain letter, digit, "
            "space or punctuation mark: check the reference column"
        )


def groups(rows: Iterable[Row]) -> Iterator[list[Row]]:
    """Consecutive rows with the same police reference (one notification)."""
    group: list[Row] = []
    for row in rows:
        if group and row.reference.lower() != group[0].reference.lower():
            yield group
            group = []
        group.append(row)
    if group:
        yield group


def check_group(group: list[Row], seen: dict[str, int]) -> None:
    """Rules across the rows of one notification; sets each bad row's reason. One bad row stops
    the whole notification (never half-imported); a repeated row is only left out."""
    first = group[0]
    key = first.reference.lower()  # references are the same whatever their case
    if key in seen:
        for row in group:
            row.reason = row.reason or (
                f"Police reference {row.reference} is already on row {seen[key]}; "
                "rows for one notification must be next to each other"
            )
        return
    seen[key] = first.number
    good = [r for r in group if not r.reason]
    children: dict[tuple[str, str, date], int] = {}
    for row in good:
        if row is not good[0] and any(row.data[k] != good[0].data[k] for k in INCIDENT_FIELDS):
            row.reason = (
                f"Same police reference as row {good[0].number} but a different "
                "incident date, time, type or DASH level"
            )
            continue
        child = (
            normalise(row.data["first_name"]),
            normalise(row.data["last_name"]),
            row.data["date_of_birth"],
        )
        if child in children:
            row.reason = (
                f"Duplicate: this child is already on row {children[child]} for police "
                f"reference {row.reference}"
            )
            row.duplicate = True
            continue
        children[child] = row.number
    bad = [r for r in group if r.reason and not r.duplicate]
    if bad:
        for row in group:
            row.reason = row.reason or (
                f"Not imported because row {bad[0].number} of the same notification has an error"
            )
