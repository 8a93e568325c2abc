"""Running a large police import outside the web request, with progress the page can show.

A file of up to BACKGROUND_ROWS rows (a day's file: a second or two) is imported inside the
request. A larger one is read and checked in the request (so a file that cannot be read is still
refused on the upload page), written to the data folder as checked rows, and imported by a
background job (`frontdoor.jobs`, kind `police_import`): `frontdoor db_worker` runs it in
production, a thread of the web server in the embedded demo. The import record is updated after
each batch, in the same transaction as the batch, and the results page reloads itself every few
seconds until the import has finished.

If the worker dies during an import (a restart, a deploy), the batches already committed stay (each
notification whole, with its children, notices, chronology and audit), nothing of the batch in
progress is kept, and the record stays "Importing" with the counts of what was saved. The results
page notices that no progress has been saved for STALLED_AFTER and says the import stopped;
importing the same file again adds only what is missing. Cancelling the job stops it the same way,
at the next batch.
"""

from __future__ import annotations

import json
import logging
import uuid
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from frontdoor.accounts.models import User

from .importer import ImportResult, police_import_run
from .models import ImportStatus, PoliceImport
from .rows import FileRows

REFRESH_SECONDS = 3
STALLED_AFTER = timedelta(minutes=2)  # a batch takes well under a second
log = logging.getLogger(__name__)


def background_rows() -> int:
    """Files with more rows than this are imported in the background (default 2,000: about two
    seconds; the setting FRONTDOOR_IMPORT_BACKGROUND_ROWS changes it)."""
    return int(getattr(settings, "FRONTDOOR_IMPORT_BACKGROUND_ROWS", 2000))


def police_import_begin(
    *, actor: User, record: PoliceImport, checked: FileRows
) -> ImportResult | None:
    """Import now (small files: the result) or hand the checked rows to a background job (None)."""
    if len(checked.rows) <= background_rows():
        return police_import_run(actor=actor, record=record, checked=checked)
    from frontdoor.jobs.services import job_submit, results_dir

    path = Path(results_dir()) / f"police-import-{record.pk}-{uuid.uuid4().hex}.json"
    path.write_text(
        json.dumps(
            {
                "rows": checked.rows,
                "shape_errors": {str(k): v for k, v in checked.shape_errors.items()},
            }
        )
    )
    job_submit(
        actor=actor, kind="police_import", params={"import_id": record.pk, "file": str(path)}
    )
    return None


def read_checked(path: str) -> FileRows:
    """The checked rows the upload wrote for the job."""
    data = json.loads(Path(path).read_text())
    return FileRows(
        rows=[(int(number), dict(values)) for number, values in data["rows"]],
        shape_errors={int(k): str(v) for k, v in data["shape_errors"].items()},
    )


def import_stalled(record: PoliceImport) -> bool:
    """A running import whose progress has not moved for STALLED_AFTER: its process died."""
    return (
        record.status == ImportStatus.RUNNING
        and record.updated_at is not None
        and timezone.now() - record.updated_at > STALLED_AFTER
    )
