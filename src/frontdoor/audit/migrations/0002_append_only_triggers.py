"""Append-only in the database: triggers refuse every UPDATE and DELETE of an audit row.

SQLite: BEFORE UPDATE always aborts; BEFORE DELETE aborts unless the connection's
`frontdoor_audit_flushing()` function answers 1 (only during `frontdoor flush`).
PostgreSQL: a row trigger on UPDATE and DELETE always raises; a statement trigger on TRUNCATE raises
unless the transaction set `frontdoor.audit_flush` to 'on' (only during `frontdoor flush`).
Both raise SQLSTATE 23000 so Django reports an IntegrityError. See frontdoor/audit/appendonly.py.
"""

from typing import Any

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

TABLE = "audit_auditevent"

SQLITE_UP = [
    f"""CREATE TRIGGER audit_auditevent_no_update BEFORE UPDATE ON {TABLE}
    BEGIN
        SELECT RAISE(ABORT, 'Audit events are append-only: UPDATE refused on {TABLE}');
    END""",
    f"""CREATE TRIGGER audit_auditevent_no_delete BEFORE DELETE ON {TABLE}
    WHEN NOT frontdoor_audit_flushing()
    BEGIN
        SELECT RAISE(ABORT, 'Audit events are append-only: DELETE refused on {TABLE}');
    END""",
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS audit_auditevent_no_update",
    "DROP TRIGGER IF EXISTS audit_auditevent_no_delete",
]

POSTGRES_UP = [
    """CREATE FUNCTION audit_auditevent_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION 'Audit events are append-only: % refused on %', TG_OP, TG_TABLE_NAME
            USING ERRCODE = 'integrity_constraint_violation';
    END
    $$""",
    f"""CREATE TRIGGER audit_auditevent_no_change BEFORE UPDATE OR DELETE ON {TABLE}
    FOR EACH ROW EXECUTE FUNCTION audit_auditevent_refuse_change()""",
    """CREATE FUNCTION audit_auditevent_refuse_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF coalesce(current_setting('frontdoor.audit_flush', true), '') <> 'on' THEN
            RAISE EXCEPTION 'Audit events are append-only: TRUNCATE refused on %', TG_TABLE_NAME
                USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        RETURN NULL;
    END
    $$""",
    f"""CREATE TRIGGER audit_auditevent_no_truncate BEFORE TRUNCATE ON {TABLE}
    FOR EACH STATEMENT EXECUTE FUNCTION audit_auditevent_refuse_truncate()""",
]
POSTGRES_DOWN = [
    f"DROP TRIGGER IF EXISTS audit_auditevent_no_truncate ON {TABLE}",
    f"DROP TRIGGER IF EXISTS audit_auditevent_no_change ON {TABLE}",
    "DROP FUNCTION IF EXISTS audit_auditevent_refuse_truncate()",
    "DROP FUNCTION IF EXISTS audit_auditevent_refuse_change()",
]

BY_VENDOR = {"sqlite": (SQLITE_UP, SQLITE_DOWN), "postgresql": (POSTGRES_UP, POSTGRES_DOWN)}


def _run(schema_editor: BaseDatabaseSchemaEditor, index: int) -> None:
    vendor = schema_editor.connection.vendor
    if vendor not in BY_VENDOR:
        raise RuntimeError(
            f"Front Door's append-only audit triggers exist for SQLite and PostgreSQL only, "
            f"not {vendor}: use one of those databases."
        )
    for statement in BY_VENDOR[vendor][index]:
        schema_editor.execute(statement, params=None)


def install(apps: Any, schema_editor: BaseDatabaseSchemaEditor) -> None:
    _run(schema_editor, 0)


def remove(apps: Any, schema_editor: BaseDatabaseSchemaEditor) -> None:
    _run(schema_editor, 1)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [migrations.RunPython(install, remove, elidable=False)]
