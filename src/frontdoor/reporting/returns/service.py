"""Running the returns: the census file and the Annex A workbook, each audited when exported."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime

from frontdoor.accounts.models import User
from frontdoor.audit.models import AuditEvent

from ..exports import audit_export
from ..selectors import census_size
from .annex_a import AnnexA, six_months_to, write_annex_a
from .census import census_children, collection_year
from .cin_xml import census_xml


def census_export(*, actor: User | None, year: int, now: datetime) -> Iterator[bytes]:
    """Audit the export (who, what, when, how many children), then stream the file. `actor` is
    None when the `export_cin_census` command runs it (the audit row then names the system)."""
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


def annex_a_export(*, actor: User | None, end: date, path: str) -> AnnexA:
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
