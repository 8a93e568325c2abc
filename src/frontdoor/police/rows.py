"""Reading and checking the rows of a police notifications file (columns in docs/imports.md).

Each row is checked on its own (`parse_row`), then the rows of one notification together
(`check_group`); a reason says in plain words what is wrong, with row numbers as in the file.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from django.core.exceptions import ValidationError

from frontdoor.core.calendar import LONDON
from frontdoor.core.validators import normalise_postcode
from frontdoor.people.matching import normalise

from .encompass import age_on
from .models import DashLevel, IncidentType

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
INCIDENT_FIELDS = ("incident_at", "incident_type", "dash_level")
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
