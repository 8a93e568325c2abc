"""Reporting reads from a read replica when one is configured (`DATABASE_REPLICA_URL`).

The dashboard, the returns and the benchmarks read a great deal and write nothing about children,
so their reads can go to a streaming replica and leave the primary to the people doing casework.
Everything else, and every write, goes to the primary. A view opts in with `reporting_reads()`:

    with reporting_reads():
        figures = dashboard_figures(...)

The replica lags the primary by a moment, which a dashboard can bear and a case page cannot; that
is why the choice is made per block of code, not per model. Reads made inside a transaction on the
primary stay on the primary, so a service never reads past its own writes.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.db import connections

_reporting: ContextVar[bool] = ContextVar("frontdoor_reporting_reads", default=False)


def replica_configured() -> bool:
    return "replica" in settings.DATABASES


@contextmanager
def reporting_reads() -> Iterator[str]:
    """Within this block, reads go to the replica when there is one. Yields the alias used."""
    token = _reporting.set(True)
    try:
        yield "replica" if _use_replica() else "default"
    finally:
        _reporting.reset(token)


def _use_replica() -> bool:
    # Reads inside a transaction on the primary stay there: they must see its own writes.
    return _reporting.get() and replica_configured() and not connections["default"].in_atomic_block


class ReplicaRouter:
    def db_for_read(self, model: Any, **hints: Any) -> str | None:
        return "replica" if _use_replica() else None

    def db_for_write(self, model: Any, **hints: Any) -> str | None:
        return "default"

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool | None:
        return True  # the replica holds the same rows as the primary

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool | None:
        return db == "default"  # the replica is migrated by replication, never directly
