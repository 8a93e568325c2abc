"""Django's `flush` (empty every table), allowed past the audit table's append-only triggers.

Flush is an operator's whole-database reset, and the test harness's way of cleaning up between
transactional tests; it is never part of a request. It runs in one transaction with the audit
table's triggers told (see `frontdoor.audit.appendonly`) that this is the flush.
"""

from __future__ import annotations

from typing import Any

from django.core.management.commands import flush
from django.db import connections, transaction

from frontdoor.audit.appendonly import audit_flush_permitted


class Command(flush.Command):
    help = flush.Command.help + " The append-only audit trail is emptied too."

    def handle(self, **options: Any) -> None:
        database = options["database"]
        with transaction.atomic(using=database):
            with audit_flush_permitted(connections[database]):
                super().handle(**options)
