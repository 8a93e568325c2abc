"""The audit table is append-only in the database itself; this module holds the one exception.

Migration 0002 installs triggers that refuse every UPDATE and DELETE of an audit row (and, on
PostgreSQL, every TRUNCATE), whatever route the SQL takes: a model `save()`, a queryset `update()`
or `delete()` on any manager, `bulk_update`, an upsert, or raw SQL through `connection.cursor()`.

The one exception is `frontdoor flush` (Django's whole-database reset, which the test harness runs
between transactional tests). Our `flush` command announces itself before emptying the tables:

- SQLite: the delete trigger asks the SQL function `frontdoor_audit_flushing()`, registered on every
  connection by `register_sqlite_function`; it answers 1 only inside `audit_flush_permitted()`.
  A connection without the function (the sqlite3 shell, another program) cannot delete either: the
  trigger fails with "no such function", so the table stays closed.
- PostgreSQL: the flush is a TRUNCATE; the TRUNCATE trigger lets it through only when the
  transaction-local setting `frontdoor.audit_flush` is 'on', which `audit_flush_permitted()` sets
  with `set_config(..., true)` for that one transaction.

What this does not protect against is written in docs/security.md: code running inside the process
could call `audit_flush_permitted()` itself, and whoever can write the database file (SQLite) or
own the table (PostgreSQL) can drop the triggers.
"""

from __future__ import annotations

import contextvars
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db.backends.base.base import BaseDatabaseWrapper

SQLITE_FUNCTION = "frontdoor_audit_flushing"
PG_SETTING = "frontdoor.audit_flush"

_flushing: contextvars.ContextVar[bool] = contextvars.ContextVar(
    "frontdoor_audit_flushing", default=False
)


def _flushing_now() -> int:
    return 1 if _flushing.get() else 0


def register_sqlite_function(sender: Any, connection: BaseDatabaseWrapper, **kwargs: Any) -> None:
    """`connection_created` receiver: give each SQLite connection the function the trigger asks."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(SQLITE_FUNCTION, 0, _flushing_now)


@contextmanager
def audit_flush_permitted(connection: BaseDatabaseWrapper) -> Iterator[None]:
    """Let the flush command empty the audit table. Call inside the flush's transaction."""
    token = _flushing.set(True)
    try:
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT set_config(%s, 'on', true)", [PG_SETTING])
        yield
    finally:
        _flushing.reset(token)
