"""The audit trail is append-only in the DATABASE: every route to change or delete a row fails.

Each test goes past the model's Python guards where it can (`_base_manager`, `save_base`,
`Model.delete`, raw SQL), so what refuses the change is the trigger from migration 0002. Run on
SQLite and on PostgreSQL (DATABASE_URL=postgres://...).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import IntegrityError, connection, models, transaction
from django.utils import timezone

from frontdoor.accounts.models import User
from frontdoor.audit.models import AuditEvent, AuditIsAppendOnly
from frontdoor.audit.services import audit_record

pytestmark = pytest.mark.django_db
TABLE = AuditEvent._meta.db_table


@pytest.fixture
def event(mash_worker: User) -> AuditEvent:
    return audit_record(
        actor=mash_worker, action="view", record_type="person", record_id=7, person_id=7
    )


def stored(event: AuditEvent) -> tuple[str, str, str]:
    row = AuditEvent.objects.values_list("action", "record_type", "record_id").get(pk=event.pk)
    return (row[0], row[1], row[2])


def refused_by_database(action: Callable[[], Any]) -> str:
    with pytest.raises(IntegrityError) as raised, transaction.atomic():
        action()
    return str(raised.value)


def test_it_still_appends(event: AuditEvent) -> None:
    assert stored(event) == ("view", "person", "7")
    assert AuditEvent.objects.count() == 1


def test_save_of_an_existing_row_is_refused(event: AuditEvent) -> None:
    event.action = "edited"
    with pytest.raises(AuditIsAppendOnly, match="cannot be changed"):
        event.save()
    assert stored(event) == ("view", "person", "7")


def test_save_base_past_the_model_guard_is_refused_by_the_database(event: AuditEvent) -> None:
    event.action = "edited"
    message = refused_by_database(lambda: event.save_base(force_update=True))
    assert "append-only: UPDATE refused" in message
    assert stored(event) == ("view", "person", "7")


def test_queryset_update_on_the_base_manager_is_refused_by_the_database(event: AuditEvent) -> None:
    message = refused_by_database(
        lambda: AuditEvent._base_manager.filter(pk=event.pk).update(action="edited")
    )
    assert "append-only: UPDATE refused" in message
    assert stored(event) == ("view", "person", "7")


def test_queryset_update_and_delete_on_the_default_manager_are_refused_early(
    event: AuditEvent,
) -> None:
    with pytest.raises(AuditIsAppendOnly):
        AuditEvent.objects.filter(pk=event.pk).update(action="edited")
    with pytest.raises(AuditIsAppendOnly):
        AuditEvent.objects.filter(pk=event.pk).delete()
    assert stored(event) == ("view", "person", "7")


def test_queryset_delete_on_the_base_manager_is_refused_by_the_database(event: AuditEvent) -> None:
    message = refused_by_database(lambda: AuditEvent._base_manager.filter(pk=event.pk).delete())
    assert "append-only: DELETE refused" in message
    assert AuditEvent.objects.filter(pk=event.pk).count() == 1


def test_instance_delete_past_the_model_guard_is_refused_by_the_database(event: AuditEvent) -> None:
    with pytest.raises(AuditIsAppendOnly):
        event.delete()
    message = refused_by_database(lambda: models.Model.delete(event))
    assert "append-only: DELETE refused" in message
    assert AuditEvent.objects.filter(pk=event.pk).count() == 1


def test_bulk_create_with_update_conflicts_is_refused_by_the_database(event: AuditEvent) -> None:
    clash = AuditEvent(
        pk=event.pk, action="edited", record_type="person", record_id="7", at=timezone.now()
    )
    message = refused_by_database(
        lambda: AuditEvent.objects.bulk_create(
            [clash], update_conflicts=True, unique_fields=["id"], update_fields=["action"]
        )
    )
    assert "append-only: UPDATE refused" in message
    assert stored(event) == ("view", "person", "7")


def test_bulk_update_on_the_base_manager_is_refused_by_the_database(event: AuditEvent) -> None:
    event.action = "edited"
    with pytest.raises(AuditIsAppendOnly):
        AuditEvent.objects.bulk_update([event], ["action"])
    message = refused_by_database(lambda: AuditEvent._base_manager.bulk_update([event], ["action"]))
    assert "append-only: UPDATE refused" in message
    assert stored(event) == ("view", "person", "7")


def test_raw_sql_update_is_refused_by_the_database(event: AuditEvent) -> None:
    def raw_update() -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"UPDATE {TABLE} SET action = %s WHERE id = %s", ["edited", event.pk])

    assert "append-only: UPDATE refused" in refused_by_database(raw_update)
    assert stored(event) == ("view", "person", "7")


def test_raw_sql_delete_is_refused_by_the_database(event: AuditEvent) -> None:
    def raw_delete() -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {TABLE} WHERE id = %s", [event.pk])

    assert "append-only: DELETE refused" in refused_by_database(raw_delete)
    assert AuditEvent.objects.filter(pk=event.pk).count() == 1


def test_the_flush_statements_run_outside_the_flush_command_are_refused(event: AuditEvent) -> None:
    """The SQL the flush command runs (DELETE on SQLite, TRUNCATE on PostgreSQL) is refused when
    anything but the flush command runs it."""
    statements = connection.ops.sql_flush(no_style(), [TABLE])

    def run() -> None:
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                # PostgreSQL will not TRUNCATE a table with pending deferred foreign-key checks
                # (the fixture's row was inserted in this transaction): check them now, as a fresh
                # transaction would have.
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            for statement in statements:
                cursor.execute(statement)

    message = refused_by_database(run)
    assert "append-only" in message and "refused" in message
    assert AuditEvent.objects.filter(pk=event.pk).count() == 1


def test_the_triggers_are_in_the_migrated_database() -> None:
    """A later migration that rebuilds the table (SQLite does, to alter a column) would drop the
    triggers with it: this fails until that migration puts them back."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s "
                "ORDER BY name",
                [TABLE],
            )
            expected = [("audit_auditevent_no_delete",), ("audit_auditevent_no_update",)]
        else:
            cursor.execute(
                "SELECT tgname FROM pg_trigger WHERE tgrelid = %s::regclass AND NOT tgisinternal "
                "ORDER BY tgname",
                [TABLE],
            )
            expected = [("audit_auditevent_no_change",), ("audit_auditevent_no_truncate",)]
        assert cursor.fetchall() == expected


@pytest.mark.django_db(transaction=True)
def test_the_flush_command_still_empties_the_table_for_the_test_harness(mash_worker: User) -> None:
    audit_record(actor=mash_worker, action="view", record_type="person", record_id=1)
    assert AuditEvent.objects.count() == 1
    call_command("flush", interactive=False, verbosity=0)
    assert AuditEvent.objects.count() == 0
    # The permission lasted only for the flush: the next delete is refused again.
    audit_record(actor=None, action="view", record_type="person", record_id=2)
    message = refused_by_database(lambda: AuditEvent._base_manager.all().delete())
    assert "append-only: DELETE refused" in message
