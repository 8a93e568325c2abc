"""Builders for police tests: CSV text in the police format, and imports through the service."""

from __future__ import annotations

import csv
import io
from datetime import datetime
from typing import Any

from frontdoor.core.calendar import LONDON
from frontdoor.police.importer import COLUMNS, police_notifications_import

NOW = datetime(2026, 11, 24, 8, 0, tzinfo=LONDON)  # a Tuesday


def row(
    reference: str,
    first: str = "Amy",
    last: str = "Featherstone",
    dob: str = "01/05/2014",
    **overrides: str,
) -> dict[str, str]:
    values = {
        "police_reference": reference,
        "incident_date": "23/11/2026",
        "incident_time": "23:40",
        "incident_type": "domestic abuse",
        "dash_level": "medium",
        "victim_name": "Mary Featherstone",
        "perpetrator_name": "Dan Smith",
        "child_first_name": first,
        "child_last_name": last,
        "child_date_of_birth": dob,
        "child_address": "1 High Street",
        "child_postcode": "SW1A 1AA",
        "child_school": "Demoton Primary School",
        "child_present": "yes",
        "summary": "Police attended a verbal argument; the children were upstairs.",
    }
    values.update(overrides)
    return values


def csv_text(rows: list[dict[str, str]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS)
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def run_import(rows: list[dict[str, str]], actor: Any = None, now: datetime = NOW) -> Any:
    return police_notifications_import(
        actor=actor, stream=io.StringIO(csv_text(rows)), filename="ppn.csv", now=now
    )
