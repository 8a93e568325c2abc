from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture(autouse=True)
def document_root(settings: Any, tmp_path: Any) -> Any:
    """Letters' PDFs go to each test's own folder (never the developer's var/documents)."""
    settings.FRONTDOOR_DOCUMENT_ROOT = tmp_path / "documents"
    return settings.FRONTDOOR_DOCUMENT_ROOT
