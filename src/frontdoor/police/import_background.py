"""Running a large police import outside the web request, with progress the page can show.

A file of up to BACKGROUND_ROWS rows (a day's file: a second or two) is imported inside the
request. A larger one is imported by a thread of the web server process, after the file has been
read and checked in the request (so a file that cannot be read is still refused on the upload
page). The import record is updated after each batch, in the same transaction as the batch, and
the results page reloads itself every few seconds until the import has finished.

If the process dies during a background import (a restart, a deploy, the server killed), the
thread dies with it: the batches already committed stay (each notification whole, with its
children, notices, chronology and audit), nothing of the batch in progress is kept, and the record
stays "Importing" with the counts of what was saved. The results page notices that no progress
has been saved for STALLED_AFTER and says the import stopped; importing the same file again adds
only what is missing. There is no job queue to restart it automatically.
"""

from __future__ import annotations

import logging
import threading
from datetime import timedelta

from django.conf import settings
from django.db import connection
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
    """Import now (small files: the result) or start a background thread (None)."""
    if len(checked.rows) <= background_rows():
        return police_import_run(actor=actor, record=record, checked=checked)
    thread = threading.Thread(
        target=_run_in_thread,
        kwargs={"actor": actor, "record": record, "checked": checked},
        name=f"police-import-{record.pk}",
        daemon=True,
    )
    thread.start()
    return None


def _run_in_thread(*, actor: User, record: PoliceImport, checked: FileRows) -> None:
    try:
        police_import_run(actor=actor, record=record, checked=checked)
    except Exception:  # already recorded on the import and audited; logged for the operators
        log.exception("Police import %s stopped", record.pk)
    finally:
        connection.close()  # this thread's own database connection


def import_stalled(record: PoliceImport) -> bool:
    """A running import whose progress has not moved for STALLED_AFTER: its process died."""
    return (
        record.status == ImportStatus.RUNNING
        and record.updated_at is not None
        and timezone.now() - record.updated_at > STALLED_AFTER
    )
