"""Reading a legacy people file (CSV or JSON lines; the layout is in docs/people.md) and checking
each row on its own. Row numbers are as a spreadsheet shows them for CSV (the header is row 1) and
the line number for JSON lines. Nothing here touches the database."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import IO, Any

from django.core.exceptions import ValidationError

from frontdoor.core.codes import Sex
from frontdoor.core.validators import normalise_nhs_number, normalise_upn
from frontdoor.people.identifiers import settle_identifier
from frontdoor.people.models import Person, PersonKind, RelationshipKind
from frontdoor.people.services import address_build, check_person

COLUMNS = [
    "legacy_id",
    "kind",
    "first_name",
    "middle_names",
    "last_name",
    "other_names",
    "previous_names",
    "date_of_birth",
    "expected_date_of_birth",
    "sex",
    "nhs_number",
    "upn",
    "address_line1",
    "address_line2",
    "town",
    "postcode",
    "country",
    "household",
    "relationships",
]
REQUIRED = ["legacy_id", "first_name", "last_name"]
FORMATS = ("csv", "jsonl")
MAX_ROWS = 1_000_000
MAX_ID = 60
_P = Person._meta
LENGTHS = {
    "first_name": _P.get_field("first_name").max_length,
    "middle_names": _P.get_field("middle_names").max_length,
    "last_name": _P.get_field("last_name").max_length,
}
SEXES = {"m": Sex.MALE, "male": Sex.MALE, "f": Sex.FEMALE, "female": Sex.FEMALE, "": Sex.UNKNOWN}
SEXES |= {"u": Sex.UNKNOWN, "unknown": Sex.UNKNOWN}
KINDS = {"": PersonKind.CHILD, "child": PersonKind.CHILD, "adult": PersonKind.ADULT}
KINDS |= {"unborn": PersonKind.UNBORN}
RELATIONSHIPS = {str(k) for k in RelationshipKind}


class ImportFileError(Exception):
    """The file as a whole cannot be read: nothing is imported."""


@dataclass
class Problem:
    row: int
    field: str
    message: str


@dataclass
class Incoming:
    """One row, checked: the person (not saved) and what comes with them."""

    row: int
    legacy_id: str
    person: Person
    other_names: list[tuple[str, str]] = field(default_factory=list)
    previous_names: list[tuple[str, str]] = field(default_factory=list)
    address: dict[str, str] | None = None
    household: str = ""
    relationships: list[tuple[str, str]] = field(default_factory=list)  # (legacy id, kind)


def format_of(filename: str, given: str = "") -> str:
    fmt = (given or filename.rsplit(".", 1)[-1]).lower()
    fmt = {"ndjson": "jsonl", "json": "jsonl"}.get(fmt, fmt)
    if fmt not in FORMATS:
        raise ImportFileError(
            "The file must be CSV (.csv) or JSON lines (.jsonl), one person a row or line"
        )
    return fmt


def read_rows(stream: IO[bytes], fmt: str) -> list[tuple[int, dict[str, Any]]]:
    """The rows with their numbers; an unreadable file raises ImportFileError."""
    try:
        text = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")
        rows = _csv(text) if fmt == "csv" else _jsonl(text)
    except UnicodeDecodeError:
        raise ImportFileError("The file must be UTF-8 text. Save it again as UTF-8") from None
    if not rows:
        raise ImportFileError("The file has no people in it")
    if len(rows) > MAX_ROWS:
        raise ImportFileError(f"The file has more than {MAX_ROWS:,} people. Split it")
    return rows


def _csv(text: IO[str]) -> list[tuple[int, dict[str, Any]]]:
    reader = csv.DictReader(text)
    missing = [c for c in REQUIRED if c not in (reader.fieldnames or [])]
    if missing:
        raise ImportFileError(
            f"The first row must name the columns; {', '.join(missing)} missing. "
            "See the layout in the import guide"
        )
    return [
        (n, row)
        for n, row in enumerate(reader, start=2)
        if any((v or "").strip() for v in row.values())
    ]


def _jsonl(text: IO[str]) -> list[tuple[int, dict[str, Any]]]:
    rows = []
    for n, line in enumerate(text, start=1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError:
            raise ImportFileError(
                f"Line {n} is not valid JSON. Each line must be one person"
            ) from None
        if not isinstance(value, dict):
            raise ImportFileError(f"Line {n} must be one person, written as a JSON object")
        rows.append((n, value))
    return rows


def _text(row: dict[str, Any], key: str) -> str:
    value = row.get(key)
    return "" if value is None else str(value).strip()


def _list(row: dict[str, Any], key: str) -> list[str]:
    value = row.get(key)
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    return [p.strip() for p in _text(row, key).split("|") if p.strip()]


def parse_date(value: str) -> date:
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    raise ValidationError("Enter a real date, like 2015-03-27 or 27/03/2015")


def _names(values: list[str], problems: list[Problem], n: int, key: str) -> list[tuple[str, str]]:
    names = []
    for value in values:
        # "First Last", or "First/Last" when the surname has more than one word.
        first, _, last = value.partition("/") if "/" in value else value.rpartition(" ")
        first, last = first.strip(), last.strip()
        if not first or not last:
            problems.append(
                Problem(
                    n,
                    key,
                    f"Write each name as first name then surname (First/Surname if the surname has spaces): '{value}'",
                )
            )
        else:
            names.append((first[:100], last[:100]))
    return names


def check_row(n: int, row: dict[str, Any], now: datetime) -> tuple[Incoming, list[Problem]]:
    """One row as a person ready to save, and its problems (all of them): a row with problems is
    not saved, but its relationships are still checked against the rest of the file."""
    problems: list[Problem] = []
    legacy_id = _text(row, "legacy_id")
    for key in REQUIRED:
        if not _text(row, key):
            problems.append(Problem(n, key, f"Enter the {key.replace('_', ' ')}"))
    if len(legacy_id) > MAX_ID:
        problems.append(
            Problem(n, "legacy_id", f"The legacy id must be {MAX_ID} characters or fewer")
        )
    for key, limit in LENGTHS.items():
        if len(_text(row, key)) > (limit or 0):
            problems.append(
                Problem(n, key, f"The {key.replace('_', ' ')} must be {limit} characters or fewer")
            )
    kind = KINDS.get(_text(row, "kind").lower())
    if kind is None:
        problems.append(Problem(n, "kind", "Kind must be child, adult or unborn"))
    sex = SEXES.get(_text(row, "sex").lower())
    if sex is None:
        problems.append(Problem(n, "sex", "Sex must be M, F or U (or male, female, unknown)"))
    values: dict[str, Any] = {}
    for key in ("date_of_birth", "expected_date_of_birth"):
        if _text(row, key):
            try:
                values[key] = parse_date(_text(row, key))
            except ValidationError as error:
                problems.append(Problem(n, key, error.messages[0]))
    for key, check in (("nhs_number", normalise_nhs_number), ("upn", normalise_upn)):
        if _text(row, key):
            try:
                values[key] = check(_text(row, key))
            except ValidationError as error:
                problems.append(Problem(n, key, error.messages[0]))
    relationships = []
    for value in _list(row, "relationships"):
        other, _, rel = value.partition(":")
        if not other.strip() or rel.strip() not in RELATIONSHIPS:
            problems.append(
                Problem(
                    n,
                    "relationships",
                    f"Write each relationship as legacy id:kind (parent, sibling, household or other): '{value}'",
                )
            )
        else:
            relationships.append((other.strip(), rel.strip()))
    other_names = _names(_list(row, "other_names"), problems, n, "other_names")
    previous_names = _names(_list(row, "previous_names"), problems, n, "previous_names")
    person = Person(
        kind=kind or PersonKind.CHILD,
        first_name=_text(row, "first_name"),
        middle_names=_text(row, "middle_names"),
        last_name=_text(row, "last_name"),
        sex=sex or Sex.UNKNOWN,
        created_at=now,
        **values,
    )
    # The identifier's status and reason, as person_create keeps them (docs/people.md).
    settle_identifier(person)
    if not any(p.field in ("date_of_birth", "expected_date_of_birth", "kind") for p in problems):
        try:
            check_person(person)
        except ValidationError as error:
            problems += [Problem(n, k, " ".join(v)) for k, v in error.message_dict.items()]
    address = {
        "line1": _text(row, "address_line1"),
        "line2": _text(row, "address_line2"),
        "town": _text(row, "town"),
        "postcode": _text(row, "postcode"),
        "country": _text(row, "country"),
    }
    if any(address.values()):
        try:
            address_build(person, address, None)
        except ValidationError as error:
            names = {"line1": "address_line1"}
            problems += [
                Problem(n, names.get(k, k), " ".join(v)) for k, v in error.message_dict.items()
            ]
    return (
        Incoming(
            row=n,
            legacy_id=legacy_id,
            person=person,
            other_names=other_names,
            previous_names=previous_names,
            address=address if any(address.values()) else None,
            household=_text(row, "household")[:60],
            relationships=relationships,
        ),
        problems,
    )
