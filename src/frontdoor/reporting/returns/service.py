"""Running the returns: the census file and Annex A workbook, their checks and their audit."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from typing import Any

from frontdoor.audit.models import AuditEvent

from ..exports import audit_export
from .annex_a import AnnexA, six_months_to, write_annex_a
from .census import census_children, census_referrals, collection_year
from .checks import Failure, check_census
from .cin_xml import census_xml


def census_failures(year: int) -> list[Failure]:
    return list(check_census(census_children(year)))


def census_size(year: int) -> int:
    return int(census_referrals(year).values("person_id").distinct().count())


def census_export(*, actor: Any, year: int, now: datetime) -> Iterator[bytes]:
    """Audit the export (who, what, when, how many children), then stream the file."""
    serial = (
        AuditEvent.objects.filter(
            action="export", record_type="cin_census", record_id=str(year)
        ).count()
        + 1
    )
    start, ref = collection_year(year)
    audit_export(
        actor=actor,
        what="cin_census",
        record_id=str(year),
        children=census_size(year),
        detail={"from": start.isoformat(), "reference_date": ref.isoformat(), "serial": serial},
    )
    return census_xml(year, census_children(year), now=now, serial=serial)


def annex_a_export(*, actor: Any, end: date, path: str) -> AnnexA:
    annex = write_annex_a(path, end)
    start, end = six_months_to(end)
    audit_export(
        actor=actor,
        what="annex_a",
        record_id=end.isoformat(),
        children=len(annex.children),
        detail={"from": start.isoformat(), "to": end.isoformat()},
    )
    return annex
