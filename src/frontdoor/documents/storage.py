"""Document files on disk, outside the web root: FRONTDOOR_DOCUMENT_ROOT (default var/documents/),
under random names, readable only by the service's own user. Nothing serves this folder; a file is
only ever read through `documents.views.download`, after the record's gate."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from django.conf import settings


def root() -> Path:
    configured = getattr(settings, "FRONTDOOR_DOCUMENT_ROOT", None)
    return Path(configured) if configured else Path(settings.DATA_DIR) / "documents"


def path_of(stored_name: str) -> Path:
    # Stored names are made here (hex only), so this never leaves the root.
    return root() / stored_name[:2] / stored_name


def write(data: bytes) -> str:
    """Write the file under a new random name (owner read/write only) and return the name."""
    name = secrets.token_hex(20)
    target = path_of(name)
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(data)
    return name


def remove(stored_name: str) -> None:
    path_of(stored_name).unlink(missing_ok=True)
