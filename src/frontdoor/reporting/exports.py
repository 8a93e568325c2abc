"""Safe exports: audited, streamed, and neutralised against spreadsheet formula injection."""

from __future__ import annotations

import csv
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from django.db import transaction
from django.http import FileResponse, StreamingHttpResponse

from frontdoor.accounts.models import User
from frontdoor.audit.services import audit_record

FORMULA_STARTS = ("=", "+", "-", "@")


def neutralise(value: Any) -> Any:
    """A text value a spreadsheet would run as a formula gets a leading single quote (OWASP CSV
    injection). Numbers are left alone; so are our own negative numbers, which are never text."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


@transaction.atomic
def audit_export(
    *, actor: User | None, what: str, record_id: str, children: int, detail: dict[str, Any]
) -> None:
    """Who exported what, when (the audit row's time) and about how many children. `actor` is None
    for the management commands (run by the system, not a person)."""
    audit_record(
        actor=actor,
        action="export",
        record_type=what,
        record_id=record_id,
        detail={"children": children, **detail},
    )


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_response(rows: Iterable[Iterable[Any]], filename: str) -> StreamingHttpResponse:
    writer = csv.writer(_Echo())
    stream = (writer.writerow([neutralise(v) for v in row]) for row in rows)
    response = StreamingHttpResponse(stream, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def xml_response(chunks: Iterator[bytes], filename: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(chunks, content_type="application/xml")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def xlsx_response(write: Callable[[str], Any], filename: str) -> FileResponse:
    """Write the workbook to a temporary file (xlsxwriter's constant-memory mode flushes each row),
    then stream that file; the file is removed as soon as it is open."""
    handle, path = tempfile.mkstemp(suffix=".xlsx")
    os.close(handle)
    try:
        write(path)
        stream = open(path, "rb")  # noqa: SIM115 - FileResponse closes it
    finally:
        os.unlink(path)
    return FileResponse(
        stream,
        as_attachment=True,
        filename=filename,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
